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
var shellCalls = lazyRegexp(`(?:\bos\.(?:system|popen)|\bsubprocess\.(?:run|call|check_call|check_output|Popen|getoutput|getstatusoutput)|\bexecSync|\bexec|\bspawnSync|\bsystem|\bqx|%x|\bIO\.popen|\bOpen3\.\w+|\bshell_exec|\bpassthru|\bproc_open)\s*[\(\{]?\s*(?:f|r|b)?(?:'([^']*)'|"((?:[^"\\]|\\.)*)")`)

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

// The literals one of which each pattern needs, so that code without any
// skips the pattern: regular expressions with many alternatives are slow.
var (
	shellCallWords  = []string{"system", "popen", "subprocess", "exec", "spawn", "qx", "%x", "Open3", "shell_exec", "passthru", "proc_open"}
	argvCallWords   = []string{"subprocess", "exec", "spawn", "system"}
	treeDeleteWords = []string{"rmtree", "rm_rf", "remove_dir", "rm_r", "rmSync", "rmdirSync", "rimraf", "remove_tree", "RemoveAll", "removeAll", "Remove-Item", ".rm", "Deno.remove"}
	fileDeleteWords = []string{"remove", "unlink", "rmdir", "File.delete"}
)

func hasAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// findAll is re.FindAllStringSubmatch for code holding one of words.
func findAll(re func() *regexp.Regexp, words []string, code string) [][]string {
	if !hasAny(code, words) {
		return nil
	}
	return re().FindAllStringSubmatch(code, 16)
}

// dynamicShellCalls match a call that runs shell code held in a variable
// or built by an expression: os.system(cmd), execSync(`rm ${x}`).
var dynamicShellCalls = lazyRegexp("(?:\\bos\\.(?:system|popen)|\\bsubprocess\\.(?:run|call|check_call|check_output|Popen|getoutput|getstatusoutput)|\\bexecSync|\\bspawnSync|\\bshell_exec)\\s*\\(\\s*[^'\"\\[\\s)]")

// interpreterCode analyses the shell commands and deletions in code given
// to an interpreter on its command line.
func (w *walker) interpreterCode(c call, name string, src *Code) {
	via := name + " code"
	code := src.Text
	if m := findAll(dynamicShellCalls, shellCallWords, code); m != nil {
		d := c
		d.problem = DynamicCode
		d.detail = name + " runs a shell command that is built when it runs"
		w.record(d)
	}
	for _, m := range findAll(shellCalls, shellCallWords, code) {
		text := m[1]
		if m[2] != "" {
			text = strings.NewReplacer(`\"`, `"`, `\\`, `\`, `\n`, "\n").Replace(m[2])
		}
		w.codeWord(c, Word{Value: text}, via, Input{})
	}
	if src.Lang == "perl" || src.Lang == "ruby" || src.Lang == "php" {
		for _, m := range backticks().FindAllStringSubmatch(code, 16) {
			w.codeWord(c, Word{Value: m[1]}, via, Input{})
		}
	}
	for _, m := range findAll(argvCalls, argvCallWords, code) {
		var args []Word
		for _, s := range stringLit().FindAllStringSubmatch(m[1], -1) {
			args = append(args, Word{Value: s[1] + s[2]})
		}
		if len(args) > 1 || len(args) == 1 && !strings.Contains(args[0].Value, " ") {
			w.inner(c, args, via)
		}
	}
	synth := func(re func() *regexp.Regexp, words []string, argv ...string) {
		for _, m := range findAll(re, words, code) {
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
	synth(treeDeletes, treeDeleteWords, "rm", "-rf")
	synth(fileDeletes, fileDeleteWords, "rm", "-f")
}
