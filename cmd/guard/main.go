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

// A subcommand is one of guard's verbs: its name, the function that runs
// it with its arguments (without its own name) and returns the exit
// status, and its line in help.
type subcommand struct {
	name    string
	run     func(g *guard, args []string) int
	summary string
}

// subcommands lists guard's subcommands in the order help shows them. It
// is a function and not a package-level table because help reads it (a
// table would refer to itself through runHelp), and one table here, not a
// registration in each file's init, keeps the start from visiting twenty
// functions spread over the binary.
func subcommands() []subcommand {
	return []subcommand{
		{"check", runCheck, "decide on a command without running it"},
		{"explain", runExplain, "show how guard reads a command and why it decides as it does"},
		{"allow", runAllow, "allow a rule or a command from now on, without editing TOML"},
		{"rules", runRules, "list, show and test the effective rules"},
		{"exec", runExec, "check one already-split command, then run the real program"},
		{"shim", runShim, "add, list and remove PATH shims that run single CLIs through guard"},
		{"init", runInit, "print the lines for a shell's rc file: PATH for shims, aliases, aider"},
		{"hook", runHook, "answer an agent's pre-execution hook (claude, cursor, codex, gemini)"},
		{"install", runInstall, "register guard with an agent: claude, cursor, codex, gemini, aider"},
		{"uninstall", runUninstall, "take guard out of an agent's settings"},
		{"export", runExport, "write guard's rules in an agent's own format (codex)"},
		{"approve", runApprove, "answer agents' requests in this terminal"},
		{"undo", runUndo, "list checkpoints, or put back what an approved command destroyed"},
		{"setup", runSetup, "prepare the hardened set-up: the agent as its own OS user (setup hardened)"},
		{"log", runLog, "show and verify the decision log"},
		{"audit", runAudit, "dry run over shell history and agent transcripts: what would guard have stopped?"},
		{"doctor", runDoctor, "check guard's set-up: registrations, config, shims, approver, log"},
		{"completion", runCompletion, "print a shell completion script for bash, zsh or fish"},
		{"version", runVersion, "print guard's version"},
		{"help", runHelp, "show help for guard or a subcommand"},
	}
}

// findSubcommand returns the subcommand called name.
func findSubcommand(name string) (subcommand, bool) {
	for _, sc := range subcommands() {
		if sc.name == name {
			return sc, true
		}
	}
	return subcommand{}, false
}

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
		if sc, ok := findSubcommand(args[0]); ok {
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
		if sc, ok := findSubcommand(args[0]); ok {
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
	for _, sc := range subcommands() {
		fmt.Fprintf(w, "  %-10s %s\n", sc.name, sc.summary)
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
