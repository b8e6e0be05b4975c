package main

import (
	"fmt"
	"strings"
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
	o := setupOptions{agentUser: *agentUser, person: *person, dryRun: *dryRun, managed: !*noManaged}
	if *undo {
		return g.setupUndo(o)
	}
	return g.setupHardened(o)
}

// setupOptions are guard setup hardened's flags.
type setupOptions struct {
	agentUser, person string
	dryRun, managed   bool
}
