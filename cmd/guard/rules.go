package main

import (
	"encoding/json"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/guardsh/guard/internal/parse"
	"github.com/guardsh/guard/internal/rules"
)

func runRules(g *guard, args []string) int {
	fs := newFlags("rules")
	asJSON := fs.Bool("json", false, "print rules as JSON (list and show)")
	fs.Usage = func() {
		fmt.Fprint(g.stderr, `usage: guard rules [--json] [list [PACK]]
       guard rules [--json] show ID
       guard rules test

Shows the effective rules: the embedded packs with the system, user and
project config files applied. list prints one line per rule; show prints
one rule in full; test checks every rule's examples (match and nomatch)
against the rule set, as go test does for the embedded packs.

Flags:
`)
		printFlags(g.stderr, fs)
		fmt.Fprint(g.stderr, `
Examples:
  guard rules list git
  guard rules show fs.rm-root
  guard rules test

Exit status: 0 success, 1 an example failed, 64 usage or unknown rule.
`)
	}
	if err := parseFlags(fs, args); err != nil {
		return g.flagError(fs, err)
	}
	cfg, err := g.config(workDir())
	if err != nil {
		g.errorf("%v", err)
		return exitInternal
	}
	set := cfg.Rules
	verb, rest := "list", []string(nil)
	if fs.NArg() > 0 {
		verb, rest = fs.Arg(0), fs.Args()[1:]
	}
	switch verb {
	case "list":
		if len(rest) > 1 {
			return g.usageError(fs, "rules list takes at most one pack, not %q", strings.Join(rest, " "))
		}
		var list []*rules.Rule
		for _, r := range set.Rules() {
			if len(rest) == 0 || r.Pack == rest[0] {
				list = append(list, r)
			}
		}
		if len(list) == 0 && len(rest) == 1 {
			g.errorf("no pack %q", rest[0])
			return exitUsage
		}
		if *asJSON {
			return g.printJSON(ruleList(list))
		}
		tw := tabwriter.NewWriter(g.stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "RULE\tSEVERITY\tACTION\tREASON")
		for _, r := range list {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", r.ID, r.Severity, r.Action, r.Reason)
		}
		tw.Flush()
		return exitOK
	case "show":
		if len(rest) != 1 {
			g.errorf("rules show needs one rule id")
			return exitUsage
		}
		r, ok := set.Rule(rest[0])
		if !ok {
			g.errorf("no rule %q", rest[0])
			g.hintf("guard rules list shows every rule id")
			return exitUsage
		}
		if *asJSON {
			return g.printJSON(ruleList([]*rules.Rule{r})[0])
		}
		w := g.stdout
		fmt.Fprintf(w, "%s\n  pack:     %s\n  severity: %s\n  action:   %s\n  source:   %s\n", r.ID, r.Pack, r.Severity, r.Action, r.Source())
		fmt.Fprintf(w, "  reason:   %s\n", r.Reason)
		if r.Hint != "" {
			fmt.Fprintf(w, "  hint:     %s\n", r.Hint)
		}
		fmt.Fprintf(w, "  matches:  %s\n", r.Summary())
		for _, ex := range r.Match {
			fmt.Fprintf(w, "  match:    %s\n", parse.Quote(ex))
		}
		for _, ex := range r.NoMatch {
			fmt.Fprintf(w, "  nomatch:  %s\n", parse.Quote(ex))
		}
		return exitOK
	case "test":
		if len(rest) != 0 {
			return g.usageError(fs, "rules test takes no arguments, not %q", strings.Join(rest, " "))
		}
		n, failures := set.TestExamples()
		for _, f := range failures {
			fmt.Fprintf(g.stderr, "guard: error: %s: %v\n", f.Rule.Source(), f)
		}
		fmt.Fprintf(g.stdout, "%d rules, %d examples, %d failed\n", len(set.Rules()), n, len(failures))
		if len(failures) > 0 {
			return exitFindings
		}
		return exitOK
	default:
		g.errorf("unknown rules command %q (want list, show or test)", verb)
		return exitUsage
	}
}

// ruleJSON is a rule as guard rules --json prints it.
type ruleJSON struct {
	ID       string   `json:"id"`
	Pack     string   `json:"pack"`
	Severity string   `json:"severity"`
	Action   string   `json:"action"`
	Reason   string   `json:"reason"`
	Hint     string   `json:"hint,omitempty"`
	Matches  string   `json:"matches"`
	Source   string   `json:"source"`
	Match    []string `json:"match,omitempty"`
	NoMatch  []string `json:"nomatch,omitempty"`
}

func ruleList(list []*rules.Rule) []ruleJSON {
	out := make([]ruleJSON, 0, len(list))
	for _, r := range list {
		out = append(out, ruleJSON{ID: r.ID, Pack: r.Pack, Severity: r.Severity.String(), Action: r.Action.String(),
			Reason: r.Reason, Hint: r.Hint, Matches: r.Summary(), Source: r.Source(), Match: r.Match, NoMatch: r.NoMatch})
	}
	return out
}

func (g *guard) printJSON(v any) int {
	enc := json.NewEncoder(g.stdout)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		g.errorf("%v", err)
		return exitInternal
	}
	return exitOK
}
