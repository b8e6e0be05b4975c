package parse

import (
	"strings"
)

// runner describes a program that runs a command given on its own command
// line: a wrapper such as nice or sudo, a package runner such as npx, a
// secret injector such as op run, or a remote runner such as heroku run.
// What it runs is analysed as a command; code it runs that cannot be known
// is dynamic code. The runners table holds them, so that a new one is a
// line of data.
type runner struct {
	// spec says which options take a value, how many operands come before
	// the command (timeout's duration), and whether NAME=value words may.
	spec
	// stop are options with which nothing runs: chrt -p PID changes a
	// running process.
	stop []string
	// code are options whose value is shell code: doppler run --command.
	code []string
	// shell reports that the command words are joined with spaces and run
	// as shell code, as ssh runs them; shellIf are options that make them
	// so (entr -s).
	shell   bool
	shellIf []string
	// quote reports that, joining several words, the runner puts each
	// word holding a blank or a double quote in double quotes first, as
	// the Heroku CLI does: heroku run rails runner 'p User.count(:id)'
	// runs rails runner "p User.count(:id)" on the dyno.
	quote bool
	// each reports that every operand is a command of its own
	// (hyperfine 'a' 'b').
	each bool
	// argsOnly reports that the words after the options are not a command
	// (vagrant ssh NAME -c CMD): only the code options run anything.
	argsOnly bool
	// remote names where the command runs when it is not this machine:
	// "heroku", "fly". target are the options whose value names the app or
	// machine; targetOperand reports that the first operand does.
	remote        string
	target        []string
	targetOperand bool
	// home reports that the command starts in the remote user's home
	// directory, as over ssh.
	home bool
	// stdin reports that, with no command, a shell reads its commands from
	// stdin, as a remote login does.
	stdin bool
	// builtins are the program's own subcommands: any other first operand
	// is a program it runs (pnpm eslint, yarn prisma).
	builtins []string
	// lang is set when what runs is code in that language, not a command:
	// rails runner CODE.
	lang string
	// prog is the program that runs the words after the runner's key, as
	// the tool runs its bundled copy: k3s kubectl ARGS runs kubectl ARGS,
	// and minikube kubectl -p dev -- ARGS, with dash, too.
	prog string
	// fn names the function that handles a runner whose grammar is more
	// than this data can say.
	fn runnerFn
}

// lookupRunner finds the runner the leading words of args make: the
// longest key of the table they spell. It returns the runner, its key and
// the number of words the key takes.
func lookupRunner(args []Word) (*runner, string, int) {
	key := programName(args[0].Value)
	found, longer := findRunner(key)
	if found == nil && !longer {
		return nil, "", 0
	}
	foundKey, foundN := key, 1
	for i := 1; i < len(args) && i < 5 && longer; i++ {
		if args[i].Dynamic {
			break
		}
		key += " " + args[i].Value
		var r *runner
		r, longer = findRunner(key)
		if r != nil {
			found, foundKey, foundN = r, key, i+1
		}
	}
	return found, foundKey, foundN
}

// run looks through a runner found in the table.
func (w *walker) run(c call, r *runner, key string, skip int) {
	s := r.spec
	s.skip = skip
	opts, assigns, at := scan(c.args, s)
	if r.builtins != nil && at < len(c.args) {
		// pnpm -C dir exec x: a subcommand after the options.
		sub := key + " " + c.args[at].Value
		if sr, _ := findRunner(sub); sr != nil {
			w.run(c, sr, sub, at+1)
			return
		}
	}
	if r.fn != fnNone {
		w.special(c, r, opts, at)
		return
	}
	if r.prog != "" {
		w.bundled(c, r, key, skip, at)
		return
	}
	target, shell := "", r.shell
	var code []opt
	for _, o := range opts {
		switch {
		case contains(r.stop, o.name):
			w.record(c)
			return
		case contains(r.code, o.name):
			code = append(code, o)
		case contains(r.target, o.name):
			target = o.value
		case contains(r.shellIf, o.name):
			shell = true
		}
	}
	rest := c.args[at:]
	if r.targetOperand {
		// The first operand names the machine.
		if i := firstOperand(c.args, s); i >= 0 {
			target = c.args[i].Value
		}
	}
	if r.builtins != nil && len(rest) > 0 && contains(r.builtins, rest[0].Value) {
		// pnpm install: the program's own subcommand.
		w.record(c)
		return
	}
	if r.argsOnly {
		rest = nil
	}
	c.assigns = append(c.assigns, assigns...)
	via := wrapperVia(c.args[:at])
	if r.each {
		via = key
	}
	if r.lang != "" {
		// rails runner CODE, or a script file.
		if len(rest) == 1 && strings.HasSuffix(rest[0].Value, ".rb") {
			w.scriptRun(c, key, r.lang, rest[0], nil)
			return
		}
		if len(rest) == 0 {
			w.record(c)
			return
		}
		w.recordCode(c, key, r.lang, joinWords(rest), key, nil)
		return
	}
	if r.remote == "" {
		if len(code) == 0 && len(rest) == 0 {
			w.record(c)
			return
		}
		for _, o := range code {
			w.codeWord(c, Word{Value: o.value, Dynamic: o.dynamic}, key+" "+o.name, c.stdin)
		}
		w.runRest(c, rest, shell, r.each, via)
		return
	}
	// A remote runner: it is recorded itself, and what it runs is
	// analysed as running on the target.
	if r.stdin {
		w.stdinFile(&c)
	}
	if inv := w.record(c); inv != nil && len(rest) > 0 {
		inv.OwnArgs = len(c.args) - len(rest)
	}
	where := r.remote
	if target != "" {
		where += " " + target
	}
	n := w.nested(strings.TrimSpace(key+" "+target), c.pos)
	if r.home {
		n.onHost(where, w.opts.Home)
	} else {
		n.onHost(where, "")
	}
	cc := c
	cc.redirs = nil
	for _, o := range code {
		n.codeWord(cc, Word{Value: o.value, Dynamic: o.dynamic}, "", Input{})
	}
	switch {
	case len(rest) > 0:
		if r.quote && shell && len(rest) > 1 {
			rest = []Word{quoteJoin(rest)}
		}
		n.runRest(cc, rest, shell, r.each, "")
	case len(code) == 0 && r.stdin && c.stdin.Kind != Inherited:
		// A login shell on the target reads its commands from stdin.
		n.stdinCode(call{args: []Word{{Value: "sh"}}, text: c.text, pos: c.pos, stdin: c.stdin}, key)
	}
}

// bundled runs the program a runner bundles with every word after its key
// (k3s kubectl -n prod delete pod x runs kubectl -n prod delete pod x):
// the options are the program's, not the runner's. With dash, the
// runner's own options may come first, up to -- (minikube kubectl -p dev
// -- get pods), and at is just past it.
func (w *walker) bundled(c call, r *runner, key string, skip, at int) {
	rest := c.args[skip:]
	if r.dash && at > skip && at <= len(c.args) && c.args[at-1].Value == "--" {
		rest = c.args[at:]
	}
	if len(rest) == 0 {
		w.record(c)
		return
	}
	args := append([]Word{{Value: r.prog}}, rest...)
	w.inner(c, args, key)
}

// firstOperand returns the index in args of the first word that is not an
// option or an option's value, or -1.
func firstOperand(args []Word, s spec) int {
	s.operands = 0
	_, _, at := scan(args, s)
	if at < len(args) {
		return at
	}
	return -1
}

// runRest analyses the words a runner runs: a command, shell code, or a
// command per word.
func (w *walker) runRest(c call, rest []Word, shell, each bool, via string) {
	switch {
	case len(rest) == 0:
	case each:
		for _, a := range rest {
			w.codeWord(c, a, via, Input{})
		}
	case shell:
		w.codeWord(c, joinWords(rest), via, c.stdin)
	case via == "":
		c.args = rest
		w.invoke(c)
	default:
		w.inner(c, rest, via)
	}
}

// quoteJoin joins words with blanks as the Heroku CLI builds a dyno's
// command: a word holding a blank or a double quote is put in double
// quotes, with its double quotes escaped.
func quoteJoin(words []Word) Word {
	var b strings.Builder
	for i, w := range words {
		if i > 0 {
			b.WriteByte(' ')
		}
		if strings.ContainsAny(w.Value, " \"") {
			b.WriteString(`"` + strings.ReplaceAll(w.Value, `"`, `\"`) + `"`)
			continue
		}
		b.WriteString(w.Value)
	}
	return Word{Value: b.String(), Dynamic: anyDynamic(words)}
}
