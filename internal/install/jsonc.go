package install

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"unicode/utf8"
)

// guard edits agents' JSON settings files in place: it parses the text
// into a tree that remembers where every value, key and comma is, and
// changes only the bytes of its own entry. Everything else, layout and
// comments included, stays byte for byte, and taking guard's entry out
// again gives back the text it was inserted into.
//
// The parser reads JSON, and JSON with // and /* */ comments where the
// agent itself reads them (Gemini CLI 0.61.0 strips comments, but refuses
// trailing commas, so guard refuses them everywhere).

// node is a JSON value and where it is in the text.
type node struct {
	kind       byte // '{', '[', '"', 'n' (number), 't', 'f', '0' (null)
	start, end int  // the value's bytes
	// Objects: members. Arrays: elems. Both: the comma after each item
	// (-1 when there is none).
	members []member
	elems   []*node
	commas  []int
	str     string // a string's value
	raw     string // a number's text
}

type member struct {
	key      string
	keyStart int
	val      *node
}

// syntaxError is a parse error with the line it is on.
type syntaxError struct {
	line int
	msg  string
}

func (e *syntaxError) Error() string { return fmt.Sprintf("line %d: %s", e.line, e.msg) }

type jsonParser struct {
	data     []byte
	pos      int
	comments bool // accept comments
	sawExtra bool // saw a comment
	extraAt  int  // where the first one is
	depth    int
}

const maxDepth = 200

func (p *jsonParser) fail(format string, args ...any) error {
	return &syntaxError{line: 1 + bytes.Count(p.data[:min(p.pos, len(p.data))], []byte("\n")), msg: fmt.Sprintf(format, args...)}
}

// parseText parses data, which must hold one JSON value and nothing but
// white space (and, with comments, comments) around it.
func parseText(data []byte, comments bool) (*node, error) {
	if !utf8.Valid(data) {
		return nil, &syntaxError{line: 1, msg: "the file is not valid UTF-8"}
	}
	p := &jsonParser{data: data, comments: true}
	if err := p.space(); err != nil {
		return nil, err
	}
	n, err := p.value()
	if err != nil {
		return nil, err
	}
	if err := p.space(); err != nil {
		return nil, err
	}
	if p.pos < len(p.data) {
		return nil, p.fail("more data after the JSON value")
	}
	if p.sawExtra && !comments {
		return nil, &syntaxError{line: 1 + bytes.Count(data[:p.extraAt], []byte("\n")),
			msg: "a comment, which the agent does not accept in this file (strict JSON)"}
	}
	return n, nil
}

func (p *jsonParser) extra() { p.extraComma(p.pos) }

func (p *jsonParser) extraComma(at int) {
	if !p.sawExtra {
		p.sawExtra, p.extraAt = true, at
	}
}

// space skips white space and comments.
func (p *jsonParser) space() error {
	for p.pos < len(p.data) {
		c := p.data[p.pos]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			p.pos++
		case c == '/' && p.pos+1 < len(p.data) && p.data[p.pos+1] == '/':
			p.extra()
			for p.pos < len(p.data) && p.data[p.pos] != '\n' {
				p.pos++
			}
		case c == '/' && p.pos+1 < len(p.data) && p.data[p.pos+1] == '*':
			p.extra()
			end := bytes.Index(p.data[p.pos+2:], []byte("*/"))
			if end < 0 {
				return p.fail("a /* comment is not closed")
			}
			p.pos += end + 4
		default:
			return nil
		}
	}
	return nil
}

func (p *jsonParser) value() (*node, error) {
	if p.pos >= len(p.data) {
		return nil, p.fail("the JSON ends early")
	}
	n := &node{start: p.pos}
	switch c := p.data[p.pos]; {
	case c == '{':
		return p.object(n)
	case c == '[':
		return p.array(n)
	case c == '"':
		s, err := p.stringLit()
		if err != nil {
			return nil, err
		}
		n.kind, n.str, n.end = '"', s, p.pos
	case c == '-' || c >= '0' && c <= '9':
		for p.pos < len(p.data) && strings.IndexByte("+-.eE0123456789", p.data[p.pos]) >= 0 {
			p.pos++
		}
		n.kind, n.end, n.raw = 'n', p.pos, string(p.data[n.start:p.pos])
		if !json.Valid([]byte(n.raw)) {
			return nil, p.fail("bad number %q", n.raw)
		}
	default:
		for _, lit := range []struct {
			text string
			kind byte
		}{{"true", 't'}, {"false", 'f'}, {"null", '0'}} {
			if bytes.HasPrefix(p.data[p.pos:], []byte(lit.text)) {
				p.pos += len(lit.text)
				n.kind, n.end = lit.kind, p.pos
				return n, nil
			}
		}
		return nil, p.fail("unexpected %q", string(rune(c)))
	}
	return n, nil
}

func (p *jsonParser) stringLit() (string, error) {
	start := p.pos
	p.pos++
	for p.pos < len(p.data) {
		switch p.data[p.pos] {
		case '\\':
			p.pos += 2
			continue
		case '"':
			p.pos++
			var s string
			if err := json.Unmarshal(p.data[start:p.pos], &s); err != nil {
				return "", p.fail("bad string: %v", err)
			}
			return s, nil
		case '\n':
			return "", p.fail("a string runs past the end of its line")
		}
		p.pos++
	}
	return "", p.fail("the JSON ends early, in a string")
}

func (p *jsonParser) enter() error {
	p.depth++
	if p.depth > maxDepth {
		return p.fail("nested more than %d levels", maxDepth)
	}
	return nil
}

func (p *jsonParser) object(n *node) (*node, error) {
	n.kind = '{'
	if err := p.enter(); err != nil {
		return nil, err
	}
	defer func() { p.depth-- }()
	p.pos++
	seen := map[string]bool{}
	for {
		if err := p.space(); err != nil {
			return nil, err
		}
		if p.pos >= len(p.data) {
			return nil, p.fail("the JSON ends early, in an object")
		}
		if p.data[p.pos] == '}' {
			if len(n.commas) > 0 && n.commas[len(n.commas)-1] >= 0 {
				p.pos = n.commas[len(n.commas)-1]
				return nil, p.fail("a trailing comma, which JSON does not allow")
			}
			p.pos++
			n.end = p.pos
			return n, nil
		}
		if len(n.members) > 0 && n.commas[len(n.commas)-1] < 0 {
			return nil, p.fail("expected , or } after an object member")
		}
		if p.data[p.pos] != '"' {
			return nil, p.fail("an object key must be a string")
		}
		keyStart := p.pos
		key, err := p.stringLit()
		if err != nil {
			return nil, err
		}
		if seen[key] {
			return nil, p.fail("the key %q appears twice", key)
		}
		seen[key] = true
		if err := p.space(); err != nil {
			return nil, err
		}
		if p.pos >= len(p.data) || p.data[p.pos] != ':' {
			return nil, p.fail("expected : after the key %q", key)
		}
		p.pos++
		if err := p.space(); err != nil {
			return nil, err
		}
		v, err := p.value()
		if err != nil {
			return nil, err
		}
		n.members = append(n.members, member{key: key, keyStart: keyStart, val: v})
		if err := p.space(); err != nil {
			return nil, err
		}
		comma := -1
		if p.pos < len(p.data) && p.data[p.pos] == ',' {
			comma = p.pos
			p.pos++
		}
		n.commas = append(n.commas, comma)
	}
}

func (p *jsonParser) array(n *node) (*node, error) {
	n.kind = '['
	if err := p.enter(); err != nil {
		return nil, err
	}
	defer func() { p.depth-- }()
	p.pos++
	for {
		if err := p.space(); err != nil {
			return nil, err
		}
		if p.pos >= len(p.data) {
			return nil, p.fail("the JSON ends early, in a list")
		}
		if p.data[p.pos] == ']' {
			if len(n.commas) > 0 && n.commas[len(n.commas)-1] >= 0 {
				p.pos = n.commas[len(n.commas)-1]
				return nil, p.fail("a trailing comma, which JSON does not allow")
			}
			p.pos++
			n.end = p.pos
			return n, nil
		}
		if len(n.elems) > 0 && n.commas[len(n.commas)-1] < 0 {
			return nil, p.fail("expected , or ] after a list item")
		}
		v, err := p.value()
		if err != nil {
			return nil, err
		}
		n.elems = append(n.elems, v)
		if err := p.space(); err != nil {
			return nil, err
		}
		comma := -1
		if p.pos < len(p.data) && p.data[p.pos] == ',' {
			comma = p.pos
			p.pos++
		}
		n.commas = append(n.commas, comma)
	}
}

// get returns an object's member value.
func (n *node) get(key string) (*node, int) {
	if n == nil || n.kind != '{' {
		return nil, -1
	}
	for i, m := range n.members {
		if m.key == key {
			return m.val, i
		}
	}
	return nil, -1
}

// toValue converts a node to guard's value model (*Object, []any, ...).
func (n *node) toValue(data []byte) any {
	switch n.kind {
	case '{':
		o := NewObject()
		o.inline = !bytes.ContainsRune(data[n.start:n.end], '\n')
		for _, m := range n.members {
			o.Set(m.key, m.val.toValue(data))
		}
		return o
	case '[':
		l := []any{}
		for _, e := range n.elems {
			l = append(l, e.toValue(data))
		}
		if len(l) > 0 && !bytes.ContainsRune(data[n.start:n.end], '\n') {
			return inlineList(l)
		}
		return l
	case '"':
		return n.str
	case 'n':
		return json.Number(n.raw)
	case 't':
		return true
	case 'f':
		return false
	}
	return nil
}

// An edit replaces data[start:end] with text.
type edit struct {
	start, end int
	text       string
}

// apply applies non-overlapping edits.
func apply(data []byte, edits ...edit) []byte {
	// Later positions first, so earlier ones stay valid.
	for i := 1; i < len(edits); i++ {
		for j := i; j > 0 && edits[j].start > edits[j-1].start; j-- {
			edits[j], edits[j-1] = edits[j-1], edits[j]
		}
	}
	out := append([]byte(nil), data...)
	for _, e := range edits {
		out = append(out[:e.start], append([]byte(e.text), out[e.end:]...)...)
	}
	return out
}

// lineIndent returns the white space at the start of the line holding pos,
// and whether only white space comes before pos on that line.
func lineIndent(data []byte, pos int) (string, bool) {
	ls := bytes.LastIndexByte(data[:pos], '\n') + 1
	i := ls
	for i < pos && (data[i] == ' ' || data[i] == '\t') {
		i++
	}
	return string(data[ls:i]), i == pos
}

// render writes v as JSON for a place whose line is indented by ind, with
// unit as one level of indent.
func render(v any, ind, unit string) string {
	var b bytes.Buffer
	writeValue(&b, v, unit, 0)
	return strings.ReplaceAll(b.String(), "\n", "\n"+ind)
}

// spaceBefore returns where the white space run ending at pos starts.
func spaceBefore(data []byte, pos int) int {
	for pos > 0 && strings.IndexByte(" \t\r\n", data[pos-1]) >= 0 {
		pos--
	}
	return pos
}

// lineEnd returns where to put a new item after pos: past spaces and a
// comment that ends the line, so that the comment stays with its item.
func lineEnd(data []byte, pos int) int {
	i := pos
	for i < len(data) && (data[i] == ' ' || data[i] == '\t') {
		i++
	}
	if i+1 < len(data) && data[i] == '/' && data[i+1] == '/' {
		for i < len(data) && data[i] != '\n' {
			i++
		}
		if i > 0 && data[i-1] == '\r' {
			i--
		}
		return i
	}
	return pos
}

// insertItem adds an item (a member's "key": value, or a list element) at
// the end of container c, or at its start when first is set.
func insertItem(data []byte, c *node, key string, v any, unit string, first bool) []byte {
	item := func(ind string, inline bool) string {
		var val string
		if inline {
			var b bytes.Buffer
			writeValue(&b, inlined(v), unit, 0)
			val = b.String()
		} else {
			val = render(v, ind, unit)
		}
		if c.kind == '{' {
			var k bytes.Buffer
			writeScalar(&k, key)
			return k.String() + ": " + val
		}
		return val
	}
	n := len(c.members) + len(c.elems)
	if n == 0 {
		ind, _ := lineIndent(data, c.start)
		if c.end-c.start == 2 {
			return apply(data, edit{c.start + 1, c.start + 1, "\n" + ind + unit + item(ind+unit, false) + "\n" + ind})
		}
		// White space inside stays after the new item, so that taking it
		// out again gives back {  }.
		return apply(data, edit{c.start + 1, c.start + 1, "\n" + ind + unit + item(ind+unit, false)})
	}
	itemStart := func(i int) int {
		if c.kind == '{' {
			return c.members[i].keyStart
		}
		return c.elems[i].start
	}
	itemEnd := func(i int) int {
		if c.kind == '{' {
			return c.members[i].val.end
		}
		return c.elems[i].end
	}
	ind, ownLine := lineIndent(data, itemStart(0))
	inline := !bytes.ContainsRune(data[c.start:c.end], '\n')
	if first {
		if inline || !ownLine {
			return apply(data, edit{itemStart(0), itemStart(0), item("", true) + ", "})
		}
		return apply(data, edit{itemStart(0), itemStart(0), item(ind, false) + ",\n" + ind})
	}
	last := n - 1
	if l, own := lineIndent(data, itemStart(last)); own {
		ind = l
	} else if !ownLine {
		ind, _ = lineIndent(data, c.start)
		ind += unit
	}
	if inline {
		if c.commas[last] >= 0 {
			return apply(data, edit{c.commas[last] + 1, c.commas[last] + 1, " " + item("", true) + ","})
		}
		return apply(data, edit{itemEnd(last), itemEnd(last), ", " + item("", true)})
	}
	if comma := c.commas[last]; comma >= 0 {
		// A trailing comma: the new item gets one too.
		at := lineEnd(data, comma+1)
		return apply(data, edit{at, at, "\n" + ind + item(ind, false) + ","})
	}
	at := lineEnd(data, itemEnd(last))
	if at == itemEnd(last) {
		return apply(data, edit{at, at, ",\n" + ind + item(ind, false)})
	}
	return apply(data, edit{itemEnd(last), itemEnd(last), ","}, edit{at, at, "\n" + ind + item(ind, false)})
}

// inlined returns v marked to be written on one line.
func inlined(v any) any {
	switch t := v.(type) {
	case *Object:
		o := NewObject()
		o.inline = true
		for _, k := range t.keys {
			o.Set(k, inlined(t.vals[k]))
		}
		return o
	case []any:
		l := make(inlineList, len(t))
		for i, e := range t {
			l[i] = inlined(e)
		}
		return l
	}
	return v
}

// removeItem takes item i out of container c, with its comma and the
// white space before it; a container left with nothing but white space
// inside becomes empty ({} or []).
func removeItem(data []byte, c *node, i int) []byte {
	n := len(c.members) + len(c.elems)
	start, end := 0, 0
	if c.kind == '{' {
		start, end = c.members[i].keyStart, c.members[i].val.end
	} else {
		start, end = c.elems[i].start, c.elems[i].end
	}
	from := max(spaceBefore(data, start), c.start+1)
	var out []byte
	switch {
	case c.commas[i] >= 0:
		to := c.commas[i] + 1
		if from == start {
			// Nothing before it on its line ({"a": 1, ...}): the space
			// after the comma goes instead.
			for to < len(data) && (data[to] == ' ' || data[to] == '\t') {
				to++
			}
		}
		out = apply(data, edit{from, to, ""})
	case i > 0 && c.commas[i-1] >= 0:
		prev := c.commas[i-1]
		if from <= prev {
			from = prev + 1
		}
		out = apply(data, edit{prev, prev + 1, ""}, edit{from, end, ""})
	default:
		out = apply(data, edit{from, end, ""})
	}
	if n == 1 {
		// What insertItem leaves around an item in an empty container
		// goes with it: {} comes back as {}.
		closeAt := c.end - 1 - (len(data) - len(out))
		ind, _ := lineIndent(out, c.start)
		if string(out[c.start+1:closeAt]) == "\n"+ind {
			out = apply(out, edit{c.start + 1, closeAt, ""})
		}
	}
	return out
}

// replaceValue replaces the value v with a new one, written for v's place.
func replaceValue(data []byte, v *node, val any, unit string) []byte {
	ind, _ := lineIndent(data, v.start)
	text := render(val, ind, unit)
	if !bytes.ContainsRune(data[v.start:v.end], '\n') {
		if o, ok := val.(*Object); !ok || o.inline {
			var b bytes.Buffer
			writeValue(&b, inlined(val), unit, 0)
			text = b.String()
		}
	}
	return apply(data, edit{v.start, v.end, text})
}
