package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/guardsh/guard/internal/allow"
	"github.com/guardsh/guard/internal/message"
	"github.com/guardsh/guard/internal/parse"
	"github.com/guardsh/guard/internal/rules"
)

func runExplain(g *guard, args []string) int {
	fs := newFlags("explain")
	asJSON := fs.Bool("json", false, "print the trace as one JSON object")
	dir := fs.String("C", "", "explain the command as if run in `DIR`, which must exist (default: the working directory)")
	matched := fs.Bool("matched", false, "show only the rules that matched, not every rule considered")
	fs.Usage = func() {
		fmt.Fprint(g.stderr, `usage: guard explain [--json] [--matched] [-C DIR] [--] COMMAND...
       guard explain [--json] -            read the command from stdin

Shows how guard reads a command and why it decides as it does, without
running anything: every program the command would run, with its words
as guard sees them and where it sits (sudo > bash -c > $(...)); the rules
considered for each, and for each rule whether it matched or the first
of its conditions that did not hold; and which allow entry or config
setting let a matching rule pass. Allowed commands are explained too.

Flags:
`)
		printFlags(g.stderr, fs)
		fmt.Fprint(g.stderr, `
Examples:
  guard explain 'git push --force origin main'
  guard explain --matched 'sudo bash -c "rm -rf ~/build"'
  guard explain --json -- 'terraform destroy' | jq .invocations

Exit status: as guard check: 0 allow, 3 confirm, 77 deny, 64 usage error.
`)
	}
	if err := parseFlags(fs, args); err != nil {
		return g.flagError(fs, err)
	}
	if fs.NArg() == 0 {
		return g.usageError(fs, "explain needs a command, or - to read one from stdin")
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
	ctx := g.ruleContext(cfg, wd)
	t := cfg.Rules.Explain(text, ctx)
	entries := map[string]allow.Entry{}
	if l, err := cfg.Allow.List(); err != nil {
		g.warnf("the allow list is not used: %v", err)
	} else {
		for _, e := range l.Entries {
			entries[e.Name()] = e
		}
	}
	if *asJSON {
		enc := json.NewEncoder(g.stdout)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(traceJSON(t, text, wd, entries, *matched)); err != nil {
			g.errorf("%v", err)
			return exitInternal
		}
	} else {
		printTrace(g.stdout, t, text, wd, entries, *matched)
	}
	return checkStatus(t.Decision.Action)
}

// printTrace writes a trace for a person.
func printTrace(w io.Writer, t rules.Trace, text, dir string, entries map[string]allow.Entry, onlyMatched bool) {
	d := t.Decision
	verdict := d.Action.String()
	if len(d.Findings) > 0 {
		verdict += " (" + d.Severity().String() + ")"
	}
	fmt.Fprintf(w, "decision:  %s\n", verdict)
	fmt.Fprintf(w, "command:   %s\n", shown(text))
	if dir == "" {
		dir = "unknown"
	}
	fmt.Fprintf(w, "directory: %s\n", shown(dir))
	if len(t.Invocations) == 0 {
		fmt.Fprintln(w, "\nguard finds no program in it.")
	}
	for i, it := range t.Invocations {
		inv := it.Inv
		fmt.Fprintf(w, "\nprogram %d of %d: %s\n", i+1, len(t.Invocations), shown(inv.Text))
		if len(inv.Args) > 0 {
			fmt.Fprintf(w, "  words:    %s\n", words(inv))
		}
		if len(inv.Via) > 0 {
			fmt.Fprintf(w, "  nested:   %s\n", rules.Sanitize(strings.Join(inv.Via, " > ")))
		}
		if inv.Dir != "" && inv.Dir != dir {
			fmt.Fprintf(w, "  runs in:  %s\n", shown(inv.Dir))
		}
		if inv.Remote != "" {
			fmt.Fprintf(w, "  on host:  %s\n", rules.Sanitize(inv.Remote))
		}
		if inv.Stdin.Kind == parse.Known {
			fmt.Fprintf(w, "  stdin:    %s: %s\n", rules.Sanitize(inv.Stdin.From), cut(shown(inv.Stdin.Text), 120))
		}
		if inv.Problem != parse.NoProblem {
			fmt.Fprintf(w, "  problem:  %s: %s\n", inv.Problem, rules.Sanitize(inv.Detail))
		}
		n := 0
		for _, rt := range it.Rules {
			if rt.Matched {
				n++
			}
		}
		fmt.Fprintf(w, "  rules:    %d considered of %d, %d matched\n", len(it.Rules), t.Rules, n)
		for _, rt := range it.Rules {
			r := rt.Rule
			switch {
			case rt.Matched:
				line := fmt.Sprintf("    match  %s (%s, %s)", r.ID, r.Severity, r.Action)
				if rt.Detail != "" {
					line += ": " + cut(rules.Sanitize(rt.Detail), 200)
				}
				fmt.Fprintln(w, line)
				fmt.Fprintf(w, "           -> %s\n", outcomeText(rt.Outcome, entries))
			case !onlyMatched:
				fmt.Fprintf(w, "    no     %s: %s\n", r.ID, rules.Sanitize(rt.Failed))
			}
		}
	}
	if len(d.Findings) > 0 {
		fmt.Fprintln(w, "\nwhat guard would show the person asked:")
		fmt.Fprintln(w, message.Text(message.From(d), "  "))
	}
}

// outcomeText describes what became of a match, naming the allow entry
// that let it pass.
func outcomeText(o string, entries map[string]allow.Entry) string {
	if by, ok := strings.CutPrefix(o, "allowed by "); ok {
		if e, ok := entries[by]; ok {
			return fmt.Sprintf("allowed by %s: %s, %s", by, rules.Sanitize(e.What()), rules.Sanitize(e.Scope()))
		}
	}
	return o
}

// words returns an invocation's words, quoted, with those known only at
// run time marked.
func words(inv *parse.Invocation) string {
	ws := make([]string, len(inv.Args))
	for i, a := range inv.Args {
		ws[i] = parse.Quote(a.Value)
		if a.Dynamic {
			ws[i] += "(run time)"
		}
	}
	return cut(strings.Join(ws, " "), 400)
}

// The trace as guard explain --json prints it.
type (
	explainJSON struct {
		Decision    rules.DecisionJSON `json:"decision"`
		Command     string             `json:"command"`
		Dir         string             `json:"dir"`
		Rules       int                `json:"rules"`
		Invocations []invocationJSON   `json:"invocations"`
		Allowed     []allowedJSON      `json:"allowed"`
	}
	invocationJSON struct {
		Text    string          `json:"text"`
		Argv    []string        `json:"argv"`
		Dynamic []int           `json:"dynamic,omitempty"`
		Path    []string        `json:"path"`
		Dir     string          `json:"dir,omitempty"`
		Remote  string          `json:"remote,omitempty"`
		Stdin   string          `json:"stdin,omitempty"`
		Problem string          `json:"problem,omitempty"`
		Detail  string          `json:"detail,omitempty"`
		Rules   []ruleTraceJSON `json:"rules"`
	}
	ruleTraceJSON struct {
		Rule    string `json:"rule"`
		Matched bool   `json:"matched"`
		Failed  string `json:"failed,omitempty"`
		Detail  string `json:"detail,omitempty"`
		Outcome string `json:"outcome,omitempty"`
	}
	allowedJSON struct {
		Rule  string       `json:"rule"`
		Text  string       `json:"text"`
		By    string       `json:"by"`
		Entry *allow.Entry `json:"entry,omitempty"`
	}
)

func traceJSON(t rules.Trace, text, dir string, entries map[string]allow.Entry, onlyMatched bool) explainJSON {
	out := explainJSON{Decision: t.Decision.JSON(), Command: text, Dir: dir, Rules: t.Rules,
		Invocations: []invocationJSON{}, Allowed: []allowedJSON{}}
	for _, it := range t.Invocations {
		inv := it.Inv
		j := invocationJSON{Text: inv.Text, Argv: inv.Argv(), Path: []string{}, Dir: inv.Dir, Remote: inv.Remote,
			Detail: inv.Detail, Rules: []ruleTraceJSON{}}
		if inv.Via != nil {
			j.Path = inv.Via
		}
		for i, a := range inv.Args {
			if a.Dynamic {
				j.Dynamic = append(j.Dynamic, i)
			}
		}
		if inv.Stdin.Kind == parse.Known {
			j.Stdin = inv.Stdin.Text
		}
		if inv.Problem != parse.NoProblem {
			j.Problem = inv.Problem.String()
		}
		for _, rt := range it.Rules {
			if onlyMatched && !rt.Matched {
				continue
			}
			j.Rules = append(j.Rules, ruleTraceJSON{Rule: rt.Rule.ID, Matched: rt.Matched, Failed: rt.Failed, Detail: rt.Detail, Outcome: rt.Outcome})
		}
		out.Invocations = append(out.Invocations, j)
	}
	for _, f := range t.Decision.Allowed {
		a := allowedJSON{Rule: f.Rule.ID, By: f.AllowedBy}
		if f.Inv != nil {
			a.Text = f.Inv.Text
		}
		if e, ok := entries[f.AllowedBy]; ok {
			a.Entry = &e
		}
		out.Allowed = append(out.Allowed, a)
	}
	return out
}
