package parse

import (
	"strings"

	"github.com/guardsh/guard/internal/lazy"
)

// Code deletes files without calling a deletion by name, too: it passes
// the deletion to a loop as a callback, by name (array_map("unlink",
// glob(...)) in php) or by reference (map(os.remove, files),
// files.forEach(fs.unlinkSync), .each(&File.method(:delete))). guard reads
// such a callback as a deletion of each path of the list it is given.

// deleteCallbacks are deletions passed by reference, and the kind of
// deletion each is.
var deleteCallbacks = []struct {
	ref  string
	kind callKind
}{
	{"os.remove", fileDelete}, {"os.unlink", fileDelete}, {"os.rmdir", fileDelete}, {"shutil.rmtree", treeDelete},
	{"fs.unlinkSync", fileDelete}, {"fs.unlink", fileDelete}, {"fs.rmSync", treeDelete}, {"fs.rmdirSync", treeDelete},
	{"fs.promises.unlink", fileDelete}, {"fs.promises.rm", treeDelete}, {"fsp.unlink", fileDelete}, {"fsp.rm", treeDelete},
	{"fse.removeSync", treeDelete}, {"fse.remove", treeDelete}, {"rimraf.sync", treeDelete},
	{"File.method(:delete)", fileDelete}, {"File.method(:unlink)", fileDelete}, {"FileUtils.method(:rm_rf)", treeDelete},
	{"FileUtils.method(:rm_r)", treeDelete}, {"FileUtils.method(:rm)", fileDelete}, {"FileUtils.method(:rm_f)", fileDelete},
	{"Pathname.method(:delete)", fileDelete}, {"\"unlink\"", fileDelete}, {"'unlink'", fileDelete},
	{"\"rmdir\"", fileDelete}, {"'rmdir'", fileDelete}, {"'File::delete'", fileDelete}, {"\"File::delete\"", fileDelete},
	{"&:delete", fileDelete}, {"&:unlink", fileDelete}, {"&:rmtree", treeDelete},
	{"\\&CORE::unlink", fileDelete},
}

// callbackWords are literals one of which code must hold for a callback
// deletion.
var callbackWords = []string{"unlink", "remove", "rmtree", "rmdir", "rmSync", "rm_rf", "rm_r", "File.method", ":delete"}

// callbackDeletes analyses deletions passed as callbacks.
func (w *walker) callbackDeletes(c call, s *codeScan, via string) {
	code := s.code
	if !hasAny(code, callbackWords) {
		return
	}
	n := 0
	for _, cb := range deleteCallbacks {
		for from := 0; from < len(code); {
			k := strings.Index(code[from:], cb.ref)
			if k < 0 {
				break
			}
			at := from + k
			from = at + len(cb.ref)
			if n++; n > 32 {
				return
			}
			quoted := cb.ref[0] == '"' || cb.ref[0] == '\''
			if !quoted && s.inString(at) || quoted && s.inString(at+1) && !s.isLiteralAt(at) {
				continue
			}
			if at > 0 && (isWordChar(code[at-1]) || code[at-1] == '.') && !quoted || from < len(code) && isWordChar(code[from]) {
				continue
			}
			if next := s.space(from); next < len(code) && code[next] == '(' && !strings.HasSuffix(cb.ref, ")") {
				// Called, not passed: read where it is called.
				continue
			}
			for _, p := range w.callbackPaths(s, at) {
				w.deletion(c, s, via, p, cb.kind, cb.ref)
			}
		}
	}
}

// isLiteralAt reports whether a string literal starts at i.
func (s *codeScan) isLiteralAt(i int) bool {
	t := s.top()
	if t.spans == nil {
		t.spans = stringSpans(t.code, t.lang)
	}
	for _, sp := range t.spans {
		if sp[0] == i {
			return true
		}
		if sp[0] > i {
			break
		}
	}
	return false
}

// callbackPaths returns the paths a callback at code[at] is applied to:
// the other arguments of the call it is given to (map(f, paths),
// array_map("unlink", glob(...)), array_walk($files, 'unlink')), or the
// receiver of the method it is given to (paths.forEach(f),
// Dir.glob(p).each(&f)).
func (w *walker) callbackPaths(s *codeScan, at int) []strExpr {
	code := s.code
	open := -1
	depth := 0
	for j := at - 1; j >= 0 && open < 0; j-- {
		switch code[j] {
		case ')', ']', '}':
			depth++
		case '(', '[', '{':
			if depth == 0 {
				open = j
			}
			depth--
		}
	}
	if open < 0 || code[open] != '(' {
		return nil
	}
	args, _ := s.args(open)
	var out []strExpr
	for _, a := range args {
		t, _ := a.shellText()
		if len(a) == 1 && a[0].known && (t == "unlink" || t == "rmdir" || t == "File::delete") {
			continue
		}
		if len(a) == 1 && !a[0].known && strings.Contains(a[0].text, ".method(") {
			continue
		}
		if len(a) == 1 && !a[0].known && isCallbackRef(a[0].text) {
			continue
		}
		out = append(out, a)
	}
	if len(out) > 0 {
		return out
	}
	// paths.forEach(fs.unlinkSync): the receiver.
	end := open
	for end > 0 && code[end-1] == ' ' {
		end--
	}
	name := end
	for name > 0 && isWordChar(code[name-1]) {
		name--
	}
	if name == 0 || code[name-1] != '.' {
		return nil
	}
	start := chainStart(code, name-1)
	sub := s.sub(code[:name-1])
	e, stop := sub.expr(start)
	if e == nil || sub.space(stop) < name-1 {
		return nil
	}
	return []strExpr{e}
}

func isCallbackRef(text string) bool {
	for _, cb := range deleteCallbacks {
		if text == cb.ref {
			return true
		}
	}
	return false
}

// recursiveOption reports whether a call's arguments, from the
// parenthesis at code[open], ask for a recursive deletion: R's unlink(x,
// recursive = TRUE).
func recursiveOption(code string, open int) bool {
	if open >= len(code) || code[open] != '(' {
		return false
	}
	args := strings.ReplaceAll(code[open:matching(code, open, '(', ')')], " ", "")
	return strings.Contains(args, "recursive=TRUE") || strings.Contains(args, "recursive=T,") ||
		strings.HasSuffix(args, "recursive=T") || strings.Contains(args, "recursive=T)")
}

var (
	pyForRe      = lazy.Regexp{Expr: `\bfor\s+(\w+)\s+in\s+`}
	jsForRe      = lazy.Regexp{Expr: `\bfor\s*(?:await\s*)?\(\s*(?:const|let|var)\s+(\w+)\s+of\s+`}
	phpForRe     = lazy.Regexp{Expr: `\bforeach\s*\(\s*()\S.*?\s+as\s+\$(\w+)\s*\)`}
	perlForRe    = lazy.Regexp{Expr: `\bfor(?:each)?\s+my\s+\$(\w+)\s*\(`}
	postfixForRe = lazy.Regexp{Expr: `\s(?:for|foreach)\s+\(?`}
	eachRe       = lazy.Regexp{Expr: `\.(?:forEach|each|map|each_entry|for_each)\s*(?:\(\s*(?:async\s*)?\(?\s*(\w+)\s*\)?\s*=>|\(\s*function\s*\(\s*(\w+)|\{\s*\|\s*(\w+)\s*\||\s+do\s*\|\s*(\w+)\s*\|)|\.(?:\w+_each|each_\w+)\s*(?:\([^()]*\))?\s*(?:\{\s*\|\s*(\w+)|do\s*\|\s*(\w+))`}
)

// loopRegexp returns the expression that finds for loops in lang, or nil.
func loopRegexp(lang string) *lazy.Regexp {
	switch lang {
	case "python":
		return &pyForRe
	case "node":
		return &jsForRe
	case "php":
		return &phpForRe
	case "perl":
		return &perlForRe
	}
	return nil
}

// loopVariable returns what a loop variable iterates over, as its value:
// for f in glob.glob(p), foreach (glob($p) as $f), paths.forEach(f => ...),
// Dir.glob(p).each { |f| ... }. For a glob each value is a file it matches,
// which the pattern stands for.
func (s *codeScan) loopVariable(name string) (strExpr, bool) {
	t := s.top()
	if t.loops == nil {
		t.loops = loopsOf(t.code, t.lang)
	}
	if t.lang == "python" && strings.Contains(t.code, "walk(") {
		if e, ok := s.walkVariable(name); ok {
			return e, true
		}
	}
	if t.lang == "perl" && name == "_" && strings.Contains(t.code, "find") {
		if e, ok := s.findVariable(); ok {
			return e, true
		}
	}
	at, ok := t.loops[name]
	if !ok || at < 0 {
		return nil, false
	}
	sub := t.sub(t.code)
	sub.depth = s.depth + 1
	e, _ := sub.expr(at)
	if e == nil {
		return nil, false
	}
	return narrowed(t.code, name, e), true
}

// loopList returns the elements of the literal list or tuple a loop
// variable iterates over (for p in ('build', 'dist'), for (const d of
// ['a', 'b'])), when guard can read every one of them as a string.
func (s *codeScan) loopList(name string) ([]strExpr, bool) {
	t := s.top()
	if t.loops == nil {
		t.loops = loopsOf(t.code, t.lang)
	}
	at, ok := t.loops[strings.TrimLeft(name, "$@")]
	if !ok || at < 0 || at >= len(t.code) || t.code[at] != '[' && t.code[at] != '(' {
		return nil, false
	}
	code := t.code
	close := matching(code, at, code[at], closer(code[at]))
	if close >= len(code) || code[close] != closer(code[at]) {
		return nil, false
	}
	inner := t.sub(code[:close])
	var out []strExpr
	for e := at + 1; e < close; {
		e = inner.space(e)
		if e >= close {
			break
		}
		f := nextComma(code, e, close)
		x, xe := inner.expr(e)
		if x == nil || x.dynamic() || inner.space(xe) < f || len(out) >= 16 {
			return nil, false
		}
		out = append(out, x)
		e = f + 1
	}
	return out, len(out) > 0
}

// narrowed returns a loop's pattern narrowed by a test of the loop
// variable's suffix in the code: for f in os.listdir(d): if
// f.endswith(".py") deletes d/*.py, not all of d.
func narrowed(code, name string, e strExpr) strExpr {
	n := len(e)
	if n == 0 || !e[n-1].known || !e[n-1].glob || !strings.HasSuffix(e[n-1].text, "*") {
		return e
	}
	for _, m := range []string{".endswith(", ".endsWith(", ".end_with?(", ".suffix == "} {
		k := strings.Index(code, name+m)
		if k < 0 || k > 0 && isWordChar(code[k-1]) {
			continue
		}
		j := k + len(name) + len(m)
		q := byte(0)
		if j < len(code) {
			q = code[j]
		}
		if q != '"' && q != '\'' {
			continue
		}
		end := strings.IndexByte(code[j+1:], q)
		if end < 0 {
			continue
		}
		suffix := code[j+1 : j+1+end]
		if suffix == "" || strings.ContainsAny(suffix, "*?[/\\") {
			continue
		}
		out := append(strExpr(nil), e...)
		out[n-1].text += suffix
		return out
	}
	return e
}

// loopsOf finds the loop variables of code, each mapped to the offset of
// what it iterates over; a name bound by two loops maps to -1.
func loopsOf(code, lang string) map[string]int {
	out := map[string]int{}
	add := func(name string, at int) {
		if _, seen := out[name]; seen {
			out[name] = -1
		} else {
			out[name] = at
		}
	}
	if re := loopRegexp(lang); re != nil && strings.Contains(code, "for") {
		for _, m := range re.Get().FindAllStringSubmatchIndex(code, 16) {
			if lang == "php" {
				add(code[m[4]:m[5]], m[2])
			} else {
				add(code[m[2]:m[3]], m[1])
			}
		}
	}
	if lang == "perl" || lang == "ruby" {
		// STATEMENT for LIST: $_ is each element.
		for _, m := range postfixForRe.Get().FindAllStringSubmatchIndex(code, 4) {
			add("_", m[1])
		}
	}
	if strings.Contains(code, "ach") || strings.Contains(code, ".map") {
		for _, m := range eachRe.Get().FindAllStringSubmatchIndex(code, 16) {
			for g := 2; g+1 < len(m); g += 2 {
				if m[g] >= 0 {
					add(code[m[g]:m[g+1]], chainStart(code, m[0]))
				}
			}
		}
	}
	return out
}

// walkRe matches python's for root, dirs, files in os.walk(top).
var walkRe = lazy.Regexp{Expr: `\bfor\s+(\w+)\s*,\s*(\w+)\s*,\s*(\w+)\s+in\s+(?:os\.)?walk\(`}

// walkVariable returns the value of a variable bound by os.walk: the root
// is every directory under top (top/**), and the names of dirs and files
// are each name there (*), which the loop joins to the root.
func (s *codeScan) walkVariable(name string) (strExpr, bool) {
	t := s.top()
	for _, m := range walkRe.Get().FindAllStringSubmatchIndex(t.code, 4) {
		for g := 2; g <= 6; g += 2 {
			if t.code[m[g]:m[g+1]] != name {
				continue
			}
			if g > 2 {
				return strExpr{{text: "*", known: true, glob: true}}, true
			}
			return s.treeAt(t.code, m[1])
		}
	}
	return nil, false
}

// perlFindRe matches File::Find's find(sub {...}, dirs) and finddepth.
var perlFindRe = lazy.Regexp{Expr: `\bfind(?:depth)?\s*\(\s*(?:sub\s*\{|\\&|\{)`}

// findVariable returns the value of perl's $_ in File::Find's callback:
// each file and directory under the first directory find is given
// (dir/**), which the callback deletes when it unlinks $_.
func (s *codeScan) findVariable() (strExpr, bool) {
	t := s.top()
	m := perlFindRe.Get().FindStringIndex(t.code)
	if m == nil {
		return nil, false
	}
	open := strings.IndexByte(t.code[m[0]:], '(') + m[0]
	end := matching(t.code, open, '(', ')')
	comma := nextComma(t.code, open+1, end)
	if comma >= end {
		return nil, false
	}
	return s.treeAt(t.code[:end], comma+1)
}

// treeAt reads the expression at pos in code as a directory and returns
// everything under it (dir/**), as a glob.
func (s *codeScan) treeAt(code string, pos int) (strExpr, bool) {
	sub := s.top().sub(code)
	sub.depth = s.depth + 1
	e, _ := sub.expr(pos)
	if e == nil {
		return nil, false
	}
	e = joinPath(e, strExpr{{text: "**", known: true}})
	for k := range e {
		e[k].glob = true
	}
	return e, true
}
