package parse

import (
	"strings"

	"github.com/guardsh/guard/internal/lazy"
)

// Code for the JVM's scripting shells (groovy -e, a heredoc into jshell,
// scala -e) deletes files through java.io.File and java.nio.file.Files
// and runs programs through String.execute() (Groovy), ProcessBuilder,
// Runtime.exec and Scala's sys.process (.! and .!!). guard finds those
// calls by name and reads the paths and commands they are given, as it
// does for the other languages: new File("/srv/x").deleteDir() is rm -rf
// /srv/x, "rm -rf /opt".execute() runs rm.

var (
	groovyInterp = &interpreter{lang: "jvm", code: "e", value: "D", wordValue: []string{"-cp", "-classpath", "--classpath", "-configscript", "--configscript"}}
	jshellInterp = &interpreter{lang: "jvm", wordValue: []string{"--class-path", "--module-path", "--add-modules", "--startup", "--feedback", "--add-exports", "--execution", "-R", "-J", "-C"}}
	scalaInterp  = &interpreter{lang: "jvm", code: "e", wordValue: []string{"-cp", "-classpath", "--classpath", "-deprecation"}}
)

// jvmCalls matches the calls jvmCode reads.
var jvmCalls = lazy.Regexp{Expr: `\.\s*(?:execute|deleteDir|deleteRecursively|delete|exec)\s*\(|\bFiles\s*\.\s*(?:delete|deleteIfExists|walk)\s*\(|` +
	`\bFileUtils\s*\.\s*(?:deleteDirectory|forceDelete|cleanDirectory|deleteQuietly)\s*\(|\bProcessBuilder\s*\(|\.\s*!!?(?:[^=\w]|$)`}

// jvmFileCalls are the constructors whose first arguments name a path.
var jvmFileCalls = []string{"new java.io.File(", "new File(", "java.io.File(", "File(", "Paths.get(", "Path.of(",
	"java.nio.file.Paths.get(", "java.nio.file.Path.of(", "file("}

// jvmCode analyses the deletions and programs in JVM scripting code.
func (w *walker) jvmCode(c call, s *codeScan, name, via string) {
	code := s.code
	n := 0
	for _, m := range jvmCalls.Get().FindAllStringIndex(code, -1) {
		if n++; n > 64 || *w.full {
			return
		}
		start, end := m[0], m[1]
		if s.inString(start) {
			continue
		}
		call := strings.Join(strings.Fields(code[start:end]), "")
		open := strings.LastIndexByte(code[:end], '(')
		switch {
		case strings.HasPrefix(call, ".!"):
			// Scala: "cmd".! and Seq("rm", "-rf", x).!
			w.jvmReceiverRun(c, s, name, via, start)
		case call == ".execute(":
			// Groovy: "cmd".execute(), ["rm", "-rf", x].execute().
			w.jvmReceiverRun(c, s, name, via, start)
		case call == ".exec(":
			if strings.HasSuffix(strings.TrimSpace(code[:start]), "getRuntime()") {
				args, lists := w.callArgs(s, open)
				w.jvmRun(c, s, name, via, args, lists, code[open+1:])
			}
		case strings.HasSuffix(call, "ProcessBuilder("):
			args, lists := w.callArgs(s, open)
			w.jvmRun(c, s, name, via, args, lists, code[open+1:])
		case call == ".deleteDir(" || call == ".deleteRecursively(" || call == ".delete(":
			if close := matching(code, open, '(', ')'); strings.TrimSpace(code[open+1:min(close, len(code))]) != "" {
				// list.delete(x), map.delete(k): not a file's.
				continue
			}
			p, ok := w.jvmPath(s, receiverStart(code, start))
			if !ok {
				continue
			}
			kind := fileDelete
			if call != ".delete(" {
				kind = treeDelete
			}
			w.deletion(c, s, via, p, kind, strings.Trim(call, ".("))
		case strings.HasPrefix(call, "Files.walk("):
			// Files.walk(p).sorted(...).forEach(f -> f.toFile().delete()):
			// the whole tree, deepest first.
			if stop := statementEnd(code, end); !strings.Contains(code[end:stop], "delete") {
				continue
			}
			if p, ok := w.jvmPath(s, s.space(open+1)); ok {
				w.deletion(c, s, via, p, treeDelete, "Files.walk")
			}
		default:
			// Files.delete(p), FileUtils.deleteDirectory(new File(p)).
			p, ok := w.jvmPath(s, s.space(open+1))
			if !ok {
				continue
			}
			kind := fileDelete
			switch {
			case strings.HasSuffix(call, "deleteDirectory(") || strings.HasSuffix(call, "forceDelete(") || strings.HasSuffix(call, "deleteQuietly("):
				kind = treeDelete
			case strings.HasSuffix(call, "cleanDirectory("):
				kind = treeDelete
				p = joinPath(p, strExpr{{text: "*", known: true, glob: true}})
				for k := range p {
					p[k].glob = true
				}
			}
			w.deletion(c, s, via, p, kind, strings.TrimSuffix(call, "("))
		}
	}
}

// jvmPath reads the path an expression at i names: new File(p),
// Paths.get(a, b), Path.of(p).toFile(), or a string.
func (w *walker) jvmPath(s *codeScan, i int) (strExpr, bool) {
	code := s.code
	if i >= len(code) {
		return nil, false
	}
	rest := code[i:]
	for _, f := range jvmFileCalls {
		if !strings.HasPrefix(rest, f) {
			continue
		}
		args, _ := s.args(i + len(f) - 1)
		if len(args) == 0 {
			return nil, false
		}
		p := args[0]
		for _, a := range args[1:] {
			p = joinPath(p, a)
		}
		return p, true
	}
	e, _ := s.expr(i)
	if e == nil || len(e) == 1 && !e[0].known {
		// A variable or a value guard does not read (list.delete()).
		return nil, false
	}
	return e, true
}

// jvmReceiverRun analyses a program run by a method of its receiver,
// the method's dot at code[dot]: a string is a command line, a list the
// program and its arguments.
func (w *walker) jvmReceiverRun(c call, s *codeScan, name, via string, dot int) {
	code := s.code
	j := dot
	for j > 0 && (code[j-1] == ' ' || code[j-1] == '\t') {
		j--
	}
	if j == 0 {
		return
	}
	switch code[j-1] {
	case '"', '\'':
		q := code[j-1]
		k := j - 2
		for k >= 0 && !(code[k] == q && (k == 0 || code[k-1] != '\\')) {
			k--
		}
		if k < 0 {
			return
		}
		if e, _ := s.sub(code[:j]).expr(k); e != nil {
			w.shellCode(c, name, via, e)
		}
	case ']':
		open := backBracket(code, j-1, '[', ']')
		if open < 0 {
			return
		}
		var list []strExpr
		for k := open + 1; k < j-1; {
			e, end := s.sub(code[:j-1]).expr(k)
			if e == nil {
				return
			}
			list = append(list, e)
			end = s.space(end)
			if end >= j-1 || code[end] != ',' {
				break
			}
			k = end + 1
		}
		w.argvCall(c, via, list)
	case ')':
		// Seq("rm", "-rf", x).!, Process("cmd").!, List.of(...).execute().
		open := backBracket(code, j-1, '(', ')')
		if open < 0 {
			return
		}
		args, lists := w.callArgs(s, open)
		head := code[receiverStart(code, open):open]
		if head == "Process" || head == "scala.sys.process.Process" {
			w.jvmRun(c, s, name, via, args, lists, code[open+1:])
			return
		}
		if head == "Seq" || head == "List" || head == "List.of" || head == "listOf" || head == "Arrays.asList" {
			w.argvCall(c, via, args)
		}
	}
}

// jvmRun analyses the arguments of ProcessBuilder, Runtime.exec or
// Process: one string is a command line; several, a list (List.of,
// listOf, Arrays.asList) or an array (new String[]{...}), the program and
// its arguments.
func (w *walker) jvmRun(c call, s *codeScan, name, via string, args []strExpr, lists [][]strExpr, after string) {
	after = strings.TrimSpace(after)
	for _, p := range []string{"List.of(", "listOf(", "Arrays.asList(", "new String[]{", "arrayOf("} {
		if strings.HasPrefix(after, p) {
			at := len(s.code) - len(after) + len(p) - 1
			if p == "new String[]{" {
				close := matching(s.code, at, '{', '}')
				inner := s.sub(s.code[:close])
				var list []strExpr
				for k := at + 1; k < close; {
					e, end := inner.expr(inner.space(k))
					if e == nil {
						return
					}
					list = append(list, e)
					end = inner.space(end)
					if end >= close || s.code[end] != ',' {
						break
					}
					k = end + 1
				}
				w.argvCall(c, via, list)
				return
			}
			inner, _ := w.callArgs(s, at)
			w.argvCall(c, via, inner)
			return
		}
	}
	switch {
	case len(args) == 1 && args[0] != nil:
		w.shellCode(c, name, via, args[0])
	case len(args) > 1:
		w.argvCall(c, via, args)
	case len(lists) > 0 && lists[0] != nil:
		w.argvCall(c, via, lists[0])
	}
}
