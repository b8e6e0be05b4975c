package parse

import (
	"strings"

	"github.com/guardsh/guard/internal/lazy"
)

// Interpreter code (python -c, node -e, a heredoc into ruby, a script file)
// often just calls the shell or deletes a tree. guard does not parse the
// languages: it finds the calls that run a command or delete files by
// their names, reads their arguments with codeScan, and analyses what they
// run as if it were typed, so that python -c 'import os; os.system("rm -rf
// /")' is judged like rm -rf /, and shutil.rmtree(Path.home()) like rm -rf
// ~. A command or path that is computed when the code runs is kept as a
// word only known at run time.

// codeCalls match the names of the calls guard looks at.
var codeCalls = lazy.Regexp{Expr: `\b(?:os\.(?:system|popen|exec[lv]p?e?|spawn[lv]p?e?|posix_spawnp?|remove|unlink|rmdir|removedirs)|` +
	`subprocess\.(?:run|call|check_call|check_output|Popen|getoutput|getstatusoutput)|commands\.getoutput|pty\.spawn|` +
	`shutil\.rmtree|Popen|check_output|check_call|getoutput|execSync|execFileSync|execFile|spawnSync|spawn|exec|shell_exec|passthru|system|popen|proc_open|` +
	`pcntl_exec|IO\.popen|os\.execute|io\.popen|Open3\.\w+|Kernel\.(?:system|exec|spawn)|Bun\.spawn(?:Sync)?|Deno\.(?:remove|removeSync)|` +
	`rmtree|rm_rf|rm_r|rm_f|remove_file|safe_unlink|remove_dir|emptyDirSync|emptyDir|remove_entry(?:_secure)?|remove_tree|rimraf(?:\.sync)?|rmSync|rmdirSync|` +
	`unlinkSync|rmdir|unlink|removeSync|RemoveAll|File\.delete|Dir\.rmdir|Dir\.delete|file\.remove|dir_delete|file_delete|call_command|system2|rm|` +
	`run_ps|execute_ps|run_cmd|execute_cmd)\b|Remove-Item\b|File::delete(?:Directory)?\b|require\(\s*['"]rimraf['"]\s*\)(?:\.sync)?`}

// codeCallWords are literals one of which code must hold for codeCalls to
// find anything: a regular expression with many alternatives is slow, and
// most code calls none of them.
var codeCallWords = []string{"system", "popen", "exec", "spawn", "remove", "unlink", "rmdir", "rmtree",
	"subprocess", "getoutput", "passthru", "proc_open", "Open3", "rm_r", "rm_rf", "rimraf", "rmSync",
	"RemoveAll", "Remove-Item", "File.delete", "Dir.delete", ".rm(", ".rm ", "rm(", "rm_f", "safe_unlink", "emptyDir", "remove_tree", "removeSync", "_delete", "::delete", "call_command", "run_ps", "execute_ps", "run_cmd", "execute_cmd"}

// rakeTask matches a Rake task run from Ruby code.
var rakeTask = lazy.Regexp{Expr: `Rake::Task\[\s*(['"])([^'"]+)['"]\s*\]\s*\.\s*(?:invoke|execute|reenable)`}

// backticks and qx run shell code in perl, ruby and php; zx and Bun run a
// tagged template: $`cmd`.
var (
	backticks = lazy.Regexp{Expr: "`([^`]*)`"}
	quoteOps  = lazy.Regexp{Expr: `(?:\bqx|%x)\s*([({\[/|!])`}
)

func hasAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// callKind says what a call does with its arguments.
type callKind uint8

const (
	// shellFirst runs its first argument as shell code: os.system.
	shellFirst callKind = iota
	// shellOrArgv runs one string as shell code, and several, or a list,
	// as a command and its arguments: system in perl and ruby, subprocess.run.
	shellOrArgv
	// argvFile runs a file with a list of arguments: spawn('rm', ['-rf']).
	argvFile
	// argvList runs a list whose first element is the program, after
	// skip arguments: os.execvp(file, ['rm', ...]).
	argvList
	// argvRest runs the arguments after skip as the argv: os.execlp(file,
	// 'rm', '-rf', ...).
	argvRest
	treeDelete
	fileDelete
	// managementCommand runs a Django management command:
	// call_command("flush"), as django-admin flush.
	managementCommand
)

// kindOf returns what the named call does, in a language, and how many
// leading arguments are not the command.
func kindOf(name, lang string) (callKind, int) {
	switch name {
	case "os.system", "os.popen", "subprocess.getoutput", "subprocess.getstatusoutput", "commands.getoutput",
		"execSync", "shell_exec", "passthru", "popen", "proc_open", "IO.popen", "getoutput", "os.execute", "io.popen":
		return shellFirst, 0
	case "exec":
		if lang == "node" || lang == "php" {
			return shellFirst, 0
		}
		return shellOrArgv, 0
	case "subprocess.run", "subprocess.call", "subprocess.check_call", "subprocess.check_output", "subprocess.Popen",
		"Popen", "check_output", "check_call",
		"system", "Kernel.system", "Kernel.exec", "Kernel.spawn", "pty.spawn", "Bun.spawn", "Bun.spawnSync":
		return shellOrArgv, 0
	case "spawn", "spawnSync", "execFile", "execFileSync", "pcntl_exec", "system2":
		if lang == "ruby" {
			return shellOrArgv, 0
		}
		return argvFile, 0
	case "os.posix_spawn", "os.posix_spawnp", "os.execv", "os.execvp", "os.execve", "os.execvpe":
		return argvList, 1
	case "os.execl", "os.execlp", "os.execle", "os.execlpe":
		return argvRest, 1
	case "os.spawnv", "os.spawnvp", "os.spawnve", "os.spawnvpe":
		return argvList, 2
	case "os.spawnl", "os.spawnlp", "os.spawnle", "os.spawnlpe":
		return argvRest, 2
	case "os.remove", "os.unlink", "os.rmdir", "os.removedirs", "unlinkSync", "unlink", "rmdir", "File.delete",
		"File.unlink", "Dir.rmdir", "Dir.delete", "Dir.unlink", "file.remove", "file_delete", "File::delete",
		"rm_f", "remove_file", "safe_unlink":
		return fileDelete, 0
	case "rm":
		if lang == "ruby" {
			// FileUtils.rm deletes files, as rm -f does.
			return fileDelete, 0
		}
	}
	if name == "call_command" {
		return managementCommand, 0
	}
	if strings.HasPrefix(name, "Open3.") {
		return shellOrArgv, 0
	}
	return treeDelete, 0
}

// objects are the receivers a method named like a call may have and still
// be that call: child_process.exec, not regex.exec.
var objects = []string{"child_process", "cp", "childProcess", "proc", "fs", "fsp", "fse", "promises", "FileUtils",
	"File", "Dir", "Deno", "Bun", "Kernel", "IO", "Open3", "os", "shutil", "rimraf", "subprocess", "sh",
	"require(\"child_process\")", "require('child_process')", "require(\"fs\")", "require('fs')", "fs.promises",
	"require(\"fs\").promises", "require('fs').promises", "require('fs-extra')", "require(\"fs-extra\")",
	"require('rimraf')", "require(\"rimraf\")", "$fs", "Filesystem", "File::Path"}

// interpreterCode analyses the shell commands and deletions in code an
// interpreter runs.
func (w *walker) interpreterCode(c call, name string, src *Code) {
	code := src.Text
	via := name + " code"
	listed := stdinListing(c.stdin, src.Lang, code)
	c.stdin = Input{}
	s := &codeScan{code: code, lang: src.Lang, argv: src.argv, env: src.env, listed: listed}
	n := 0
	if hasAny(code, codeCallWords) {
		for _, m := range codeCalls.Get().FindAllStringIndex(code, -1) {
			if n++; n > 64 || *w.full {
				break
			}
			w.codeCall(c, s, name, via, m[0], m[1])
		}
	}
	w.aliasedCalls(c, s, name, via)
	w.callbackDeletes(c, s, via)
	w.remoteCode(c, via, src)
	w.bareDeletes(c, s, via)
	w.truncations(c, s, via)
	w.rmdirAfterFiles(c, s, via)
	if src.Lang == "python" {
		w.codeJobSubmit(c, s, name)
	}
	if src.Lang == "ruby" && strings.Contains(code, "Rake::Task") {
		// Rake::Task["db:drop"].invoke runs the task, as rake db:drop.
		for _, m := range rakeTask.Get().FindAllStringSubmatch(code, 8) {
			w.inner(c, []Word{{Value: "rake"}, {Value: m[2]}}, via)
		}
	}
	switch src.Lang {
	case "perl", "ruby", "php", "julia":
		// Julia's `cmd` is a command that run(), read() and success()
		// start; perl's, ruby's and php's run it where they stand.
		if strings.IndexByte(code, '`') >= 0 {
			for _, m := range backticks.Get().FindAllStringSubmatchIndex(code, 16) {
				w.shellString(c, s, name, via, m[2]-1, '`')
			}
		}
		if src.Lang != "julia" && (strings.Contains(code, "qx") || strings.Contains(code, "%x")) {
			for _, m := range quoteOps.Get().FindAllStringSubmatchIndex(code, 16) {
				w.shellString(c, s, name, via, m[2], code[m[2]])
			}
		}
	case "node":
		if strings.Contains(code, "$`") {
			for i := strings.Index(code, "$`"); i >= 0 && i < len(code); {
				w.shellString(c, s, name, via, i+1, '`')
				next := strings.Index(code[i+2:], "$`")
				if next < 0 {
					break
				}
				i += 2 + next
			}
		}
	case "awk":
		w.awkPipes(c, s, name, via)
	case "jvm":
		w.jvmCode(c, s, name, via)
	case "tcl":
		w.tclCode(c, name, via, code)
	case "powershell":
		if sh := psShell(code, 0); sh != "" {
			w.codeWord(c, Word{Value: sh}, via, Input{})
		}
	case "osascript":
		// do shell script "cmd".
		for i := strings.Index(code, "do shell script"); i >= 0; {
			j := s.space(i + len("do shell script"))
			if e, _ := s.expr(j); e != nil {
				w.shellCode(c, name, via, e)
			}
			next := strings.Index(code[j:], "do shell script")
			if next < 0 {
				break
			}
			i = j + next
		}
	}
}

// shellString analyses a string that runs as shell code, quoted with q at
// i: `cmd`, qx{cmd}. Interpolation reads as run-time parts.
func (w *walker) shellString(c call, s *codeScan, name, via string, i int, q byte) {
	end := i + 1
	switch q {
	case '(', '{', '[':
		end = matching(s.code, i, q, closer(q))
	default:
		for end < len(s.code) && s.code[end] != q {
			if s.code[end] == '\\' {
				end++
			}
			end++
		}
	}
	if end > len(s.code) || end <= i {
		return
	}
	text := s.code[i+1 : min(end, len(s.code))]
	// Interpolation: ruby's #{x} and JavaScript's ${x} read as $x.
	text = strings.ReplaceAll(text, "#{", "${")
	w.codeWord(c, Word{Value: text}, via, Input{})
}

// codeCall analyses one call found in code, its name at code[start:end].
func (w *walker) codeCall(c call, s *codeScan, name, via string, start, end int) {
	w.codeCallAs(c, s, name, via, start, end, "")
}

// codeCallAs analyses one call found in code at code[start:end], read as
// the call named as when that is not empty: sp.run as subprocess.run
// (codealias.go).
func (w *walker) codeCallAs(c call, s *codeScan, name, via string, start, end int, as string) {
	code := s.code
	callee := code[start:end]
	stmt := start
	if s.inString(start) {
		// A name inside a string: the string is looked at where it runs.
		return
	}
	if as != "" {
		callee = as
	} else if start > 0 && code[start-1] == '.' && winrmMethod(callee) {
		// session.run_ps('...'): code run on a Windows host.
		w.winrmCall(c, s, callee, s.space(end))
		return
	}
	if as == "" && start > 0 && code[start-1] == '.' {
		// A method: only of the objects that have this call.
		obj := receiverStart(code, start-1)
		stmt = obj
		recv := code[obj : start-1]
		if !contains(objects, recv) && !strings.HasSuffix(recv, "child_process\")") && !strings.HasSuffix(recv, "child_process')") &&
			!(s.lang == "node" && fsAlias(code, recv)) {
			if kind, _ := kindOf(callee, s.lang); kind == treeDelete || kind == fileDelete {
				if !strings.HasPrefix(callee, "rm") && callee != "unlink" && callee != "unlinkSync" {
					return
				}
				// path.unlink(), p.rmdir(): a method of a path.
				w.pathMethod(c, s, via, obj, start-1, kind, callee)
			}
			return
		}
		callee = recv + "." + callee
		callee = strings.TrimPrefix(strings.TrimPrefix(callee, "require('child_process')."), "require(\"child_process\").")
		for _, p := range []string{"child_process.", "cp.", "childProcess.", "proc.", "fs.promises.", "fs.", "fsp.",
			"fse.", "promises.", "FileUtils.", "shutil.", "rimraf.", "sh."} {
			if strings.HasPrefix(callee, p) && !strings.HasPrefix(callee, "os.") {
				callee = strings.TrimPrefix(callee, p)
				break
			}
		}
	}
	if callee == "rm" && (start == 0 || code[start-1] != '.') && !(s.lang == "node" && importsFsName(code, "rm")) && s.lang != "julia" {
		// rm as a word is most often inside a shell command string; a
		// name imported from fs (import { rm } from 'fs/promises') is the
		// call.
		return
	}
	if s.lang == "node" && !strings.HasPrefix(callee, "Deno.") && !strings.HasPrefix(callee, "Bun.") {
		// require("fs").rmSync, fs.promises.rm: the method's name.
		callee = callee[strings.LastIndexByte(callee, '.')+1:]
	}
	kind, skip := kindOf(callee, s.lang)
	i := s.space(end)
	if s.lang == "node" && optionalRecursive(callee) {
		// fs.rmSync(p) and Deno.remove(p) delete a tree only with
		// {recursive: true}; without it, one file.
		kind = fileDelete
		if recursiveOptions(code, i) {
			kind = treeDelete
		}
	}
	if s.lang == "julia" && callee == "rm" {
		// rm(path; recursive=true) deletes the tree; without it, one
		// file or an empty directory.
		kind = fileDelete
		if juliaRecursive(code, i) {
			kind = treeDelete
		}
	}
	if kind == fileDelete && s.lang == "r" && recursiveOption(code, i) {
		// unlink(path, recursive = TRUE) deletes the tree.
		kind = treeDelete
	}
	if callee == "exec" && s.lang == "python" {
		// Python's exec runs Python code: a literal is read as such.
		if i < len(code) && code[i] == '(' && s.depth < 4 {
			if args, _ := w.callArgs(s, i); len(args) > 0 && args[0] != nil && !args[0].dynamic() {
				text, _ := args[0].shellText()
				w.interpreterCode(c, name, &Code{Lang: "python", Text: text})
			}
		}
		return
	}
	var args []strExpr
	var lists [][]strExpr
	switch {
	case i < len(code) && code[i] == '(' && s.lang == "julia":
		// rm(p; recursive=true): the keyword arguments follow a semicolon.
		args, lists = w.callArgs(s.sub(juliaKeywords(code, i)), i)
	case i < len(code) && code[i] == '(':
		args, lists = w.callArgs(s, i)
	case i > end && i < len(code) && statementStart(code, stmt) &&
		(s.lang == "ruby" || s.lang == "perl" || s.lang == "awk" || s.lang == "lua" && (code[i] == '"' || code[i] == '\'')):
		// system "rm -rf /" without parentheses, to the end of the
		// statement; in Lua, os.execute "cmd" with one string.
		stop := statementEnd(code, i)
		if s.lang == "perl" || s.lang == "ruby" {
			stop = postfixModifier(s, i, stop)
		}
		args, lists = w.callArgs(s.sub(code[:stop]), i-1)
	default:
		return
	}
	if len(args) <= skip && len(lists) <= skip {
		return
	}
	switch kind {
	case treeDelete, fileDelete:
		if len(args) > 0 && args[0] == nil && lists[0] != nil {
			// FileUtils.rm_rf(%w[a b]), os.remove([...]): each element.
			for k, p := range lists[0] {
				if k < 16 {
					w.deletion(c, s, via, p, kind, callee)
				}
			}
			return
		}
		if len(args) == 0 || args[0] == nil {
			return
		}
		if len(args[0]) == 1 && !args[0][0].known {
			if list, ok := s.loopList(args[0][0].text); ok {
				// for p in ('build', 'dist'): shutil.rmtree(p): each
				// element of the literal list.
				for _, p := range list {
					w.deletion(c, s, via, p, kind, callee)
				}
				return
			}
		}
		if t, _ := args[0].shellText(); s.lang == "node" && callee == "rm" && strings.HasPrefix(t, "-") {
			// shelljs: sh.rm('-rf', dir) takes rm's own arguments.
			w.argvCall(c, via, append([]strExpr{{{text: "rm", known: true}}}, args...))
			return
		}
		if callee == "emptyDirSync" || callee == "emptyDir" {
			// fs-extra's emptyDir deletes what the directory holds.
			all := joinPath(args[0], strExpr{{text: "*", known: true}})
			for k := range all {
				all[k].glob = true
			}
			w.deletion(c, s, via, all, treeDelete, callee)
			return
		}
		w.deletion(c, s, via, args[0], kind, callee)
		if s.lang == "r" || s.lang == "perl" || s.lang == "ruby" {
			// file.remove(a, b), unlink $a, $b: every argument is a path.
			for _, a := range args[1:] {
				if a != nil {
					w.deletion(c, s, via, a, kind, callee)
				}
			}
		}
	case shellFirst:
		w.shellCode(c, name, via, args[0])
	case shellOrArgv:
		a, l := args, lists
		if s.lang == "ruby" && len(a) > 1 && a[0] == nil && l[0] == nil {
			// system({"ENV" => "x"}, "cmd"): the environment first.
			a, l = a[1:], l[1:]
		}
		switch {
		case l[0] != nil:
			w.argvCall(c, via, l[0])
		case len(a) == 1 || len(a) > 1 && a[1] == nil:
			w.shellCode(c, name, via, a[0])
		default:
			w.argvCall(c, via, a)
		}
	case argvFile:
		argv := []strExpr{args[0]}
		if len(lists) > 1 && lists[1] != nil {
			argv = append(argv, lists[1]...)
		}
		w.argvCall(c, via, argv)
	case argvList:
		if len(lists) > skip && lists[skip] != nil {
			w.argvCall(c, via, lists[skip])
		} else {
			w.shellCode(c, name, via, nil)
		}
	case argvRest:
		w.argvCall(c, via, args[skip+1:])
	case managementCommand:
		w.argvCall(c, via, append([]strExpr{{{text: "django-admin", known: true}}}, args...))
	}
}

// postfixModifier returns where a statement that runs from code[i] to
// code[stop] ends before a postfix for, if or unless of perl and ruby:
// unlink $_ for glob(...).
func postfixModifier(s *codeScan, i, stop int) int {
	for _, kw := range []string{" for ", " foreach ", " if ", " unless ", " while ", " until "} {
		if k := strings.Index(s.code[i:stop], kw); k >= 0 && !s.inString(i+k) {
			stop = i + k
		}
	}
	return stop
}

// statementEnd returns where the statement that runs on from code[i]
// ends: at a newline, a semicolon or a closing brace outside strings and
// brackets.
func statementEnd(code string, i int) int {
	for ; i < len(code); i++ {
		switch c := code[i]; c {
		case '\n', ';', '}':
			return i
		case '(', '[', '{':
			i = matching(code, i, c, closer(c))
		case '\'', '"', '`':
			for i++; i < len(code) && code[i] != c; i++ {
				if code[i] == '\\' {
					i++
				}
			}
		}
	}
	return len(code)
}

// receiverStart returns where the receiver of a method whose dot is at
// code[dot] starts: Path.home().joinpath("a", "b") before .unlink().
func receiverStart(code string, dot int) int {
	i := dot
	for i > 0 {
		c := code[i-1]
		switch {
		case isWordChar(c) || c == '.' || c == '$' || c == '@' || c == ':' && i > 1 && code[i-2] == ':':
			i--
		case (c == ')' || c == ']') && isWordChar(code[i]):
			// for(...)fs.unlinkSync(f): a group right before a name is
			// a statement's head, not part of the receiver.
			return i
		case c == ')' || c == ']':
			open := byte('(')
			if c == ']' {
				open = '['
			}
			depth := 0
			j := i - 1
			for ; j >= 0; j-- {
				if code[j] == c {
					depth++
				} else if code[j] == open {
					depth--
					if depth == 0 {
						break
					}
				}
			}
			if j < 0 {
				return i
			}
			i = j
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

// statementStart reports whether a call at i starts a statement, or an
// operand of and, or, if, unless, =, && or ||: a call without parentheses.
func statementStart(code string, i int) bool {
	j := i
	for j > 0 && (code[j-1] == ' ' || code[j-1] == '\t') {
		j--
	}
	if j == 0 || strings.IndexByte(";\n{}=(|&!", code[j-1]) >= 0 {
		return true
	}
	for _, kw := range []string{"and", "or", "if", "unless", "do", "then", "else", "not", "return"} {
		if strings.HasSuffix(code[:j], kw) && (j == len(kw) || !isWordChar(code[j-len(kw)-1])) {
			return true
		}
	}
	return false
}

// callArgs reads the arguments of a call whose parenthesis is at i. For
// each it returns the string expression, or nil, and when the argument is
// a list of strings, the list.
func (w *walker) callArgs(s *codeScan, i int) ([]strExpr, [][]strExpr) {
	code := s.code
	end := i + 1
	if code[i] == '(' {
		end = matching(code, i, '(', ')')
	} else {
		end = len(code)
	}
	var args []strExpr
	var lists [][]strExpr
	inner := s.sub(code[:end])
	j := i + 1
	for j < end && len(args) < 16 {
		j = inner.space(j)
		if j >= end {
			break
		}
		k := nextComma(code, j, end)
		arg := strings.TrimSpace(code[j:k])
		switch {
		case s.lang == "ruby" && rubyWordList(arg):
			// %w[a b]: a list of the words, as written.
			args = append(args, nil)
			lists = append(lists, wordListElems(arg))
		case strings.HasPrefix(arg, "[") || s.lang == "perl" && strings.HasPrefix(arg, "(") || s.lang == "r" && strings.HasPrefix(arg, "c("):
			// A list: its elements.
			open := j + strings.IndexAny(code[j:k], "[(")
			close := matching(code, open, code[open], closer(code[open]))
			var list []strExpr
			for e := open + 1; e < close; {
				e = inner.space(e)
				if e >= close {
					break
				}
				f := nextComma(code, e, close)
				x, xe := inner.expr(e)
				if x == nil || inner.space(xe) < f {
					x = strExpr{{text: strings.TrimSpace(code[e:f])}}
				}
				list = append(list, x)
				e = f + 1
			}
			args = append(args, nil)
			lists = append(lists, list)
		case isKeywordArg(arg):
			// shell=True, {recursive: true}, env=...: not the command.
		default:
			x, xe := inner.expr(j)
			if x == nil || inner.space(xe) < k {
				x = strExpr{{text: arg}}
				if strings.HasPrefix(arg, "{") {
					x = nil
				}
			}
			args = append(args, x)
			lists = append(lists, nil)
		}
		j = k + 1
	}
	return args, lists
}

// isKeywordArg reports whether a call argument is a keyword or options
// argument rather than a value: shell=True, {recursive: true}, **kw.
func isKeywordArg(arg string) bool {
	if strings.HasPrefix(arg, "**") {
		return true
	}
	if k, _, ok := strings.Cut(arg, "="); ok && !strings.ContainsAny(k, "'\"(") && !strings.HasPrefix(arg, "=") &&
		!strings.HasPrefix(strings.TrimPrefix(arg, k), "==") && !strings.HasPrefix(strings.TrimPrefix(arg, k), "=>") {
		return true
	}
	return false
}

// shellCode analyses a string a call runs as shell code.
func (w *walker) shellCode(c call, name, via string, e strExpr) {
	text, ok := e.shellText()
	if e == nil || !ok || len(e) == 1 && !e[0].known {
		d := c
		d.problem = DynamicCode
		d.detail = name + " runs a shell command that is built when it runs"
		if e != nil && len(e) == 1 {
			d.detail += ": " + e[0].text
		}
		w.record(d)
		return
	}
	w.codeWord(c, Word{Value: text}, via, Input{})
}

// argvCall analyses a call that runs a command given as a list of words.
func (w *walker) argvCall(c call, via string, argv []strExpr) {
	if len(argv) == 0 {
		return
	}
	words := make([]Word, 0, len(argv))
	for _, a := range argv {
		if a == nil {
			words = append(words, Word{Value: "EXPR", Dynamic: true})
			continue
		}
		words = append(words, a.pathWord(w.opts.Home))
	}
	w.inner(c, words, via)
}

// deletion analyses a call that deletes a tree or a file at a path, as rm
// -rf or rm -f of the path. callee is the call's name: an rmdir
// of a directory whose files the code deletes is read when the code is
// done (rmdirAfterFiles).
func (w *walker) deletion(c call, s *codeScan, via string, p strExpr, kind callKind, callee string) {
	word := p.pathWord(w.opts.Home)
	if word.Value == "" {
		return
	}
	if l := s.top().listed; l != nil && word.Dynamic {
		// find ... | perl -ne 'unlink $_': each line read, one path
		// of the listing, as xargs rm would delete.
		word = *l
	}
	if s.lang == "r" && callee == "unlink" && strings.ContainsAny(word.Value, "*?") {
		// R's unlink expands wildcards itself: unlink("data/*.csv").
		word.Glob = true
	}
	flag := "-rf"
	if kind == fileDelete && !(word.Glob && strings.Contains(word.Value, "**")) {
		// A loop over a walk (rglob, os.walk, a ** pattern) deletes every
		// file of the tree, as rm -rf does; other deletions, one file.
		flag = "-f"
	}
	t := s.top()
	switch {
	case word.Glob && !word.Dynamic:
		t.deleted = append(t.deleted, word.Value)
	case kind == fileDelete && isRmdir(callee) && !word.Dynamic && !word.Glob:
		t.rmdirs = append(t.rmdirs, word.Value)
	}
	w.inner(c, []Word{{Value: "rm"}, {Value: flag}, word}, via)
}

// isRmdir reports whether a deletion's name removes a directory.
func isRmdir(callee string) bool {
	callee = strings.Trim(callee, "'\"")
	switch callee[strings.LastIndexAny(callee, ".:")+1:] {
	case "rmdir", "rmdirSync", "removedirs":
		return true
	}
	return callee == "Dir.delete" || callee == "Dir.unlink"
}

// rmdirAfterFiles analyses an rmdir of a directory whose files the same
// code deletes first ([f.unlink() for f in p.iterdir()]; p.rmdir(), a
// recursive helper): the whole tree is gone, as with rm -rf.
func (w *walker) rmdirAfterFiles(c call, s *codeScan, via string) {
	t := s.top()
	for _, d := range t.rmdirs {
		prefix := strings.TrimSuffix(d, "/") + "/"
		for _, g := range t.deleted {
			if strings.HasPrefix(g, prefix) {
				w.inner(c, []Word{{Value: "rm"}, {Value: "-rf"}, {Value: d}}, via)
				break
			}
		}
	}
}

// pathMethod analyses a deletion written as a method of a path:
// Path.home().unlink(), Path('x').rmdir(). The receiver runs from code[from]
// to the dot at code[dot].
func (w *walker) pathMethod(c call, s *codeScan, via string, from, dot int, kind callKind, callee string) {
	sub := s.sub(s.code[:dot])
	e, end := sub.expr(from)
	if e == nil || sub.space(end) < dot {
		return
	}
	w.deletion(c, s, via, e, kind, callee)
}

// awkPipes analyses awk's commands: print | "cmd" runs cmd with the
// printed text on its stdin, and "cmd" | getline reads its output.
func (w *walker) awkPipes(c call, s *codeScan, name, via string) {
	code := s.code
	for i := 0; i < len(code); i++ {
		switch code[i] {
		case '"':
			for i++; i < len(code) && code[i] != '"'; i++ {
				if code[i] == '\\' {
					i++
				}
			}
			continue
		case '|':
		default:
			continue
		}
		if i+1 < len(code) && code[i+1] == '|' {
			i++
			continue
		}
		j := s.space(i + 1)
		if j < len(code) && code[j] == '&' {
			j = s.space(j + 1)
		}
		if strings.HasPrefix(code[j:], "getline") {
			// "cmd" | getline: the command is the string before.
			k := i - 1
			for k >= 0 && code[k] == ' ' {
				k--
			}
			if k >= 0 && code[k] == '"' {
				open := strings.LastIndexByte(code[:k], '"')
				if open >= 0 {
					w.codeWord(c, Word{Value: code[open+1 : k]}, via, Input{})
					continue
				}
			}
			w.shellCode(c, name, via, strExpr{{text: "cmd"}})
			continue
		}
		e, _ := s.expr(j)
		if e == nil {
			continue
		}
		text, ok := e.shellText()
		if !ok || e.dynamic() {
			w.shellCode(c, name, via, e)
			continue
		}
		// What is printed is the command's input, which guard does not
		// know: print | "sh" runs unknown code.
		w.codeWord(c, Word{Value: text}, via, Input{Kind: Unknown, From: "awk print"})
	}
}
