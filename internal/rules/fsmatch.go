package rules

import (
	"path"
	"slices"
	"strings"

	"github.com/guardsh/guard/internal/parse"
	"github.com/guardsh/guard/internal/wordlist"
)

// This file holds the filesystem pack's matchers: find deleting under its
// starting points, chmod widening access, mv and rsync judged by their
// sources and destination, and files emptied in place.

// findScan reads a find command: its starting points, whether it deletes
// what it finds (-delete, or -exec rm and the like), and whether a test
// chooses some of the files (-name, -path, -mtime, ...).
func findScan(inv *parse.Invocation) (roots []parse.Word, del, filtered bool) {
	inRoots := true
	args := inv.Args[1:]
	for i := 0; i < len(args); i++ {
		a := args[i]
		s := a.Value
		if inRoots && (strings.HasPrefix(s, "-") || s == "(" || s == "!") {
			inRoots = false
		}
		if inRoots {
			if s != "-H" && s != "-L" && s != "-P" {
				roots = append(roots, a)
			}
			continue
		}
		switch {
		case s == "-delete":
			del = true
		case s == "-exec" || s == "-execdir" || s == "-ok" || s == "-okdir":
			if i+1 < len(args) && wordlist.Has(rmLike, path.Base(args[i+1].Value)) {
				del = true
			}
			for i < len(args) && args[i].Value != ";" && args[i].Value != "+" {
				i++
			}
		case recentTest(args, i):
			// -newermt 2024-01-01, -mtime -3: the newest files are the
			// work of late, not a narrowing of what to delete.
			i++
		case wordlist.Has(findFilters, s):
			filtered = true
		}
	}
	if len(roots) == 0 {
		roots = []parse.Word{{Value: "."}}
	}
	return roots, del, filtered
}

// recentTest reports whether args[i] is a find test that chooses the
// files changed lately (-newer FILE, -newermt DATE, -mtime -N, -mmin -N),
// with its operand at args[i+1].
func recentTest(args []parse.Word, i int) bool {
	if i+1 >= len(args) {
		return false
	}
	s, n := args[i].Value, args[i+1].Value
	switch {
	case s == "-newer" || strings.HasPrefix(s, "-newer") && len(s) == 8:
		return true
	case s == "-mtime" || s == "-mmin" || s == "-ctime" || s == "-cmin":
		return strings.HasPrefix(n, "-")
	}
	return false
}

// findNarrowed reports whether a find chooses some of what is in its
// starting points by name or age (-name 'pytest-*', -mtime +7, -empty),
// with no negation or alternative that could widen the choice again and
// no name pattern that matches everything (-name '*').
func findNarrowed(inv *parse.Invocation) bool {
	narrow := false
	args := inv.Args[1:]
	for i := 0; i < len(args); i++ {
		s := args[i].Value
		switch s {
		case "-exec", "-execdir", "-ok", "-okdir":
			for i < len(args) && args[i].Value != ";" && args[i].Value != "+" {
				i++
			}
		case "-not", "!", "-o", "-or", ",":
			return false
		case "-name", "-iname", "-path", "-ipath", "-wholename", "-iwholename", "-regex", "-iregex", "-lname", "-ilname":
			if i+1 >= len(args) {
				return false
			}
			i++
			p := args[i].Value
			if args[i].Dynamic || treeGlob(path.Base(p)) || strings.Trim(p, "*?.^$/\\[]") == "" {
				return false
			}
			narrow = true
		case "-mtime", "-mmin", "-atime", "-amin", "-ctime", "-cmin", "-newer", "-newermt", "-used", "-empty":
			narrow = true
		}
	}
	return narrow
}

// newFindRemoves matches a find that deletes what it finds (-delete,
// -exec rm) when a starting point is in one of the classes. A temporary
// directory itself (/tmp) is a system location only for a find that
// deletes everything in it: with a filter, find deletes some of what is
// in it. With unfiltered = true, only a find without a filter matches.
func newFindRemoves(with map[string]any) (matchFunc, error) {
	p := newParams(with)
	classes, err := parseClasses(p.strings("paths"))
	if err != nil {
		return nil, err
	}
	unfiltered := p.bool("unfiltered", false)
	if err := p.done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		scan, narrowed := findScan, findNarrowed
		if isFd(inv) {
			scan, narrowed = fdScan, func(inv *parse.Invocation) bool { _, _, f := fdScan(inv); return f }
		}
		roots, del, filtered := scan(inv)
		if !del || unfiltered && filtered {
			return "", false
		}
		at := placeOf(inv, ctx)
		narrow := narrowed(inv)
		junk := !isFd(inv) && findsJunk(inv.Args[1:])
		for _, r := range roots {
			c := classify(r, at, ctx)
			if junk {
				// Leftovers by name alone: only where they are matters
				// when it is the home itself, the whole system or a secret store.
				c &^= classParent | classOutside
				if abs, ok := resolve(r.Value, at.dir); ok && abs != "/" && !coreSystem(abs) {
					// Data under /srv, /opt or /var, not the system itself.
					c &^= classSystem
				}
			}
			if abs, ok := resolve(r.Value, at.dir); ok && !r.Dynamic && !r.Glob && isTempRoot(abs) && narrow {
				c = c&^(classSystem|classOutside) | classTemp
			}
			if c&classes != 0 {
				how := "find -exec rm"
				if isFd(inv) {
					how = path.Base(inv.Name) + " -x rm"
				} else if slices.ContainsFunc(inv.Args, func(w parse.Word) bool { return w.Value == "-delete" }) {
					how = "find -delete"
				}
				return how + " starts at " + parse.Quote(r.Value) + ", which " + describe(c, classes), true
			}
		}
		return "", false
	}, nil
}

// newTransfer judges a program that moves or copies files (mv, rsync) by
// its sources (the classes in sources) and its destination (those in
// dest, and, with remote = true, another host).
func newTransfer(with map[string]any) (matchFunc, error) {
	p := newParams(with)
	src, err := parseClasses(p.strings("sources"))
	if err != nil {
		return nil, err
	}
	dst, err := parseClasses(p.strings("dest"))
	if err != nil {
		return nil, err
	}
	remote := p.bool("remote", false)
	if err := p.done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		sources, dest, ok := transferOperands(inv, v)
		if !ok {
			return "", false
		}
		at := placeOf(inv, ctx)
		if src != 0 {
			for _, w := range sources {
				if remote && remotePath(w.Value) {
					continue
				}
				if c := classify(w, at, ctx) | ctx.homeDirClass(w, at, src); c&src != 0 {
					if c&src == classHomeDir && keptInHome(w, dest, at, ctx) {
						continue
					}
					return "the source " + parse.Quote(w.Value) + " " + describe(c, src), true
				}
			}
		}
		if remotePath(dest.Value) {
			if remote {
				return "the destination " + parse.Quote(dest.Value) + " is on another host", true
			}
			return "", false
		}
		if dst != 0 {
			lands := []landing{{path: dest}}
			if v.name != "rsync" {
				lands, _ = landings(inv, v, ctx)
			}
			for _, l := range lands {
				if c := classify(l.path, at, ctx); c&dst != 0 {
					return "the destination " + parse.Quote(l.path.Value) + " " + describe(c, dst), true
				}
			}
		}
		return "", false
	}, nil
}

// transferOperands splits the operands of mv, cp, install, ln or rsync
// into sources and the destination: the last operand, or the directory
// -t names.
func transferOperands(inv *parse.Invocation, v *view) (sources []parse.Word, dest parse.Word, ok bool) {
	if v.name == "mv" || v.name == "cp" || v.name == "install" || v.name == "ln" {
		for i, a := range inv.Args {
			t, found := strings.CutPrefix(a.Value, "--target-directory=")
			if !found && (a.Value == "-t" || a.Value == "--target-directory") && i+1 < len(inv.Args) {
				t, found = inv.Args[i+1].Value, true
				for k, idx := range v.opIndex {
					if idx != i+1 {
						sources = append(sources, v.operands[k])
					}
				}
				return sources, inv.Args[i+1], len(sources) > 0
			}
			if found {
				return v.operands, parse.Word{Value: t}, len(v.operands) > 0
			}
		}
	}
	ops := v.operands
	if len(ops) < 2 {
		return nil, parse.Word{}, false
	}
	return ops[:len(ops)-1], ops[len(ops)-1], true
}

// remotePath reports whether an rsync or scp operand names another host:
// host:path, user@host:path, host::module, rsync://host/.
func remotePath(s string) bool {
	if strings.HasPrefix(s, "rsync://") {
		return true
	}
	i := strings.IndexByte(s, ':')
	return i > 0 && !strings.Contains(s[:i], "/")
}

// tailMatch reports whether a name pattern matches a path: a pattern
// without a slash its base name, one with slashes (.git/refs/heads/*) as
// many of its last elements.
func tailMatch(pattern, p string) bool {
	k := strings.Count(pattern, "/") + 1
	tail := path.Clean(p)
	for i, n := len(tail), 0; i > 0; i-- {
		if tail[i-1] == '/' {
			if n++; n == k {
				tail = tail[i:]
				break
			}
		}
	}
	ok, _ := path.Match(pattern, tail)
	return ok
}

// newTruncates matches a command that empties a file in place when the
// file is in one of the classes: a redirection of no output (: > f,
// cat /dev/null > f, > f), truncate to size 0 or smaller, cp /dev/null f.
func newTruncates(with map[string]any) (matchFunc, error) {
	p := newParams(with)
	classes, err := parseClasses(p.strings("paths"))
	if err != nil {
		return nil, err
	}
	names := p.strings("names")
	if err := p.done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		at := placeOf(inv, ctx)
		check := func(w parse.Word, how string) (string, bool) {
			if strings.HasPrefix(w.Value, "/dev/") || strings.HasPrefix(w.Value, "&") || w.Value == "" {
				return "", false
			}
			if c := classify(w, at, ctx); c&classes != 0 {
				return how + " " + parse.Quote(w.Value) + ", which " + describe(c, classes), true
			}
			if !w.Dynamic && slices.ContainsFunc(names, func(n string) bool { return tailMatch(n, w.Value) }) {
				if strings.Contains(w.Value, ".git/") {
					return how + " " + parse.Quote(w.Value) + ", which holds git's own records", true
				}
				return how + " " + parse.Quote(w.Value) + ", which holds credentials", true
			}
			return "", false
		}
		if silent(inv, v) {
			for _, rd := range inv.Redirs {
				if rd.Truncates() {
					if d, ok := check(rd.Target, "it empties"); ok {
						return d, true
					}
				}
			}
		}
		if files, how := inPlaceEmpties(inv); files != nil {
			for _, w := range files {
				if d, ok := check(w, how); ok {
					return d, true
				}
			}
		}
		switch v.name {
		case "truncate":
			files, ok := truncateFiles(inv)
			if !ok {
				return "", false
			}
			for _, w := range files {
				if d, ok := check(w, "truncate empties"); ok {
					return d, true
				}
			}
		case "cp":
			if len(v.operands) == 2 && v.operands[0].Value == "/dev/null" {
				return check(v.operands[1], "cp /dev/null empties")
			}
		}
		return "", false
	}, nil
}

// silent reports whether a program writes nothing to its standard output,
// so that redirecting it to a file only empties the file.
func silent(inv *parse.Invocation, v *view) bool {
	switch v.name {
	case "", ":", "true", "false":
		return true
	case "cat":
		for _, w := range v.operands {
			if w.Value != "/dev/null" {
				return false
			}
		}
		return len(v.operands) > 0 || slices.ContainsFunc(inv.Redirs, func(r parse.Redirect) bool { return r.Op == "<" && r.Target.Value == "/dev/null" })
	case "echo":
		if len(v.operands) == 0 {
			// echo > f leaves only a newline.
			return len(v.flags) == 0 || slices.Contains(v.flags, "-n")
		}
		// echo "" writes only a newline: the file's content is gone.
		return !slices.ContainsFunc(v.operands, func(w parse.Word) bool { return w.Value != "" || w.Dynamic })
	case "printf":
		return len(v.operands) == 1 && v.operands[0].Value == "" && !v.operands[0].Dynamic
	}
	return false
}

// truncateFiles returns the files truncate shrinks: ok is false when it
// only grows them or sets a size guard cannot compare.
func truncateFiles(inv *parse.Invocation) ([]parse.Word, bool) {
	var files []parse.Word
	shrink := false
	args := inv.Args[1:]
	for i := 0; i < len(args); i++ {
		a := args[i].Value
		size, isSize := "", false
		switch {
		case a == "-s" || a == "--size":
			if i+1 < len(args) {
				i++
				size, isSize = args[i].Value, true
			}
		case strings.HasPrefix(a, "--size="):
			size, isSize = a[len("--size="):], true
		case strings.HasPrefix(a, "-s") && len(a) > 2:
			size, isSize = a[2:], true
		case a == "-r" || a == "--reference":
			i++
			shrink = true
		case strings.HasPrefix(a, "--reference="):
			shrink = true
		case strings.HasPrefix(a, "-") && len(a) > 1:
		default:
			files = append(files, args[i])
		}
		if isSize && (strings.Trim(size, "0") == "" || strings.HasPrefix(size, "-") || strings.HasPrefix(size, "<") ||
			strings.HasPrefix(size, "/") || strings.HasPrefix(size, "%")) {
			shrink = true
		}
	}
	return files, shrink
}
