package writes

import (
	"strings"

	"github.com/guardsh/guard/internal/parse"
)

// grammar is a program's option syntax, as getopt takes it: short letters,
// a colon after those that take a value, and long names, with a = after
// those that take one.
type grammar struct {
	short string
	// long are the long options without their dashes, separated by
	// spaces, a value-taking one ending in "=": "output= append". One
	// string, not a []string: an array of strings per program would be
	// data the runtime describes to the collector at every start.
	long string
	// oldStyle means the first word may be a cluster of letters without
	// a dash, as in tar xzf a.tar, whose values follow in order.
	oldStyle bool
	// dashOnly means options start with a single dash and are whole words
	// (find -name x, dd has none): no clusters, no long options.
	dashOnly bool
}

// opt is one option as given.
type opt struct {
	name  string // "-o", "--output", "x" in tar's old style as "-x"
	value parse.Word
	has   bool // the option took a value
}

// args is an invocation's arguments sorted into options and operands.
type args struct {
	opts     []opt
	operands []parse.Word
}

func (g *grammar) takesShort(c byte) (known, value bool) {
	i := strings.IndexByte(g.short, c)
	if i < 0 || c == ':' {
		return false, false
	}
	return true, i+1 < len(g.short) && g.short[i+1] == ':'
}

func (g *grammar) takesLong(name string) bool {
	for l := range strings.FieldsSeq(g.long) {
		if n, ok := strings.CutSuffix(l, "="); ok && n == name {
			return true
		}
	}
	return false
}

// abbreviates returns the value-taking long option that name is the
// start of, when there is exactly one, or "".
func (g *grammar) abbreviates(name string) string {
	if name == "" {
		return ""
	}
	found := ""
	for l := range strings.FieldsSeq(g.long) {
		n, ok := strings.CutSuffix(l, "=")
		if !strings.HasPrefix(n, name) {
			continue
		}
		if !ok || found != "" && found != n {
			// A flag of that start, or a second option: getopt would
			// refuse the word, or take it for something else.
			return ""
		}
		found = n
	}
	return found
}

// split sorts words (the arguments after the program name) by the grammar.
func (g *grammar) split(words []parse.Word) args {
	var a args
	dash := false
	for i := 0; i < len(words); i++ {
		w := words[i]
		v := w.Value
		if i == 0 && g.oldStyle && v != "" && v[0] != '-' && isLetters(v) {
			// tar xzf a.tar: each letter an option, values in order.
			for j := 0; j < len(v); j++ {
				o := opt{name: "-" + v[j:j+1]}
				if _, val := g.takesShort(v[j]); val && i+1 < len(words) {
					i++
					o.value, o.has = words[i], true
				}
				a.opts = append(a.opts, o)
			}
			continue
		}
		if dash || len(v) < 2 || v[0] != '-' {
			a.operands = append(a.operands, w)
			continue
		}
		if v == "--" {
			dash = true
			continue
		}
		if g.dashOnly {
			a.opts = append(a.opts, opt{name: v})
			continue
		}
		if strings.HasPrefix(v, "--") {
			name, val, eq := strings.Cut(v, "=")
			o := opt{name: name}
			takes := g.takesLong(strings.TrimPrefix(name, "--"))
			abbrev := false
			if !takes {
				// getopt_long takes an unambiguous abbreviation of a long
				// option: tar --direc=DIR, cp --target DIR.
				if full := g.abbreviates(name[2:]); full != "" {
					o.name, takes, abbrev = "--"+full, true, true
				}
			}
			switch {
			case eq:
				o.value, o.has = parse.Word{Value: val, Dynamic: w.Dynamic, Glob: w.Glob}, true
			case takes && i+1 < len(words):
				i++
				o.value, o.has = words[i], true
				if abbrev {
					// The program may know a flag of that name that
					// guard does not: the word is read both ways.
					a.operands = append(a.operands, words[i])
				}
			}
			a.opts = append(a.opts, o)
			continue
		}
		for j := 1; j < len(v); j++ {
			o := opt{name: "-" + v[j:j+1]}
			if _, val := g.takesShort(v[j]); val {
				switch {
				case j+1 < len(v):
					o.value, o.has = parse.Word{Value: v[j+1:], Dynamic: w.Dynamic, Glob: w.Glob}, true
				case i+1 < len(words):
					i++
					o.value, o.has = words[i], true
				}
				a.opts = append(a.opts, o)
				break
			}
			a.opts = append(a.opts, o)
		}
	}
	return a
}

func isLetters(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			return false
		}
	}
	return true
}

// has reports whether any of the options is given, a long one also as an
// abbreviation (rm --recur, tar --absolute): getopt_long takes an
// unambiguous one, and where the word is ambiguous the program refuses
// it, so taking it for the option asked about is the stricter reading.
func (a *args) has(names ...string) bool {
	for _, o := range a.opts {
		for _, n := range names {
			if o.name == n || len(o.name) > 2 && o.name[1] == '-' && len(n) > len(o.name) && strings.HasPrefix(n, o.name) {
				return true
			}
		}
	}
	return false
}

// values returns the values of the named options, in order.
func (a *args) values(names ...string) []parse.Word {
	var out []parse.Word
	for _, o := range a.opts {
		if !o.has {
			continue
		}
		for _, n := range names {
			if o.name == n {
				out = append(out, o.value)
			}
		}
	}
	return out
}

// last returns the value of the last of the named options given.
func (a *args) last(names ...string) (parse.Word, bool) {
	v := a.values(names...)
	if len(v) == 0 {
		return parse.Word{}, false
	}
	return v[len(v)-1], true
}
