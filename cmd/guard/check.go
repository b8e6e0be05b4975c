package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/guardsh/guard/internal/parse"
	"github.com/guardsh/guard/internal/rules"
)

func runCheck(g *guard, args []string) int {
	fs := newFlags("check")
	asJSON := fs.Bool("json", false, "print the decision as one JSON object")
	dir := fs.String("C", "", "judge the command as if run in `DIR`, which must exist (default: the working directory)")
	fs.Usage = func() {
		fmt.Fprint(g.stderr, `usage: guard check [--json] [-C DIR] [--] COMMAND...
       guard check [--json] -            read the command from stdin

Decides on a shell command without running it: prints allow, confirm or
deny, and for each finding the rule, its severity, what matched, why it
matters and what to do instead. Several arguments are joined with spaces.

Flags:
`)
		printFlags(g.stderr, fs)
		fmt.Fprint(g.stderr, `
Examples:
  guard check 'terraform destroy'
  guard check --json -- 'git push --force origin main'
  echo 'rm -rf ~' | guard check -

Exit status: 0 allow, 3 confirm, 77 deny, 64 usage error.
`)
	}
	if err := parseFlags(fs, args); err != nil {
		return g.flagError(fs, err)
	}
	if fs.NArg() == 0 {
		return g.usageError(fs, "check needs a command, or - to read one from stdin")
	}
	text := strings.Join(fs.Args(), " ")
	if fs.NArg() == 1 && fs.Arg(0) == "-" {
		b, err := io.ReadAll(io.LimitReader(g.stdin, parse.DefaultMaxSize+1))
		if err != nil {
			g.errorf("reading the command from stdin: %v", err)
			return exitUsage
		}
		text = string(b)
	}
	wd := *dir
	if wd == "" {
		wd = workDir()
	} else {
		abs, err := existingDir(wd)
		if err != nil {
			return g.usageError(fs, "-C: %v", err)
		}
		wd = abs
	}
	cfg, err := g.config(wd)
	if err != nil {
		g.errorf("%v", err)
		return exitInternal
	}
	d := cfg.Rules.Check(text, g.liveContext(cfg, wd))
	if *asJSON {
		enc := json.NewEncoder(g.stdout)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(d.JSON()); err != nil {
			g.errorf("%v", err)
			return exitInternal
		}
	} else {
		printDecision(g.stdout, d)
	}
	return checkStatus(d.Action)
}

// checkStatus is guard check's exit status for an action.
func checkStatus(a rules.Action) int {
	switch a {
	case rules.Allow:
		return exitOK
	case rules.Confirm:
		return exitConfirm
	default:
		return exitBlocked
	}
}

// printDecision writes a decision for a person.
func printDecision(w io.Writer, d rules.Decision) {
	if len(d.Findings) == 0 {
		fmt.Fprintln(w, "allow")
		return
	}
	fmt.Fprintf(w, "%s (%s)\n", d.Action, d.Severity())
	for _, f := range d.Findings {
		f.Explain(w, "  ")
	}
}
