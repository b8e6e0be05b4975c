package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"golang.org/x/term"

	"github.com/guardsh/guard/internal/lazy"
	"github.com/guardsh/guard/internal/parse"
	"github.com/guardsh/guard/internal/safefile"
)

// shellCandidates are where the real shell is looked for, by absolute
// path: PATH is the agent's, and may lead back to guard.
var shellCandidates = lazy.Value[map[string][]string]{Make: func() map[string][]string {
	return map[string][]string{
		"bash": {"/bin/bash", "/usr/bin/bash", "/usr/local/bin/bash", "/opt/homebrew/bin/bash"},
		"zsh":  {"/bin/zsh", "/usr/bin/zsh", "/usr/local/bin/zsh", "/opt/homebrew/bin/zsh"},
	}
}}

// maxStdinScript bounds what follows a script on stdin that was too large
// to analyse and that a person approved anyway.
const maxStdinScript = 1 << 40

// shell runs guard as a bash-compatible shell: it analyses the code bash
// would run, enforces the decision, then executes the real shell with the
// original arguments, so that bash itself runs the command.
//
// The forms, as bash takes them:
//
//	guard -c CMD [NAME [ARG...]]   CMD, with $0=NAME and $1...=ARG
//	guard [-s] [ARG...] < script   commands from stdin
//	guard script [ARG...]          a script file, looked up in PATH as bash does
//	guard                          an interactive session on a terminal
//	guard 'CMD STRING'             CLAUDE_CODE_SHELL_PREFIX: the whole command as one argument
func (g *guard) shell(args []string) int {
	sh, err := parse.ParseShell(args)
	if err != nil {
		g.errorf("%v", err)
		g.hintf("guard takes bash's arguments: -c COMMAND, a script file, or commands on stdin")
		return exitUsage
	}
	dir := workDir()
	cfg, err := g.config(dir)
	if err != nil {
		g.errorf("%v", err)
		return exitInternal
	}
	self := executable()
	real, err := g.realShellNot(cfg.Settings.Shell, self)
	if err != nil {
		g.errorf("%v", err)
		return exitInternal
	}
	if sh.Version || sh.Help {
		return g.execShell(real, args)
	}

	var text string
	params := sh.Params()
	execArgs := args
	stdinScript := false
	switch {
	case sh.HasCommand:
		text = sh.Command
	case sh.Script != "":
		if g.isPrefixForm(args, sh) {
			// CLAUDE_CODE_SHELL_PREFIX=guard: the prefix program gets the
			// whole command string as its only argument.
			text = sh.Script
			params = nil
			execArgs = []string{"-c", text}
			break
		}
		b, err := readScript(sh.Script)
		if err != nil {
			// bash reports a missing or unreadable script itself, and
			// runs nothing.
			return g.execShell(real, args)
		}
		text = string(b)
	default:
		if term.IsTerminal(0) {
			// An interactive session: what the person types is theirs.
			return g.execShell(real, args)
		}
		stdinScript = true
		params = append([]string{"bash"}, sh.Args...)
	}

	var stdin *stdinText
	if stdinScript {
		stdin, err = readStdin()
		if err != nil {
			g.errorf("reading commands from stdin: %v", err)
			return exitUsage
		}
		if len(stdin.data) == 0 {
			return g.execShell(real, args)
		}
		text = string(stdin.data)
	}

	ctx := cfg.Context(dir, self)
	// As in ruleContext: ~ is what bash will expand it to.
	if h := os.Getenv("HOME"); filepath.IsAbs(h) {
		ctx.ShellHome = filepath.Clean(h)
	}
	ctx.State = newProbe(cfg)
	home := ctx.Home
	if ctx.ShellHome != "" {
		home = ctx.ShellHome
	}
	opts := parse.Options{Dir: ctx.Dir, Home: home, Params: params}
	invs := parse.Command(text, opts)
	for _, pre := range startupCode(g.argv0, sh.Interactive) {
		invs = append(invs, parse.Command(pre, parse.Options{Dir: ctx.Dir, Home: home})...)
	}
	d := cfg.Rules.Decide(invs, text, ctx)
	out := g.enforce(&request{Text: text, Dir: dir, Channel: "shell", Decision: d})
	if !out.Run {
		return exitBlocked
	}
	if stdin != nil {
		return g.runStdin(real, execArgs, stdin)
	}
	return g.execShell(real, execArgs)
}

// isPrefixForm reports whether guard, called by its own name, got a whole
// command line as its only argument, as CLAUDE_CODE_SHELL_PREFIX passes it:
// one operand holding blanks or shell syntax that names no file.
func (g *guard) isPrefixForm(args []string, sh parse.Shell) bool {
	if isShellName(filepath.Base(g.argv0)) || len(args) != 1 || len(sh.Args) != 0 || args[0] != sh.Script {
		return false
	}
	if !strings.ContainsAny(sh.Script, " \t\n;&|<>()$`'\"") {
		return false
	}
	_, err := os.Stat(sh.Script)
	return errors.Is(err, os.ErrNotExist)
}

// readScript reads the script bash would run for name: the file itself,
// or, for a name with no slash that is not in the working directory, the
// first readable file of that name in PATH, as bash looks for it.
func readScript(name string) ([]byte, error) {
	b, err := readLimited(name)
	if err == nil || strings.Contains(name, "/") || !errors.Is(err, os.ErrNotExist) {
		return b, err
	}
	for _, d := range filepath.SplitList(os.Getenv("PATH")) {
		if d == "" {
			d = "."
		}
		p := filepath.Join(d, name)
		if st, err := os.Stat(p); err != nil || !st.Mode().IsRegular() {
			continue
		}
		if b, err := readLimited(p); err == nil {
			return b, nil
		}
	}
	return nil, err
}

// readLimited reads a script file up to the analysis size limit.
func readLimited(name string) ([]byte, error) {
	// The agent's environment names the file and the agent can write it:
	// only a regular file is read, never a FIFO or a device.
	f, err := safefile.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, parse.DefaultMaxSize+1))
}

// startupCode returns code the real shell runs before the command that
// comes from its environment, which the agent controls: the functions
// exported into it (BASH_FUNC_name%%), and for a non-interactive bash the
// file named by BASH_ENV, whose name bash expands, command substitution
// included.
func startupCode(argv0 string, interactive bool) []string {
	var out []string
	bashEnv := ""
	for _, kv := range os.Environ() {
		// Both kinds start with BASH_: the rest of the environment is
		// passed over by its first bytes, as this runs for every command.
		if !strings.HasPrefix(kv, "BASH_") {
			continue
		}
		if v, ok := strings.CutPrefix(kv, "BASH_ENV="); ok {
			bashEnv = v
			continue
		}
		k, v, ok := strings.Cut(kv, "=")
		if !ok || !strings.HasPrefix(k, "BASH_FUNC_") || !strings.HasSuffix(k, "%%") {
			continue
		}
		name := strings.TrimSuffix(strings.TrimPrefix(k, "BASH_FUNC_"), "%%")
		// The definition, and a call, so that its body is analysed.
		out = append(out, name+" "+v+"\n"+name)
	}
	posix := strings.TrimPrefix(filepath.Base(argv0), "-") == "sh"
	if bashEnv != "" && !posix && !interactive {
		out = append(out, "source "+bashEnv)
		if !strings.ContainsAny(bashEnv, "$`") {
			if b, err := readLimited(bashEnv); err == nil {
				out = append(out, string(b))
			}
		}
	}
	return out
}

// realShell finds the shell to run: the configured one, or the first bash
// (zsh when guard stands in for zsh) in the usual places. It is never
// guard itself, whatever links lead to it.
func (g *guard) realShell(configured string) (string, error) {
	return g.realShellNot(configured, executable())
}

// realShellNot is realShell for a guard binary at self.
func (g *guard) realShellNot(configured, self string) (string, error) {
	var list []string
	if configured != "" {
		if !filepath.IsAbs(configured) {
			return "", fmt.Errorf("settings.shell must be an absolute path, not %q", configured)
		}
		list = []string{configured}
	} else {
		name := "bash"
		if strings.TrimPrefix(filepath.Base(g.argv0), "-") == "zsh" {
			name = "zsh"
		}
		list = shellCandidates.Get()[name]
	}
	var selfStat os.FileInfo
	if self != "" {
		selfStat, _ = os.Stat(self)
	}
	for _, c := range list {
		st, err := os.Stat(c)
		if err != nil || !st.Mode().IsRegular() || st.Mode()&0o111 == 0 {
			continue
		}
		if selfStat != nil && os.SameFile(st, selfStat) {
			continue
		}
		return c, nil
	}
	if configured != "" {
		return "", fmt.Errorf("settings.shell %s is not an executable file other than guard", configured)
	}
	return "", fmt.Errorf("cannot find the real shell (%s) in %s; set settings.shell in ~/.config/guard/config.toml",
		filepath.Base(list[0]), strings.Join(list, ", "))
}

// execShell replaces guard with the real shell, so that exit status,
// signals, the terminal, the environment and the working directory are
// exactly the real shell's own.
func (g *guard) execShell(real string, args []string) int {
	argv := append([]string{shellArgv0(g.argv0, real)}, args...)
	err := syscall.Exec(real, argv, os.Environ())
	g.errorf("running %s: %v", real, err)
	return exitInternal
}
