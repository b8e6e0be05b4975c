package rules

import (
	"slices"
	"strings"
)

// keyLoc is where a key, or a table header, is written in a TOML file.
type keyLoc struct {
	path []string // the full key: table keys, then the dotted key
	// index is which element of an array of tables ([[rule]]) the key is
	// in, counted from 0, or -1 outside one.
	index       int
	offset      int
	line, col   int
	header      bool
	valueOffset int // where the key's value starts
	valueEnd    int // just past the key's value
}

// keyPositions finds where each key and table header of a TOML document
// is written. The TOML decoder has already accepted the document; this
// only needs to be good enough to point a person at the right line, and
// errorAt's text search remains the fallback.
func keyPositions(data string) []keyLoc {
	var out []keyLoc
	var table, array []string
	index, arrayIndex := -1, -1
	counts := map[string]int{}
	line, lineStart := 1, 0
	i := 0
	skipLine := func() {
		for i < len(data) && data[i] != '\n' {
			i++
		}
	}
	for i < len(data) {
		c := data[i]
		switch {
		case c == '\n':
			i++
			line, lineStart = line+1, i
		case c == ' ' || c == '\t' || c == '\r':
			i++
		case c == '#':
			skipLine()
		case c == '[':
			isArray := strings.HasPrefix(data[i:], "[[")
			start, col := i, i-lineStart+1
			i++
			if isArray {
				i++
			}
			keys, j := readKey(data, i)
			i = j
			table = keys
			switch {
			case isArray:
				k := strings.Join(keys, "\x00")
				index = counts[k]
				counts[k]++
				array, arrayIndex = keys, index
			case arrayIndex >= 0 && len(keys) > len(array) && slices.Equal(keys[:len(array)], array):
				// [rule.with] is a table of the last [[rule]].
				index = arrayIndex
			default:
				index = -1
			}
			out = append(out, keyLoc{path: keys, index: index, offset: start, line: line, col: col, header: true})
			skipLine()
		default:
			start, col := i, i-lineStart+1
			keys, j := readKey(data, i)
			if j >= len(data) || data[j] != '=' || len(keys) == 0 {
				skipLine()
				continue
			}
			i = j + 1
			valueStart := i
			i = skipValue(data, i, &line, &lineStart)
			path := append(slices.Clone(table), keys...)
			out = append(out, keyLoc{path: path, index: index, offset: start, line: line, col: col,
				valueOffset: valueStart, valueEnd: i})
			// A value may span lines: the key's line is where it began.
			out[len(out)-1].line = lineOf(data, start)
		}
	}
	return out
}

func lineOf(data string, offset int) int {
	return strings.Count(data[:offset], "\n") + 1
}

// readKey reads a dotted key, bare or quoted parts, up to = or ] or the end
// of the line. It returns the parts and the offset of what stopped it.
func readKey(data string, i int) ([]string, int) {
	var keys []string
	var cur strings.Builder
	have := false
	flush := func() {
		if have {
			keys = append(keys, strings.TrimSpace(cur.String()))
		}
		cur.Reset()
		have = false
	}
	for i < len(data) {
		c := data[i]
		switch {
		case c == '=' || c == ']' || c == '\n':
			flush()
			return keys, i
		case c == '.':
			flush()
			i++
		case c == '"' || c == '\'':
			j := i + 1
			for j < len(data) && data[j] != c && data[j] != '\n' {
				if c == '"' && data[j] == '\\' {
					j++
				}
				j++
			}
			cur.WriteString(data[i+1 : min(j, len(data))])
			have = true
			i = j + 1
		case c == ' ' || c == '\t':
			i++
		default:
			cur.WriteByte(c)
			have = true
			i++
		}
	}
	flush()
	return keys, i
}

// skipValue returns the offset just past a value that starts at i:
// strings, arrays and inline tables may span lines.
func skipValue(data string, i int, line, lineStart *int) int {
	depth := 0
	for i < len(data) {
		c := data[i]
		switch {
		case c == '\n':
			if depth == 0 {
				return i
			}
			i++
			*line, *lineStart = *line+1, i
		case c == '#':
			for i < len(data) && data[i] != '\n' {
				i++
			}
		case c == '[' || c == '{':
			depth++
			i++
		case c == ']' || c == '}':
			depth--
			i++
		case strings.HasPrefix(data[i:], `"""`) || strings.HasPrefix(data[i:], "'''"):
			delim := data[i : i+3]
			end := strings.Index(data[i+3:], delim)
			if end < 0 {
				return len(data)
			}
			next := i + 3 + end + 3
			for _, ch := range data[i:next] {
				if ch == '\n' {
					*line++
				}
			}
			if k := strings.LastIndexByte(data[:next], '\n'); k >= i {
				*lineStart = k + 1
			}
			i = next
		case c == '"' || c == '\'':
			j := i + 1
			for j < len(data) && data[j] != c && data[j] != '\n' {
				if c == '"' && data[j] == '\\' {
					j++
				}
				j++
			}
			i = j + 1
		default:
			i++
		}
	}
	return i
}

// keyError is an error about one key of a rule, so that its position can
// be found.
type keyError struct {
	key string
	err error
}

func (e *keyError) Error() string { return e.err.Error() }
func (e *keyError) Unwrap() error { return e.err }

// locate returns the position of the key with the given full path, for
// the index-th element of its array of tables (or any element when index
// is -1). When the key itself is not written (it is inside an inline
// table, say), the longest written prefix of it is used.
func (f *File) locate(path []string, index int) (line, col int, ok bool) {
	if f.keys == nil {
		f.keys = keyPositions(f.data)
	}
	for n := len(path); n > 0; n-- {
		for _, k := range f.keys {
			if (index < 0 || k.index == index) && slices.Equal(k.path, path[:n]) {
				return k.line, k.col, true
			}
		}
	}
	return 0, 0, false
}

// errorAtKey makes an error positioned at a key, falling back to the
// first occurrence of needle.
func (f *File) errorAtKey(path []string, index int, needle, msg string) *Error {
	if line, col, ok := f.locate(path, index); ok {
		return &Error{File: f.Name, Line: line, Col: col, Msg: msg}
	}
	return f.errorAt(needle, msg)
}

// errorInValue makes an error positioned at a string inside the value of
// a top-level key, such as one id in allow_rules = [...].
func (f *File) errorInValue(key, s, msg string) *Error {
	if f.keys == nil {
		f.keys = keyPositions(f.data)
	}
	for _, k := range f.keys {
		if len(k.path) != 1 || k.path[0] != key || k.header {
			continue
		}
		value := f.data[k.valueOffset:k.valueEnd]
		for _, q := range []string{`"` + s + `"`, `'` + s + `'`} {
			if j := strings.Index(value, q); j >= 0 {
				off := k.valueOffset + j
				return &Error{File: f.Name, Line: lineOf(f.data, off), Col: off - strings.LastIndex(f.data[:off], "\n"), Msg: msg}
			}
		}
		return &Error{File: f.Name, Line: k.line, Col: k.col, Msg: msg}
	}
	return f.errorAt(s, msg)
}
