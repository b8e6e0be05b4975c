package parse

import (
	"encoding/base64"
	"encoding/hex"
	"path"
	"strings"

	"mvdan.cc/sh/v3/syntax"
)

// maxOutput caps the known output guard computes for one statement.
const maxOutput = 1 << 20

// stdoutOf returns what a statement writes to stdout when that can be known
// without running anything: literal echo and printf, and cat, base64 -d,
// xxd -r -p and rev applied to known input. from names the program that
// writes the output, for messages.
func (w *walker) stdoutOf(st *syntax.Stmt, in Input, depth int) (out string, known bool, from string) {
	if depth > 16 || st == nil || *w.full {
		return "", false, "?"
	}
	switch cmd := st.Cmd.(type) {
	case *syntax.BinaryCmd:
		if cmd.Op == syntax.AndStmt {
			// $(cd "$(dirname "$0")" && pwd): a cd, then a command whose
			// output is known in the new directory.
			if x, ok := cmd.X.Cmd.(*syntax.CallExpr); ok && len(x.Args) == 2 && len(cmd.X.Redirs) == 0 && x.Args[0].Lit() == "cd" {
				saved := w.dry
				w.dry = true
				target := w.expandOne(x.Args[1])
				w.dry = saved
				d, ok := w.resolve(target.Value)
				if target.Dynamic || !ok {
					return "", false, "cd"
				}
				old := w.dir
				w.dir = d
				out, known, from := w.stdoutOf(cmd.Y, in, depth+1)
				w.dir = old
				return out, known, from
			}
			return "", false, "a list"
		}
		if cmd.Op != syntax.Pipe && cmd.Op != syntax.PipeAll {
			return "", false, "a list"
		}
		o, k, f := w.stdoutOf(cmd.X, in, depth+1)
		next := Input{Kind: Unknown, From: "pipe from " + f}
		if k {
			next = Input{Kind: Known, Text: o}
		}
		return w.stdoutOf(cmd.Y, next, depth+1)
	case *syntax.CallExpr:
		if len(cmd.Args) == 0 {
			return "", false, "?"
		}
	default:
		return "", false, "a compound command"
	}
	cmd := st.Cmd.(*syntax.CallExpr)
	// Expand quietly: the statement was walked already.
	saved := w.dry
	w.dry = true
	defer func() { w.dry = saved }()
	in, _ = w.redirects(st.Redirs, in)
	args := w.expandWords(cmd.Args)
	if len(args) == 0 {
		return "", false, "?"
	}
	name := path.Base(args[0].Value)
	for _, a := range args {
		if a.Dynamic || a.Glob {
			return "", false, name
		}
	}
	argv := make([]string, len(args))
	for i, a := range args {
		argv[i] = a.Value
	}
	if name == "pwd" && len(argv) == 1 || name == "pwd" && len(argv) == 2 && argv[1] == "-P" {
		// The working directory is known while cd is followed.
		if w.dir == "" {
			return "", false, name
		}
		return w.dir + "\n", true, name
	}
	if name == "git" && len(argv) == 3 && argv[1] == "rev-parse" && argv[2] == "--show-toplevel" && w.dir != "" && w.dir == w.start && w.remote == "" {
		// cd "$(git rev-parse --show-toplevel)": the repository's top
		// level is the session's directory or one of its parents. guard
		// takes it to be the session's directory, the most lenient answer
		// reading the disk could give, so that no .git the agent makes can
		// loosen anything.
		return w.dir + "\n", true, name
	}
	if name == "cat" && len(argv) > 1 && len(*w.files) > 0 {
		// cat of files the command itself wrote.
		var b strings.Builder
		all := true
		for _, a := range args[1:] {
			text, ok := w.writtenScript(a)
			if !ok || strings.HasPrefix(a.Value, "-") {
				all = false
				break
			}
			b.WriteString(text)
		}
		if all {
			return b.String(), true, name
		}
	}
	out, known = staticOutput(name, argv[1:], in)
	if len(out) > maxOutput {
		return "", false, name
	}
	return out, known, name
}

func staticOutput(name string, args []string, in Input) (string, bool) {
	switch name {
	case "jq":
		return jqOutput(args)
	case "echo":
		newline, escapes := true, false
		for len(args) > 0 && len(args[0]) > 1 && args[0][0] == '-' && strings.Trim(args[0][1:], "neE") == "" {
			for _, c := range args[0][1:] {
				switch c {
				case 'n':
					newline = false
				case 'e':
					escapes = true
				case 'E':
					escapes = false
				}
			}
			args = args[1:]
		}
		s := strings.Join(args, " ")
		if escapes {
			s = ansiC(s)
		}
		if newline {
			s += "\n"
		}
		return s, true
	case "mktemp":
		return mktempOutput(args)
	case "date":
		return dateOutput(args)
	case "dirname", "basename":
		ops := args
		if len(ops) > 0 && ops[0] == "--" {
			ops = ops[1:]
		}
		if len(ops) == 0 || strings.HasPrefix(ops[0], "-") {
			return "", false
		}
		if name == "dirname" {
			var b strings.Builder
			for _, o := range ops {
				b.WriteString(path.Dir(o) + "\n")
			}
			return b.String(), true
		}
		out := path.Base(ops[0])
		if len(ops) == 2 {
			out = strings.TrimSuffix(out, ops[1])
		}
		return out + "\n", len(ops) <= 2
	case "printf":
		if len(args) > 0 && args[0] == "--" {
			args = args[1:]
		}
		if len(args) == 0 || args[0] == "-v" {
			return "", len(args) > 0
		}
		format, rest := args[0], args[1:]
		var b strings.Builder
		for i := 0; i < 64; i++ {
			s, n, stop, ok := printf(format, rest)
			if !ok || strings.Contains(s, "%!") {
				// %!: Go's fmt could not follow the format (a width over
				// its limit, say), so the output is not what printf gives.
				return "", false
			}
			b.WriteString(s)
			if stop || n == 0 || n >= len(rest) {
				break
			}
			rest = rest[n:]
		}
		return b.String(), true
	}
	// The rest transform their input.
	if in.Kind != Known {
		return "", false
	}
	for _, a := range args {
		if a != "-" && !strings.HasPrefix(a, "-") {
			// A file operand: its content is not known.
			return "", false
		}
	}
	switch name {
	case "cat", "tee":
		if len(args) > 0 && name == "cat" {
			return "", false
		}
		return in.Text, true
	case "base64", "gbase64":
		decode := false
		for _, a := range args {
			if a == "-d" || a == "--decode" || a == "-D" || (strings.HasPrefix(a, "-") && !strings.HasPrefix(a, "--") && strings.Contains(a, "d")) {
				decode = true
			}
		}
		if !decode {
			return base64.StdEncoding.EncodeToString([]byte(in.Text)) + "\n", true
		}
		clean := strings.Map(func(r rune) rune {
			if r == ' ' || r == '\n' || r == '\t' || r == '\r' {
				return -1
			}
			return r
		}, in.Text)
		for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding} {
			if b, err := enc.DecodeString(clean); err == nil {
				return string(b), true
			}
		}
		return "", false
	case "xxd":
		r, p := false, false
		for _, a := range args {
			if strings.HasPrefix(a, "-") && !strings.HasPrefix(a, "--") {
				r = r || strings.Contains(a, "r")
				p = p || strings.Contains(a, "p")
			}
		}
		if !r || !p {
			return "", false
		}
		clean := strings.Join(strings.Fields(in.Text), "")
		b, err := hex.DecodeString(clean)
		if err != nil {
			return "", false
		}
		return string(b), true
	case "rev":
		if len(args) > 0 {
			return "", false
		}
		lines := strings.SplitAfter(in.Text, "\n")
		var b strings.Builder
		for _, l := range lines {
			nl := strings.HasSuffix(l, "\n")
			l = strings.TrimSuffix(l, "\n")
			r := []rune(l)
			for i, j := 0, len(r)-1; i < j; i, j = i+1, j-1 {
				r[i], r[j] = r[j], r[i]
			}
			b.WriteString(string(r))
			if nl {
				b.WriteByte('\n')
			}
		}
		return b.String(), true
	}
	return "", false
}

// redirects works out a statement's stdin and the redirections it makes.
func (w *walker) redirects(list []*syntax.Redirect, in Input) (Input, []Redirect) {
	var out []Redirect
	for _, r := range list {
		switch r.Op {
		case syntax.Hdoc, syntax.DashHdoc:
			in = w.heredoc(r)
			continue
		case syntax.WordHdoc:
			v := w.expandOne(r.Word)
			in = Input{Kind: Known, Text: v.Value + "\n", From: "here-string"}
			if v.Dynamic {
				in.Kind = Unknown
				in.From = "here-string with run-time parts"
				in.Text = v.Value + "\n"
			}
			continue
		}
		target := w.expandOne(r.Word)
		op := r.Op.String()
		fd := ""
		if r.N != nil {
			fd = r.N.Value
		}
		switch r.Op {
		case syntax.RdrIn:
			if fd == "" || fd == "0" {
				if ps := procSubstIn(r.Word); ps != nil {
					// < <(echo ...): stdin is the output of the commands
					// inside, known when theirs is.
					in = w.procSubstInput(ps)
					continue
				}
				if target.Value == "/dev/null" {
					in = Input{Kind: Known, From: "/dev/null"}
				} else {
					in = Input{Kind: Unknown, From: "file " + target.Value}
					if !target.Dynamic {
						in.file = target.Value
					}
				}
			}
		case syntax.DplIn, syntax.DplOut:
			if r.Op == syntax.DplIn && (fd == "" || fd == "0") && !target.Dynamic && isDigits(target.Value) && target.Value != "0" {
				// <&3: stdin from another descriptor, whose content guard
				// cannot see.
				in = Input{Kind: Unknown, From: "file descriptor " + target.Value}
				continue
			}
			if !target.Dynamic && (target.Value == "-" || isDigits(target.Value)) {
				continue
			}
		}
		out = append(out, Redirect{Op: op, Target: target})
	}
	return in, out
}

// procSubstIn returns the process substitution <(...) a redirection's word
// consists of, or nil.
func procSubstIn(word *syntax.Word) *syntax.ProcSubst {
	if word == nil || len(word.Parts) != 1 {
		return nil
	}
	ps, ok := word.Parts[0].(*syntax.ProcSubst)
	if !ok || ps.Op != syntax.CmdIn {
		return nil
	}
	return ps
}

// procSubstInput returns the stdin a process substitution gives: the known
// output of its single statement, or unknown input.
func (w *walker) procSubstInput(ps *syntax.ProcSubst) Input {
	if len(ps.Stmts) == 1 {
		if out, known, _ := w.stdoutOf(ps.Stmts[0], Input{}, 1); known {
			return Input{Kind: Known, Text: out, From: "process substitution"}
		}
		if g, ok := w.listingOf(ps.Stmts[0], 0); ok {
			return Input{Kind: Unknown, From: "process substitution", listed: &g}
		}
	}
	return Input{Kind: Unknown, From: "process substitution"}
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// heredoc returns the input a heredoc gives. An unquoted heredoc's body is
// expanded, and its command substitutions run.
func (w *walker) heredoc(r *syntax.Redirect) Input {
	if r.Hdoc == nil {
		return Input{Kind: Known, From: "heredoc"}
	}
	quoted := false
	for _, p := range r.Word.Parts {
		switch p := p.(type) {
		case *syntax.SglQuoted, *syntax.DblQuoted:
			quoted = true
		case *syntax.Lit:
			if strings.Contains(p.Value, `\`) {
				quoted = true
			}
		}
	}
	if quoted {
		var b strings.Builder
		for _, p := range r.Hdoc.Parts {
			if lit, ok := p.(*syntax.Lit); ok {
				b.WriteString(lit.Value)
			}
		}
		return Input{Kind: Known, Text: stripTabs(r, b.String()), From: "heredoc"}
	}
	var f fields
	for _, part := range r.Hdoc.Parts {
		if lit, ok := part.(*syntax.Lit); ok {
			f.add(unescapeHeredoc(lit.Value))
			continue
		}
		w.parts([]syntax.WordPart{part}, true, true, &f)
	}
	in := Input{Kind: Known, Text: stripTabs(r, f.text()), From: "heredoc"}
	if f.dynamic {
		in.Kind = Unknown
		in.From = "heredoc with run-time parts"
	}
	return in
}

// stripTabs removes the leading tabs of each line of a <<- heredoc. The
// parser keeps them, and the tabs before the closing delimiter too.
func stripTabs(r *syntax.Redirect, text string) string {
	if r.Op != syntax.DashHdoc {
		return text
	}
	lines := strings.SplitAfter(text, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimLeft(l, "\t")
	}
	return strings.Join(lines, "")
}

// unescapeHeredoc removes the backslashes special in an unquoted heredoc.
func unescapeHeredoc(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			switch s[i+1] {
			case '$', '`', '\\':
				b.WriteByte(s[i+1])
				i++
				continue
			case '\n':
				i++
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// FreshTemp reports whether p stands for a file or directory that mktemp
// made in this command: its name holds the XXXXXX that stands for
// mktemp's random part. Deleting one deletes nothing that was there
// before the command.
func FreshTemp(p string) bool {
	return strings.Contains(path.Base(p), "XXXXXX")
}

// mktempOutput returns what mktemp prints: the name of a file or directory
// it makes, fresh, under the temporary directory or the one given. Its
// random part is shown as XXXXXXXXXX, which no existing file is named.
func mktempOutput(args []string) (string, bool) {
	dir, template, inTmp := "/tmp", "", false
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "-p" || a == "--tmpdir":
			if i+1 < len(args) {
				i++
				dir, inTmp = args[i], true
			}
		case strings.HasPrefix(a, "--tmpdir="):
			dir, inTmp = a[len("--tmpdir="):], true
		case strings.HasPrefix(a, "-p") && len(a) > 2:
			dir, inTmp = a[2:], true
		case a == "-t":
			inTmp = true
		case a == "--suffix":
			i++
		case strings.HasPrefix(a, "-"):
			if strings.Contains(a, "t") && !strings.HasPrefix(a, "--") {
				inTmp = true
			}
		default:
			template = a
		}
	}
	if dir == "" {
		dir = "/tmp"
	}
	switch {
	case template == "":
		return path.Join(dir, "tmp.XXXXXXXXXX") + "\n", true
	case inTmp || !strings.Contains(template, "/"):
		if !path.IsAbs(template) && (inTmp || !strings.Contains(template, "/")) {
			if !inTmp {
				// A bare template is made in the current directory.
				return "", false
			}
			return path.Join(dir, template) + "\n", true
		}
	}
	if !path.IsAbs(template) {
		return "", false
	}
	return path.Clean(template) + "\n", true
}
