package disk

import (
	"os"
	"path"
	"slices"
	"strings"
	"time"
)

// Limit bounds the work of an expansion or a walk.
type Limit struct {
	// Entries is how many names may be matched or counted; 0 means the
	// default of 10,000.
	Entries int
	// Time is how long the work may take; 0 means the default of 50ms.
	Time time.Duration
}

// DefaultLimit is the limit used when a field of Limit is zero.
var DefaultLimit = Limit{Entries: 10_000, Time: 50 * time.Millisecond}

func (l Limit) entries() int {
	if l.Entries > 0 {
		return l.Entries
	}
	return DefaultLimit.Entries
}

func (l Limit) deadline() time.Time {
	d := l.Time
	if d <= 0 {
		d = DefaultLimit.Time
	}
	return time.Now().Add(d)
}

// HasMeta reports whether s holds a pattern character bash expands: *, ?
// or [.
func HasMeta(s string) bool { return strings.ContainsAny(s, "*?[") }

// Expansion is the result of expanding one pattern.
type Expansion struct {
	// Paths are the matches, absolute and clean, in the order bash gives
	// them. It is empty when nothing matched: bash then keeps the pattern
	// as a literal word.
	Paths []string
	// Over reports that the pattern could not be expanded within the
	// limit, or holds syntax guard does not expand (extended globs): the
	// matches are then not known, and Paths holds those found so far.
	Over bool
}

// Glob expands a pattern as bash's pathname expansion does with its
// default options: a relative pattern is taken from dir; *, ? and [...]
// match within one path element; a name starting with a dot is matched
// only by a pattern element that starts with a dot, and . and .. never
// are; ** is the same as *; a trailing slash keeps only directories. The
// matches come back absolute and lexically clean, sorted in byte order
// within each directory.
//
// dir must be absolute when pattern is relative; otherwise nothing is
// matched.
func Glob(pattern, dir string, lim Limit) Expansion {
	var e Expansion
	if strings.Contains(pattern, "(") && strings.ContainsAny(pattern, "@!+*?") && extglob(pattern) {
		e.Over = true
		return e
	}
	root := "/"
	rest := pattern
	if !strings.HasPrefix(pattern, "/") {
		if !path.IsAbs(dir) {
			return e
		}
		root = dir
	}
	trailing := strings.HasSuffix(rest, "/")
	elems := splitElems(rest)
	g := globber{max: lim.entries(), deadline: lim.deadline(), dirOnly: trailing}
	g.walk(root, elems)
	e.Paths, e.Over = g.out, g.over
	return e
}

// extglob reports whether a pattern holds an extended glob: @(a|b) and
// the like.
func extglob(p string) bool {
	for i := 0; i+1 < len(p); i++ {
		if p[i+1] == '(' && strings.IndexByte("@!+*?", p[i]) >= 0 {
			return true
		}
	}
	return false
}

func splitElems(p string) []string {
	var out []string
	for _, e := range strings.Split(p, "/") {
		if e != "" {
			out = append(out, e)
		}
	}
	return out
}

type globber struct {
	max      int
	deadline time.Time
	dirOnly  bool
	out      []string
	over     bool
	reads    int
}

// walk matches elems below dir, which exists as far as the walk knows.
func (g *globber) walk(dir string, elems []string) {
	if g.over {
		return
	}
	if len(elems) == 0 {
		if g.dirOnly {
			st, err := os.Stat(dir)
			if err != nil || !st.IsDir() {
				return
			}
		}
		if len(g.out) >= g.max {
			g.over = true
			return
		}
		g.out = append(g.out, dir)
		return
	}
	e := elems[0]
	if !HasMeta(e) {
		next := path.Join(dir, e)
		if e == "." || e == ".." {
			g.walk(next, elems[1:])
			return
		}
		if len(elems) > 1 || g.dirOnly {
			// A literal element in the middle must be a directory that
			// exists (bash reads it); the last one must exist at all.
			if _, err := os.Stat(next); err != nil {
				return
			}
		} else if _, err := os.Lstat(next); err != nil {
			return
		}
		g.walk(next, elems[1:])
		return
	}
	if time.Now().After(g.deadline) {
		g.over = true
		return
	}
	names, ok := g.readNames(dir)
	if !ok {
		return
	}
	for _, name := range names {
		if !Match(e, name) {
			continue
		}
		next := path.Join(dir, name)
		if len(elems) > 1 {
			st, err := os.Stat(next)
			if err != nil || !st.IsDir() {
				continue
			}
		}
		g.walk(next, elems[1:])
		if g.over {
			return
		}
	}
}

// readNames returns the names in dir, sorted, or false when dir cannot be
// read or holds more names than the limit.
func (g *globber) readNames(dir string) ([]string, bool) {
	f, err := os.Open(dir)
	if err != nil {
		return nil, false
	}
	defer f.Close()
	var names []string
	for {
		batch, err := f.Readdirnames(1024)
		names = append(names, batch...)
		g.reads += len(batch)
		if g.reads > g.max*4 || time.Now().After(g.deadline) {
			g.over = true
			return nil, false
		}
		if err != nil || len(batch) == 0 {
			break
		}
	}
	slices.Sort(names)
	return names, true
}

// Match reports whether name matches one element of a bash pattern: *
// and ? match any characters but a leading dot, [...] a set with ! or ^
// for its complement, ranges and [:class:] names. A malformed bracket is
// an ordinary character, as in bash. Backslash quotes the next character.
func Match(pattern, name string) bool {
	if name == "." || name == ".." {
		return false
	}
	if strings.HasPrefix(name, ".") && !strings.HasPrefix(pattern, ".") && !strings.HasPrefix(pattern, `\.`) {
		return false
	}
	return match(pattern, name)
}

func match(p, s string) bool {
	// Iterative matching with one backtrack point for the last star.
	var starP, starS = -1, 0
	i, j := 0, 0
	for j < len(s) {
		if i < len(p) {
			switch c := p[i]; c {
			case '*':
				for i < len(p) && p[i] == '*' {
					i++
				}
				starP, starS = i, j
				continue
			case '?':
				i++
				j++
				continue
			case '[':
				if n, ok, valid := bracket(p[i:], s[j]); valid {
					if ok {
						i += n
						j++
						continue
					}
					goto back
				}
				if s[j] == '[' {
					i++
					j++
					continue
				}
				goto back
			case '\\':
				if i+1 < len(p) {
					if p[i+1] == s[j] {
						i += 2
						j++
						continue
					}
					goto back
				}
				fallthrough
			default:
				if c == s[j] {
					i++
					j++
					continue
				}
			}
		}
	back:
		if starP < 0 {
			return false
		}
		starS++
		i, j = starP, starS
	}
	for i < len(p) && p[i] == '*' {
		i++
	}
	return i == len(p)
}

// bracket matches c against the bracket expression at the start of p. It
// returns the expression's length, whether c matched, and whether the
// expression is well formed.
func bracket(p string, c byte) (int, bool, bool) {
	i := 1
	negate := false
	if i < len(p) && (p[i] == '!' || p[i] == '^') {
		negate = true
		i++
	}
	matched := false
	first := true
	for i < len(p) {
		if p[i] == ']' && !first {
			return i + 1, matched != negate, true
		}
		first = false
		if strings.HasPrefix(p[i:], "[:") {
			end := strings.Index(p[i+2:], ":]")
			if end >= 0 {
				if inClass(p[i+2:i+2+end], c) {
					matched = true
				}
				i += end + 4
				continue
			}
		}
		lo := p[i]
		if lo == '\\' && i+1 < len(p) {
			i++
			lo = p[i]
		}
		i++
		hi := lo
		if i+1 < len(p) && p[i] == '-' && p[i+1] != ']' {
			hi = p[i+1]
			if hi == '\\' && i+2 < len(p) {
				hi = p[i+2]
				i++
			}
			i += 2
		}
		if lo <= c && c <= hi {
			matched = true
		}
	}
	return 0, false, false
}

func inClass(name string, c byte) bool {
	switch name {
	case "alpha":
		return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
	case "digit":
		return c >= '0' && c <= '9'
	case "alnum":
		return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
	case "upper":
		return c >= 'A' && c <= 'Z'
	case "lower":
		return c >= 'a' && c <= 'z'
	case "space":
		return c == ' ' || c >= '\t' && c <= '\r'
	case "blank":
		return c == ' ' || c == '\t'
	case "punct":
		return c > ' ' && c < 0x7f && !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9')
	case "xdigit":
		return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
	case "print":
		return c >= ' ' && c < 0x7f
	case "graph":
		return c > ' ' && c < 0x7f
	case "cntrl":
		return c < ' ' || c == 0x7f
	case "word":
		return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
	}
	return false
}
