package rules

import (
	"encoding/json"
	"strings"
)

// A small reader for the YAML that kubeconfig files and kubectl patch
// bodies are written in: block mappings and sequences by indentation,
// flow collections ({a: b}, [x, y]) and JSON, quoted and plain scalars,
// literal and folded blocks, and comments. Anchors, tags, several
// documents and multi-line plain scalars are not read: a text that uses
// them gives ok false, and the callers then fail closed. Mappings are
// map[string]any, sequences []any, scalars strings, true and false bools,
// and null, ~ and an empty value nil.

// readYAML parses text as JSON, or else as the YAML subset above.
func readYAML(text string) (any, bool) {
	t := strings.TrimSpace(text)
	if t == "" {
		return nil, false
	}
	if t[0] == '{' || t[0] == '[' {
		var v any
		if json.Unmarshal([]byte(t), &v) == nil {
			return v, true
		}
	}
	p := yamlParser{ok: true}
	for _, raw := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		line := stripYAMLComment(raw)
		body := strings.TrimLeft(line, " ")
		switch {
		case strings.TrimSpace(body) == "":
			continue
		case body == "---" && len(p.lines) == 0:
			continue
		case body == "---" || body == "...":
			// A second document is not read.
			return nil, false
		case strings.HasPrefix(body, "\t") || strings.ContainsAny(body[:1], "&*!%@`"):
			return nil, false
		}
		p.lines = append(p.lines, yamlLine{indent: len(line) - len(body), text: strings.TrimRight(body, " \t")})
	}
	if len(p.lines) == 0 {
		return nil, false
	}
	v := p.node(p.lines[0].indent)
	if p.i < len(p.lines) {
		p.ok = false
	}
	return v, p.ok
}

type yamlLine struct {
	indent int
	text   string
}

type yamlParser struct {
	lines []yamlLine
	i     int
	ok    bool
}

// node reads the node whose first line is the current one, at indent.
func (p *yamlParser) node(indent int) any {
	l := p.lines[p.i]
	if seqItem(l.text) {
		return p.sequence(indent)
	}
	if _, _, ok := splitYAMLKey(l.text); ok {
		return p.mapping(indent)
	}
	p.i++
	return p.inline(l.text, indent)
}

func seqItem(s string) bool {
	return s == "-" || strings.HasPrefix(s, "- ")
}

// sequence reads block sequence items at indent.
func (p *yamlParser) sequence(indent int) []any {
	out := []any{}
	for p.ok && p.i < len(p.lines) && p.lines[p.i].indent == indent && seqItem(p.lines[p.i].text) {
		text := p.lines[p.i].text
		rest := strings.TrimLeft(text[1:], " ")
		if rest == "" {
			p.i++
			if p.i < len(p.lines) && p.lines[p.i].indent > indent {
				out = append(out, p.node(p.lines[p.i].indent))
			} else {
				out = append(out, nil)
			}
			continue
		}
		// The item's content is read as a line of its own at its column.
		col := indent + len(text) - len(rest)
		p.lines[p.i] = yamlLine{indent: col, text: rest}
		out = append(out, p.node(col))
	}
	return out
}

// mapping reads block mapping entries at indent.
func (p *yamlParser) mapping(indent int) map[string]any {
	m := map[string]any{}
	for p.ok && p.i < len(p.lines) && p.lines[p.i].indent == indent {
		key, rest, ok := splitYAMLKey(p.lines[p.i].text)
		if !ok {
			p.ok = false
			return m
		}
		p.i++
		switch {
		case rest == "":
			if p.i < len(p.lines) && (p.lines[p.i].indent > indent || p.lines[p.i].indent == indent && seqItem(p.lines[p.i].text)) {
				m[key] = p.node(p.lines[p.i].indent)
			} else {
				m[key] = nil
			}
		case rest[0] == '|' || rest[0] == '>':
			var b strings.Builder
			for p.i < len(p.lines) && p.lines[p.i].indent > indent {
				b.WriteString(p.lines[p.i].text)
				b.WriteByte('\n')
				p.i++
			}
			m[key] = b.String()
		default:
			m[key] = p.inline(rest, indent)
		}
	}
	return m
}

// inline reads a value written on one line, or a flow collection that
// continues on the more indented lines after it.
func (p *yamlParser) inline(s string, indent int) any {
	if s[0] == '{' || s[0] == '[' {
		for p.i < len(p.lines) && p.lines[p.i].indent > indent && !balanced(s) {
			s += " " + p.lines[p.i].text
			p.i++
		}
		f := flowParser{s: s}
		v := f.value()
		f.space()
		if !f.ok() || f.pos != len(f.s) {
			p.ok = false
		}
		return v
	}
	if p.i < len(p.lines) && p.lines[p.i].indent > indent {
		// A plain scalar over several lines.
		p.ok = false
	}
	v, ok := yamlScalar(s)
	p.ok = p.ok && ok
	return v
}

// balanced reports whether a flow collection's brackets close.
func balanced(s string) bool {
	depth, quote := 0, byte(0)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			} else if c == '\\' && quote == '"' {
				i++
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '{' || c == '[':
			depth++
		case c == '}' || c == ']':
			depth--
		}
	}
	return depth <= 0
}

// stripYAMLComment removes a comment: # at the start or after a space,
// outside quotes.
func stripYAMLComment(s string) string {
	i := unquotedIndex(s, func(i int) bool { return i == 0 || strings.ContainsRune(" \t:[{,-", rune(s[i-1])) },
		func(i int) bool { return s[i] == '#' && (i == 0 || s[i-1] == ' ' || s[i-1] == '\t') })
	if i < 0 {
		return s
	}
	return s[:i]
}

// splitYAMLKey splits "key: rest" at the first colon outside quotes that
// is followed by a space or ends the line.
func splitYAMLKey(s string) (string, string, bool) {
	if s == "" || s[0] == '{' || s[0] == '[' || seqItem(s) {
		return "", "", false
	}
	i := unquotedIndex(s, func(i int) bool { return i == 0 },
		func(i int) bool { return s[i] == ':' && (i+1 == len(s) || s[i+1] == ' ') })
	if i < 0 {
		return "", "", false
	}
	k, ok := yamlScalar(strings.TrimSpace(s[:i]))
	key, isStr := k.(string)
	if !ok || !isStr && k != nil {
		return "", "", false
	}
	return key, strings.TrimSpace(s[i+1:]), true
}

// unquotedIndex returns the first index of s outside quotes at which at
// holds, or -1. A ' or " opens a quote where opens holds; a backslash
// escapes the next byte inside double quotes.
func unquotedIndex(s string, opens, at func(i int) bool) int {
	quote := byte(0)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			} else if c == '\\' && quote == '"' {
				i++
			}
		case (c == '"' || c == '\'') && opens(i):
			quote = c
		case at(i):
			return i
		}
	}
	return -1
}

// yamlScalar reads a scalar written on one line.
func yamlScalar(s string) (any, bool) {
	s = strings.TrimSpace(s)
	switch s {
	case "", "~", "null", "Null", "NULL":
		return nil, true
	case "true", "True", "TRUE":
		return true, true
	case "false", "False", "FALSE":
		return false, true
	}
	switch s[0] {
	case '"':
		var v string
		if json.Unmarshal([]byte(s), &v) != nil {
			return nil, false
		}
		return v, true
	case '\'':
		if len(s) < 2 || s[len(s)-1] != '\'' {
			return nil, false
		}
		return strings.ReplaceAll(s[1:len(s)-1], "''", "'"), true
	case '&', '*', '!', '|', '>':
		return nil, false
	}
	return s, true
}

// flowParser reads a flow collection: {a: b, c: [d, "e"]}.
type flowParser struct {
	s   string
	pos int
	bad bool
}

func (f *flowParser) ok() bool { return !f.bad }

func (f *flowParser) space() {
	for f.pos < len(f.s) && (f.s[f.pos] == ' ' || f.s[f.pos] == '\t') {
		f.pos++
	}
}

func (f *flowParser) value() any {
	f.space()
	if f.pos >= len(f.s) {
		f.bad = true
		return nil
	}
	switch f.s[f.pos] {
	case '{':
		f.pos++
		m := map[string]any{}
		for !f.bad {
			f.space()
			if f.pos < len(f.s) && f.s[f.pos] == '}' {
				f.pos++
				return m
			}
			k := f.scalar(true)
			key, isStr := k.(string)
			if !isStr && k != nil {
				f.bad = true
			}
			f.space()
			var v any
			if f.pos < len(f.s) && f.s[f.pos] == ':' {
				f.pos++
				v = f.value()
			}
			m[key] = v
			f.space()
			if f.pos < len(f.s) && f.s[f.pos] == ',' {
				f.pos++
			} else if f.pos >= len(f.s) || f.s[f.pos] != '}' {
				f.bad = true
			}
		}
		return m
	case '[':
		f.pos++
		out := []any{}
		for !f.bad {
			f.space()
			if f.pos < len(f.s) && f.s[f.pos] == ']' {
				f.pos++
				return out
			}
			out = append(out, f.value())
			f.space()
			if f.pos < len(f.s) && f.s[f.pos] == ',' {
				f.pos++
			} else if f.pos >= len(f.s) || f.s[f.pos] != ']' {
				f.bad = true
			}
		}
		return out
	}
	return f.scalar(false)
}

// scalar reads a quoted or plain scalar in a flow collection; a key's
// plain scalar also ends at a colon.
func (f *flowParser) scalar(key bool) any {
	f.space()
	start := f.pos
	if f.pos < len(f.s) && (f.s[f.pos] == '"' || f.s[f.pos] == '\'') {
		q := f.s[f.pos]
		for f.pos++; f.pos < len(f.s); f.pos++ {
			c := f.s[f.pos]
			if c == '\\' && q == '"' {
				f.pos++
				continue
			}
			if c == q {
				if q == '\'' && f.pos+1 < len(f.s) && f.s[f.pos+1] == '\'' {
					f.pos++
					continue
				}
				f.pos++
				v, ok := yamlScalar(f.s[start:f.pos])
				f.bad = f.bad || !ok
				return v
			}
		}
		f.bad = true
		return nil
	}
	for f.pos < len(f.s) {
		c := f.s[f.pos]
		if c == ',' || c == '}' || c == ']' || c == '{' || c == '[' {
			break
		}
		if c == ':' && (key || f.pos+1 == len(f.s) || strings.IndexByte(" ,}]", f.s[f.pos+1]) >= 0) {
			break
		}
		f.pos++
	}
	v, ok := yamlScalar(f.s[start:f.pos])
	f.bad = f.bad || !ok
	return v
}
