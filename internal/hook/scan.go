package hook

import (
	"bytes"
	"unicode/utf8"
)

// fastJSON turns on the scanner below; the tests turn it off to compare
// every answer with encoding/json's alone.
var fastJSON = true

// A hook call decodes one small object, and encoding/json spends most of
// a hook's decoding time setting itself up (a decoder, reflection over
// the map it fills, a copy of every member). scanObject reads the inputs
// agents send without it: one object whose member names are plain ASCII,
// whatever valid JSON the values are, white space around. Anything else,
// malformed input included, it leaves to encoding/json, which then gives
// the answer and the error it always gave: the scanner accepts only what
// encoding/json accepts, and decodes it to the same members.

// maxScanDepth is how deeply arrays and objects may nest for the scanner;
// deeper input goes to encoding/json.
const maxScanDepth = 64

// scanObject returns the members of data, which must hold one JSON object
// and white space only, as decodeObject does: each value as its raw
// bytes, the last of a repeated name winning. ok is false when the input
// is not one the scanner reads.
func scanObject(data []byte) (o object, ok bool) {
	if !fastJSON {
		return nil, false
	}
	i := skipSpace(data, 0)
	if i >= len(data) || data[i] != '{' {
		return nil, false
	}
	o = object{}
	i = skipSpace(data, i+1)
	if i < len(data) && data[i] == '}' {
		return o, skipSpace(data, i+1) == len(data)
	}
	for {
		if i >= len(data) || data[i] != '"' {
			return nil, false
		}
		start := i + 1
		i = start
		for i < len(data) && data[i] != '"' {
			if c := data[i]; c < 0x20 || c >= utf8.RuneSelf || c == '\\' {
				return nil, false
			}
			i++
		}
		if i >= len(data) {
			return nil, false
		}
		name := string(data[start:i])
		i = skipSpace(data, i+1)
		if i >= len(data) || data[i] != ':' {
			return nil, false
		}
		i = skipSpace(data, i+1)
		end, ok := skipValue(data, i, 0)
		if !ok {
			return nil, false
		}
		o[name] = data[i:end:end]
		i = skipSpace(data, end)
		if i >= len(data) {
			return nil, false
		}
		switch data[i] {
		case ',':
			i = skipSpace(data, i+1)
		case '}':
			return o, skipSpace(data, i+1) == len(data)
		default:
			return nil, false
		}
	}
}

// plainString returns the string a raw JSON value holds when it is a
// string without escapes in valid UTF-8, which decodes to its own bytes.
func plainString(raw []byte) (string, bool) {
	if !fastJSON || len(raw) < 2 || raw[0] != '"' || raw[len(raw)-1] != '"' {
		return "", false
	}
	in := raw[1 : len(raw)-1]
	if bytes.IndexByte(in, '\\') >= 0 || bytes.IndexByte(in, '"') >= 0 || !utf8.Valid(in) {
		return "", false
	}
	for _, c := range in {
		if c < 0x20 {
			return "", false
		}
	}
	return string(in), true
}

func skipSpace(data []byte, i int) int {
	for i < len(data) {
		switch data[i] {
		case ' ', '\t', '\n', '\r':
			i++
		default:
			return i
		}
	}
	return i
}

// skipValue returns the end of the JSON value that starts at i, and
// whether there is a valid one there.
func skipValue(data []byte, i, depth int) (int, bool) {
	if i >= len(data) {
		return i, false
	}
	switch c := data[i]; {
	case c == '"':
		return skipString(data, i)
	case c == '{' || c == '[':
		if depth >= maxScanDepth {
			return i, false
		}
		return skipComposite(data, i, depth+1)
	case c == '-' || c >= '0' && c <= '9':
		return skipNumber(data, i)
	case c == 't':
		return skipWord(data, i, "true")
	case c == 'f':
		return skipWord(data, i, "false")
	case c == 'n':
		return skipWord(data, i, "null")
	}
	return i, false
}

// skipComposite skips an object or an array.
func skipComposite(data []byte, i, depth int) (int, bool) {
	closer := byte(']')
	if data[i] == '{' {
		closer = '}'
	}
	i = skipSpace(data, i+1)
	if i < len(data) && data[i] == closer {
		return i + 1, true
	}
	for {
		var ok bool
		if closer == '}' {
			if i >= len(data) || data[i] != '"' {
				return i, false
			}
			if i, ok = skipString(data, i); !ok {
				return i, false
			}
			i = skipSpace(data, i)
			if i >= len(data) || data[i] != ':' {
				return i, false
			}
			i = skipSpace(data, i+1)
		}
		if i, ok = skipValue(data, i, depth); !ok {
			return i, false
		}
		i = skipSpace(data, i)
		if i >= len(data) {
			return i, false
		}
		switch data[i] {
		case ',':
			i = skipSpace(data, i+1)
		case closer:
			return i + 1, true
		default:
			return i, false
		}
	}
}

// skipString skips a string: no control characters, and only the escapes
// JSON has.
func skipString(data []byte, i int) (int, bool) {
	for i++; i < len(data); i++ {
		switch c := data[i]; {
		case c == '"':
			return i + 1, true
		case c < 0x20:
			return i, false
		case c == '\\':
			i++
			if i >= len(data) {
				return i, false
			}
			switch data[i] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
			case 'u':
				if i+4 >= len(data) {
					return i, false
				}
				for _, h := range data[i+1 : i+5] {
					if !(h >= '0' && h <= '9' || h >= 'a' && h <= 'f' || h >= 'A' && h <= 'F') {
						return i, false
					}
				}
				i += 4
			default:
				return i, false
			}
		}
	}
	return i, false
}

// skipNumber skips a number: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
func skipNumber(data []byte, i int) (int, bool) {
	if data[i] == '-' {
		i++
	}
	switch {
	case i < len(data) && data[i] == '0':
		i++
	case i < len(data) && data[i] >= '1' && data[i] <= '9':
		i = skipDigits(data, i)
	default:
		return i, false
	}
	if i < len(data) && data[i] == '.' {
		j := skipDigits(data, i+1)
		if j == i+1 {
			return j, false
		}
		i = j
	}
	if i < len(data) && (data[i] == 'e' || data[i] == 'E') {
		i++
		if i < len(data) && (data[i] == '+' || data[i] == '-') {
			i++
		}
		j := skipDigits(data, i)
		if j == i {
			return j, false
		}
		i = j
	}
	return i, true
}

func skipDigits(data []byte, i int) int {
	for i < len(data) && data[i] >= '0' && data[i] <= '9' {
		i++
	}
	return i
}

func skipWord(data []byte, i int, w string) (int, bool) {
	if len(data)-i < len(w) || string(data[i:i+len(w)]) != w {
		return i, false
	}
	return i + len(w), true
}
