package parse

import "strings"

// Code often wraps a deletion in a helper of its own: def wipe(p):
// shutil.rmtree(p) ... wipe("/srv/data"), or php's recursive rrmdir($d).
// A parameter of such a function stands for the argument its callers pass,
// when every call outside the function's body passes the same value that
// guard can read; otherwise it stays unknown.

// codeFunc is a function defined in interpreter code.
type codeFunc struct {
	name      string
	params    []string
	body, end int // the body runs from code[body] to code[end]
}

// paramValue returns the value of a function parameter, read from the
// function's callers.
func (s *codeScan) paramValue(name string) (strExpr, bool) {
	t := s.top()
	if s.depth > 6 {
		return nil, false
	}
	name = strings.TrimLeft(name, "$@")
	for _, f := range codeFuncs(t.code, t.lang) {
		k := -1
		for i, p := range f.params {
			if p == name {
				k = i
			}
		}
		if k < 0 {
			continue
		}
		var val strExpr
		var text string
		for from := 0; from < len(t.code); {
			at := strings.Index(t.code[from:], f.name)
			if at < 0 {
				break
			}
			at += from
			from = at + len(f.name)
			open := from
			for open < len(t.code) && t.code[open] == ' ' {
				open++
			}
			if at > 0 && (isWordChar(t.code[at-1]) || t.code[at-1] == '.' || t.code[at-1] == '$') ||
				open >= len(t.code) || t.code[open] != '(' || at >= f.body && at < f.end || t.inString(at) {
				continue
			}
			if before := strings.TrimRight(t.code[:at], " \t"); strings.HasSuffix(before, "def") ||
				strings.HasSuffix(before, "function") || strings.HasSuffix(before, "sub") {
				continue
			}
			sub := t.sub(t.code)
			sub.depth = s.depth + 1
			args, _ := sub.args(open)
			if k >= len(args) {
				return nil, false
			}
			a := args[k]
			at2, _ := a.shellText()
			if val != nil && at2 != text {
				return nil, false
			}
			val, text = a, at2
		}
		if val != nil {
			return val, true
		}
		return nil, false
	}
	return nil, false
}

// codeFuncs finds the function definitions of code and their parameters.
func codeFuncs(code, lang string) []codeFunc {
	var out []codeFunc
	kw := "function "
	switch lang {
	case "python", "ruby":
		kw = "def "
	case "perl":
		kw = "sub "
	case "node", "php":
	default:
		return nil
	}
	for from := 0; from < len(code) && len(out) < 16; {
		k := strings.Index(code[from:], kw)
		if k < 0 {
			break
		}
		at := from + k
		from = at + len(kw)
		if at > 0 && isWordChar(code[at-1]) {
			continue
		}
		j := from
		for j < len(code) && isWordChar(code[j]) {
			j++
		}
		if j == from {
			continue
		}
		f := codeFunc{name: code[from:j]}
		p := j
		for p < len(code) && code[p] == ' ' {
			p++
		}
		bodyFrom := p
		if p < len(code) && code[p] == '(' {
			close := matching(code, p, '(', ')')
			if close <= p {
				continue
			}
			for _, a := range strings.Split(code[p+1:close], ",") {
				a = strings.TrimSpace(a)
				if eq := strings.IndexAny(a, "=:"); eq >= 0 {
					a = strings.TrimSpace(a[:eq])
				}
				if sp := strings.LastIndexByte(a, ' '); sp >= 0 {
					// php's typed parameters: string $d.
					a = a[sp+1:]
				}
				f.params = append(f.params, strings.TrimLeft(a, "$&*"))
			}
			bodyFrom = close + 1
		}
		switch lang {
		case "python":
			f.body = bodyFrom
			f.end = pythonBlockEnd(code, at)
		case "ruby":
			f.body = bodyFrom
			f.end = len(code)
			if e := strings.Index(code[bodyFrom:], "end"); e >= 0 {
				f.end = bodyFrom + e
			}
		default:
			b := strings.IndexByte(code[bodyFrom:], '{')
			if b < 0 {
				continue
			}
			f.body = bodyFrom + b
			f.end = matching(code, f.body, '{', '}')
			if f.end <= f.body {
				continue
			}
			if lang == "perl" {
				// my ($d) = @_; or my $d = shift;
				body := code[f.body+1 : f.end]
				if m := strings.Index(body, "= @_"); m >= 0 {
					decl := body[:m]
					if o := strings.LastIndexByte(decl, '('); o >= 0 {
						for _, a := range strings.Split(strings.Trim(decl[o+1:], " )"), ",") {
							f.params = append(f.params, strings.TrimLeft(strings.TrimSpace(a), "$@"))
						}
					}
				}
				for _, m := range strings.Split(body, ";") {
					m = strings.TrimSpace(m)
					if strings.HasPrefix(m, "my $") && strings.HasSuffix(strings.ReplaceAll(m, " ", ""), "=shift") {
						f.params = append(f.params, strings.TrimSpace(strings.TrimPrefix(m[:strings.IndexByte(m, '=')], "my $")))
					}
				}
			}
		}
		out = append(out, f)
	}
	return out
}

// pythonBlockEnd returns where the block of a def at code[at] ends: at the
// first line indented no deeper than the def.
func pythonBlockEnd(code string, at int) int {
	lineStart := strings.LastIndexByte(code[:at], '\n') + 1
	indent := at - lineStart
	i := strings.IndexByte(code[at:], '\n')
	if i < 0 {
		return len(code)
	}
	for i += at + 1; i < len(code); {
		j := i
		for j < len(code) && (code[j] == ' ' || code[j] == '\t') {
			j++
		}
		if j < len(code) && code[j] != '\n' && j-i <= indent {
			return i
		}
		n := strings.IndexByte(code[i:], '\n')
		if n < 0 {
			return len(code)
		}
		i += n + 1
	}
	return len(code)
}
