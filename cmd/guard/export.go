package main

import (
	"fmt"
	"strings"

	"github.com/guardsh/guard/internal/codexrules"
	"github.com/guardsh/guard/internal/install"
)

func runExport(g *guard, args []string) int {
	fs := newFlags("export")
	out := fs.String("o", "", "write to `file` (atomically, keeping a .guard.bak of the old one) instead of stdout")
	fs.Usage = func() {
		fmt.Fprint(g.stderr, `usage: guard export codex [-o FILE]

Writes the part of guard's effective rule set that a command prefix can
express as Codex execpolicy rules: prefix_rule(pattern=[...],
decision="prompt") for rules that ask, decision="forbidden" for rules
that deny. Codex's own approval then asks you before such commands, even
where its hooks do not run (a hook not yet trusted, hooks turned off).

A prefix only matches a command that starts with it, so rules that look
at paths, flags anywhere, SQL, URLs or nested code are left out: guard's
hook (guard install codex) checks those. guard install codex writes this
file to ~/.codex/rules/guard.rules for you.

Flags:
`)
		printFlags(g.stderr, fs)
		fmt.Fprint(g.stderr, `
Examples:
  guard export codex
  guard export codex -o ~/.codex/rules/guard.rules

Exit status: 0 success, 64 usage error, 70 when the file cannot be written.
`)
	}
	// The format may come before or after the flags.
	format := ""
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		format, args = args[0], args[1:]
	}
	if err := parseFlags(fs, args); err != nil {
		return g.flagError(fs, err)
	}
	if format == "" && fs.NArg() > 0 {
		format = fs.Arg(0)
		if err := parseFlags(fs, fs.Args()[1:]); err != nil {
			return g.flagError(fs, err)
		}
	}
	switch {
	case format == "":
		return g.usageError(fs, "export needs a format: codex")
	case fs.NArg() > 0:
		return g.usageError(fs, "unexpected argument %q", fs.Arg(0))
	case format != "codex":
		return g.usageError(fs, "unknown export format %q (want codex)", format)
	}
	cfg, err := g.config(workDir())
	if err != nil {
		g.errorf("%v", err)
		return exitInternal
	}
	text := codexrules.Generate(cfg.Rules)
	if *out == "" {
		fmt.Fprint(g.stdout, text)
		return exitOK
	}
	backup, err := install.WriteFile(*out, []byte(text), 0o644)
	if err != nil {
		g.errorf("%v", err)
		return exitInternal
	}
	fmt.Fprintf(g.stdout, "wrote %s%s\n", *out, install.BackupNote(backup))
	return exitOK
}
