package parse

import (
	"cmp"
	"slices"
	"strings"
)

// This file holds the text helpers of the code reader: assignments,
// path joins, brackets, commas and the spans of string literals.

// assignments finds the simple assignments in code: name = EXPR at the
// start of a statement (python, ruby, awk), with my, our, local, const,
// let or var before it, or with a sigil ($x = in perl and php). A name
// assigned twice maps to -1: its value is not known.
func assignments(code, lang string) map[string]int {
	vars := map[string]int{}
	for i := 0; i < len(code); i++ {
		if i > 0 && code[i-1] != '\n' && code[i-1] != ';' && code[i-1] != '{' && code[i-1] != ' ' && code[i-1] != '(' {
			continue
		}
		j := i
		for _, kw := range []string{"const ", "let ", "var ", "my ", "our ", "local "} {
			if strings.HasPrefix(code[j:], kw) {
				j += len(kw)
				break
			}
		}
		if j < len(code) && (code[j] == '$' || code[j] == '@') {
			j++
		}
		k := j
		for k < len(code) && isWordChar(code[k]) {
			k++
		}
		if k == j || j > 0 && isWordChar(code[j-1]) && j == i {
			continue
		}
		name := code[j:k]
		for k < len(code) && code[k] == ' ' {
			k++
		}
		if k >= len(code) || code[k] != '=' || k+1 < len(code) && (code[k+1] == '=' || code[k+1] == '~' || code[k+1] == '>') {
			continue
		}
		if _, seen := vars[name]; seen {
			vars[name] = -1
		} else {
			vars[name] = k + 1
		}
		i = k
	}
	return vars
}

// joinPath joins two paths as os.path.join does: an absolute second part
// replaces the first.
func joinPath(a, b strExpr) strExpr {
	if len(b) > 0 && (b[0].home || b[0].known && strings.HasPrefix(b[0].text, "/")) {
		return b
	}
	out := append(strExpr(nil), a...)
	if n := len(out); n == 0 || !(out[n-1].known && strings.HasSuffix(out[n-1].text, "/")) {
		out = append(out, seg{text: "/", known: true})
	}
	return append(out, b...)
}

// expandTilde makes a leading ~ the home directory.
func expandTilde(e strExpr) strExpr {
	if len(e) > 0 && e[0].known && !e[0].home && (e[0].text == "~" || strings.HasPrefix(e[0].text, "~/")) {
		out := strExpr{{home: true, known: true}}
		if rest := e[0].text[1:]; rest != "" {
			out = append(out, seg{text: rest, known: true})
		}
		return append(out, e[1:]...)
	}
	return e
}

func isWordStart(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

func isWordChar(c byte) bool { return isWordStart(c) || c >= '0' && c <= '9' }

func closer(open byte) byte {
	switch open {
	case '(':
		return ')'
	case '[':
		return ']'
	case '{':
		return '}'
	}
	return open
}

// matching returns the index of the bracket that closes the one at i,
// skipping quoted text, or len(s)-1 when it is not closed.
func matching(s string, i int, open, close byte) int {
	depth := 0
	for j := i; j < len(s); j++ {
		switch c := s[j]; c {
		case '\'', '"', '`':
			for j++; j < len(s) && s[j] != c; j++ {
				if s[j] == '\\' {
					j++
				}
			}
		case open:
			depth++
		case close:
			depth--
			if depth == 0 {
				return j
			}
		}
	}
	return max(len(s)-1, i)
}

// nextComma returns the index of the next comma at depth zero before end,
// or end.
func nextComma(s string, i, end int) int {
	return nextAtDepth(s, i, end, ',')
}

// nextAtDepth returns the index of the next sep outside quotes and
// brackets before end, or end.
func nextAtDepth(s string, i, end int, sep byte) int {
	for j := i; j < end; j++ {
		switch c := s[j]; c {
		case '\'', '"', '`':
			for j++; j < end && s[j] != c; j++ {
				if s[j] == '\\' {
					j++
				}
			}
		case '(', '[', '{':
			j = matching(s[:end], j, c, closer(c))
		case sep:
			return j
		}
	}
	return end
}

// inString reports whether offset i of the whole code is inside a string
// literal. The literals are found when first needed.
func (s *codeScan) inString(i int) bool {
	t := s.top()
	if t.spans == nil {
		t.spans = stringSpans(t.code, t.lang)
	}
	k, _ := slices.BinarySearchFunc(t.spans, i, func(sp [2]int, x int) int { return cmp.Compare(sp[1], x) })
	return k < len(t.spans) && t.spans[k][0] < i && i < t.spans[k][1]
}

// stringSpans returns the offsets of the quotes around each string literal
// of code, in order.
func stringSpans(code, lang string) [][2]int {
	spans := [][2]int{}
	for i := 0; i < len(code); i++ {
		q := code[i]
		if q != '"' && q != '\'' && !(q == '`' && lang == "node") || q == '\'' && lang == "awk" {
			continue
		}
		if q == '\'' && i > 0 && isWordChar(code[i-1]) && lang != "python" {
			// An apostrophe in a word, such as perl's package separator.
			continue
		}
		triple := lang == "python" && strings.HasPrefix(code[i:], strings.Repeat(string(q), 3))
		j := i + 1
		if triple {
			j += 2
		}
		for j < len(code) {
			if code[j] == '\\' {
				j += 2
				continue
			}
			if code[j] == q && (!triple || strings.HasPrefix(code[j:], strings.Repeat(string(q), 3))) {
				break
			}
			j++
		}
		if triple {
			j += 2
		}
		j = min(j, len(code))
		spans = append(spans, [2]int{i, j})
		i = j
	}
	return spans
}
