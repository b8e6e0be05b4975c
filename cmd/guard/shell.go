package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"syscall"

	"github.com/guardsh/guard/internal/parse"
)

// shellCandidates are where the real shell is looked for, by absolute
// path: PATH is the agent's, and may lead back to guard.
var shellCandidates = map[string][]string{
	"bash": {"/bin/bash", "/usr/bin/bash", "/usr/local/bin/bash", "/opt/homebrew/bin/bash"},
	"zsh":  {"/bin/zsh", "/usr/bin/zsh", "/usr/local/bin/zsh", "/opt/homebrew/bin/zsh"},
}

// shell runs guard as a bash-compatible shell: it analyses the code bash
// would run, enforces the decision, then executes the real shell with the
// original arguments.
func (g *guard) shell(args []string) int {
	sh, err := parse.ParseShell(args)
	if err != nil {
		g.errorf("%v", err)
		return exitUsage
	}
	dir := workDir()
	cfg, err := g.config(dir)
	if err != nil {
		g.errorf("%v", err)
		return exitInternal
	}
	real, err := g.realShell(cfg.Settings.Shell)
	if err != nil {
		g.errorf("%v", err)
		return exitInternal
	}
	if sh.Version || sh.Help {
		return g.execShell(real, args)
	}
	var text string
	switch {
	case sh.HasCommand:
		text = sh.Command
	case sh.Script != "":
		b, err := readLimited(sh.Script)
		if err != nil {
			// bash reports a missing script itself.
			return g.execShell(real, args)
		}
		text = string(b)
	default:
		// Commands on stdin, or an interactive session.
		return g.execShell(real, args)
	}
	ctx := g.ruleContext(cfg, dir)
	opts := parse.Options{Dir: ctx.Dir, Home: ctx.Home, Params: sh.Params()}
	d := cfg.Rules.Decide(parse.Command(text, opts), text, ctx)
	out := g.enforce(&request{Text: text, Dir: dir, Channel: "shell", Decision: d})
	if !out.Run {
		return exitBlocked
	}
	return g.execShell(real, args)
}

// readLimited reads a script file up to the analysis size limit.
func readLimited(name string) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, parse.DefaultMaxSize+1))
}

// realShell finds the shell to run: the configured one, or the first bash
// (zsh when guard stands in for zsh) in the usual places. It is never
// guard itself.
func (g *guard) realShell(configured string) (string, error) {
	self := executable()
	var list []string
	if configured != "" {
		if !filepath.IsAbs(configured) {
			return "", fmt.Errorf("settings.shell must be an absolute path, not %q", configured)
		}
		list = []string{configured}
	} else {
		name := "bash"
		if filepath.Base(g.argv0) == "zsh" {
			name = "zsh"
		}
		list = shellCandidates[name]
	}
	for _, c := range list {
		r, err := filepath.EvalSymlinks(c)
		if err != nil {
			continue
		}
		if st, err := os.Stat(r); err != nil || st.IsDir() || st.Mode()&0o111 == 0 {
			continue
		}
		if self != "" && sameFile(r, self) {
			continue
		}
		return r, nil
	}
	return "", errors.New("cannot find the real shell (bash) to run commands with; set settings.shell in ~/.config/guard/config.toml")
}

func sameFile(a, b string) bool {
	sa, err1 := os.Stat(a)
	sb, err2 := os.Stat(b)
	return err1 == nil && err2 == nil && os.SameFile(sa, sb)
}

// execShell replaces guard with the real shell, so that exit status,
// signals and the terminal behave exactly as bash's own.
func (g *guard) execShell(real string, args []string) int {
	name := filepath.Base(g.argv0)
	if !isShellName(name) {
		name = filepath.Base(real)
	}
	argv := append([]string{name}, args...)
	err := syscall.Exec(real, argv, os.Environ())
	g.errorf("running %s: %v", real, err)
	return exitInternal
}
