package install

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
)

// Object is a JSON object that keeps its keys in order, so that guard can
// change an agent's settings file without reordering what the person wrote.
// Values are *Object, []any, string, json.Number, bool or nil.
type Object struct {
	keys []string
	vals map[string]any
	// inline reports that the object was written on one line in the
	// file, and is written back that way.
	inline bool
}

// inlineList is a list that was written on one line in the file. Lists
// guard builds are []any, written one item per line.
type inlineList []any

// List returns v as a list, if it is one.
func List(v any) ([]any, bool) { return asList(v) }

// asList returns v as a list.
func asList(v any) ([]any, bool) {
	switch l := v.(type) {
	case []any:
		return l, true
	case inlineList:
		return l, true
	}
	return nil, false
}

// NewObject returns an object with the given key and value pairs.
func NewObject(kv ...any) *Object {
	o := &Object{vals: map[string]any{}}
	for i := 0; i+1 < len(kv); i += 2 {
		o.Set(kv[i].(string), kv[i+1])
	}
	return o
}

// Get returns the value of key k.
func (o *Object) Get(k string) (any, bool) {
	v, ok := o.vals[k]
	return v, ok
}

// String returns the value of k if it is a string.
func (o *Object) String(k string) string {
	s, _ := o.vals[k].(string)
	return s
}

// Set sets k, keeping its place if it is already there.
func (o *Object) Set(k string, v any) {
	if _, ok := o.vals[k]; !ok {
		o.keys = append(o.keys, k)
	}
	o.vals[k] = v
}

// Delete removes k.
func (o *Object) Delete(k string) {
	if _, ok := o.vals[k]; !ok {
		return
	}
	delete(o.vals, k)
	for i, kk := range o.keys {
		if kk == k {
			o.keys = append(o.keys[:i], o.keys[i+1:]...)
			break
		}
	}
}

// Keys returns the keys in order.
func (o *Object) Keys() []string { return append([]string(nil), o.keys...) }

// Len returns the number of keys.
func (o *Object) Len() int { return len(o.keys) }

// DecodeJSON parses data, which must hold exactly one JSON value.
func DecodeJSON(data []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	v, err := decodeValue(dec, data)
	if err != nil {
		return nil, jsonErr(data, dec, err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, fmt.Errorf("more data after the JSON value (comments are not supported)")
	}
	return v, nil
}

func jsonErr(data []byte, dec *json.Decoder, err error) error {
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return errors.New("the JSON ends early")
	}
	off := dec.InputOffset()
	var se *json.SyntaxError
	if errors.As(err, &se) {
		off = se.Offset
	}
	if off > int64(len(data)) {
		off = int64(len(data))
	}
	line := 1 + bytes.Count(data[:off], []byte("\n"))
	msg := err.Error()
	if bytes.Contains(data, []byte("//")) || bytes.Contains(data, []byte("/*")) {
		msg += " (comments are not supported)"
	}
	return fmt.Errorf("line %d: %s", line, msg)
}

func decodeValue(dec *json.Decoder, data []byte) (any, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	start := dec.InputOffset() - 1
	oneLine := func() bool {
		end := dec.InputOffset()
		return start >= 0 && end <= int64(len(data)) && !bytes.ContainsRune(data[start:end], '\n')
	}
	switch t := tok.(type) {
	case json.Delim:
		switch t {
		case '{':
			o := NewObject()
			for dec.More() {
				kt, err := dec.Token()
				if err != nil {
					return nil, err
				}
				k, ok := kt.(string)
				if !ok {
					return nil, fmt.Errorf("object key is not a string")
				}
				v, err := decodeValue(dec, data)
				if err != nil {
					return nil, err
				}
				o.Set(k, v)
			}
			if _, err := dec.Token(); err != nil {
				return nil, err
			}
			o.inline = oneLine()
			return o, nil
		case '[':
			list := []any{}
			for dec.More() {
				v, err := decodeValue(dec, data)
				if err != nil {
					return nil, err
				}
				list = append(list, v)
			}
			if _, err := dec.Token(); err != nil {
				return nil, err
			}
			if oneLine() && len(list) > 0 {
				return inlineList(list), nil
			}
			return list, nil
		}
		return nil, fmt.Errorf("unexpected %v", t)
	default:
		return t, nil
	}
}

// EncodeJSON writes v with the given indent, ending in a newline.
func EncodeJSON(v any, indent string) []byte {
	var b bytes.Buffer
	writeValue(&b, v, indent, 0)
	b.WriteByte('\n')
	return b.Bytes()
}

func writeValue(b *bytes.Buffer, v any, indent string, depth int) {
	pad := func(d int) { b.WriteString(strings.Repeat(indent, d)) }
	switch t := v.(type) {
	case *Object:
		if t.Len() == 0 {
			b.WriteString("{}")
			return
		}
		if t.inline {
			b.WriteByte('{')
			for i, k := range t.keys {
				if i > 0 {
					b.WriteString(", ")
				}
				writeScalar(b, k)
				b.WriteString(": ")
				writeValue(b, t.vals[k], indent, depth+1)
			}
			b.WriteByte('}')
			return
		}
		b.WriteString("{\n")
		for i, k := range t.keys {
			pad(depth + 1)
			writeScalar(b, k)
			b.WriteString(": ")
			writeValue(b, t.vals[k], indent, depth+1)
			if i < len(t.keys)-1 {
				b.WriteByte(',')
			}
			b.WriteByte('\n')
		}
		pad(depth)
		b.WriteByte('}')
	case inlineList:
		b.WriteByte('[')
		for i, e := range t {
			if i > 0 {
				b.WriteString(", ")
			}
			writeValue(b, e, indent, depth+1)
		}
		b.WriteByte(']')
	case []any:
		if len(t) == 0 {
			b.WriteString("[]")
			return
		}
		b.WriteString("[\n")
		for i, e := range t {
			pad(depth + 1)
			writeValue(b, e, indent, depth+1)
			if i < len(t)-1 {
				b.WriteByte(',')
			}
			b.WriteByte('\n')
		}
		pad(depth)
		b.WriteByte(']')
	case json.Number:
		b.WriteString(string(t))
	default:
		writeScalar(b, t)
	}
}

func writeScalar(b *bytes.Buffer, v any) {
	var s bytes.Buffer
	enc := json.NewEncoder(&s)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		// Only strings, numbers, bools and nil reach here.
		panic(err)
	}
	b.Write(bytes.TrimSuffix(s.Bytes(), []byte("\n")))
}

// detectIndent returns the indent a JSON file uses: the leading white
// space of its first indented line, or two spaces.
func detectIndent(data []byte) string {
	for _, line := range strings.Split(string(data), "\n")[1:] {
		trimmed := strings.TrimLeft(line, " \t")
		if trimmed == "" || len(trimmed) == len(line) {
			continue
		}
		return line[:len(line)-len(trimmed)]
	}
	return "  "
}
