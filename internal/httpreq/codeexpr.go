package httpreq

import "strings"

// The expression reader behind FromCode. It does not parse any language:
// it reads string literals, brackets and the top-level commas of argument
// lists in a way that holds for Python, JavaScript, Ruby, PHP, Perl and
// PowerShell one-liners, which is what an agent passes to -c or -e.

// codeText is code in one language, with the names it assigns.
type codeText struct {
	lang string
	src  string
	// consts are the names assigned once to an expression, by name.
	assigns map[string]string
	dotenv  bool // the code loads a .env file into its environment
	// steps counts the expressions followed, shared by every part of one
	// reading, so that names defined by each other cannot blow up.
	steps *int
}

// maxCodeSteps bounds the expressions one reading of code follows.
const maxCodeSteps = 20000

// spent counts a step and reports whether the budget is spent.
func (c *codeText) spent() bool {
	if c.steps == nil {
		c.steps = new(int)
	}
	*c.steps++
	return *c.steps > maxCodeSteps
}

// strLit is a string literal found in code.
type strLit struct {
	text    string // the content, escapes undone, interpolations as written
	interp  bool   // the literal interpolates expressions ({x}, ${x}, #{x}, $x)
	end     int    // the index after the closing quote
	ok      bool
	triple  bool
	backtik bool
}

// readString reads the string literal whose opening quote is at i.
func (c *codeText) readString(i int) strLit {
	s := c.src
	q := s[i]
	// Prefixes: f"...", r'...', b"...", rb'...'.
	pre := ""
	for k := i - 1; k >= 0 && k >= i-2; k-- {
		ch := s[k] | 0x20
		if ch == 'f' || ch == 'r' || ch == 'b' || ch == 'u' {
			pre = string(ch) + pre
			continue
		}
		break
	}
	lit := strLit{backtik: q == '`'}
	switch {
	case c.lang == "python":
		lit.interp = strings.Contains(pre, "f")
	case c.lang == "node":
		lit.interp = q == '`'
	case c.lang == "ruby" || c.lang == "php" || c.lang == "perl" || c.lang == "powershell":
		lit.interp = q == '"'
	}
	raw := strings.Contains(pre, "r") || c.lang == "php" && q == '\'' || c.lang == "powershell" && q == '\''
	start := i + 1
	if strings.HasPrefix(s[i:], strings.Repeat(string(q), 3)) && (q == '"' || q == '\'') {
		lit.triple = true
		start = i + 3
		end := strings.Index(s[start:], strings.Repeat(string(q), 3))
		if end < 0 {
			lit.text, lit.end = s[start:], len(s)
			return lit
		}
		lit.text, lit.end, lit.ok = unescapeCode(s[start:start+end], raw), start+end+3, true
		return lit
	}
	for j := start; j < len(s); j++ {
		if lit.interp && (c.lang == "ruby" && strings.HasPrefix(s[j:], "#{") || c.lang == "node" && strings.HasPrefix(s[j:], "${")) {
			// An interpolation may hold quotes of its own: "#{ENV["KEY"]}".
			if k := interpEnd(s, j+2); k > 0 {
				j = k
				continue
			}
		}
		switch s[j] {
		case '\\':
			j++
		case q:
			lit.text, lit.end, lit.ok = unescapeCode(s[start:j], raw), j+1, true
			return lit
		case '\n':
			if q != '`' && c.lang != "ruby" && c.lang != "php" && c.lang != "perl" && c.lang != "powershell" {
				lit.text, lit.end = s[start:j], j
				return lit
			}
		}
	}
	lit.text, lit.end = s[start:], len(s)
	return lit
}

// interpEnd returns the index of the brace that closes an interpolation
// whose text starts at i, skipping braces and quotes in strings inside
// it, or -1 when none does on the same line.
func interpEnd(s string, i int) int {
	depth := 1
	for j := i; j < len(s); j++ {
		switch ch := s[j]; ch {
		case '\\':
			j++
		case '"', '\'', '`':
			k := j + 1
			for k < len(s) && s[k] != ch && s[k] != '\n' {
				if s[k] == '\\' {
					k++
				}
				k++
			}
			if k >= len(s) || s[k] != ch {
				return -1
			}
			j = k
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 {
				return j
			}
		case '\n':
			return -1
		}
	}
	return -1
}

func unescapeCode(s string, raw bool) string {
	if raw || !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' || i+1 >= len(s) {
			b.WriteByte(s[i])
			continue
		}
		i++
		switch s[i] {
		case 'n':
			b.WriteByte('\n')
		case 't':
			b.WriteByte('\t')
		case 'r':
			b.WriteByte('\r')
		case '\n':
		default:
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

func isQuote(c byte) bool { return c == '"' || c == '\'' || c == '`' }

// closing returns the index of the bracket that closes the one at i, or
// len(src) when it is not closed; strings and comments are skipped.
func (c *codeText) closing(i int) int {
	s := c.src
	depth := 0
	for j := i; j < len(s); j++ {
		ch := s[j]
		switch {
		case isQuote(ch) && !(c.lang == "powershell" && ch == '`') && !(c.lang == "perl" && ch == '`'):
			lit := c.readString(j)
			j = lit.end - 1
		case ch == '(' || ch == '[' || ch == '{':
			depth++
		case ch == ')' || ch == ']' || ch == '}':
			depth--
			if depth == 0 {
				return j
			}
		}
	}
	return len(s)
}

// splitTop splits s[from:to] at its top-level commas.
func (c *codeText) splitTop(from, to int) [][2]int {
	var out [][2]int
	s := c.src
	start := from
	depth := 0
	for j := from; j < to; j++ {
		ch := s[j]
		switch {
		case isQuote(ch):
			lit := c.readString(j)
			j = min(lit.end, to) - 1
		case ch == '(' || ch == '[' || ch == '{':
			depth++
		case ch == ')' || ch == ']' || ch == '}':
			depth--
		case ch == ',' && depth == 0:
			out = append(out, [2]int{start, j})
			start = j + 1
		}
	}
	if strings.TrimSpace(s[start:to]) != "" {
		out = append(out, [2]int{start, to})
	}
	return out
}

// pair is key: value (or key=value, key => value) in an argument list or
// an object literal.
type pair struct {
	key  string
	expr string // the value's source text
	from int    // where the value starts in the source
}

// pairs reads the key-value pairs of an argument list or object literal
// between from and to.
func (c *codeText) pairs(from, to int) []pair {
	var out []pair
	for _, span := range c.splitTop(from, to) {
		item := c.src[span[0]:span[1]]
		t := strings.TrimLeft(item, " \t\r\n")
		off := span[0] + len(item) - len(t)
		key, rest := "", ""
		switch {
		case t == "":
			continue
		case isQuote(t[0]):
			lit := c.readString(off)
			if !lit.ok || lit.end > span[1] {
				continue
			}
			key = lit.text
			rest = c.src[lit.end:span[1]]
		default:
			k := 0
			if t[0] == ':' || t[0] == '-' || t[0] == '$' {
				k = 1 // :method => x (Ruby), -Method Delete (PowerShell), $key
			}
			for k < len(t) && (t[k] == '_' || isAlnum(t[k])) {
				k++
			}
			key = strings.TrimLeft(t[:k], ":-$")
			rest = t[k:]
		}
		r := strings.TrimLeft(rest, " \t\r\n")
		switch {
		case strings.HasPrefix(r, "=>"):
			r = r[2:]
		case strings.HasPrefix(r, ":") && !strings.HasPrefix(r, "::"):
			r = r[1:]
		case strings.HasPrefix(r, "=") && !strings.HasPrefix(r, "=="):
			r = r[1:]
		default:
			continue
		}
		expr := strings.TrimSpace(r)
		out = append(out, pair{key: key, expr: expr, from: span[1] - len(strings.TrimLeft(r, " \t\r\n"))})
	}
	return out
}

// value resolves an expression to the text it stands for, as far as the
// code says: string literals, names assigned a literal, concatenations,
// and wrappers such as URI("...") or str(...). Unknown parts become
// ${...}, and dynamic is set.
func (c *codeText) value(expr string, depth int) (text string, dynamic bool) {
	expr = strings.TrimSpace(expr)
	if expr == "" || depth > 6 || c.spent() {
		return "", true
	}
	var b strings.Builder
	sub := &codeText{lang: c.lang, src: expr, assigns: c.assigns, steps: c.steps}
	for i := 0; i < len(expr); {
		ch := expr[i]
		switch {
		case ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '+' || ch == '.' && c.lang == "php" || ch == '(' || ch == ')':
			i++
		case isQuote(ch) && !(ch == '`' && c.lang != "node"):
			lit := sub.readString(i)
			t := lit.text
			if lit.interp {
				var d bool
				t, d = c.interpolate(t, depth)
				dynamic = dynamic || d
			}
			b.WriteString(t)
			i = lit.end
		case ch == '_' || isAlnum(ch) || ch == '$' || ch == '@':
			k := i + 1
			for k < len(expr) && (expr[k] == '_' || expr[k] == '$' || expr[k] == '.' || expr[k] == ':' || isAlnum(expr[k])) {
				k++
			}
			name := strings.TrimRight(expr[i:k], ".:")
			if k < len(expr) && isQuote(expr[k]) && k-i <= 2 && strings.Trim(strings.ToLower(name), "frbu") == "" {
				// A string prefix: f"...", rb'...'.
				i = k
				continue
			}
			if k < len(expr) && expr[k] == '(' {
				// A call: URI("..."), str(x), new URL("..."): its first
				// argument, unless it is a method of the value before.
				end := sub.closing(k)
				args := sub.splitTop(k+1, end)
				if len(args) > 0 && wrapper(name) {
					t, d := c.value(expr[args[0][0]:args[0][1]], depth+1)
					b.WriteString(t)
					dynamic = dynamic || d
				} else if !strings.HasPrefix(name, ".") {
					b.WriteString("${" + name + "(...)}")
					dynamic = true
				}
				i = end + 1
				continue
			}
			if k < len(expr) && expr[k] == '[' {
				// A subscript: os.environ['SERVICE_ID'], ENV["ID"],
				// $_ENV['ID']: one value not known here, and the
				// concatenation goes on after it.
				end := sub.closing(k)
				if end >= len(expr) {
					return b.String() + "${...}", true
				}
				b.WriteString("${" + name + "[...]}")
				dynamic = true
				i = end + 1
				continue
			}
			if name == "new" {
				i = k
				continue
			}
			if strings.Trim(name, "0123456789") == "" {
				// A number: a port.
				b.WriteString(name)
				i = k
				continue
			}
			if lit := constantLiteral(name); lit != "" {
				// true, True, nil: a body's switch, read as JSON writes it.
				b.WriteString(lit)
				i = k
				continue
			}
			if a, ok := c.assigns[strings.TrimLeft(name, "$@")]; ok && a != expr {
				t, d := c.value(a, depth+1)
				b.WriteString(t)
				dynamic = dynamic || d
			} else {
				b.WriteString("${" + name + "}")
				dynamic = true
			}
			i = k
		default:
			// An operator or bracket guard does not follow: the rest is
			// not known.
			return b.String() + "${...}", true
		}
	}
	return b.String(), dynamic
}

// wrapper reports whether a call's value is its first argument, as far as
// a URL or a string goes.
func wrapper(name string) bool {
	switch name {
	case "URI", "URI.parse", "URI.join", "URL", "new URL", "str", "String", "encodeURI", "url", "urljoin", "f", "strval", "strings.TrimSpace", "json.dumps", "JSON.stringify", "JSON.generate", "json_encode", "JSON.dump", "to_json", "Uri", "json", "dict", "encode_json", "ConvertTo-Json", "rtrim", "trim":
		return true
	}
	return false
}

// interpolate replaces the interpolations in a literal's text by the
// values of the names they use.
func (c *codeText) interpolate(t string, depth int) (string, bool) {
	var b strings.Builder
	dynamic := false
	for i := 0; i < len(t); i++ {
		open := ""
		switch {
		case c.lang == "python" && t[i] == '{' && !strings.HasPrefix(t[i:], "{{"):
			open = "{"
		case c.lang == "python" && strings.HasPrefix(t[i:], "{{"):
			b.WriteByte('{')
			i++
			continue
		case c.lang == "node" && strings.HasPrefix(t[i:], "${"):
			open = "${"
		case c.lang == "ruby" && strings.HasPrefix(t[i:], "#{"):
			open = "#{"
		case (c.lang == "php" || c.lang == "perl" || c.lang == "powershell") && strings.HasPrefix(t[i:], "{$"):
			open = "{"
		case (c.lang == "php" || c.lang == "perl" || c.lang == "powershell") && strings.HasPrefix(t[i:], "$(") && c.lang == "powershell":
			open = "$("
		case (c.lang == "php" || c.lang == "perl" || c.lang == "powershell") && t[i] == '$' && i+1 < len(t) && (t[i+1] == '_' || isAlnum(t[i+1])):
			k := i + 1
			for k < len(t) && (t[k] == '_' || isAlnum(t[k]) || t[k] == ':') {
				k++
			}
			v, d := c.value(t[i:k], depth+1)
			b.WriteString(v)
			dynamic = dynamic || d
			i = k - 1
			continue
		}
		if open == "" {
			b.WriteByte(t[i])
			continue
		}
		closeCh := byte('}')
		if open == "$(" {
			closeCh = ')'
		}
		end := strings.IndexByte(t[i+len(open):], closeCh)
		if end < 0 {
			b.WriteString(t[i:])
			break
		}
		inner := t[i+len(open) : i+len(open)+end]
		if k := strings.IndexAny(inner, "!:"); k > 0 && c.lang == "python" {
			inner = inner[:k] // {x!r}, {x:>10}
		}
		v, d := c.value(inner, depth+1)
		b.WriteString(v)
		dynamic = dynamic || d
		i += len(open) + end
	}
	return b.String(), dynamic
}

// findAssigns collects the names the code assigns, with the expression
// of the first assignment: token = open(".env").read(), const url = "...",
// $ch = curl_init("..."). Later assignments to the same name are
// ignored; one-liners seldom have them.
func (c *codeText) findAssigns() {
	c.assigns = map[string]string{}
	s := c.src
	for i := 0; i < len(s); i++ {
		ch := s[i]
		if isQuote(ch) {
			lit := c.readString(i)
			i = lit.end - 1
			continue
		}
		if ch == '#' && (c.lang == "python" || c.lang == "ruby" || c.lang == "perl" || c.lang == "powershell") {
			if j := strings.IndexByte(s[i:], '\n'); j >= 0 {
				i += j
				continue
			}
			return
		}
		if ch != '=' || i == 0 || i+1 < len(s) && (s[i+1] == '=' || s[i+1] == '>' || s[i+1] == '~') {
			continue
		}
		if p := s[i-1]; p == '=' || p == '!' || p == '<' || p == '>' || p == '+' || p == '-' || p == '*' || p == '/' || p == ':' && c.lang != "python" {
			continue
		}
		// The name before =, skipping spaces and a type annotation.
		k := i - 1
		for k >= 0 && (s[k] == ' ' || s[k] == '\t') {
			k--
		}
		end := k + 1
		for k >= 0 && (s[k] == '_' || s[k] == '$' || s[k] == '@' || isAlnum(s[k])) {
			k--
		}
		name := strings.TrimLeft(s[k+1:end], "$@")
		if name == "" || name[0] >= '0' && name[0] <= '9' {
			continue
		}
		// The expression runs to the end of the statement.
		j := i + 1
		depth := 0
	expr:
		for ; j < len(s); j++ {
			switch ch := s[j]; {
			case isQuote(ch):
				lit := c.readString(j)
				j = lit.end - 1
			case ch == '(' || ch == '[' || ch == '{':
				depth++
			case ch == ')' || ch == ']' || ch == '}':
				if depth == 0 {
					break expr
				}
				depth--
			case (ch == ';' || ch == '\n') && depth == 0:
				break expr
			case ch == ',' && depth == 0 && c.lang != "python":
				break expr
			}
		}
		if _, seen := c.assigns[name]; !seen {
			c.assigns[name] = strings.TrimSpace(s[i+1 : min(j, len(s))])
		}
		i = j - 1
	}
	c.blockParams()
}

// constantLiteral returns the JSON spelling of a language's constant
// (true, True, false, None, nil, null, undefined), or "". A body built in
// code, {purge_everything: true} or json={"force": True}, then says what
// the same body sent by curl says.
func constantLiteral(name string) string {
	switch name {
	case "true", "True", "TRUE", "$true":
		return "true"
	case "false", "False", "FALSE", "$false":
		return "false"
	case "null", "None", "nil", "undefined", "NULL", "$null":
		return "null"
	}
	return ""
}
