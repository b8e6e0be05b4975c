package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/guardsh/guard/internal/setup"
)

func runSetup(g *guard, args []string) int {
	fs := newFlags("setup")
	agentUser := fs.String("agent-user", "guard-agent", "the OS `user` the agent runs as; created when missing")
	person := fs.String("person", "", "the `user` who answers guard's questions (default: the user who ran sudo)")
	undo := fs.Bool("undo", false, "take the hardened set-up away again")
	dryRun := fs.Bool("dry-run", false, "print what would be done and change nothing")
	noManaged := fs.Bool("no-managed", false, "do not put guard's hook in the agents' system-wide settings")
	fs.Usage = func() {
		fmt.Fprint(g.stderr, `usage: sudo guard setup hardened [--agent-user NAME] [--person USER] [--no-managed] [--dry-run]
       sudo guard setup hardened --undo [--dry-run]

An agent that runs as your own OS user can, with effort, change anything
you own: guard's config and log, the agents' hook settings, and the
approver, whose socket it can take over and whose screen it can read.
The hardened set-up takes that away:

  - the agent runs as an OS user of its own (--agent-user, created with
    useradd when missing); start it with: sudo -u NAME -i claude
  - guard's config, decision log and approver socket live in
    /var/lib/guard/<your uid>/, owned by you: the agent can read the
    config, append to the log and reach the socket, and can change none
    of them (the log is made append-only where the filesystem allows)
  - the approver accepts requests only from the agent's uid, and guard,
    as the agent, accepts answers only from an approver running as you:
    each side checks the other with SO_PEERCRED
  - guard's hook goes into Claude Code's and Gemini CLI's system-wide
    settings (/etc/claude-code/managed-settings.json,
    /etc/gemini-cli/settings.json), which the agent cannot edit, unless
    --no-managed

/etc/guard/hardened.json records the set-up; --undo reads it, takes guard's
hook out of those settings, moves the log to your
~/.local/state/guard/, removes /var/lib/guard/<your uid>/ and, if setup
created it, the agent's user.

Needs root: run it with sudo. Linux only.

Flags:
`)
		printFlags(g.stderr, fs)
		fmt.Fprint(g.stderr, `
Examples:
  sudo guard setup hardened --agent-user agent
  sudo guard setup hardened --undo

Exit status: 0 done, 1 a step failed (what was done is printed), 64 usage
error or not root.
`)
	}
	// The flags may come before or after the word hardened.
	what := ""
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		what, args = args[0], args[1:]
	}
	if err := parseFlags(fs, args); err != nil {
		return g.flagError(fs, err)
	}
	if what == "" && fs.NArg() > 0 {
		what = fs.Arg(0)
		if err := parseFlags(fs, fs.Args()[1:]); err != nil {
			return g.flagError(fs, err)
		}
	}
	if what != "hardened" || fs.NArg() > 0 {
		return g.usageError(fs, "setup needs what to set up: hardened")
	}
	o := setup.Options{
		AgentUser: *agentUser,
		Person:    *person,
		DryRun:    *dryRun,
		Managed:   !*noManaged,
		Guard:     g.selfPath(),
		Self:      executable(),
		File:      hardenedFile,
		Base:      hardenedBase,
		Out:       g.stdout,
		Error:     func(msg string) { g.errorf("%s", msg) },
		Warn:      g.warn,
	}
	if *undo {
		return g.setupUndo(o)
	}
	return g.setupHardened(o)
}

func (g *guard) setupHardened(o setup.Options) int {
	h, err := setup.Harden(o)
	if err != nil {
		return g.setupFailed(err)
	}
	if o.DryRun {
		fmt.Fprintln(g.stdout, "dry run: nothing was changed")
		return exitOK
	}
	fmt.Fprintf(g.stdout, `
The hardened set-up is ready.
  - Start agents as %[1]s, not as yourself: sudo -u %[1]s -i claude (or codex, gemini, aider)
  - Answer them in a terminal of your own, as %[2]s: guard approve
    It takes requests only from %[1]s (uid %[3]d), and guard, as %[1]s, asks
    only an approver running as you (uid %[4]d).
  - guard's config for both of you is %[5]s: edit it as %[2]s.
  - Claude Code's and Gemini CLI's system-wide settings run guard's hook.
    For Codex and Cursor, run guard install codex (or cursor) as %[1]s:
    their settings live in %[1]s's home, which %[1]s can edit.
  - Undo it all with: sudo guard setup hardened --undo
`, h.Agent.User, h.Person.User, h.Agent.UID, h.Person.UID, h.ConfigFile())
	return exitOK
}

func (g *guard) setupUndo(o setup.Options) int {
	h, err := setup.Undo(o)
	if err != nil {
		return g.setupFailed(err)
	}
	if h == nil {
		fmt.Fprintf(g.stdout, "no hardened set-up (%s): nothing to undo\n", o.File)
		return exitOK
	}
	if o.DryRun {
		fmt.Fprintln(g.stdout, "dry run: nothing was changed")
	}
	return exitOK
}

// setupFailed reports a set-up that could not start or did not finish,
// and returns guard setup's exit status for it.
func (g *guard) setupFailed(err error) int {
	var e *setup.Error
	if !errors.As(err, &e) {
		g.errorf("%v", err)
		return exitFindings
	}
	if e.Msg != "" {
		g.errorf("%s", e.Msg)
	}
	if e.Hint != "" {
		g.hintf("%s", e.Hint)
	}
	if e.Usage {
		return exitUsage
	}
	return exitFindings
}
