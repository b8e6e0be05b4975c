package parse

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"
)

// jq -n builds JSON from a literal filter, as agents do to write a request
// body: jq -n --arg id v1 '{query: "mutation { volumeDelete(volumeId: $id) }"}'
// | curl -d @- .... Its output is worked out for the filters that only
// construct values (objects, arrays, strings with interpolation, numbers,
// true, false, null, $variables from --arg and --argjson, tojson), printed
// as jq prints them. Any other filter, option or input gives up.

// jqOutput returns what jq prints for its arguments, when that is known.
func jqOutput(args []string) (string, bool) {
	var filter string
	haveFilter := false
	null, raw, join, compact, sortKeys := false, false, false, false, false
	vars := map[string]jqValue{}
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--arg" || a == "--argjson":
			if i+2 >= len(args) {
				return "", false
			}
			name, v := args[i+1], args[i+2]
			i += 2
			if a == "--arg" {
				vars[name] = jqValue{kind: jqString, s: v}
				continue
			}
			jv, ok := jqFromJSON(v)
			if !ok {
				return "", false
			}
			vars[name] = jv
		case strings.HasPrefix(a, "--"):
			switch a {
			case "--null-input":
				null = true
			case "--raw-output":
				raw = true
			case "--join-output":
				raw, join = true, true
			case "--compact-output":
				compact = true
			case "--sort-keys":
				sortKeys = true
			case "--monochrome-output", "--exit-status":
			default:
				return "", false
			}
		case strings.HasPrefix(a, "-") && len(a) > 1 && !haveFilter:
			for _, c := range a[1:] {
				switch c {
				case 'n':
					null = true
				case 'r':
					raw = true
				case 'j':
					raw, join = true, true
				case 'c':
					compact = true
				case 'S':
					sortKeys = true
				case 'M', 'e':
				default:
					return "", false
				}
			}
		case !haveFilter:
			filter, haveFilter = a, true
		default:
			// Input files: not known.
			return "", false
		}
	}
	if !null || !haveFilter {
		return "", false
	}
	p := &jqParser{src: filter, vars: vars}
	v, ok := p.pipe()
	p.space()
	if !ok || p.pos != len(p.src) {
		return "", false
	}
	var b strings.Builder
	if raw && v.kind == jqString {
		b.WriteString(v.s)
	} else {
		var enc strings.Builder
		if !v.encode(&enc, sortKeys, 0) {
			return "", false
		}
		if compact {
			b.WriteString(enc.String())
		} else {
			var out bytes.Buffer
			if json.Indent(&out, []byte(enc.String()), "", "  ") != nil {
				return "", false
			}
			b.Write(out.Bytes())
		}
	}
	if !join {
		b.WriteByte('\n')
	}
	return b.String(), true
}

type jqKind uint8

const (
	jqNull jqKind = iota
	jqBool
	jqNumber
	jqString
	jqArray
	jqObject
)

// jqValue is a JSON value that keeps the order of an object's keys, as
// jq does.
type jqValue struct {
	kind  jqKind
	s     string // a string, a number as written, or "true"/"false"
	items []jqValue
	keys  []string
	vals  map[string]jqValue
}

// encode writes the value as compact JSON, escaped as jq escapes.
func (v jqValue) encode(b *strings.Builder, sortKeys bool, depth int) bool {
	if depth > 64 {
		return false
	}
	switch v.kind {
	case jqNull:
		b.WriteString("null")
	case jqBool, jqNumber:
		b.WriteString(v.s)
	case jqString:
		return jqQuote(b, v.s)
	case jqArray:
		b.WriteByte('[')
		for i, it := range v.items {
			if i > 0 {
				b.WriteByte(',')
			}
			if !it.encode(b, sortKeys, depth+1) {
				return false
			}
		}
		b.WriteByte(']')
	case jqObject:
		keys := v.keys
		if sortKeys {
			keys = append([]string(nil), keys...)
			sort.Strings(keys)
		}
		b.WriteByte('{')
		for i, k := range keys {
			if i > 0 {
				b.WriteByte(',')
			}
			if !jqQuote(b, k) {
				return false
			}
			b.WriteByte(':')
			if !v.vals[k].encode(b, sortKeys, depth+1) {
				return false
			}
		}
		b.WriteByte('}')
	}
	return true
}

// jqQuote writes a JSON string as jq prints it.
func jqQuote(b *strings.Builder, s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\b':
			b.WriteString(`\b`)
		case r == '\f':
			b.WriteString(`\f`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return true
}

// jqFromJSON reads a JSON text, keeping the order of object keys.
func jqFromJSON(s string) (jqValue, bool) {
	d := json.NewDecoder(strings.NewReader(s))
	d.UseNumber()
	v, ok := jqDecode(d, 0)
	if !ok || d.More() {
		return jqValue{}, false
	}
	return v, true
}

func jqDecode(d *json.Decoder, depth int) (jqValue, bool) {
	if depth > 64 {
		return jqValue{}, false
	}
	t, err := d.Token()
	if err != nil {
		return jqValue{}, false
	}
	switch x := t.(type) {
	case nil:
		return jqValue{}, true
	case bool:
		return jqValue{kind: jqBool, s: fmt.Sprint(x)}, true
	case json.Number:
		if !jqInteger(x.String()) {
			return jqValue{}, false
		}
		return jqValue{kind: jqNumber, s: x.String()}, true
	case string:
		return jqValue{kind: jqString, s: x}, true
	case json.Delim:
		switch x {
		case '[':
			v := jqValue{kind: jqArray}
			for d.More() {
				it, ok := jqDecode(d, depth+1)
				if !ok {
					return jqValue{}, false
				}
				v.items = append(v.items, it)
			}
			_, err := d.Token()
			return v, err == nil
		case '{':
			v := jqValue{kind: jqObject, vals: map[string]jqValue{}}
			for d.More() {
				kt, err := d.Token()
				k, ok := kt.(string)
				if err != nil || !ok {
					return jqValue{}, false
				}
				it, ok := jqDecode(d, depth+1)
				if !ok {
					return jqValue{}, false
				}
				v.set(k, it)
			}
			_, err := d.Token()
			return v, err == nil
		}
	}
	return jqValue{}, false
}

func (v *jqValue) set(k string, x jqValue) {
	if _, ok := v.vals[k]; !ok {
		v.keys = append(v.keys, k)
	}
	v.vals[k] = x
}

// jqInteger reports whether a number is an integer jq prints as written.
func jqInteger(s string) bool {
	t := strings.TrimPrefix(s, "-")
	if t == "" || len(t) > 15 || len(t) > 1 && t[0] == '0' {
		return false
	}
	for i := 0; i < len(t); i++ {
		if t[i] < '0' || t[i] > '9' {
			return false
		}
	}
	return true
}

// jqParser evaluates the value-building part of the jq language.
type jqParser struct {
	src   string
	pos   int
	vars  map[string]jqValue
	depth int
}

func (p *jqParser) space() {
	for p.pos < len(p.src) {
		switch c := p.src[p.pos]; {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			p.pos++
		case c == '#':
			for p.pos < len(p.src) && p.src[p.pos] != '\n' {
				p.pos++
			}
		default:
			return
		}
	}
}

func (p *jqParser) eat(s string) bool {
	p.space()
	if strings.HasPrefix(p.src[p.pos:], s) {
		p.pos += len(s)
		return true
	}
	return false
}

// pipe reads SUM (| tojson)*.
func (p *jqParser) pipe() (jqValue, bool) {
	v, ok := p.sum()
	return p.pipeFrom(v, ok)
}

// pipeFrom reads (| tojson)* after a value.
func (p *jqParser) pipeFrom(v jqValue, ok bool) (jqValue, bool) {
	for ok && p.eat("|") {
		p.space()
		name := p.ident()
		switch name {
		case "tojson", "@json":
			var b strings.Builder
			if !v.encode(&b, false, 0) {
				return jqValue{}, false
			}
			v = jqValue{kind: jqString, s: b.String()}
		case ".":
		default:
			return jqValue{}, false
		}
	}
	return v, ok
}

// sum reads TERM (+ TERM)*, for strings.
func (p *jqParser) sum() (jqValue, bool) {
	v, ok := p.term()
	for ok && p.eat("+") {
		w, ok2 := p.term()
		if !ok2 || v.kind != jqString || w.kind != jqString {
			return jqValue{}, false
		}
		v.s += w.s
	}
	return v, ok
}

func (p *jqParser) ident() string {
	p.space()
	start := p.pos
	if p.pos < len(p.src) && (p.src[p.pos] == '@' || p.src[p.pos] == '$' || p.src[p.pos] == '.') {
		p.pos++
		if p.src[start] == '.' {
			return "."
		}
	}
	for p.pos < len(p.src) && (p.src[p.pos] == '_' || isAlnumByte(p.src[p.pos])) {
		p.pos++
	}
	return p.src[start:p.pos]
}

func (p *jqParser) term() (jqValue, bool) {
	p.depth++
	defer func() { p.depth-- }()
	if p.depth > 64 {
		return jqValue{}, false
	}
	p.space()
	if p.pos >= len(p.src) {
		return jqValue{}, false
	}
	switch c := p.src[p.pos]; {
	case c == '"':
		return p.str()
	case c == '{':
		p.pos++
		v := jqValue{kind: jqObject, vals: map[string]jqValue{}}
		if p.eat("}") {
			return v, true
		}
		for {
			p.space()
			var key string
			var val jqValue
			shorthand := false
			switch {
			case p.pos < len(p.src) && p.src[p.pos] == '"':
				k, ok := p.str()
				if !ok {
					return jqValue{}, false
				}
				key = k.s
			case p.pos < len(p.src) && p.src[p.pos] == '$':
				name := p.ident()
				x, ok := p.vars[name[1:]]
				if !ok {
					return jqValue{}, false
				}
				key, val, shorthand = name[1:], x, true
			default:
				key = p.ident()
				if key == "" {
					return jqValue{}, false
				}
			}
			if p.eat(":") {
				// An object's value is a term, or terms in a pipe: jq
				// does not take {a: "x" + "y"} without parentheses.
				x, ok := p.pipeFrom(p.term())
				if !ok {
					return jqValue{}, false
				}
				val = x
			} else if !shorthand {
				// {a} is {a: .a}, and . is null.
				val = jqValue{}
			}
			v.set(key, val)
			if p.eat("}") {
				return v, true
			}
			if !p.eat(",") {
				return jqValue{}, false
			}
		}
	case c == '[':
		p.pos++
		v := jqValue{kind: jqArray}
		if p.eat("]") {
			return v, true
		}
		for {
			x, ok := p.sum()
			if !ok {
				return jqValue{}, false
			}
			v.items = append(v.items, x)
			if p.eat("]") {
				return v, true
			}
			if !p.eat(",") {
				return jqValue{}, false
			}
		}
	case c == '(':
		p.pos++
		v, ok := p.pipe()
		if !ok || !p.eat(")") {
			return jqValue{}, false
		}
		return v, true
	case c == '$':
		name := p.ident()
		v, ok := p.vars[name[1:]]
		return v, ok
	case c == '.':
		p.pos++
		if p.pos < len(p.src) && (p.src[p.pos] == '_' || isAlnumByte(p.src[p.pos]) || p.src[p.pos] == '[' || p.src[p.pos] == '"') {
			return jqValue{}, false
		}
		return jqValue{}, true
	case c == '-' || c >= '0' && c <= '9':
		start := p.pos
		p.pos++
		for p.pos < len(p.src) && p.src[p.pos] >= '0' && p.src[p.pos] <= '9' {
			p.pos++
		}
		n := p.src[start:p.pos]
		if p.pos < len(p.src) && (p.src[p.pos] == '.' || p.src[p.pos] == 'e' || p.src[p.pos] == 'E') || !jqInteger(n) {
			return jqValue{}, false
		}
		return jqValue{kind: jqNumber, s: n}, true
	default:
		switch name := p.ident(); name {
		case "null":
			return jqValue{}, true
		case "true", "false":
			return jqValue{kind: jqBool, s: name}, true
		}
	}
	return jqValue{}, false
}

// str reads a string literal, with \(...) interpolation.
func (p *jqParser) str() (jqValue, bool) {
	p.pos++ // the opening quote
	var b strings.Builder
	for p.pos < len(p.src) {
		c := p.src[p.pos]
		switch {
		case c == '"':
			p.pos++
			return jqValue{kind: jqString, s: b.String()}, true
		case c == '\\' && p.pos+1 < len(p.src):
			e := p.src[p.pos+1]
			p.pos += 2
			switch e {
			case '"', '\\', '/':
				b.WriteByte(e)
			case 'n':
				b.WriteByte('\n')
			case 't':
				b.WriteByte('\t')
			case 'r':
				b.WriteByte('\r')
			case 'b':
				b.WriteByte('\b')
			case 'f':
				b.WriteByte('\f')
			case 'u':
				if p.pos+4 > len(p.src) {
					return jqValue{}, false
				}
				var r rune
				if _, err := fmt.Sscanf(p.src[p.pos:p.pos+4], "%04x", &r); err != nil || r >= 0xd800 && r < 0xe000 {
					return jqValue{}, false
				}
				b.WriteRune(r)
				p.pos += 4
			case '(':
				v, ok := p.pipe()
				if !ok || !p.eat(")") {
					return jqValue{}, false
				}
				if v.kind == jqString {
					b.WriteString(v.s)
				} else if !v.encode(&b, false, 0) {
					return jqValue{}, false
				}
			default:
				return jqValue{}, false
			}
		default:
			b.WriteByte(c)
			p.pos++
		}
	}
	return jqValue{}, false
}
