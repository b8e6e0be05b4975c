package writes

import (
	"path"
	"strings"

	"github.com/guardsh/guard/internal/lazy"
	"github.com/guardsh/guard/internal/parse"
)

// eval evaluates the path expressions of one piece of code.
type eval struct {
	lang string
	code string
	vars map[string]string
	seen map[string]bool
}

var (
	pyAssign   = lazy.Regexp{Expr: `(?m)(?:^|;)\s*([A-Za-z_]\w*)\s*=\s*([^=\n;][^\n;]*)`}
	jsAssign   = lazy.Regexp{Expr: `(?:\b(?:const|let|var)\s+|(?:^|[;\n{])\s*)([A-Za-z_$][\w$]*)\s*=\s*([^=\n;][^\n;]*)`}
	perlAssign = lazy.Regexp{Expr: `(?:\bmy\s+|\bour\s+|(?:^|[;\n{])\s*)\$([A-Za-z_]\w*)\s*=\s*([^=~\n;][^\n;]*)`}
)

// variable returns the expression assigned to a name in the code, found
// the first time a name is looked up.
func (e *eval) variable(name string) (string, bool) {
	if e.vars == nil {
		e.assignments()
	}
	v, ok := e.vars[name]
	return v, ok
}

func (e *eval) assignments() {
	e.vars = map[string]string{}
	re := &pyAssign
	switch e.lang {
	case "node":
		re = &jsAssign
	case "perl", "php":
		re = &perlAssign
	}
	lang := e.lang
	for _, m := range re.Get().FindAllStringSubmatch(e.code, 64) {
		name := m[1]
		if lang == "perl" || lang == "php" {
			name = "$" + name
		}
		if _, dup := e.vars[name]; dup {
			// Assigned twice: which value a call sees is not known.
			e.vars[name] = unknownPart
			continue
		}
		e.vars[name] = strings.TrimSpace(m[2])
	}
}

// value evaluates an expression to a path, with unknownPart for what is
// not known. It reports false when nothing at all is known.
func (e *eval) value(x string) (string, bool) {
	e.seen = map[string]bool{}
	v := e.expr(strings.TrimSpace(x), 0)
	return v, strings.Trim(strings.ReplaceAll(v, unknownPart, ""), "/") != ""
}

func (e *eval) expr(x string, depth int) string {
	x = strings.TrimSpace(x)
	if depth > 8 || x == "" {
		return unknownPart
	}
	x = trimParens(x)
	// Concatenation and pathlib's / join, at the top level.
	for _, op := range []string{" + ", "+", " . ", " / ", " ~ "} {
		if op == " . " && e.lang != "perl" && e.lang != "php" {
			continue
		}
		if op == " / " && e.lang != "python" {
			continue
		}
		if op == " ~ " {
			continue
		}
		if parts := splitTop(x, op); len(parts) > 1 {
			var b strings.Builder
			for i, p := range parts {
				if i > 0 && op == " / " {
					b.WriteByte('/')
				}
				b.WriteString(e.expr(p, depth+1))
			}
			return b.String()
		}
	}
	if s, ok := e.literal(x, depth); ok {
		return s
	}
	if home := e.home(x); home {
		return "~"
	}
	if name, inner, ok := callOf(x); ok {
		args := splitTopArgs(inner)
		switch name {
		case "os.path.expanduser", "File.expand_path", "path.resolve", "path.normalize", "os.path.abspath",
			"os.path.realpath", "os.path.normpath", "Path", "pathlib.Path", "PurePath", "Pathname", "realpath",
			"File.join", "os.path.join", "path.join", "path.posix.join", "catfile", "File::Spec->catfile",
			"File::Spec.catfile", "join", "PosixPath":
			if len(args) == 0 {
				return unknownPart
			}
			var parts []string
			for _, a := range args {
				parts = append(parts, e.expr(a, depth+1))
			}
			return joinParts(parts)
		case "str", "String", "fspath", "os.fspath", "String.new":
			if len(args) == 1 {
				return e.expr(args[0], depth+1)
			}
		}
		// .resolve(), .expanduser(), .absolute() on a path keep it.
		return unknownPart
	}
	if recv, ok := strings.CutSuffix(x, ".expanduser()"); ok {
		return e.expr(recv, depth+1)
	}
	for _, m := range []string{".resolve()", ".absolute()", ".to_s", ".toString()"} {
		if recv, ok := strings.CutSuffix(x, m); ok {
			return e.expr(recv, depth+1)
		}
	}
	if v, ok := e.variable(x); ok && !e.seen[x] {
		e.seen[x] = true
		return e.expr(v, depth+1)
	}
	return unknownPart
}

// home reports whether an expression is the home directory.
func (e *eval) home(x string) bool {
	switch strings.ReplaceAll(x, " ", "") {
	case "Path.home()", "pathlib.Path.home()", "os.homedir()", "require('os').homedir()", `require("os").homedir()`,
		"Dir.home", "Dir.home()", "os.environ['HOME']", `os.environ["HOME"]`, "os.getenv('HOME')", `os.getenv("HOME")`,
		"os.environ.get('HOME')", `os.environ.get("HOME")`, "process.env.HOME", "process.env['HOME']", `process.env["HOME"]`,
		"ENV['HOME']", `ENV["HOME"]`, "$ENV{HOME}", "$ENV{'HOME'}", `$ENV{"HOME"}`, "getenv('HOME')", `getenv("HOME")`,
		"$_SERVER['HOME']", "Deno.env.get('HOME')", `Deno.env.get("HOME")`, "Bun.env.HOME", "File.expand_path('~')",
		`File.expand_path("~")`:
		return true
	}
	return false
}

// literal evaluates a string literal, with its language's prefixes and
// interpolation.
func (e *eval) literal(x string, depth int) (string, bool) {
	p := 0
	for p < len(x) && p < 3 && strings.IndexByte("rRbBuUfF", x[p]) >= 0 && e.lang == "python" {
		p++
	}
	if p >= len(x) {
		return "", false
	}
	q := x[p]
	if q != '\'' && q != '"' && q != '`' {
		return "", false
	}
	if skipString(x, p) != len(x) || len(x)-p < 2 || x[len(x)-1] != q {
		return "", false
	}
	body := x[p+1 : len(x)-1]
	if strings.HasPrefix(x[p:], string([]byte{q, q, q})) && len(body) >= 4 {
		body = body[2 : len(body)-2]
	}
	interp := q == '`' || (q == '"' && (e.lang == "perl" || e.lang == "php" || e.lang == "ruby")) ||
		e.lang == "python" && strings.ContainsAny(x[:p], "fF")
	if !interp {
		return body, true
	}
	return e.interpolate(body, depth), true
}

// interpolate replaces ${...}, #{...}, {...} and $name in a string with
// their values, or unknownPart.
func (e *eval) interpolate(s string, depth int) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		ch := s[i]
		var inner string
		end := -1
		switch {
		case (ch == '$' || ch == '#') && i+1 < len(s) && s[i+1] == '{':
			if j := strings.IndexByte(s[i:], '}'); j > 0 {
				inner, end = s[i+2:i+j], i+j
			}
		case ch == '{' && e.lang == "python":
			if j := strings.IndexByte(s[i:], '}'); j > 0 {
				inner, end = s[i+1:i+j], i+j
			}
		case ch == '$' && (e.lang == "perl" || e.lang == "php") && i+1 < len(s) && (s[i+1] == '_' || s[i+1] >= 'A' && s[i+1] <= 'z'):
			j := i + 1
			for j < len(s) && (identChar(s[j]) && s[j] != '.') {
				j++
			}
			if j < len(s) && s[j] == '{' {
				if k := strings.IndexByte(s[j:], '}'); k > 0 {
					j += k + 1
				}
			}
			inner, end = s[i:j], j-1
		}
		if end < 0 {
			b.WriteByte(ch)
			continue
		}
		b.WriteString(e.expr(inner, depth+1))
		i = end
	}
	return b.String()
}

// joinParts joins path parts as os.path.join does: an absolute part starts
// over.
func joinParts(parts []string) string {
	out := ""
	for _, p := range parts {
		switch {
		case out == "" || strings.HasPrefix(p, "/"):
			out = p
		case strings.HasSuffix(out, "/"):
			out += p
		default:
			out += "/" + p
		}
	}
	return out
}

func trimParens(x string) string {
	for len(x) > 1 && x[0] == '(' && matching(x, 0) == len(x)-1 {
		x = strings.TrimSpace(x[1 : len(x)-1])
	}
	return x
}

// matching returns the index of the bracket that closes the one at i.
func matching(x string, i int) int {
	depth := 0
	for j := i; j < len(x); j++ {
		switch x[j] {
		case '\'', '"', '`':
			j = skipString(x, j) - 1
		case '(', '[', '{':
			depth++
		case ')', ']', '}':
			depth--
			if depth == 0 {
				return j
			}
		}
	}
	return -1
}

// splitTop splits x at op where op is outside brackets and strings.
func splitTop(x, op string) []string {
	var parts []string
	depth, begin := 0, 0
	for i := 0; i < len(x); i++ {
		switch ch := x[i]; {
		case ch == '\'' || ch == '"' || ch == '`':
			i = skipString(x, i) - 1
		case ch == '(' || ch == '[' || ch == '{':
			depth++
		case ch == ')' || ch == ']' || ch == '}':
			depth--
		case depth == 0 && strings.HasPrefix(x[i:], op):
			parts = append(parts, x[begin:i])
			begin = i + len(op)
			i += len(op) - 1
		}
	}
	if parts == nil {
		return nil
	}
	return append(parts, x[begin:])
}

func splitTopArgs(x string) []string {
	parts := splitTop(x, ",")
	if parts == nil {
		if strings.TrimSpace(x) == "" {
			return nil
		}
		return []string{x}
	}
	return parts
}

// callOf splits name(args) when x is one call.
func callOf(x string) (name, inner string, ok bool) {
	i := strings.IndexByte(x, '(')
	if i <= 0 || x[len(x)-1] != ')' || matching(x, i) != len(x)-1 {
		return "", "", false
	}
	name = strings.TrimSpace(x[:i])
	for j := 0; j < len(name); j++ {
		if !identChar(name[j]) && name[j] != ':' && name[j] != '-' && name[j] != '>' {
			return "", "", false
		}
	}
	return name, x[i+1 : len(x)-1], true
}

// writesMode reports whether an open mode or flags argument opens for
// writing; an expression guard cannot evaluate counts as writing.
func (e *eval) writesMode(x string) (writes, known bool) {
	x = strings.TrimSpace(x)
	if s, ok := e.literal(x, 0); ok {
		return strings.ContainsAny(s, "wax+"), true
	}
	if strings.Contains(x, "O_WRONLY") || strings.Contains(x, "O_RDWR") || strings.Contains(x, "O_CREAT") ||
		strings.Contains(x, "O_TRUNC") || strings.Contains(x, "O_APPEND") || strings.Contains(x, "WRONLY") {
		return true, true
	}
	if strings.Contains(x, "O_RDONLY") || strings.Contains(x, "RDONLY") {
		return false, true
	}
	return true, false
}

// targets turns the arguments of one call into targets.
func (e *eval) targets(cl call, argv []string, kw map[string]string) []Target {
	dynamic := false
	if cl.mode >= 0 {
		m, ok := "", false
		if cl.mode < len(argv) {
			m, ok = argv[cl.mode], true
		} else if v, found := kw[cl.modeKey]; found {
			m, ok = v, true
		}
		if !ok {
			return nil // open(path) reads
		}
		w, known := e.writesMode(m)
		if !w {
			return nil
		}
		dynamic = !known
	}
	var out []Target
	var role argRole
	var first string
	for i, a := range argv {
		if i < len(cl.roles) && cl.roles[i] != argRest {
			role = cl.roles[i]
		} else if len(cl.roles) == 0 || cl.roles[len(cl.roles)-1] != argRest {
			if i >= len(cl.roles) {
				break
			}
		}
		if cl.mode == i {
			continue
		}
		v, ok := e.value(a)
		if i == 0 {
			first = v
		}
		if !ok || role == argNone {
			continue
		}
		w := parse.Word{Value: v, Dynamic: dynamic || strings.Contains(v, unknownPart)}
		t := Target{Path: w, Source: ByCode, What: e.lang + " " + cl.name + "(...)"}
		switch role {
		case argWrite:
			t.Kind = Write
		case argRemove:
			t.Kind, t.Remove = Write, true
		case argTree:
			t.Kind, t.Remove, t.Unknown = Tree, true, true
		case argReplace:
			t.Kind = Replace
		case argMoved:
			t.Kind, t.Remove = Replace, true
		case argLinkTo:
			t.Kind, t.Link = Replace, true
		}
		out = append(out, t)
		if cl.into && i == 1 && first != "" {
			base := path.Base(first)
			if strings.Contains(base, unknownPart) || base == "." || base == "/" {
				continue
			}
			out = append(out, Target{Path: parse.Word{Value: strings.TrimRight(v, "/") + "/" + base, Dynamic: w.Dynamic},
				Kind: Write, Source: ByCode, What: t.What})
		}
	}
	return out
}

// perlOpen returns what perl's open and sysopen write: open(FH, '>',
// PATH), open(FH, ">PATH"), open my $fh, '>>', PATH, sysopen with
// O_WRONLY.
func perlOpen(e *eval, name string, argv []string) []Target {
	if len(argv) < 2 {
		return nil
	}
	var p string
	dynamic := false
	switch {
	case name == "sysopen":
		if len(argv) < 3 {
			return nil
		}
		w, known := e.writesMode(argv[2])
		if !w {
			return nil
		}
		dynamic = !known
		p = argv[1]
	case len(argv) >= 3:
		m, ok := e.literal(strings.TrimSpace(argv[1]), 0)
		if !ok {
			dynamic = true
		} else if !strings.ContainsAny(m, ">+") {
			return nil
		}
		p = argv[2]
	default:
		s, ok := e.literal(strings.TrimSpace(argv[1]), 0)
		if !ok {
			return nil
		}
		s = strings.TrimSpace(s)
		if !strings.HasPrefix(s, ">") && !strings.HasPrefix(s, "+>") && !strings.HasPrefix(s, "+<") {
			return nil
		}
		s = strings.TrimSpace(strings.TrimLeft(s, "+<>&"))
		return []Target{{Path: parse.Word{Value: s, Dynamic: strings.Contains(s, unknownPart)}, Kind: Write, Source: ByCode, What: "perl open(...)"}}
	}
	v, ok := e.value(p)
	if !ok {
		return nil
	}
	return []Target{{Path: parse.Word{Value: v, Dynamic: dynamic || strings.Contains(v, unknownPart)}, Kind: Write, Source: ByCode, What: "perl " + name + "(...)"}}
}

// awkRedirect matches the output redirections of awk's print and printf.
var awkRedirect = lazy.Regexp{Expr: `^(>>?)\s*([^;{}\n|]+)`}

// awkPrints returns the text after each print or printf's output
// redirection operator, the operator included.
func awkPrints(code string) []string {
	var out []string
	for i := 0; ; {
		j := strings.Index(code[i:], "print")
		if j < 0 {
			return out
		}
		start := i + j
		k := start + len("print")
		i = k
		if start > 0 && identChar(code[start-1]) && code[start-1] != '.' {
			continue
		}
		if k < len(code) && code[k] == 'f' {
			k++
		}
		depth := 0
	scan:
		for ; k < len(code); k++ {
			switch ch := code[k]; {
			case ch == '"':
				k = skipString(code, k) - 1
			case ch == '(':
				depth++
			case ch == ')':
				depth--
			case depth == 0 && (ch == ';' || ch == '}' || ch == '\n' || ch == '|'):
				break scan
			case depth == 0 && ch == '>':
				out = append(out, code[k:])
				break scan
			}
		}
		i = k
	}
}

// awkWrites returns the files an awk program's print > "file" writes.
func awkWrites(code string) []Target {
	if !strings.Contains(code, "print") || !strings.Contains(code, ">") {
		return nil
	}
	e := &eval{lang: "awk", vars: map[string]string{}}
	var out []Target
	for _, rest := range awkPrints(code) {
		m := awkRedirect.Get().FindStringSubmatch(rest)
		if m == nil {
			continue
		}
		x := strings.TrimSpace(m[2])
		// awk concatenates by juxtaposition: "dir/" $1 ".txt".
		var b strings.Builder
		for x != "" {
			if x[0] == '"' {
				end := skipString(x, 0)
				s, _ := e.literal(x[:end], 0)
				b.WriteString(s)
				x = strings.TrimSpace(x[end:])
				continue
			}
			j := strings.IndexAny(x, " \t\"")
			if j < 0 {
				j = len(x)
			}
			if j == 0 {
				j = 1
			}
			b.WriteString(unknownPart)
			x = strings.TrimSpace(x[j:])
		}
		v := b.String()
		if strings.Trim(strings.ReplaceAll(v, unknownPart, ""), "/") == "" {
			continue
		}
		out = append(out, Target{Path: parse.Word{Value: v, Dynamic: strings.Contains(v, unknownPart)}, Kind: Write, Source: ByCode, What: "awk print " + m[1]})
	}
	return out
}
