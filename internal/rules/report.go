package rules

import (
	"fmt"
	"io"
	"strings"

	"github.com/guardsh/guard/internal/blast"
	"github.com/guardsh/guard/internal/httpreq"
	"github.com/guardsh/guard/internal/parse"
)

// FindingJSON is a finding as guard check --json, hooks and the log print
// it. The field names are a stable interface.
type FindingJSON struct {
	Rule     string `json:"rule"`
	Pack     string `json:"pack"`
	Severity string `json:"severity"`
	Action   string `json:"action"`
	Reason   string `json:"reason"`
	Hint     string `json:"hint,omitempty"`
	Detail   string `json:"detail,omitempty"`
	Prod     string `json:"prod,omitempty"`
	// Credential says how an HTTP request authenticates and where its
	// token comes from: kind, source (literal, file, command,
	// environment, client), from and file.
	Credential *httpreq.Credential `json:"credential,omitempty"`
	Argv       []string            `json:"argv"`
	Text       string              `json:"text"`
	Path       []string            `json:"path"`
	// Blast is what the command would destroy, when guard could read the
	// disk or the repository.
	Blast *blast.Radius `json:"blast,omitempty"`
}

// DecisionJSON is a decision as guard check --json prints it.
type DecisionJSON struct {
	Decision string        `json:"decision"`
	Severity string        `json:"severity,omitempty"`
	Findings []FindingJSON `json:"findings"`
}

// JSON returns the finding in its printed form.
func (f Finding) JSON() FindingJSON {
	j := FindingJSON{
		Rule: f.Rule.ID, Pack: f.Rule.Pack, Severity: f.Severity.String(), Action: f.Action.String(),
		Reason: f.Rule.Reason, Hint: f.Rule.Hint, Detail: f.Detail, Prod: f.Prod,
		Credential: f.Credential, Argv: []string{}, Path: []string{}, Blast: f.Blast,
	}
	if f.Inv != nil {
		j.Argv = f.Inv.Argv()
		j.Text = f.Inv.Text
		if f.Inv.Via != nil {
			j.Path = f.Inv.Via
		}
	}
	return j
}

// JSON returns the decision in its printed form.
func (d Decision) JSON() DecisionJSON {
	j := DecisionJSON{Decision: d.Action.String(), Findings: []FindingJSON{}}
	if len(d.Findings) > 0 {
		j.Severity = d.Severity().String()
	}
	for _, f := range d.Findings {
		j.Findings = append(j.Findings, f.JSON())
	}
	return j
}

// What returns the part of the command that triggered the finding, quoted
// so that control characters cannot spoof a terminal.
func (f Finding) What() string {
	if f.Inv == nil {
		return ""
	}
	s := f.Inv.Text
	if len(f.Inv.Args) > 0 {
		words := make([]string, len(f.Inv.Args))
		for i, w := range f.Inv.Args {
			words[i] = parse.Quote(w.Value)
		}
		s = strings.Join(words, " ")
	} else {
		s = parse.Quote(s)
	}
	if len(s) > 300 {
		s = s[:300] + "..."
	}
	return s
}

// Where describes where in the command the invocation sits, for findings
// nested in other code: "in bash -c, in $(...)".
func (f Finding) Where() string {
	if f.Inv == nil || len(f.Inv.Via) == 0 {
		return ""
	}
	parts := make([]string, len(f.Inv.Via))
	for i, v := range f.Inv.Via {
		parts[i] = parse.Quote(v)
	}
	return "via " + strings.Join(parts, " > ")
}

// Explain writes a finding for a person: the rule and its severity, what
// matched, why it matters and what to do instead. Every line starts with
// prefix.
func (f Finding) Explain(w io.Writer, prefix string) {
	prod := ""
	if f.Prod != "" {
		prod = fmt.Sprintf(" (raised: %s)", parse.Quote(f.Prod))
	}
	fmt.Fprintf(w, "%s%s [%s, %s%s]: %s\n", prefix, f.Rule.ID, f.Severity, f.Action, prod, f.Rule.Reason)
	fmt.Fprintf(w, "%s  command: %s\n", prefix, f.What())
	if where := f.Where(); where != "" {
		fmt.Fprintf(w, "%s  nested: %s\n", prefix, where)
	}
	if f.Detail != "" {
		fmt.Fprintf(w, "%s  matched: %s\n", prefix, Sanitize(f.Detail))
	}
	if c := f.Credential; c != nil && c.Source != httpreq.Client && !strings.Contains(f.Detail, c.String()) {
		fmt.Fprintf(w, "%s  token: %s\n", prefix, Sanitize(c.String()))
	}
	if s := f.Stake(); s != "" {
		fmt.Fprintf(w, "%s  at stake: %s\n", prefix, s)
	}
	if f.Rule.Hint != "" {
		fmt.Fprintf(w, "%s  instead: %s\n", prefix, f.Rule.Hint)
	}
}

// Stake returns what the command would destroy, in the one line every
// channel shows (guard check, the prompt, the approver, the agents'
// dialogs, the messages to the model), or "" when guard could not read it.
func (f Finding) Stake() string { return f.Blast.Line() }

// Sanitize replaces control characters so that a detail cannot spoof a
// terminal.
func Sanitize(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == 0xfffd {
			return '?'
		}
		return r
	}, s)
}
