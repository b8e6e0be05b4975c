package writes

import (
	"path"
	"strings"

	"github.com/guardsh/guard/internal/parse"
)

// A pattern is a path in which some parts stand for many strings: a glob's
// *, ? and [...], bash's ** and the parts of a word that are only known at
// run time. Patterns are matched against protected paths without looking
// at the disk.
type pattern []tok

type tokKind uint8

const (
	tokLit   tokKind = iota // one byte
	tokOne                  // ?: one byte other than /
	tokStar                 // *: any bytes other than /
	tokAny                  // any bytes, / included: ** or a run-time part (a ** with lead set skips hidden names)
	tokClass                // [...]: one byte of a set
)

type tok struct {
	kind tokKind
	c    byte
	// lead marks a glob character that starts a component: as in bash
	// (without dotglob), it does not match the dot of a hidden name.
	lead bool
	// class is the bracket expression, brackets included. It is kept
	// behind a pointer so that a token is 16 bytes: a pattern has one
	// token a byte of its path, and audit compiles thousands.
	class *string
}

// match reports whether the token reads c; first is set when c starts a
// component of the path.
func (t tok) match(c byte, first bool) bool {
	switch t.kind {
	case tokLit:
		return t.c == c
	case tokOne, tokStar:
		return c != '/' && !(t.lead && c == '.')
	case tokAny:
		// bash's ** (with or without globstar) matches no hidden name
		// unless dotglob is on.
		return !(t.lead && first && c == '.')
	case tokClass:
		if c == '/' || t.lead && c == '.' {
			return false
		}
		ok, err := path.Match(*t.class, string(c))
		return ok || err != nil
	}
	return false
}

// literal returns the pattern of a plain path.
func literal(p string) pattern {
	out := make(pattern, len(p))
	for i := 0; i < len(p); i++ {
		out[i] = tok{kind: tokLit, c: p[i]}
	}
	return out
}

// static reports whether the pattern stands for one path only.
func (p pattern) static() bool {
	for _, t := range p {
		if t.kind != tokLit {
			return false
		}
	}
	return true
}

// key returns a string that tells patterns apart exactly, for caches.
func (p pattern) key() string {
	b := make([]byte, 0, 2*len(p))
	for _, t := range p {
		k := byte(t.kind)
		if t.lead {
			k |= 0x80
		}
		b = append(b, k, t.c)
		if t.kind == tokClass {
			b = append(b, *t.class...)
			b = append(b, 0)
		}
	}
	return string(b)
}

// prefix returns the pattern's literal bytes before its first wildcard,
// which every path it stands for starts with.
func (p pattern) prefix() string {
	var b strings.Builder
	for _, t := range p {
		if t.kind != tokLit {
			break
		}
		b.WriteByte(t.c)
	}
	return b.String()
}

func (p pattern) String() string {
	var b strings.Builder
	for _, t := range p {
		switch t.kind {
		case tokLit:
			b.WriteByte(t.c)
		case tokOne:
			b.WriteByte('?')
		case tokStar:
			b.WriteByte('*')
		case tokAny:
			b.WriteString("**")
		case tokClass:
			b.WriteString(*t.class)
		}
	}
	return b.String()
}

// compileGlob turns the glob characters of s into tokens; dynamic also
// turns the run-time parts ($x, ${x}, $(...), `...`) into tokAny.
func compileGlob(s string, glob, hidden, dynamic bool) pattern {
	var out pattern
	for i := 0; i < len(s); i++ {
		c := s[i]
		lead := (i == 0 || s[i-1] == '/') && !hidden
		switch {
		case glob && c == '*':
			if i+1 < len(s) && s[i+1] == '*' {
				for i+1 < len(s) && s[i+1] == '*' {
					i++
				}
				// A ** that starts a component skips hidden names in
				// every component it spans.
				out = append(out, tok{kind: tokAny, lead: lead})
				continue
			}
			out = append(out, tok{kind: tokStar, lead: lead})
		case glob && c == '?':
			out = append(out, tok{kind: tokOne, lead: lead})
		case glob && c == '[':
			if j := classEnd(s, i); j > 0 {
				body := s[i : j+1]
				if len(body) > 2 && body[1] == '!' {
					body = "[^" + body[2:]
				}
				out = append(out, tok{kind: tokClass, class: &body, lead: lead})
				i = j
				continue
			}
			out = append(out, tok{kind: tokLit, c: c})
		case dynamic && c == '$':
			if j := dollarEnd(s, i); j > i {
				out = appendAny(out)
				i = j - 1
				continue
			}
			out = append(out, tok{kind: tokLit, c: c})
		case dynamic && c == '`':
			if j := strings.IndexByte(s[i+1:], '`'); j >= 0 {
				out = appendAny(out)
				i += j + 1
				continue
			}
			out = append(out, tok{kind: tokLit, c: c})
		default:
			out = append(out, tok{kind: tokLit, c: c})
		}
	}
	return out
}

func appendAny(p pattern) pattern {
	if len(p) > 0 && p[len(p)-1].kind == tokAny {
		return p
	}
	return append(p, tok{kind: tokAny})
}

// classEnd returns the index of the ] that closes the bracket expression
// at s[i], or -1.
func classEnd(s string, i int) int {
	j := i + 1
	if j < len(s) && (s[j] == '!' || s[j] == '^') {
		j++
	}
	if j < len(s) && s[j] == ']' {
		j++
	}
	for ; j < len(s); j++ {
		if s[j] == '/' {
			return -1
		}
		if s[j] == ']' {
			return j
		}
	}
	return -1
}

// dollarEnd returns the index just past the expansion that starts with the
// $ at s[i], or i when there is none.
func dollarEnd(s string, i int) int {
	j := i + 1
	if j >= len(s) {
		return i
	}
	switch c := s[j]; {
	case c == '{' || c == '(':
		open, close := c, byte('}')
		if c == '(' {
			close = ')'
		}
		depth := 0
		for k := j; k < len(s); k++ {
			switch s[k] {
			case open:
				depth++
			case close:
				depth--
				if depth == 0 {
					return k + 1
				}
			}
		}
		return len(s)
	case c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
		k := j
		for k < len(s) && (s[k] == '_' || s[k] >= 'a' && s[k] <= 'z' || s[k] >= 'A' && s[k] <= 'Z' || s[k] >= '0' && s[k] <= '9') {
			k++
		}
		return k
	case c >= '0' && c <= '9' || strings.IndexByte("@*#?$!-", c) >= 0:
		return j + 1
	}
	return i
}

// states is a set of positions in a pattern. Each position holds two
// bits: reached with the last slash read matched by a literal (1), and
// with it swallowed by a wildcard that spans components (2).
type states []uint8

const (
	plain     uint8 = 1
	swallowed uint8 = 2
)

// closure adds the positions reachable without reading a byte: a * or a
// run-time part may stand for nothing.
func (p pattern) closure(s states) {
	for i := 0; i < len(p); i++ {
		if s[i] != 0 && (p[i].kind == tokStar || p[i].kind == tokAny) {
			s[i+1] |= s[i]
		}
	}
}

func (p pattern) start() states {
	s := make(states, len(p)+1)
	s[0] = plain
	p.closure(s)
	return s
}

// step reads one byte into next, which it clears first; first is set when
// c starts a component.
func (p pattern) step(s, next states, c byte, first bool) (states, bool) {
	clear(next)
	any := false
	for i := 0; i < len(p); i++ {
		if s[i] == 0 || !p[i].match(c, first) {
			continue
		}
		any = true
		bits := s[i]
		if c == '/' {
			bits = plain
			if p[i].kind == tokAny {
				bits = swallowed
			}
		}
		if p[i].kind == tokStar || p[i].kind == tokAny {
			next[i] |= bits
		} else {
			next[i+1] |= bits
		}
	}
	if any {
		p.closure(next)
	}
	return next, any
}

// onOrUnder reports whether some path the pattern stands for is target
// or under it. Under means that the pattern goes on below target with a
// slash of its own, after matching target's last component with its own
// characters: a wildcard that swallows target's components ($d/result.txt
// or **.pyc against /etc/guard) does not make a write land under it.
func (p pattern) onOrUnder(target string) bool {
	s, spare := p.start(), make(states, len(p)+1)
	for i := 0; i < len(target); i++ {
		next, ok := p.step(s, spare, target[i], i == 0 || target[i-1] == '/')
		if !ok {
			return false
		}
		s, spare = next, s
	}
	if s[len(p)] != 0 {
		return true
	}
	for i := 0; i < len(p); i++ {
		if s[i]&plain != 0 && p[i].kind == tokLit && p[i].c == '/' {
			return true
		}
	}
	return false
}

// on reports whether some path the pattern stands for is target itself.
func (p pattern) on(target string) bool {
	s, spare := p.start(), make(states, len(p)+1)
	for i := 0; i < len(target); i++ {
		next, ok := p.step(s, spare, target[i], i == 0 || target[i-1] == '/')
		if !ok {
			return false
		}
		s, spare = next, s
	}
	return s[len(p)] != 0
}

// fileLike reports whether a protected path names a file, not a directory:
// its last component has an extension (settings.json, .mcp.json,
// log.jsonl), where a directory such as .claude or guard has none.
func fileLike(g string) bool {
	base := strings.TrimPrefix(path.Base(g), ".")
	return strings.Contains(base, ".")
}

// above reports whether some path the pattern stands for is a directory
// above target.
func (p pattern) above(target string) bool {
	if target == "/" {
		return false
	}
	s, spare := p.start(), make(states, len(p)+1)
	// The root: a pattern that can be "/" is above everything.
	if r, ok := p.step(s, spare, '/', true); ok && r[len(p)] != 0 {
		return true
	}
	s = p.start()
	for i := 0; i < len(target); i++ {
		if i > 0 && target[i] == '/' && s[len(p)] != 0 {
			return true
		}
		next, ok := p.step(s, spare, target[i], i == 0 || target[i-1] == '/')
		if !ok {
			return false
		}
		s, spare = next, s
	}
	return false
}

// compile returns the pattern of a word naming a path, resolved against
// dir, or false when nothing about where it points is known: a word that
// is entirely run-time parts, such as "$f" or "$dir/$name". A relative
// path in an unknown directory may be anywhere, but ends in its own
// components.
func compile(w parse.Word, dir string) (pattern, bool) {
	v := w.Value
	if v == "" {
		return nil, false
	}
	if !w.Dynamic && !w.Glob {
		if path.IsAbs(v) {
			return literal(path.Clean(v)), true
		}
		if dir != "" {
			return literal(path.Join(dir, v)), true
		}
		rel := relativeTail(v)
		if rel == "" {
			return nil, false
		}
		// Somewhere unknown: any directory, then the path.
		out := make(pattern, 2, 2+len(rel))
		out[0], out[1] = tok{kind: tokAny}, tok{kind: tokLit, c: '/'}
		for i := 0; i < len(rel); i++ {
			out = append(out, tok{kind: tokLit, c: rel[i]})
		}
		return out, true
	}
	if w.Dynamic && !hasStaticComponent(v, w.Glob) {
		return nil, false
	}
	switch {
	case strings.HasPrefix(v, "/"):
		v = cleanPattern(v)
	case w.Dynamic && (v[0] == '$' || v[0] == '`'):
		// A run-time part first: it may be absolute or relative, and the
		// pattern's leading tokAny covers both.
	case dir != "":
		v = cleanPattern(dir + "/" + v)
	default:
		rel := relativeTail(v)
		if rel == "" {
			return nil, false
		}
		v = "$_/" + rel
		w.Dynamic = true
	}
	return compileGlob(v, w.Glob, w.Hidden, w.Dynamic), true
}

// cleanPattern cleans a path that may hold pattern characters: only . and
// .. components and repeated slashes are touched.
func cleanPattern(p string) string {
	if strings.Contains(p, "$(") || strings.Contains(p, "`") {
		// Code in the word may hold slashes of its own; leave it alone.
		return p
	}
	return path.Clean(p)
}

// relativeTail returns a relative path without its leading ./ and ../
// components: where it lands is unknown, but it ends in the rest.
func relativeTail(p string) string {
	p = CleanPath(p)
	for p == ".." || strings.HasPrefix(p, "../") {
		p = strings.TrimPrefix(strings.TrimPrefix(p, ".."), "/")
	}
	if p == "." {
		return ""
	}
	return p
}

// hasStaticComponent reports whether a word with run-time parts has a
// component that is known: ~/.config/$app has, $dir/$name has not.
func hasStaticComponent(v string, glob bool) bool {
	for _, c := range strings.Split(v, "/") {
		if c != "" && c != "." && c != ".." && !strings.ContainsAny(c, "$`") && !(glob && strings.ContainsAny(c, "*?[")) {
			return true
		}
	}
	return false
}

// lastDynamic reports whether the last component of a word holds nothing
// but run-time parts: $f, /tmp/$x, ~/.config/$app.
func lastDynamic(v string) bool {
	last := v[strings.LastIndexByte(v, '/')+1:]
	if last == "" {
		return false
	}
	p := compileGlob(last, false, false, true)
	for _, t := range p {
		if t.kind != tokAny {
			return false
		}
	}
	return true
}

// oneComponent makes a trailing run-time part stand for one component.
func (p pattern) oneComponent() pattern {
	if n := len(p); n > 0 && p[n-1].kind == tokAny {
		q := append(pattern(nil), p...)
		q[n-1].kind = tokStar
		return q
	}
	return p
}

// CleanPath returns path.Clean(p), without its work for a path that is clean
// already (no empty, . or .. component, no slash at the end), as most
// paths in a command are.
func CleanPath(p string) string {
	if p == "" || len(p) > 1 && p[len(p)-1] == '/' {
		return path.Clean(p)
	}
	start := 0
	if p[0] == '/' {
		start = 1
	}
	for i := start; i <= len(p); i++ {
		if i < len(p) && p[i] != '/' {
			continue
		}
		if c := p[start:i]; c == "" || c == "." || c == ".." {
			return path.Clean(p)
		}
		start = i + 1
	}
	return p
}
