// Command guard stands between an AI coding agent and the shell. It parses
// every command, finds each program that would run, matches it against
// destructive-command rules, and asks a person before anything
// irreversible happens.
//
// Run guard -h for the subcommands, and see README.md.
package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	// Imported first for its init, which grows the main goroutine's stack
	// before any other package's init deepens it.
	_ "github.com/guardsh/guard/internal/stack"
)

// A subcommand takes its arguments (without its own name) and returns the
// exit status.
type subcommand struct {
	run     func(g *guard, args []string) int
	summary string
}

// subcommands are registered by the file that implements each one, in its
// init function. The map is made with room for all of them, so that the
// registrations do not grow it at every start.
var subcommands = make(map[string]subcommand, 32)

func init() {
	subcommands["help"] = subcommand{runHelp, "show help for guard or a subcommand"}
}

// order is the order subcommands appear in help.
var order = []string{"check", "explain", "allow", "rules", "exec", "shim", "init", "hook", "install", "uninstall", "export", "approve", "undo", "setup", "log", "audit", "doctor", "completion", "version", "help"}

func main() {
	os.Exit(run(os.Args, os.Stdin, os.Stdout, os.Stderr))
}

// run is guard's entry point, separated from main for tests.
func run(argv []string, stdin io.Reader, stdout, stderr io.Writer) int {
	g := &guard{stdin: stdin, stdout: stdout, stderr: stderr, argv0: argv[0]}
	name := filepath.Base(argv[0])
	args := argv[1:]
	// Installed as bash, sh or zsh, guard is that shell's stand-in.
	if isShellName(name) {
		return g.shell(args)
	}
	// Installed as a shim (a link named after a CLI), guard checks that
	// CLI's arguments and runs the real one (shim.go).
	if shimMode(argv[0]) {
		return g.shimExec(name, args)
	}
	if len(args) > 0 {
		if sc, ok := subcommands[args[0]]; ok {
			return sc.run(g, args[1:])
		}
		switch args[0] {
		case "-h", "--help":
			return runHelp(g, nil)
		case "--version":
			return runVersion(g, nil)
		}
		// A word that is neither a subcommand nor a file is a typo; a whole
		// command line as one argument is CLAUDE_CODE_SHELL_PREFIX's form.
		if !strings.HasPrefix(args[0], "-") && !strings.HasPrefix(args[0], "+") && !strings.ContainsAny(args[0], "/ \t\n") {
			if _, err := os.Stat(args[0]); err != nil {
				g.errorf("unknown subcommand %q", args[0])
				g.hintf("run guard help for the subcommands; to run a script, give its path: guard ./%s", args[0])
				return exitUsage
			}
		}
	}
	// Anything else is bash's own argv: guard -c CMD, guard script.sh, or
	// no arguments for an interactive shell.
	return g.shell(args)
}

func isShellName(name string) bool {
	switch strings.TrimPrefix(name, "-") {
	case "bash", "sh", "zsh":
		return true
	}
	return false
}

func runHelp(g *guard, args []string) int {
	if len(args) == 1 && args[0] == "--man" {
		if err := writeMan(g.stdout, commandTable()); err != nil {
			g.errorf("%v", err)
			return exitInternal
		}
		return exitOK
	}
	if len(args) > 0 && args[0] != "-h" && args[0] != "--help" {
		if sc, ok := subcommands[args[0]]; ok {
			return sc.run(g, []string{"-h"})
		}
		g.errorf("unknown subcommand %q", args[0])
		return exitUsage
	}
	w := g.stdout
	fmt.Fprint(w, `guard stands between an AI coding agent and the shell: it finds every
program a command would run and asks a person before anything destructive.

Usage:
  guard -c COMMAND [NAME [ARG...]]   run COMMAND through guard, as bash -c would
  guard SUBCOMMAND [FLAGS] [ARG...]

Subcommands:
`)
	for _, n := range order {
		if sc, ok := subcommands[n]; ok {
			fmt.Fprintf(w, "  %-10s %s\n", n, sc.summary)
		}
	}
	fmt.Fprint(w, "\nExit status:\n")
	writeExitTable(w)
	fmt.Fprint(w, "\nRun guard SUBCOMMAND -h for a subcommand's flags and examples, guard help --man\nfor all of it as a manual page (guard help --man | man -l -), and\nguard completion bash|zsh|fish for completions.\n")
	return exitOK
}

func writeExitTable(w io.Writer) {
	for _, e := range exitTable {
		fmt.Fprintf(w, "  %-3d %s\n", e.Code, e.Meaning)
	}
}
