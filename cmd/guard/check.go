package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/guardsh/guard/internal/parse"
	"github.com/guardsh/guard/internal/rules"
)

func init() {
	subcommands["check"] = subcommand{runCheck, "decide on a command without running it"}
}

func runCheck(g *guard, args []string) int {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	fs.SetOutput(g.stderr)
	asJSON := fs.Bool("json", false, "print the decision as one JSON object")
	dir := fs.String("C", "", "judge the command as if run in `dir` (default: the working directory)")
	fs.Usage = func() {
		fmt.Fprint(g.stderr, `usage: guard check [--json] [-C DIR] [--] COMMAND...
       guard check [--json] -            read the command from stdin

Decides on a shell command without running it: prints allow, confirm or
deny, and for each finding the rule, its severity, what matched, why it
matters and what to do instead. Several arguments are joined with spaces.

Flags:
`)
		fs.PrintDefaults()
		fmt.Fprint(g.stderr, `
Examples:
  guard check 'terraform destroy'
  guard check --json -- 'git push --force origin main'
  echo 'rm -rf ~' | guard check -

Exit status: 0 allow, 3 confirm, 77 deny, 64 usage error.
`)
	}
	if err := fs.Parse(args); err != nil {
		return flagError(err)
	}
	if fs.NArg() == 0 {
		g.errorf("check needs a command, or - to read one from stdin")
		fs.Usage()
		return exitUsage
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
