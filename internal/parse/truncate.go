package parse

import (
	"strings"

	"github.com/guardsh/guard/internal/lazy"
	"github.com/guardsh/guard/internal/wordlist"
)

// Code empties files as well as deleting them: open(p, 'w').close(),
// Path(p).write_text(''), fs.writeFileSync(p, ''), File.write(p, ""),
// file_put_contents($p, ""), os.truncate(p, 0). guard reads each as
// truncate -s 0 of the path, which the rules judge as the shell's
// emptying. A write of real content is not an emptying; self-protection
// judges where it lands (internal/writes), and content written over a
// file is read as tee onto it.

// truncCalls match the names of the calls that may empty a file.
var truncCalls = lazy.Regexp{Expr: `\b(?:open|openSync|fopen|File\.open|File\.new|write_text|write_bytes|writeFileSync|writeFile|` +
	`writeTextFileSync|writeTextFile|Bun\.write|File\.write|IO\.write|file_put_contents|truncate|truncateSync|ftruncate|` +
	`copyfile|copy2?|copyFileSync|copyFile|cpSync|copy_file|cp|install|` +
	`to_csv|to_parquet|to_excel|to_json|to_feather|to_pickle|to_orc|to_stata|to_xml|` +
	`write_csv|write_parquet|write_ipc|write_json|write_ndjson|write_excel|write_avro)\b`}

// truncWords are literals one of which code must hold for truncCalls to
// find anything.
var truncWords = []string{"open", "write", "truncate", "file_put_contents", "File.new", "copy", "cp", "install", "to_"}

// truncations analyses the calls in code that empty a file.
func (w *walker) truncations(c call, s *codeScan, via string) {
	code := s.code
	if !hasAny(code, truncWords) {
		return
	}
	n := 0
	for _, m := range truncCalls.Get().FindAllStringIndex(code, -1) {
		if n++; n > 32 {
			return
		}
		start, end := m[0], m[1]
		if s.inString(start) {
			continue
		}
		name := code[start:end]
		recv, from := "", start
		if dot := strings.IndexByte(name, '.'); dot > 0 {
			// File.write, Bun.write: the receiver is in the name.
			recv, name = name[:dot], name[dot+1:]
		} else if start > 0 && code[start-1] == '.' {
			from = receiverStart(code, start-1)
			recv = code[from : start-1]
		} else if start > 0 && (isWordChar(code[start-1]) || code[start-1] == '$' || code[start-1] == '>' || code[start-1] == ':') {
			continue
		}
		open := s.space(end)
		perlBare := false
		if open >= len(code) || code[open] != '(' {
			if s.lang != "perl" && s.lang != "ruby" || open == end {
				continue
			}
			// perl's truncate "f", 0 and open(my $fh, ...) without
			// parentheses.
			perlBare = true
		}
		var raw []string
		if perlBare {
			stop := statementEnd(code, open)
			raw = splitArgs(code, open-1, stop)
		} else {
			raw = splitArgs(code, open, matching(code, open, '(', ')'))
		}
		p, ok := w.emptied(s, name, recv, raw, open)
		replaced := false
		if !ok {
			p, ok = overwrites(s, name, recv, raw)
			replaced = ok
		}
		if !ok {
			continue
		}
		if name == "write_text" || name == "write_bytes" {
			e, stop := s.sub(code[:start-1]).expr(from)
			if e == nil || stop < start-1 {
				continue
			}
			p = e
		}
		paths := []strExpr{p}
		if len(p) == 1 && !p[0].known {
			if list, ok := s.loopList(p[0].text); ok {
				// for p in ('a.log', 'b.log'): os.truncate(p, 0), and
				// the same in a comprehension: each element.
				paths = list
			}
		}
		for _, p := range paths {
			w.emptiedPath(c, p, replaced, via)
		}
	}
}

// emptiedPath adds the invocation that stands for code emptying a file,
// or writing over it when replaced is set.
func (w *walker) emptiedPath(c call, p strExpr, replaced bool, via string) {
	word := p.pathWord(w.opts.Home)
	if word.Value == "" || replaced && word.Dynamic {
		return
	}
	if replaced && !StateFile(word.Value) {
		// Content written over a file: read as tee onto it, which the
		// rules judge by where it lands (a system or login file asks;
		// the project's own files pass).
		w.inner(c, []Word{{Value: "tee"}, word}, via)
		return
	}
	w.inner(c, []Word{{Value: "truncate"}, {Value: "-s"}, {Value: "0"}, word}, via)
}

// splitArgs returns the text of each argument of a call whose parenthesis
// is at code[open] and that ends at code[end].
func splitArgs(code string, open, end int) []string {
	var out []string
	for j := open + 1; j < end && len(out) < 8; {
		k := nextComma(code, j, end)
		out = append(out, strings.TrimSpace(code[j:k]))
		j = k + 1
	}
	return out
}

// isEmptyLiteral reports whether an argument is an empty string literal.
func isEmptyLiteral(a string) bool {
	switch strings.TrimLeft(a, "bBrRuU") {
	case `""`, `''`, "``":
		return true
	}
	return false
}

// emptied returns the path a call empties, if it does. raw are its
// arguments' text; open is its parenthesis.
func (w *walker) emptied(s *codeScan, name, recv string, raw []string, open int) (strExpr, bool) {
	if len(raw) == 0 && name != "write_text" && name != "write_bytes" {
		return nil, false
	}
	arg := func(k int) strExpr {
		if k >= len(raw) {
			return nil
		}
		e, end := s.sub(raw[k]).expr(0)
		if e == nil || end < len(raw[k]) {
			return strExpr{{text: raw[k]}}
		}
		return e
	}
	if wordlist.Has(frameWriters, name) {
		// pd.DataFrame().to_csv(p): a frame with no rows (framewrite.go).
		return w.frameEmptied(s, name, recv, raw)
	}
	switch name {
	case "write_text", "write_bytes":
		// Path(p).write_text(""): the receiver is the path.
		return nil, recv != "" && len(raw) >= 1 && isEmptyLiteral(raw[0])
	case "writeFileSync", "writeFile", "writeTextFileSync", "writeTextFile", "write", "file_put_contents":
		if recv == "" && name != "file_put_contents" && name != "writeFileSync" && name != "writeFile" ||
			name == "write" && recv != "File" && recv != "IO" && recv != "Bun" {
			return nil, false
		}
		if len(raw) < 2 || !isEmptyLiteral(raw[1]) {
			return nil, false
		}
		return arg(0), true
	case "truncate", "truncateSync", "ftruncate":
		if name == "ftruncate" || recv != "" && !contains(objects, recv) && recv != "Deno" {
			return nil, false
		}
		if strings.HasPrefix(raw[0], "$") && s.lang == "perl" || s.lang == "python" && recv == "" {
			// A file handle, or a method of a file object.
			return nil, false
		}
		if len(raw) < 2 || raw[1] == "0" || s.lang == "node" && !isNumber(raw[1]) {
			return arg(0), len(raw) >= 2 || s.lang == "node"
		}
		return nil, false
	}
	return w.openEmpties(s, name, recv, raw, open)
}

func isNumber(a string) bool {
	return a != "" && strings.Trim(a, "0123456789_") == ""
}

// openEmpties returns the path an open for writing empties when the code
// writes nothing to the file: open(p, 'w').close(), with open(p, 'w') as
// f: pass, File.open(p, "w") {}, open(my $fh, '>', $p); close $fh,
// fclose(fopen($p, 'w')).
func (w *walker) openEmpties(s *codeScan, name, recv string, raw []string, open int) (strExpr, bool) {
	code := s.code
	path, mode := 0, 1
	switch {
	case name == "open" && s.lang == "perl":
		path, mode = 2, 1
		if len(raw) == 2 {
			// open(FH, ">f"): the mode starts the path.
			path = -1
		}
	case name == "open" && s.lang == "python" && (recv == "" || recv == "io"):
	case (name == "open" || name == "new") && recv == "File" && s.lang == "ruby":
	case name == "openSync" && (recv == "fs" || recv == ""):
	case name == "fopen" && s.lang == "php":
	default:
		return nil, false
	}
	if len(raw) < 2 {
		return nil, false
	}
	var p strExpr
	if path < 0 {
		e, _ := s.sub(raw[1]).expr(0)
		if len(e) == 0 || !e[0].known || !strings.HasPrefix(e[0].text, ">") || strings.HasPrefix(e[0].text, ">>") {
			return nil, false
		}
		p = append(strExpr{{text: strings.TrimSpace(e[0].text[1:]), known: true}}, e[1:]...)
		if p[0].text == "" {
			p = p[1:]
		}
	} else {
		if len(raw) <= max(path, mode) {
			return nil, false
		}
		m := strings.Trim(strings.TrimPrefix(raw[mode], "mode="), `'"`)
		if m != "w" && m != "wb" && m != "w+" && m != "wt" && m != ">" && m != "+>" {
			return nil, false
		}
		e, end := s.sub(raw[path]).expr(0)
		if e == nil || end < len(raw[path]) {
			e = strExpr{{text: raw[path]}}
		}
		p = e
	}
	if len(p) == 0 {
		return nil, false
	}
	closeAt := matching(code, open, '(', ')') + 1
	if closeAt > len(code) || code[open] != '(' {
		closeAt = statementEnd(code, open)
	}
	return p, writesNothing(s, open, closeAt, raw)
}

// writesNothing reports whether the file an open call (its parenthesis at
// code[open], its end at code[end]) makes is closed without a write.
func writesNothing(s *codeScan, open, end int, raw []string) bool {
	code := s.code
	after := s.space(end)
	rest := code[min(after, len(code)):]
	// The open's name starts before its parenthesis.
	start := open
	for start > 0 && (isWordChar(code[start-1]) || code[start-1] == '.') {
		start--
	}
	before := strings.TrimRight(code[:start], " \t")
	switch {
	case strings.HasPrefix(rest, ".close") || strings.HasPrefix(rest, "{}") || strings.HasPrefix(rest, "{ }"):
		return true
	case strings.HasSuffix(before, "fclose(") || strings.HasSuffix(before, "closeSync(") || strings.HasSuffix(before, "close("):
		return true
	}
	if s.lang == "perl" {
		// open(my $fh, '>', $p): the handle is the first argument.
		h := strings.TrimSpace(strings.TrimPrefix(raw[0], "my "))
		return h != "" && onlyClosed(code[end:], h)
	}
	if strings.HasPrefix(rest, ":") && strings.HasSuffix(before, "with") {
		// with open(p, 'w'): pass
		body := strings.TrimLeft(rest[1:], " \t")
		if strings.HasPrefix(body, "\n") {
			body = strings.TrimLeft(body, " \t\r\n")
		}
		line, _, _ := strings.Cut(body, "\n")
		return strings.TrimRight(line, " \t\r;") == "pass"
	}
	if strings.HasPrefix(rest, "as ") {
		// with open(p, 'w') as f:
		j := 3
		for j < len(rest) && isWordChar(rest[j]) {
			j++
		}
		return onlyClosed(rest[j:], rest[3:j])
	}
	if eq := strings.TrimRight(before, " \t"); strings.HasSuffix(eq, "=") && !strings.HasSuffix(eq, "==") {
		// f = open(p, 'w'), $h = fopen(...), const fd = fs.openSync(...).
		v := strings.TrimRight(strings.TrimSuffix(eq, "="), " \t")
		k := len(v)
		for k > 0 && (isWordChar(v[k-1]) || v[k-1] == '$') {
			k--
		}
		if k > 0 && (v[k-1] == '.' || v[k-1] == ']') {
			// sys.stdout = open(p, 'w'): what the code prints goes there.
			return false
		}
		return k < len(v) && onlyClosed(code[end:], v[k:])
	}
	// A statement of its own: open(p, 'w').
	stop := statementEnd(code, end)
	return statementStart(code, start) && strings.TrimSpace(code[end:stop]) == ""
}

// onlyClosed reports whether every use of a handle in code closes it.
func onlyClosed(code, h string) bool {
	for from := 0; ; {
		k := strings.Index(code[from:], h)
		if k < 0 {
			return true
		}
		at := from + k
		from = at + len(h)
		if at > 0 && isWordChar(code[at-1]) || from < len(code) && isWordChar(code[from]) {
			continue
		}
		before := strings.TrimRight(code[:at], " \t(")
		if strings.HasSuffix(before, "close") || strings.HasSuffix(before, "fclose") || strings.HasSuffix(before, "closeSync") ||
			strings.HasPrefix(code[from:], ".close") {
			continue
		}
		return false
	}
}

// overwrites returns the path a call writes from scratch, whatever it
// writes: open(p, 'w'), fs.writeFileSync(p, data), File.write(p, data),
// file_put_contents($p, $data), Path(p).write_text(data) (whose path is
// the receiver, found by the caller). The old content is gone either
// way; for a state file (StateFile) guard reads it as the file emptied.
func overwrites(s *codeScan, name, recv string, raw []string) (strExpr, bool) {
	if len(raw) == 0 {
		return nil, name == "write_text" || name == "write_bytes"
	}
	path := func() (strExpr, bool) {
		e, end := s.sub(raw[0]).expr(0)
		if e == nil || end < len(raw[0]) {
			return nil, false
		}
		return e, true
	}
	switch {
	case name == "write_text" || name == "write_bytes":
		return nil, recv != ""
	case name == "open" && s.lang == "python" && (recv == "" || recv == "io"),
		(name == "open" || name == "new") && recv == "File" && s.lang == "ruby",
		name == "openSync" && (recv == "fs" || recv == ""),
		name == "fopen" && s.lang == "php":
		if len(raw) < 2 {
			return nil, false
		}
		m := strings.Trim(strings.TrimPrefix(raw[1], "mode="), `'"`)
		if m != "w" && m != "wb" && m != "w+" && m != "wt" {
			return nil, false
		}
		return path()
	case name == "writeFileSync" || name == "writeFile":
		if recv != "" && !contains(objects, recv) {
			return nil, false
		}
		return path()
	case name == "write" && (recv == "File" || recv == "IO" || recv == "Bun"), name == "file_put_contents":
		return path()
	case copyCall(s.lang, name, recv) && len(raw) >= 2:
		// A file copied over another: shutil.copyfile(src, dst),
		// fs.copyFileSync(src, dst), FileUtils.cp(src, dst), PHP's
		// copy($src, $dst). The destination's content is replaced.
		e, end := s.sub(raw[1]).expr(0)
		if e == nil || end < len(raw[1]) {
			return nil, false
		}
		return e, true
	}
	return nil, false
}

// copyCall reports whether a call copies a file onto a destination, its
// second argument.
func copyCall(lang, name, recv string) bool {
	switch lang {
	case "python":
		return recv == "shutil" && (name == "copyfile" || name == "copy" || name == "copy2")
	case "node":
		return (name == "copyFileSync" || name == "copyFile" || name == "cpSync") &&
			(recv == "" || contains(objects, recv))
	case "ruby":
		return recv == "FileUtils" && (name == "cp" || name == "copy_file" || name == "install" || name == "copy")
	case "php":
		return recv == "" && name == "copy"
	}
	return false
}

// stateNames are the files whose content other tools keep and nothing
// rebuilds: infrastructure state, dependency and provider locks.
const stateNames = "terraform.tfstate terraform.tfstate.backup .terraform.lock.hcl package-lock.json " +
	"npm-shrinkwrap.json pnpm-lock.yaml yarn.lock Cargo.lock poetry.lock Gemfile.lock composer.lock " +
	"Pipfile.lock uv.lock go.sum flake.lock"

// StateFile reports whether a path written by code is a state file:
// one of stateNames, *.tfstate, or a repository's own records under
// .git (HEAD, index, config, packed-refs, refs, objects; not hooks).
func StateFile(p string) bool {
	base := p[strings.LastIndexByte(p, '/')+1:]
	if wordlist.Has(stateNames, base) || strings.HasSuffix(base, ".tfstate") {
		return true
	}
	i := strings.Index("/"+p, "/.git/")
	if i < 0 {
		return false
	}
	rest := ("/" + p)[i+len("/.git/"):]
	for _, g := range []string{"HEAD", "index", "config", "packed-refs", "shallow", "refs/", "objects/"} {
		if rest == g || strings.HasSuffix(g, "/") && strings.HasPrefix(rest, g) {
			return true
		}
	}
	return false
}
