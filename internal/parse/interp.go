package parse

import (
	"regexp"
	"strings"
	"sync"
)

// Interpreters given code on their command line (python -c, node -e,
// perl -e, ruby -e) often just call the shell or delete a tree. The calls
// with literal arguments are found with patterns, not by parsing the
// language: what they run is analysed as if it were typed, so that
// python -c 'import os; os.system("rm -rf /")' is judged like rm -rf /.

// shellCalls match a call that runs its first string argument as shell
// code.
var shellCalls = lazyRegexp(`(?:\bos\.(?:system|popen)|\bsubprocess\.(?:run|call|check_call|check_output|Popen|getoutput|getstatusoutput)|\bexecSync|\bexec|\bspawnSync|\bsystem|\bqx|%x|\bIO\.popen|\bOpen3\.\w+|\bshell_exec|\bpassthru|\bproc_open)\s*[\(\{]\s*(?:f|r|b)?(?:'([^']*)'|"((?:[^"\\]|\\.)*)")`)

// argvCalls match a call given a list of literal strings as its argv.
var argvCalls = lazyRegexp(`(?:\bsubprocess\.(?:run|call|check_call|check_output|Popen)|\bos\.exec\w*|\bspawnSync|\bspawn|\bexecFileSync|\bexecFile|\bsystem)\s*\(\s*\[?\s*((?:(?:'[^']*'|"[^"]*")\s*,\s*)*(?:'[^']*'|"[^"]*"))`)

// treeDeletes match calls that delete a whole tree, with rm -rf's effect;
// fileDeletes delete one file.
var (
	treeDeletes = lazyRegexp(`(?:\b(?:rmtree|rm_rf|remove_dir|rm_r|rmSync|rmdirSync|rimraf(?:\.sync)?|remove_tree|RemoveAll|removeAll|Remove-Item)|\.rm|\bDeno\.remove)\s*\(?\s*(?:f|r)?(?:'([^']*)'|"([^"]*)")`)
	fileDeletes = lazyRegexp(`(?:\bos\.(?:remove|unlink|rmdir)|\bos\.removedirs|\bfs\.unlinkSync|\bFile\.delete|\bunlink)\s*\(\s*(?:f|r)?(?:'([^']*)'|"([^"]*)")`)
	stringLit   = lazyRegexp(`'([^']*)'|"([^"]*)"`)
	backticks   = lazyRegexp("`([^`]+)`")
)

// lazyRegexp compiles a pattern on first use: guard starts before every
// command, and most commands never need these.
func lazyRegexp(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}

// interpreterCode analyses the shell commands and deletions in code given
// to an interpreter on its command line.
func (w *walker) interpreterCode(c call, name, code string) {
	via := name + " code"
	for _, m := range shellCalls().FindAllStringSubmatch(code, 16) {
		text := m[1]
		if m[2] != "" {
			text = strings.NewReplacer(`\"`, `"`, `\\`, `\`, `\n`, "\n").Replace(m[2])
		}
		w.codeWord(c, Word{Value: text}, via, Input{})
	}
	if name == "perl" || name == "ruby" || name == "php" {
		for _, m := range backticks().FindAllStringSubmatch(code, 16) {
			w.codeWord(c, Word{Value: m[1]}, via, Input{})
		}
	}
	for _, m := range argvCalls().FindAllStringSubmatch(code, 16) {
		var args []Word
		for _, s := range stringLit().FindAllStringSubmatch(m[1], -1) {
			args = append(args, Word{Value: s[1] + s[2]})
		}
		if len(args) > 1 || len(args) == 1 && !strings.Contains(args[0].Value, " ") {
			w.inner(c, args, via)
		}
	}
	synth := func(re func() *regexp.Regexp, argv ...string) {
		for _, m := range re().FindAllStringSubmatch(code, 16) {
			p := m[1] + m[2]
			if strings.HasPrefix(p, "~") {
				if home, ok := w.tilde(strings.TrimPrefix(strings.SplitN(p, "/", 2)[0], "~")); ok {
					p = home + p[len(strings.SplitN(p, "/", 2)[0]):]
				}
			}
			args := make([]Word, 0, len(argv)+1)
			for _, a := range argv {
				args = append(args, Word{Value: a})
			}
			w.inner(c, append(args, Word{Value: p}), via)
		}
	}
	synth(treeDeletes, "rm", "-rf")
	synth(fileDeletes, "rm", "-f")
}
