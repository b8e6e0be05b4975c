package parse

import "strings"

// Tcl code (tclsh, wish, expect) deletes files with file delete and runs
// programs with exec. guard reads its commands word by word: braces quote,
// $env(HOME) is the home, a variable set once to a known word is that
// word, and other substitutions are only known at run time. Commands are
// found wherever they start: at the start of a line, after ; and inside
// [...] and {...} bodies.

// tclCode analyses the deletions and programs in Tcl code.
func (w *walker) tclCode(c call, name, via string, code string) {
	if !strings.Contains(code, "file") && !strings.Contains(code, "exec") && !strings.Contains(code, "spawn") {
		return
	}
	t := &tclScan{code: code, vars: map[string]strExpr{}}
	n := 0
	for i := 0; i < len(code) && n < 64 && !*w.full; i++ {
		if !t.commandStart(i) {
			continue
		}
		words, end := t.command(i)
		if len(words) == 0 {
			continue
		}
		n++
		w.tclCommand(c, name, via, t, words)
		// Commands inside the words ([...], {...} bodies) are found as
		// the scan goes on.
		_ = end
	}
}

// tclCommand analyses one Tcl command, its words read.
func (w *walker) tclCommand(c call, name, via string, t *tclScan, words []strExpr) {
	head := literal(words[0])
	switch {
	case head == "set" && len(words) == 3:
		if v := literal(words[1]); v != "" {
			t.vars[v] = words[2]
		}
	case head == "foreach" && len(words) == 4 && len(words[2]) == 1 && words[2][0].glob:
		// foreach f [glob p] { file delete $f }: $f is each match.
		if v := literal(words[1]); v != "" {
			t.vars[v] = words[2]
		}
	case head == "file" && len(words) > 2 && literal(words[1]) == "delete":
		kind := fileDelete
		args := words[2:]
		for len(args) > 0 {
			switch literal(args[0]) {
			case "-force":
				kind = treeDelete
				args = args[1:]
				continue
			case "--":
				args = args[1:]
			}
			break
		}
		s := &codeScan{code: t.code, lang: "tcl"}
		for _, a := range args {
			w.deletion(c, s, via, a, kind, "file delete")
		}
	case (head == "exec" || head == "spawn") && len(words) > 1:
		args := words[1:]
		for len(args) > 0 {
			o := literal(args[0])
			if o == "--" {
				args = args[1:]
				break
			}
			if o != "-ignorestderr" && o != "-keepnewline" {
				break
			}
			args = args[1:]
		}
		// exec runs a pipeline: words separated by |, then redirections.
		var cmd []strExpr
		for _, a := range args {
			switch o := literal(a); {
			case o == "|" || o == "|&":
				w.argvCall(c, via, cmd)
				cmd = nil
				continue
			case o == "&" || strings.HasPrefix(o, "<") || strings.HasPrefix(o, ">") || strings.HasPrefix(o, "2>"):
				continue
			}
			cmd = append(cmd, a)
		}
		w.argvCall(c, via, cmd)
	}
}

// literal returns a word that is all known text, or "".
func literal(e strExpr) string {
	if e.dynamic() {
		return ""
	}
	var b strings.Builder
	for _, s := range e {
		if s.home || s.tmp {
			return ""
		}
		b.WriteString(s.text)
	}
	return b.String()
}

// tclScan reads Tcl commands.
type tclScan struct {
	code string
	vars map[string]strExpr
}

// commandStart reports whether a command starts at i: a word character
// first on a line, after ; or after an opening [ or {, spaces skipped.
func (t *tclScan) commandStart(i int) bool {
	c := t.code
	if !isWordStart(c[i]) {
		return false
	}
	j := i
	for j > 0 && (c[j-1] == ' ' || c[j-1] == '\t') {
		j--
	}
	return j == 0 || strings.IndexByte("\n;[{", c[j-1]) >= 0
}

// command reads the words of the command at i, to the end of the command.
func (t *tclScan) command(i int) ([]strExpr, int) {
	var words []strExpr
	c := t.code
	for i < len(c) && len(words) < 64 {
		for i < len(c) && (c[i] == ' ' || c[i] == '\t' || c[i] == '\\' && i+1 < len(c) && c[i+1] == '\n') {
			if c[i] == '\\' {
				i++
			}
			i++
		}
		if i >= len(c) || strings.IndexByte("\n;]}", c[i]) >= 0 {
			break
		}
		if c[i] == '#' && len(words) == 0 {
			// A comment, to the end of the line.
			for i < len(c) && c[i] != '\n' {
				i++
			}
			break
		}
		var w strExpr
		w, i = t.word(i)
		words = append(words, w)
	}
	return words, i
}

// word reads one word at i.
func (t *tclScan) word(i int) (strExpr, int) {
	c := t.code
	if strings.HasPrefix(c[i:], "{*}") {
		e, end := t.word(i + 3)
		if len(e) == 1 && e[0].glob && e[0].known {
			// {*}[glob p]: each file the pattern matches.
			return e, end
		}
		return strExpr{{text: "expansion"}}.join(e), end
	}
	switch c[i] {
	case '{':
		end := tclClose(c, i, '{', '}')
		if end >= len(c) {
			return strExpr{{text: c[i+1:], known: true}}, len(c)
		}
		return strExpr{{text: c[i+1 : end], known: true}}, end + 1
	case '"':
		e, end := t.subst(i+1, func(b byte) bool { return b == '"' })
		if end < len(c) {
			end++
		}
		return e, end
	}
	return t.subst(i, func(b byte) bool { return strings.IndexByte(" \t\n;]}", b) >= 0 })
}

// subst reads text with substitutions from i to where stop holds.
func (t *tclScan) subst(i int, stop func(byte) bool) (strExpr, int) {
	c := t.code
	var out strExpr
	var b strings.Builder
	flush := func() {
		if b.Len() > 0 {
			out = append(out, seg{text: b.String(), known: true})
			b.Reset()
		}
	}
	for i < len(c) && !stop(c[i]) {
		switch c[i] {
		case '\\':
			if i+1 < len(c) {
				b.WriteByte(c[i+1])
			}
			i += 2
		case '[':
			flush()
			end := tclClose(c, i, '[', ']')
			if p, ok := tclGlob(c[i+1 : min(end, len(c))]); ok {
				// [glob data/*.csv]: the files the pattern matches.
				out = append(out, seg{text: p, known: true, glob: true})
			} else {
				out = append(out, seg{text: "command"})
			}
			i = min(end+1, len(c))
		case '$':
			flush()
			j := i + 1
			for j < len(c) && (isWordChar(c[j]) || c[j] == ':') {
				j++
			}
			name := strings.TrimPrefix(c[i+1:j], "::")
			if j < len(c) && c[j] == '{' && j == i+1 {
				end := strings.IndexByte(c[j:], '}')
				if end < 0 {
					return append(out, seg{text: "var"}), len(c)
				}
				name, j = c[j+1:j+end], j+end+1
			}
			if j < len(c) && c[j] == '(' {
				end := strings.IndexByte(c[j:], ')')
				if end < 0 {
					return append(out, seg{text: name}), len(c)
				}
				key := c[j+1 : j+end]
				j += end + 1
				if name == "env" && key == "HOME" {
					out = append(out, seg{home: true, known: true})
					i = j
					continue
				}
				name += "_" + key
			}
			if v, ok := t.vars[name]; ok && name != "" {
				out = append(out, v...)
			} else if name == "" {
				b.WriteByte('$')
			} else {
				out = append(out, seg{text: name})
			}
			i = j
		default:
			b.WriteByte(c[i])
			i++
		}
	}
	flush()
	if out == nil {
		out = strExpr{{text: "", known: true}}
	}
	return out, i
}

// join returns e followed by more.
func (e strExpr) join(more strExpr) strExpr {
	return append(append(strExpr(nil), e...), more...)
}

// tclClose returns the index of the bracket that closes the one at i, or
// len(s) when it is not closed. Backslashes escape; quotes do not nest in
// Tcl's braces.
func tclClose(s string, i int, open, close byte) int {
	depth := 0
	for j := i; j < len(s); j++ {
		switch s[j] {
		case '\\':
			j++
		case open:
			depth++
		case close:
			if depth--; depth == 0 {
				return j
			}
		}
	}
	return len(s)
}

// tclGlob reads a glob command with one literal pattern, [glob
// -nocomplain data/*.csv], and returns the pattern.
func tclGlob(cmd string) (string, bool) {
	f := strings.Fields(cmd)
	if len(f) < 2 || f[0] != "glob" {
		return "", false
	}
	f = f[1:]
	for len(f) > 0 && (f[0] == "-nocomplain" || f[0] == "-join" || f[0] == "--") {
		f = f[1:]
	}
	if len(f) != 1 || strings.HasPrefix(f[0], "-") || strings.ContainsAny(f[0], "$[]{}\\\"") {
		return "", false
	}
	return f[0], true
}
