package parse

import (
	"strings"
)

// This file reads the expressions of interpreter code: terms, method
// chains, call arguments and variables.

// expr reads a string expression at i: terms joined by +, . (perl, php), ..
// (lua),
// / (pathlib) or juxtaposition (awk).
func (s *codeScan) expr(i int) (strExpr, int) {
	var out strExpr
	for {
		i = s.space(i)
		t, end, ok := s.term(i)
		if !ok {
			if out == nil {
				return nil, i
			}
			return out, i
		}
		out = append(out, t...)
		i = s.space(end)
		if i >= len(s.code) {
			return out, i
		}
		c := s.code[i]
		switch {
		case c == '+' && !strings.HasPrefix(s.code[i:], "+="):
			i++
		case c == '.' && (s.lang == "perl" || s.lang == "php") && !strings.HasPrefix(s.code[i:], ".="):
			i++
		case s.lang == "lua" && strings.HasPrefix(s.code[i:], ".."):
			// Lua joins strings with ..
			i += 2
		case c == '/' && i+1 < len(s.code) && s.code[i+1] != '/' && s.code[i+1] != '=':
			// pathlib's Path.home() / "x".
			i++
			out = append(out, seg{text: "/", known: true})
		case s.lang == "awk" && (c == '"' || c == '$' || isWordStart(c)) && !strings.HasPrefix(s.code[i:], "in "):
			// awk joins strings written side by side.
		default:
			return out, i
		}
	}
}

// term reads one term of an expression.
func (s *codeScan) term(i int) (strExpr, int, bool) {
	c := s.code
	if i >= len(c) || s.depth > 8 {
		return nil, i, false
	}
	rest := c[i:]
	if e, end, ok := s.argvTerm(i); ok {
		return s.methods(e, end)
	}
	for _, h := range homeExprs {
		if strings.HasPrefix(rest, h) {
			return s.methods(strExpr{{home: true, known: true}}, i+len(h))
		}
	}
	if e, end, ok := s.envTerm(i); ok {
		return s.methods(e, end)
	}
	for _, h := range tmpCalls {
		if strings.HasPrefix(rest, h) {
			end := i + len(h)
			if strings.HasSuffix(h, "(") {
				end = matching(c, end-1, '(', ')') + 1
			}
			return s.methods(strExpr{{tmp: true, known: true}}, min(end, len(c)))
		}
	}
	for _, h := range wrapCalls {
		if strings.HasPrefix(rest, h) && (i == 0 || !isWordChar(c[i-1]) && c[i-1] != '.') {
			args, end := s.args(i + len(h) - 1)
			if len(args) == 0 {
				return nil, i, false
			}
			e := args[0]
			for _, a := range args[1:] {
				// Path('a', 'b') joins.
				e = joinPath(e, a)
			}
			if strings.Contains(h, "expanduser") || strings.Contains(h, "expand_path") || strings.Contains(h, "expand(") {
				e = expandTilde(e)
			}
			return s.methods(e, end)
		}
	}
	if (strings.HasPrefix(rest, "Dir[") && s.lang == "ruby" || strings.HasPrefix(rest, "glob ") && s.lang == "perl") &&
		(i == 0 || !isWordChar(c[i-1]) && c[i-1] != '.') {
		// Dir["x/*"] in ruby, glob "x/*" in perl: the files a pattern
		// matches.
		j := i + 4
		if rest[3] == ' ' {
			j = s.space(i + 5)
		}
		if e, end := s.expr(j); e != nil {
			e = append(strExpr(nil), e...)
			for k := range e {
				e[k].glob = true
			}
			if rest[3] == '[' {
				end = s.space(end)
				if end < len(c) && c[end] == ']' {
					end++
				}
			}
			return e, end, true
		}
	}
	if s.lang == "perl" && rest[0] == '<' {
		// <data/*.csv>: perl's glob operator, which <FH> and <$fh>, reads
		// of a file handle, are not.
		if e, end, ok := perlGlob(c, i); ok {
			return e, end, true
		}
	}
	if s.lang == "ruby" && rest[0] == '*' && len(rest) > 1 && isWordStart(rest[1]) {
		// *Dir["x/*"]: a splat passes each element.
		return s.term(i + 1)
	}
	if hasPrefixAny(rest, globCalls) && (i == 0 || !isWordChar(c[i-1]) && c[i-1] != '.') {
		// glob("*.log"): the files a pattern matches.
		args, end := s.args(i + strings.IndexByte(rest, '('))
		if len(args) > 0 {
			e := append(strExpr(nil), args[0]...)
			for k := range e {
				e[k].glob = true
			}
			return e, end, true
		}
	}
	if hasPrefixAny(rest, listCalls) && (i == 0 || !isWordChar(c[i-1]) && c[i-1] != '.') {
		// os.listdir(d): the names of the files in d, which a loop
		// joins to d; read as a pattern that matches them.
		args, end := s.args(i + strings.IndexByte(rest, '('))
		e := strExpr{{text: "*", known: true, glob: true}}
		if len(args) > 0 && s.lang == "r" {
			e = joinPath(args[0], e)
			for k := range e {
				e[k].glob = true
			}
		}
		return e, end, true
	}
	for _, h := range joinCalls {
		if strings.HasPrefix(rest, h) && (i == 0 || !isWordChar(c[i-1]) && c[i-1] != '.') {
			args, end := s.args(i + len(h) - 1)
			if len(args) == 0 {
				return nil, i, false
			}
			e := args[0]
			for _, a := range args[1:] {
				e = joinPath(e, a)
			}
			return s.methods(e, end)
		}
	}
	if e, end, ok := s.str(i); ok {
		return s.methods(e, end)
	}
	switch ch := c[i]; {
	case ch == '(':
		inner, end := s.expr(i + 1)
		end = s.space(end)
		if inner == nil || end >= len(c) || c[end] != ')' {
			return nil, i, false
		}
		return s.methods(inner, end+1)
	case isWordStart(ch) || ch == '$' || ch == '@':
		j := i
		if ch == '$' || ch == '@' {
			j++
		}
		for j < len(c) && (isWordChar(c[j]) || c[j] == '.' && j+1 < len(c) && isWordStart(c[j+1])) {
			j++
		}
		name := c[i:j]
		if name == "$" || name == "@" {
			return nil, i, false
		}
		// A call or a subscript: its arguments are skipped.
		end := j
		for end < len(c) && (c[end] == '(' || c[end] == '[' || c[end] == '{' && (s.lang == "perl" || s.lang == "php")) {
			end = matching(c, end, c[end], closer(c[end])) + 1
		}
		if end == j {
			if v, ok := s.variable(name); ok {
				return s.methods(v, j)
			}
		}
		if dot := strings.IndexByte(name, '.'); dot > 0 {
			// p.iterdir(), d.joinpath("x"): a method of a variable.
			if v, ok := s.variable(name[:dot]); ok {
				if e, k, ok := s.methods(v, i+dot); ok && !(len(e) == 1 && !e[0].known) {
					return e, k, true
				}
			}
		}
		return s.methods(strExpr{{text: name}}, min(end, len(c)))
	}
	return nil, i, false
}

// methods applies path methods after a term: .joinpath(x), .resolve(),
// .expanduser(). Any other method makes the value unknown.
func (s *codeScan) methods(e strExpr, i int) (strExpr, int, bool) {
	c := s.code
	for i < len(c) && c[i] == '.' && i+1 < len(c) && isWordStart(c[i+1]) {
		j := i + 1
		for j < len(c) && isWordChar(c[j]) {
			j++
		}
		name := c[i+1 : j]
		switch name {
		case "joinpath", "join":
			if j >= len(c) || c[j] != '(' {
				return e, i, true
			}
			args, end := s.args(j)
			for _, a := range args {
				e = joinPath(e, a)
			}
			i = end
		case "glob", "rglob", "iterdir", "children", "entries":
			// Path.home().glob("docs/*"): the files a pattern matches.
			if j >= len(c) || c[j] != '(' {
				return e, i, true
			}
			args, end := s.args(j)
			pat := strExpr{{text: "*", known: true}}
			if len(args) > 0 && (name == "glob" || name == "rglob") {
				pat = args[0]
			}
			if name == "rglob" {
				// rglob walks the tree: **/ before the pattern.
				pat = append(strExpr{{text: "**/", known: true}}, pat...)
			}
			e = append(strExpr(nil), joinPath(e, pat)...)
			for k := range e {
				e[k].glob = true
			}
			i = end
		case "resolve", "absolute", "expanduser", "to_s", "toString", "strip", "rstrip", "path", "name",
			"as_posix", "__str__", "fspath":
			if name == "expanduser" {
				e = expandTilde(e)
			}
			i = j
			if i < len(c) && c[i] == '(' {
				i = matching(c, i, '(', ')') + 1
			}
		case "unlink", "rmdir", "rmtree", "unlink_p", "remove", "delete", "rm", "rm_rf", "exist", "exists",
			"is_dir", "is_file", "mkdir", "touch", "write_text", "write_bytes", "read_text", "open", "chmod":
			// A method of the path itself: the term ends before it.
			return e, i, true
		default:
			return strExpr{{text: strings.TrimSpace(c[:j])}}, j, true
		}
	}
	return e, min(i, len(c)), true
}

// args reads the arguments of a call whose opening parenthesis is at i.
// Keyword arguments (recursive=True, {force: true}) are left out.
func (s *codeScan) args(i int) ([]strExpr, int) {
	end := matching(s.code, i, '(', ')')
	inner := s.sub(s.code[:end])
	var out []strExpr
	j := i + 1
	for j < end {
		j = inner.space(j)
		if j >= end {
			break
		}
		e, k := inner.expr(j)
		k = inner.space(k)
		if e == nil {
			// Something guard does not read: the rest up to the next comma.
			k = nextComma(s.code, j, end)
			e = strExpr{{text: strings.TrimSpace(s.code[j:k])}}
			if t := strings.TrimSpace(s.code[j:k]); strings.Contains(t, "=") || strings.HasPrefix(t, "{") || strings.HasPrefix(t, "**") {
				e = nil
			}
		} else if k < end && s.code[k] != ',' {
			if s.code[k] == '=' || s.code[k] == ':' {
				// A keyword argument: not a path.
				e = nil
			}
			k = nextComma(s.code, k, end)
		}
		if e != nil {
			out = append(out, e)
		}
		j = k + 1
	}
	return out, min(end+1, len(s.code))
}

// variable returns the value of a name assigned once in the code from an
// expression guard can read.
func (s *codeScan) variable(name string) (strExpr, bool) {
	t := s.top()
	if t.vars == nil {
		t.vars = assignments(t.code, t.lang)
	}
	at, ok := t.vars[strings.TrimLeft(name, "$@")]
	if s.depth > 4 {
		return nil, false
	}
	if !ok || at < 0 {
		if v, ok := s.loopVariable(strings.TrimLeft(name, "$@")); ok {
			return v, true
		}
		return s.paramValue(name)
	}
	if s.lang == "perl" && strings.HasPrefix(strings.TrimSpace(t.code[at:min(len(t.code), at+8)]), "shift") && perlSubs(t.code) {
		// my $d = shift: the first argument of the sub.
		return s.paramValue(name)
	}
	sub := t.sub(t.code)
	sub.depth = s.depth + 1
	e, end := sub.expr(at)
	if e == nil {
		return nil, false
	}
	end = sub.space(end)
	back := end
	for back > at && strings.IndexByte(" \t\r\n", t.code[back-1]) >= 0 {
		back--
	}
	if end < len(t.code) && t.code[end] != '\n' && t.code[end] != ';' && t.code[end] != ')' &&
		!strings.Contains(t.code[back:end], "\n") {
		// Not the whole statement; a newline ends it even where the scan
		// of a nested expression reads past newlines.
		return nil, false
	}
	return e, true
}

// perlGlob reads perl's glob operator at code[i]: <pattern>, whose text
// holds something other than a handle's name. Interpolated variables are
// parts only known at run time.
func perlGlob(code string, i int) (strExpr, int, bool) {
	end := strings.IndexByte(code[i+1:], '>')
	if end <= 0 {
		return nil, i, false
	}
	text := code[i+1 : i+1+end]
	name := strings.TrimPrefix(text, "$")
	handle := name != ""
	for k := 0; k < len(name); k++ {
		if !isWordChar(name[k]) {
			handle = false
		}
	}
	if handle || strings.ContainsAny(text, " \t\n;<=") {
		return nil, i, false
	}
	var e strExpr
	for _, part := range strings.SplitAfter(text, "/") {
		if strings.Contains(part, "$") {
			e = append(e, seg{text: strings.TrimSuffix(part, "/"), glob: true})
			if strings.HasSuffix(part, "/") {
				e = append(e, seg{text: "/", known: true, glob: true})
			}
			continue
		}
		e = append(e, seg{text: part, known: true, glob: true})
	}
	return e, i + end + 2, true
}
