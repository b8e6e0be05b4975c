package parse

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/guardsh/guard/internal/lazy"
)

// Code that talks to a database, a cloud or a store does it through a
// client library: cursor.execute('DROP TABLE users'),
// boto3.client('ec2').terminate_instances(...), redis.Redis().flushall().
// guard does not know every SDK; it reads the calls of the code, and for
// each the strings it is given and where its receiver comes from: a module
// the code imports, a class it constructs, a factory such as createClient,
// or a variable or callback parameter bound to one of those. The rules
// then judge the call by its name, with the verb model of the CLI rules,
// and its strings, with the SQL scanner, and leave calls on values of
// unknown origin (a list, a dict, a string) alone.

// CodeCall is a call found in interpreter code.
type CodeCall struct {
	// Name is the function or method called: execute, terminate_instances.
	Name string
	// Receiver is the receiver as written, "" for a plain function:
	// boto3.client('ec2').
	Receiver string
	// Root is what the receiver comes from, when guard can tell: the module
	// the code imported (boto3, pg, redis), or the class or factory that
	// made it (Elasticsearch, createClient, Net::HTTP). It is "" for a
	// receiver of unknown origin, such as a literal or a local collection.
	Root string
	// Context is the receiver's names without the arguments of its
	// calls, for words such as cache: redis.Redis(host=h).
	Context string
	// Args are the call's string arguments that guard could read, and the
	// string literals nested in its arguments, in order.
	Args []string
	// Arity is the number of positional arguments, keyword arguments and
	// option tables left out.
	Arity int
	// Listing is set on a call that removes one item (delete, del, remove)
	// when the item comes from a listing of a client: the loop over it
	// (for k in r.scan_iter("*"), for await (const e of kv.list(...)),
	// keys.map(k => r.del(k))) or a spread of it (r.delete(*r.keys())).
	// It is that listing as written, shortened; the call then deletes
	// every item listed, not one.
	Listing string
	// Switches are the names of the keyword arguments and option-table
	// members the call sets to true, in lower case: recursive for
	// zk.delete('/a', recursive=True) or {recursive: true}.
	Switches []string
}

// maxCodeCalls bounds the calls read in one piece of code.
const maxCodeCalls = 256

// Calls returns the calls in the code, read when first needed.
func (c *Code) Calls() []CodeCall {
	if c == nil {
		return nil
	}
	if !c.callsRead {
		c.callsRead = true
		c.calls = readCalls(c.Lang, c.Text)
	}
	return c.calls
}

var (
	methodRe   = lazy.Regexp{Expr: `(?:\.|->|::)\s*([A-Za-z_$][A-Za-z0-9_$]*[!?]?)`}
	functionRe = lazy.Regexp{Expr: `(?:^|[^A-Za-z0-9_$.>:])([A-Za-z_][A-Za-z0-9_]*)\s*\(`}
)

// callReader reads the calls of one piece of code.
type callReader struct {
	s       *codeScan
	imports map[string]string
	binds   map[string][]int
	// roots memoizes the root of each name; a name being resolved maps
	// to "", which stops a cycle (a = a.b).
	roots map[string]string
	// loops are the code's loop variables, found when first needed.
	loops map[string]int
}

func readCalls(lang, code string) []CodeCall {
	if len(code) > 1<<16 {
		code = code[:1<<16]
	}
	if lang == "powershell" {
		return cmdletCalls(code)
	}
	r := &callReader{s: &codeScan{code: code, lang: lang}}
	r.imports = importsOf(code, lang)
	r.binds = bindingsOf(code)
	var out []CodeCall
	for _, m := range methodRe.Get().FindAllStringSubmatchIndex(code, -1) {
		if len(out) >= maxCodeCalls {
			break
		}
		if r.s.inString(m[0]) || m[0] == 0 {
			continue
		}
		if code[m[0]] == '.' && m[0] > 0 && code[m[0]-1] == '.' {
			continue
		}
		name := code[m[2]:m[3]]
		if code[m[0]] == ':' && unicode.IsUpper(rune(name[0])) {
			// Net::HTTP: a constant, not a call.
			continue
		}
		recv := strings.TrimSpace(code[chainStart(code, m[0]):m[0]])
		if recv == "" {
			continue
		}
		args, n := r.argsAt(m[3])
		call := CodeCall{Name: name, Receiver: recv, Context: withoutArgs(recv), Root: r.rootOf(recv, 0), Args: args, Arity: n,
			Switches: r.switchesAt(m[3])}
		if n > 0 && itemRemover(name) {
			call.Listing = r.clientListing(m[3])
		}
		out = append(out, call)
	}
	for _, m := range functionRe.Get().FindAllStringSubmatchIndex(code, -1) {
		if len(out) >= maxCodeCalls {
			break
		}
		if r.s.inString(m[2]) || codeKeywords.Get()[code[m[2]:m[3]]] {
			continue
		}
		name := code[m[2]:m[3]]
		// A function or class the code imported: new DeleteBucketCommand(...)
		// from @aws-sdk/client-s3.
		args, n := r.argsAt(m[3])
		out = append(out, CodeCall{Name: name, Root: r.imports[name], Args: args, Arity: n})
	}
	return out
}

// codeKeywords are words followed by a parenthesis that are not calls.
var codeKeywords = lazy.Value[map[string]bool]{Make: func() map[string]bool {
	return map[string]bool{"if": true, "for": true, "while": true, "switch": true, "catch": true,
		"function": true, "return": true, "elif": true, "and": true, "or": true, "not": true, "in": true,
		"print": true, "def": true, "class": true, "with": true, "foreach": true, "unless": true, "until": true,
		"lambda": true, "typeof": true, "await": true, "new": true, "fn": true, "sub": true, "my": true}
}}

// argsAt reads the arguments of a call whose name ends at i: in
// parentheses, or for ruby, perl and php a string after a space.
func (r *callReader) argsAt(i int) ([]string, int) {
	s := r.s
	j := s.space(i)
	code := s.code
	if j >= len(code) {
		return nil, 0
	}
	if code[j] != '(' {
		if j > i && (code[j] == '"' || code[j] == '\'') && (s.lang == "ruby" || s.lang == "perl") {
			if e, _ := s.expr(j); e != nil {
				t, _ := e.shellText()
				return []string{t}, 1
			}
		}
		return nil, 0
	}
	end := matching(code, j, '(', ')')
	var out []string
	args, _ := s.args(j)
	for _, a := range args {
		if t, _ := a.shellText(); t != "" && !(len(a) == 1 && !a[0].known) {
			out = append(out, t)
		}
	}
	// The literals nested in the arguments: text('DROP TABLE x').
	inner := &codeScan{code: code[:end], lang: s.lang}
	for k := j + 1; k < end; k++ {
		if c := code[k]; c == '"' || c == '\'' || c == '`' && s.lang == "node" {
			if e, next, ok := inner.str(k); ok {
				if t, _ := e.shellText(); t != "" && !containsString(out, t) {
					out = append(out, t)
				}
				k = next - 1
				continue
			}
			break
		}
	}
	return out, len(args)
}

// switchRe matches a keyword argument or an option set to true:
// recursive=True, recursive: true, :recursive => true, "force": true.
var switchRe = lazy.Regexp{Expr: `([A-Za-z_][A-Za-z0-9_]*)["']?\s*(?:=>|=|:)\s*(?:True|true|1)\b`}

// switchesAt returns the switches of the call whose name ends at i (see
// CodeCall.Switches), read in the call's parentheses only.
func (r *callReader) switchesAt(i int) []string {
	s := r.s
	j := s.space(i)
	if j >= len(s.code) || s.code[j] != '(' || !strings.ContainsAny(s.code[j:min(len(s.code), j+4096)], "Tt1") {
		return nil
	}
	end := matching(s.code, j, '(', ')')
	var out []string
	for _, m := range switchRe.Get().FindAllStringSubmatchIndex(s.code[j:end], 8) {
		at := j + m[2]
		if at > 0 && isWordChar(s.code[at-1]) || s.inString(at) && s.code[at-1] != '"' && s.code[at-1] != '\'' {
			continue
		}
		out = append(out, strings.ToLower(s.code[at:j+m[3]]))
	}
	return out
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// chainStart returns where the receiver chain ending at code[dot] starts:
// boto3.client('ec2') before .terminate_instances, $dbh before ->do, and
// new Client() with its new.
func chainStart(code string, dot int) int {
	i := dot
	for i > 0 {
		c := code[i-1]
		switch {
		case isWordChar(c) || c == '$' || c == '@' || c == '\\' && code[max(i-2, 0)] != '\\':
			i--
		case c == '.' || c == '?' && i < len(code) && code[i] == '.':
			i--
		case c == ':' && i > 1 && code[i-2] == ':':
			i -= 2
		case c == '>' && i > 1 && code[i-2] == '-':
			i -= 2
		case c == ')' || c == ']' || c == '}' && isWordChar(prevNonSpace(code, backBracket(code, i-1, '{', '}'))):
			j := backBracket(code, i-1, openerOf(c), c)
			if j < 0 {
				return i
			}
			i = j
		case c == '\n' || c == ' ' || c == '\t':
			// A chain continued on the next line: .then(...)\n  .catch().
			j := i - 1
			for j > 0 && (code[j-1] == ' ' || code[j-1] == '\t' || code[j-1] == '\n') {
				j--
			}
			if i < len(code) && code[i] == '.' && j > 0 && (code[j-1] == ')' || isWordChar(code[j-1])) && strings.ContainsRune(code[j:i], '\n') {
				i = j
				continue
			}
			if strings.HasSuffix(code[:i], "new ") {
				return i - 4
			}
			return i
		case c == '\'' || c == '"':
			j := strings.LastIndexByte(code[:i-1], c)
			if j < 0 {
				return i
			}
			i = j
		default:
			return i
		}
	}
	return i
}

func prevNonSpace(code string, i int) byte {
	for i > 0 && code[i-1] == ' ' {
		i--
	}
	if i <= 0 {
		return ' '
	}
	return code[i-1]
}

func openerOf(c byte) byte {
	switch c {
	case ')':
		return '('
	case ']':
		return '['
	}
	return '{'
}

// backBracket returns the index of the bracket that opens the one that
// closes at code[i], or -1.
func backBracket(code string, i int, open, close byte) int {
	depth := 0
	for j := i; j >= 0; j-- {
		switch code[j] {
		case close:
			depth++
		case open:
			depth--
			if depth == 0 {
				return j
			}
		}
	}
	return -1
}

// rootOf returns what a receiver expression comes from.
func (r *callReader) rootOf(expr string, depth int) string {
	if depth > 6 {
		return ""
	}
	expr = strings.TrimSpace(expr)
	for _, p := range []string{"new ", "await ", "(", "!", "yield "} {
		expr = strings.TrimSpace(strings.TrimPrefix(expr, p))
	}
	if m := requireRe.Get().FindStringSubmatch(expr); m != nil {
		return m[1]
	}
	name := leadingName(expr)
	if name == "" {
		return ""
	}
	bare := strings.TrimLeft(name, "$@")
	// What a name is assigned wins over what it was imported as: import
	// os; os = boto3.client('ec2') makes os a client.
	if root := r.nameRoot(bare, depth); root != "" {
		return root
	}
	if mod, ok := r.imports[bare]; ok {
		return mod
	}
	if len(bare) > 0 && unicode.IsUpper(rune(bare[0])) && name[0] != '$' {
		// A class: constructed (Elasticsearch(...), Redis.new, new Client())
		// or called (Net::HTTP.start, DBI->connect).
		return name
	}
	rest := strings.TrimSpace(expr[len(name):])
	if strings.HasPrefix(rest, "(") && factoryName(bare) {
		return bare
	}
	return ""
}

// nameRoot returns the root of a variable or callback parameter: what it
// is assigned, or the chain its callback is given to.
func (r *callReader) nameRoot(name string, depth int) string {
	if root, seen := r.roots[name]; seen {
		return root
	}
	if r.roots == nil {
		r.roots = map[string]string{}
	}
	r.roots[name] = ""
	root := ""
	for _, at := range r.binds[name] {
		if root = r.rootOf(statementAt(r.s.code, at), depth+1); root != "" {
			break
		}
	}
	if root == "" {
		// A loop's variable: for i in boto3.resource('ec2').instances.all().
		if r.loops == nil {
			r.loops = loopsOf(r.s.code, r.s.lang)
		}
		if at, ok := r.loops[name]; ok && at >= 0 {
			root = r.rootOf(statementAt(r.s.code, at), depth+1)
		}
	}
	if root == "" {
		if at := r.paramAt(name); at >= 0 {
			if chain := enclosingChain(r.s.code, at); chain != "" {
				root = r.rootOf(chain, depth+1)
			}
		}
	}
	r.roots[name] = root
	return root
}

var requireRe = lazy.Regexp{Expr: `^require\s*\(\s*['"]([^'"]+)['"]\s*\)`}

// leadingName returns the name an expression starts with: a variable, a
// module or a class, with :: and \ namespaces.
func leadingName(expr string) string {
	i := 0
	for i < len(expr) && (expr[i] == '$' || expr[i] == '@' || expr[i] == '\\') {
		i++
	}
	for i < len(expr) {
		c := expr[i]
		switch {
		case isWordChar(c):
			i++
		case c == ':' && i+2 < len(expr) && expr[i+1] == ':' && isWordStart(expr[i+2]) && unicode.IsUpper(rune(expr[i+2])):
			i += 2
		case c == '\\' && i+1 < len(expr) && isWordStart(expr[i+1]):
			i++
		default:
			return expr[:i]
		}
	}
	return expr[:i]
}

// factoryName reports whether a function's name says it makes a client:
// createClient, connect, MongoClient, get_connection.
func factoryName(name string) bool {
	l := strings.ToLower(name)
	for _, w := range []string{"client", "connect", "pool", "session", "driver", "resource", "database", "engine"} {
		if strings.Contains(l, w) {
			return true
		}
	}
	return false
}

// statementAt returns the expression that starts at i and runs to the end
// of its statement.
func statementAt(code string, i int) string {
	j := i
	for j < len(code) {
		switch c := code[j]; c {
		case '\n', ';':
			return code[i:j]
		case '(', '[', '{':
			j = matching(code, j, c, closer(c))
		case '\'', '"', '`':
			for j++; j < len(code) && code[j] != c; j++ {
				if code[j] == '\\' {
					j++
				}
			}
		}
		j++
	}
	return code[i:min(j, len(code))]
}

// paramAt returns where a callback or block parameter of the name is
// declared, or -1: (c) => ..., c => ..., function (c), |h|, lambda c:.
func (r *callReader) paramAt(name string) int {
	if !isPlainName(name) {
		return -1
	}
	code := r.s.code
	q := regexp.QuoteMeta(name)
	var expr string
	switch r.s.lang {
	case "node":
		expr = `(?:\(\s*(?:[\w$]+\s*,\s*)*` + q + `\s*(?:,[^)]*)?\)|\b` + q + `)\s*=>|function\s*[\w$]*\s*\(\s*` + q + `\b`
	case "ruby":
		expr = `\|\s*` + q + `\s*[|,]`
	case "python":
		expr = `lambda\s+` + q + `\s*:`
	case "php":
		expr = `(?:function|fn)\s*\(\s*\$` + q + `\b`
	default:
		return -1
	}
	re, err := regexp.Compile(expr)
	if err != nil {
		return -1
	}
	loc := re.FindStringIndex(code)
	if loc == nil {
		return -1
	}
	return loc[0]
}

func isPlainName(s string) bool {
	if s == "" || len(s) > 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isWordChar(s[i]) && s[i] != '$' {
			return false
		}
	}
	return true
}

// enclosingChain returns the call a callback at code[at] is given to, or
// the call a block at code[at] follows: c.connect().then for
// c.connect().then(c => ...), Net::HTTP.start(...) for Net::HTTP.start(...)
// {|h| ...}.
func enclosingChain(code string, at int) string {
	depth := 0
	for j := at - 1; j >= 0; j-- {
		switch code[j] {
		case ')', ']', '}':
			depth++
		case '(', '[', '{':
			if depth > 0 {
				depth--
				continue
			}
			end := j
			for end > 0 && code[end-1] == ' ' {
				end--
			}
			if code[j] == '{' && end > 0 && code[end-1] == ')' || code[j] == '(' {
				return code[chainStart(code, end):end]
			}
			return ""
		}
	}
	// Ruby's do |h| ... end.
	before := strings.TrimRight(code[:at], " \t")
	if strings.HasSuffix(before, " do") || strings.HasSuffix(before, ")do") {
		end := len(before) - 2
		for end > 0 && code[end-1] == ' ' {
			end--
		}
		return code[chainStart(code, end):end]
	}
	return ""
}

var (
	pyImportRe   = lazy.Regexp{Expr: `(?m)(?:^|;)\s*import\s+([^;\n]+)`}
	pyFromRe     = lazy.Regexp{Expr: `(?m)(?:^|;)\s*from\s+([\w.]+)\s+import\s+\(?([^;\n)]+)`}
	jsRequireRe  = lazy.Regexp{Expr: `(?:const|let|var)\s+([\w$]+)\s*=\s*(?:await\s+)?require\s*\(\s*['"]([^'"]+)['"]`}
	jsDestructRe = lazy.Regexp{Expr: `(?:const|let|var)\s*\{([^}]*)\}\s*=\s*(?:await\s+)?require\s*\(\s*['"]([^'"]+)['"]`}
	jsImportRe   = lazy.Regexp{Expr: `import\s+([^'";]*?)\s+from\s+['"]([^'"]+)['"]`}
	bindRe       = lazy.Regexp{Expr: `(?:^|[;\n{(]|\b(?:const|let|var|my|our|local)\s)\s*[$@]?([A-Za-z_][\w]*)\s*(?:=|<-)[^=~>]`}
	withAsRe     = lazy.Regexp{Expr: `\bwith\s+(.+?)\s+as\s+(\w+)\s*:`}
)

// importsOf returns the names code imports, each mapped to the module it
// comes from: import boto3, from elasticsearch import Elasticsearch, const
// {Client} = require('pg'), import Redis from 'ioredis'.
func importsOf(code, lang string) map[string]string {
	out := map[string]string{}
	switch lang {
	case "python":
		if !strings.Contains(code, "import") {
			return out
		}
		for _, m := range pyImportRe.Get().FindAllStringSubmatch(code, -1) {
			for _, part := range strings.Split(m[1], ",") {
				f := strings.Fields(part)
				if len(f) == 0 {
					continue
				}
				mod := f[0]
				top, _, _ := strings.Cut(mod, ".")
				if len(f) == 3 && f[1] == "as" {
					out[f[2]] = top
				} else {
					out[top] = top
				}
			}
		}
		for _, m := range pyFromRe.Get().FindAllStringSubmatch(code, -1) {
			top, _, _ := strings.Cut(m[1], ".")
			for _, part := range strings.Split(m[2], ",") {
				f := strings.Fields(part)
				switch {
				case len(f) == 3 && f[1] == "as":
					out[f[2]] = top
				case len(f) >= 1:
					out[f[0]] = top
				}
			}
		}
	case "node":
		for _, m := range jsRequireRe.Get().FindAllStringSubmatch(code, -1) {
			out[m[1]] = m[2]
		}
		for _, m := range jsDestructRe.Get().FindAllStringSubmatch(code, -1) {
			for _, n := range destructured(m[1]) {
				out[n] = m[2]
			}
		}
		for _, m := range jsImportRe.Get().FindAllStringSubmatch(code, -1) {
			spec := strings.TrimSpace(m[1])
			if def, rest, ok := strings.Cut(spec, ","); ok && !strings.Contains(def, "{") {
				out[strings.TrimSpace(def)] = m[2]
				spec = rest
			}
			spec = strings.TrimSpace(spec)
			switch {
			case strings.HasPrefix(spec, "{"):
				for _, n := range destructured(strings.Trim(spec, "{} ")) {
					out[n] = m[2]
				}
			case strings.HasPrefix(spec, "*"):
				f := strings.Fields(spec)
				out[f[len(f)-1]] = m[2]
			default:
				out[spec] = m[2]
			}
		}
	}
	return out
}

// destructured returns the names bound by a destructuring list: Client,
// Pool as P, a: b.
func destructured(list string) []string {
	var out []string
	for _, part := range strings.Split(list, ",") {
		part = strings.TrimSpace(part)
		if _, after, ok := strings.Cut(part, ":"); ok {
			part = strings.TrimSpace(after)
		}
		if f := strings.Fields(part); len(f) == 3 && f[1] == "as" {
			part = f[2]
		}
		if isPlainName(part) {
			out = append(out, part)
		}
	}
	return out
}

// bindingsOf returns, for each name the code assigns, the offsets of the
// expressions assigned to it: c = psycopg2.connect(...), my $dbh =
// DBI->connect(...), con <- dbConnect(...), with X() as c:.
func bindingsOf(code string) map[string][]int {
	out := map[string][]int{}
	for _, m := range bindRe.Get().FindAllStringSubmatchIndex(code, -1) {
		name := code[m[2]:m[3]]
		at := m[1] - 1
		if len(out[name]) < 8 {
			out[name] = append(out[name], at)
		}
	}
	if strings.Contains(code, "with") {
		for _, m := range withAsRe.Get().FindAllStringSubmatchIndex(code, -1) {
			name := code[m[4]:m[5]]
			out[name] = append(out[name], m[2])
		}
	}
	return out
}

// withoutArgs returns an expression with the arguments of its calls and
// subscripts left out: redis.Redis().
func withoutArgs(expr string) string {
	var b strings.Builder
	for i := 0; i < len(expr); i++ {
		switch c := expr[i]; c {
		case '(', '[', '{':
			b.WriteByte(c)
			i = matching(expr, i, c, closer(c))
			b.WriteByte(closer(c))
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// cmdletCalls returns the cmdlets PowerShell code runs as calls, their
// root "powershell" and their literal arguments:
// Remove-AzResourceGroup -Name prod.
func cmdletCalls(code string) []CodeCall {
	var out []CodeCall
	for _, pipe := range psPipelines(code) {
		for _, st := range pipe {
			head, ok := st[0].lit()
			if !ok || !psCmdlet(strings.ToLower(head)) || len(out) >= maxCodeCalls || psWhatIf(st[1:]) {
				// A cmdlet run with -WhatIf only says what it would do.
				continue
			}
			call := CodeCall{Name: head, Root: "powershell", Arity: len(st) - 1}
			for _, w := range st[1:] {
				if t, ok := w.lit(); ok {
					call.Args = append(call.Args, t)
				}
			}
			out = append(out, call)
		}
	}
	return out
}
