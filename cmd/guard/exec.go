package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/guardsh/guard/internal/parse"
	"github.com/guardsh/guard/internal/program"
)

func runExec(g *guard, args []string) int {
	// guard exec parses no flags of its own (everything after PROGRAM is
	// the program's); the flag set carries its help.
	fs := newFlags("exec")
	fs.Usage = func() {
		fmt.Fprint(g.stderr, `usage: guard exec [--] PROGRAM [ARG...]

Checks this exact argument list, with no shell parsing (it is already
split), confirms or blocks it as shell mode does, then runs the real
PROGRAM in guard's place, so that its exit status, signals and terminal
are the program's own. Wrappers such as sudo and env, and code they carry
(bash -c '...'), are still looked into.

PROGRAM is looked up on PATH, skipping guard's shim directory and any
program that is guard itself, so a shim or an alias never runs itself.
Relative PATH entries are skipped too.

Everything after PROGRAM is its own: guard exec takes no flags but -h.

Examples:
  guard exec -- terraform destroy -target aws_db_instance.main
  alias kubectl='guard exec -- kubectl'

Exit status: the program's own status when it runs; 77 when guard blocked
it; 64 for a usage error or a program that is not found; 70 when it could
not be started.
`)
	}
	if len(args) > 0 {
		switch {
		case args[0] == "-h" || args[0] == "-help" || args[0] == "--help":
			g.help(fs)
			return exitOK
		case args[0] == "--":
			args = args[1:]
		case strings.HasPrefix(args[0], "-"):
			return g.usageError(fs, "unknown flag %s (guard exec takes no flags; put -- before a program whose name starts with -)", args[0])
		}
	}
	if len(args) == 0 {
		return g.usageError(fs, "exec needs a program to run")
	}
	return g.execMode("exec", args)
}

// execMode checks argv, whose first word is the program as the caller
// named it, and runs the real program in guard's place. channel is "exec"
// or "shim".
func (g *guard) execMode(channel string, argv []string) int {
	dir := workDir()
	cfg, err := g.config(dir)
	if err != nil {
		g.errorf("%v", err)
		return exitInternal
	}
	skip := []string{filepath.Join(cfg.Paths.State, "shims")}
	real, err := program.Find(argv[0], os.Getenv("PATH"), skip, executable())
	if err != nil {
		g.errorf("%v", err)
		if channel == "shim" {
			if _, err := os.Lstat(filepath.Join(skip[0], argv[0])); err == nil {
				g.hintf("install %s, or remove the shim with guard shim remove %s", argv[0], argv[0])
			} else {
				g.hintf("under any name but guard, guard runs as a shim for the program of that name; to use guard's own commands, name the binary guard")
			}
		}
		return exitUsage
	}
	d := cfg.Rules.CheckArgs(argv, g.liveContext(cfg, dir))
	words := make([]string, len(argv))
	for i, a := range argv {
		words[i] = parse.Quote(a)
	}
	out := g.enforce(&request{Text: strings.Join(words, " "), Dir: dir, Channel: channel, Decision: d})
	if !out.Run {
		return exitBlocked
	}
	err = syscall.Exec(real, argv, os.Environ())
	g.errorf("running %s: %v", real, err)
	return exitInternal
}
