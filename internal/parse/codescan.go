package parse

import (
	"strings"
)

// pythonEscapes are the letters after a backslash that Python's string
// literals read as escapes; after any other, the backslash stays.
const pythonEscapes = "\\'\"abfnrtvxNuU01234567\n"

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
	// argv are the program's arguments as its language lays them out,
	// for sys.argv[1] and its kind; see Code.
	argv []Word
	// env are the variables the command sets for the program; see Code.
	env []Assign
	// deleted are the patterns the code deletes, and rmdirs the
	// directories it removes, for rmdirAfterFiles.
	deleted, rmdirs []string
	// listed stands for the paths a listing piped into the interpreter
	// names, when its code reads its stdin; see stdinListing.
	listed *Word
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
			case s.lang == "python" && strings.IndexByte(pythonEscapes, n) < 0:
				// Python keeps the backslash of an escape it does not
				// know: 'C:\inetpub\wwwroot' is a Windows path.
				b.WriteByte(ch)
				b.WriteByte(n)
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
	`System.getProperty("user.home")`, "System.getProperty('user.home')", `System.getenv("HOME")`, "System.getenv('HOME')",
}

// tmpCalls make a fresh temporary directory.
var tmpCalls = []string{"tempfile.mkdtemp(", "mkdtemp(", "fs.mkdtempSync(", "mkdtempSync(", "Dir.mktmpdir",
	"tempfile.TemporaryDirectory(", "tmp.dirSync(", "File::Temp->newdir", "tempdir("}

// wrapCalls return their first argument's path: Path(x), File.expand_path(x).
var wrapCalls = []string{"pathlib.Path(", "Path(", "Pathname.new(", "Pathname(", "File.expand_path(",
	"os.path.expanduser(", "expanduser(", "os.path.abspath(", "os.path.realpath(", "os.path.normpath(",
	"path.resolve(", "path.normalize(", "String(", "str(", "realpath(", "os.fspath(", "path.expand(",
	"normalizePath(", "fs::path_expand(", "path_expand("}

// globCalls return the files a pattern matches.
var globCalls = []string{"glob(", "glob.glob(", "glob.iglob(", "Dir.glob(", "glob.sync(", "globSync(", "fg.sync(",
	"fastGlob.sync(", "Sys.glob(", "Get-ChildItem(", "fs.globSync(", "fs.glob(", "fsp.glob(", "fs.promises.glob(",
	`require("fs").globSync(`, "require('fs').globSync(", "Bun.Glob("}

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
	"fs::path(", "Join-Path(", "joinpath("}
