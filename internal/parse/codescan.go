package parse

import (
	"cmp"
	"slices"
	"strings"
)

// A light reading of the expressions that interpreter code passes to the
// calls guard looks for: string literals in each language's quoting,
// concatenation, the user's home however it is computed
// (os.path.expanduser('~'), Path.home(), process.env.HOME, Dir.home,
// $ENV{HOME}), path joins, and variables assigned once from such
// expressions. It is not a parser of the languages: what it cannot read is
// an unknown part, never dropped.

// seg is a piece of a string computed by code.
type seg struct {
	text  string // the text, or for an unknown part a name for it
	known bool
	home  bool // the user's home directory
	tmp   bool // a directory made by mkdtemp and its kind
	glob  bool // a pattern that stands for the files it matches
}

// strExpr is a string computed by code, in pieces.
type strExpr []seg

// dynamic reports whether some piece is only known at run time.
func (e strExpr) dynamic() bool {
	for _, s := range e {
		if !s.known {
			return true
		}
	}
	return false
}

// shellText returns the string as shell code: unknown pieces become
// variables named after them, which the shell analysis reads as only
// known at run time, and the home directory becomes $HOME. ok is false
// when an unknown piece sits inside single quotes of the known text, where
// a variable would read as literal text.
func (e strExpr) shellText() (string, bool) {
	var b strings.Builder
	inSingle := false
	for _, s := range e {
		switch {
		case s.home:
			b.WriteString("$HOME")
		case s.tmp:
			b.WriteString(mktempDir)
		case s.known:
			b.WriteString(s.text)
			inSingle = inSingle != (strings.Count(s.text, "'")%2 == 1)
		default:
			if inSingle {
				return "", false
			}
			b.WriteString("${" + varName(s.text) + "}")
		}
	}
	return b.String(), true
}

// pathWord returns the string as a path word for a deletion: the home
// directory expanded, and unknown pieces kept as their names in a dynamic
// word.
func (e strExpr) pathWord(home string) Word {
	var b strings.Builder
	dyn, glob := false, false
	for i, s := range e {
		glob = glob || s.glob
		switch {
		case s.home && home != "":
			b.WriteString(home)
		case s.home:
			b.WriteString("~")
			dyn = true
		case s.tmp:
			b.WriteString(mktempDir)
		case s.known:
			t := s.text
			if i == 0 && strings.HasPrefix(t, "~") && (len(t) == 1 || t[1] == '/') && home != "" {
				// Most languages do not expand ~, but a person reading the
				// code would: taken as the home, to be safe.
				t = home + t[1:]
			}
			b.WriteString(t)
		default:
			b.WriteString("$" + varName(s.text))
			dyn = true
		}
	}
	// Walks in code (os.walk, rglob, readdir) see hidden names, and so
	// may a language's glob: the pattern is taken to match them.
	return Word{Value: b.String(), Dynamic: dyn, Glob: glob, Hidden: glob}
}

// varName makes an expression's text into a shell variable name for
// messages: path for path, EXPR for anything that is not a plain name.
func varName(s string) string {
	s = strings.TrimLeft(s, "$@")
	if s == "" || len(s) > 40 {
		return "EXPR"
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || i > 0 && c >= '0' && c <= '9') {
			return "EXPR"
		}
	}
	return s
}

// mktempDir stands for a directory the code made with mkdtemp or its
// kind: a fresh directory under the temporary directory.
const mktempDir = "/tmp/guard-mktemp.XXXXXX"

// codeScan reads expressions in one piece of code.
type codeScan struct {
	code string
	lang string
	// vars holds simple assignments, name to the offset of the expression
	// assigned, found when first needed.
	vars  map[string]int
	depth int
	// root is the scan of the whole code, whose assignments names refer
	// to; nil for the root itself.
	root *codeScan
	// spans are the string literals of the whole code.
	spans [][2]int
	// loops holds the variables of loops, name to the offset of what
	// they iterate over, found when first needed.
	loops map[string]int
	// deleted are the patterns the code deletes, and rmdirs the
	// directories it removes, for rmdirAfterFiles.
	deleted, rmdirs []string
}

// top returns the scan of the whole code.
func (s *codeScan) top() *codeScan {
	if s.root != nil {
		return s.root
	}
	return s
}

// sub returns a scan of code[:end] (or of other text) that refers to the
// same assignments.
func (s *codeScan) sub(code string) *codeScan {
	return &codeScan{code: code, lang: s.lang, depth: s.depth + 1, root: s.top()}
}

func (s *codeScan) space(i int) int {
	for i < len(s.code) && (s.code[i] == ' ' || s.code[i] == '\t' || s.code[i] == '\r' ||
		s.code[i] == '\n' && s.depth > 0) {
		i++
	}
	return i
}

// str reads a string literal at i, in the quoting of the code's language.
func (s *codeScan) str(i int) (strExpr, int, bool) {
	c := s.code
	start := i
	raw, interp := false, ""
	// Prefixes: python's r, b, f, u; ruby's and perl's %q and q.
	if s.lang == "python" {
		for i < len(c) && i-start < 2 && strings.IndexByte("rRbBfFuU", c[i]) >= 0 {
			switch c[i] {
			case 'r', 'R':
				raw = true
			case 'f', 'F':
				interp = "{"
			}
			i++
		}
	}
	if i >= len(c) {
		return nil, start, false
	}
	q := c[i]
	if q != '\'' && q != '"' && !(q == '`' && s.lang == "node") {
		return nil, start, false
	}
	triple := s.lang == "python" && strings.HasPrefix(c[i:], strings.Repeat(string(q), 3))
	i++
	if triple {
		i += 2
	}
	switch {
	case q == '`':
		interp = "${"
	case q == '"' && s.lang == "ruby":
		interp = "#{"
	case q == '"' && (s.lang == "perl" || s.lang == "php"):
		interp = "$"
	}
	single := q == '\'' && s.lang != "python" && s.lang != "node"
	var out strExpr
	var b strings.Builder
	flush := func() {
		if b.Len() > 0 {
			out = append(out, seg{text: b.String(), known: true})
			b.Reset()
		}
	}
	for i < len(c) {
		ch := c[i]
		if ch == q && (!triple || strings.HasPrefix(c[i:], strings.Repeat(string(q), 3))) {
			flush()
			if triple {
				i += 2
			}
			return out, i + 1, true
		}
		if ch == '\\' && i+1 < len(c) {
			n := c[i+1]
			switch {
			case raw:
				b.WriteByte(ch)
				b.WriteByte(n)
			case single:
				if n != '\\' && n != q {
					b.WriteByte(ch)
				}
				b.WriteByte(n)
			case n == 'n':
				b.WriteByte('\n')
			case n == 't':
				b.WriteByte('\t')
			default:
				b.WriteByte(n)
			}
			i += 2
			continue
		}
		if interp == "{" && ch == '{' {
			if i+1 < len(c) && c[i+1] == '{' {
				b.WriteByte('{')
				i += 2
				continue
			}
			end := max(matching(c, i, '{', '}'), i+1)
			flush()
			out = append(out, s.inner(c[i+1:min(end, len(c))])...)
			i = end + 1
			continue
		}
		if interp == "{" && ch == '}' && i+1 < len(c) && c[i+1] == '}' {
			b.WriteByte('}')
			i += 2
			continue
		}
		if (interp == "${" || interp == "#{") && strings.HasPrefix(c[i:], interp) {
			end := max(matching(c, i+1, '{', '}'), i+2)
			flush()
			out = append(out, s.inner(c[i+2:min(end, len(c))])...)
			i = end + 1
			continue
		}
		if interp == "$" && ch == '$' && i+1 < len(c) && (isWordStart(c[i+1]) || c[i+1] == '{') {
			// "$ENV{HOME}/x", "$dir": perl's and php's interpolation.
			j := i + 1
			if c[j] == '{' {
				j = matching(c, j, '{', '}') + 1
			} else {
				for j < len(c) && isWordChar(c[j]) {
					j++
				}
				if j < len(c) && (c[j] == '{' || c[j] == '[') {
					j = matching(c, j, c[j], closer(c[j])) + 1
				}
			}
			j = min(j, len(c))
			flush()
			out = append(out, s.inner(c[i:j])...)
			i = j
			continue
		}
		b.WriteByte(ch)
		i++
	}
	return nil, start, false
}

// inner evaluates an interpolated expression.
func (s *codeScan) inner(expr string) strExpr {
	if s.depth > 8 {
		return strExpr{{text: expr}}
	}
	sub := s.sub(expr)
	e, end := sub.expr(0)
	if e == nil || sub.space(end) < len(expr) {
		return strExpr{{text: strings.TrimSpace(expr)}}
	}
	return e
}

// homeExprs are the ways code spells the user's home directory.
var homeExprs = []string{
	"Path.home()", "pathlib.Path.home()", "os.homedir()", "require('os').homedir()", `require("os").homedir()`,
	"Dir.home", "process.env.HOME", "process.env['HOME']", `process.env["HOME"]`,
	"os.environ['HOME']", `os.environ["HOME"]`, "os.environ.get('HOME')", `os.environ.get("HOME")`,
	"os.getenv('HOME')", `os.getenv("HOME")`, "ENV['HOME']", `ENV["HOME"]`, "ENV.fetch('HOME')", `ENV.fetch("HOME")`,
	"$ENV{HOME}", "$ENV{'HOME'}", `$ENV{"HOME"}`, "getenv('HOME')", `getenv("HOME")`, "$_SERVER['HOME']",
	`$_SERVER["HOME"]`, "Deno.env.get('HOME')", `Deno.env.get("HOME")`, "Bun.env.HOME", "ENVIRON[\"HOME\"]",
	"File.expand_path('~')", `File.expand_path("~")`, "os.path.expanduser('~')", `os.path.expanduser("~")`,
	"homedir()", "expanduser('~')", `expanduser("~")`, `Sys.getenv("HOME")`, "Sys.getenv('HOME')",
	`path.expand("~")`, "path.expand('~')", "$env:USERPROFILE", "$env:HOME", "$HOME", "${env:USERPROFILE}",
	"[Environment]::GetFolderPath('UserProfile')", `[Environment]::GetFolderPath("UserProfile")`,
}

// tmpCalls make a fresh temporary directory.
var tmpCalls = []string{"tempfile.mkdtemp(", "mkdtemp(", "fs.mkdtempSync(", "mkdtempSync(", "Dir.mktmpdir",
	"tempfile.TemporaryDirectory(", "tmp.dirSync(", "File::Temp->newdir", "tempdir("}

// wrapCalls return their first argument's path: Path(x), File.expand_path(x).
var wrapCalls = []string{"pathlib.Path(", "Path(", "Pathname.new(", "Pathname(", "File.expand_path(",
	"os.path.expanduser(", "expanduser(", "os.path.abspath(", "os.path.realpath(", "os.path.normpath(",
	"path.resolve(", "path.normalize(", "String(", "str(", "realpath(", "os.fspath(", "path.expand(", "normalizePath(",
	"fs::path_expand(", "path_expand("}

// globCalls return the files a pattern matches.
var globCalls = []string{"glob(", "glob.glob(", "glob.iglob(", "Dir.glob(", "glob.sync(", "globSync(", "fg.sync(",
	"fastGlob.sync(", "Sys.glob(", "Get-ChildItem("}

func hasPrefixAny(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// listCalls return the names of the files in a directory.
var listCalls = []string{"os.listdir(", "Deno.readDir(", "Deno.readDirSync(", `require("fs").readdirSync(`, "require('fs').readdirSync(", "fs.promises.readdir(", "fsp.readdir(", "fs.readdir(", "listdir(", "os.scandir(", "fs.readdirSync(", "readdirSync(", "Dir.children(",
	"Dir.entries(", "scandir(", "list.files(", "dir("}

// joinCalls join their arguments into a path.
var joinCalls = []string{"os.path.join(", "path.join(", "path.posix.join(", "File.join(", "posixpath.join(",
	"catfile(", "catdir(", "File::Spec->catfile(", "File::Spec->catdir(", "filepath.Join(", "file.path(",
	"fs::path(", "Join-Path("}

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
	for _, h := range homeExprs {
		if strings.HasPrefix(rest, h) {
			return s.methods(strExpr{{home: true, known: true}}, i+len(h))
		}
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
	if s.lang == "perl" && strings.HasPrefix(strings.TrimSpace(t.code[at:min(len(t.code), at+8)]), "shift") {
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
		case ',':
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
