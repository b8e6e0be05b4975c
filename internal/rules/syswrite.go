package rules

import (
	"strings"

	"github.com/guardsh/guard/internal/parse"
)

// This file holds the matcher of writes onto system files: tee, cp,
// install, ln and truncate judged by what they write, not by what they
// read.

// deployDirs hold applications deployed on the machine, one directory
// each (/opt/app, /srv/site, /var/www/html): a copy into one is a
// deployment, not a change to the system. packagePrefixes are the
// exceptions, package managers' trees under /opt that the tools on PATH
// come from.
var (
	deployDirs      = []string{"/opt", "/srv", "/var/www"}
	packagePrefixes = []string{"/opt/homebrew", "/opt/local", "/opt/conda", "/opt/miniconda3", "/opt/anaconda3"}
)

// newWritesSystem matches tee, cp, install, ln and truncate when a file
// they write is in one of the path classes in classes: every operand of
// tee and truncate, every directory install -d makes, and otherwise the
// destination (the last operand, or the directory -t names; ln with one
// operand links into the working directory). What they only read, as
// cp /etc/hosts ./hosts does, is left to the rules on reading. A write
// into an application's deploy directory is not a system file.
func newWritesSystem(with map[string]any) (matchFunc, error) {
	p := newParams(with)
	classes, err := parseClasses(p.strings("classes"))
	if err != nil {
		return nil, err
	}
	if err := p.done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		at := placeOf(inv, ctx)
		appends := v.name == "tee" && teeAppends(v)
		for _, l := range writtenFiles(inv, v, ctx) {
			w := l.path
			if appends && entryList(w) {
				// tee -a /etc/hosts adds an entry (appendentry.go).
				continue
			}
			c := classify(w, at, ctx)
			if c&classes == 0 {
				continue
			}
			if c&^classSystem&classes == 0 && c&classDynamic == 0 && deployTarget(l, at) {
				continue
			}
			return parse.Quote(w.Value) + ", which it writes, " + describe(c, classes), true
		}
		return "", false
	}, nil
}

// writtenFiles returns the paths inv writes: its operands (tee,
// truncate, install -d), or where its copies land (see landings).
func writtenFiles(inv *parse.Invocation, v *view, ctx *Context) []landing {
	var ops []parse.Word
	switch v.name {
	case "tee", "truncate":
		ops = v.operands
	case "install":
		if hasOpt(v.flagWords(), "-d", "--directory") {
			ops = v.operands
		}
	case "ln":
		if len(v.operands) == 1 {
			return nil
		}
	case "dd", "openssl":
		return outputFiles(inv)
	}
	if ops != nil {
		out := make([]landing, len(ops))
		for i, w := range ops {
			out[i] = landing{path: w}
		}
		return out
	}
	out, _ := landings(inv, v, ctx)
	return out
}

// deployTarget reports whether l is below a deploy directory and outside
// the package managers' prefixes. A file put into a directory is judged
// by the directory: cp app.conf /opt/ writes into /opt itself.
func deployTarget(l landing, at place) bool {
	w := l.path
	if l.into.Value != "" {
		w = l.into
	}
	abs, ok := resolve(strings.TrimRight(w.Value, "/"), at.dir)
	if !ok || w.Glob {
		return false
	}
	for _, p := range packagePrefixes {
		if under(abs, p) {
			return false
		}
	}
	for _, d := range deployDirs {
		if strictlyUnder(abs, d) {
			return true
		}
	}
	return false
}

// outputFiles returns the files dd and openssl write: dd's of=FILE (a
// device is left to the disk rules), openssl's -out and -keyout (a key
// generated over /etc/ssl/private/site.key replaces the live one).
func outputFiles(inv *parse.Invocation) []landing {
	var out []landing
	args := inv.Own()
	for i := 1; i < len(args); i++ {
		a := args[i]
		switch {
		case inv.Name == "dd" && strings.HasPrefix(a.Value, "of="):
			// A swap file or a disk image written at the root or in
			// root's home is everyday; a file under /etc, /boot or /usr
			// is configuration, a key or the system itself.
			w := a
			w.Value = a.Value[3:]
			if abs := resolvePath(w.Value, inv.Dir); !w.Dynamic && ddSystemPath(abs) {
				out = append(out, landing{path: w})
			}
		case inv.Name == "openssl" && (a.Value == "-out" || a.Value == "-keyout") && i+1 < len(args):
			i++
			out = append(out, landing{path: args[i]})
		}
	}
	return out
}

// ddSystemPath reports whether dd's output file is configuration, a key
// or part of the installed system.
func ddSystemPath(abs string) bool {
	for _, p := range []string{"/etc/", "/boot/", "/usr/"} {
		if strings.HasPrefix(abs, p) {
			return true
		}
	}
	return false
}
