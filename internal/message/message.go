package message

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/guardsh/guard/internal/httpreq"
	"github.com/guardsh/guard/internal/rules"
)

// Finding is a finding in the form every channel shows it: plain text,
// made safe to print, so that it can travel to guard approve as it is.
// The JSON names are the approver protocol's; fields are only added.
type Finding struct {
	Rule     string `json:"rule"`
	Severity string `json:"severity"`
	Action   string `json:"action"`
	Reason   string `json:"reason"`
	// What is the part of the command that matched: the program and its
	// words, quoted.
	What string `json:"what"`
	// Where says where that program sits: "via bash -c > ssh".
	Where string `json:"where,omitempty"`
	// Detail is what exactly matched: "'/' is the filesystem root".
	Detail string `json:"detail,omitempty"`
	// Blast is what the command would destroy, in one line.
	Blast string `json:"blast,omitempty"`
	// Token says where an HTTP request's credential comes from.
	Token string `json:"token,omitempty"`
	// Raised says what raised the severity above the rule's own.
	Raised string `json:"raised,omitempty"`
	// Hint is the safer thing to do instead.
	Hint string `json:"hint,omitempty"`
}

// maxField caps each field as shown.
const maxField = 300

// From returns the findings that set the decision, in order.
func From(d rules.Decision) []Finding {
	var out []Finding
	for _, f := range d.Findings {
		if f.Action != d.Action {
			continue
		}
		out = append(out, FromFinding(f))
	}
	return out
}

// FromFinding turns one finding into its shown form.
func FromFinding(f rules.Finding) Finding {
	m := Finding{
		Rule: f.Rule.ID, Severity: f.Severity.String(), Action: f.Action.String(),
		Reason: f.Rule.Reason, What: f.What(), Where: f.Where(), Detail: f.Detail,
		Blast: f.Stake(), Raised: Raised(f), Hint: f.Rule.Hint,
	}
	if c := f.Credential; c != nil && c.Source != httpreq.Client && !strings.Contains(f.Detail, c.String()) {
		m.Token = c.String()
	}
	return m
}

// Raised says what raised a finding's severity above its rule's, or ""
// when nothing did.
func Raised(f rules.Finding) string {
	from, to := f.Rule.Severity, f.Severity
	switch {
	case to > from && f.Prod != "":
		return fmt.Sprintf("%s to %s, by the production marker %s", from, to, quote(f.Prod))
	case to > from && f.Credential != nil:
		return fmt.Sprintf("%s to %s, by where the request's token comes from", from, to)
	case to > from:
		return fmt.Sprintf("%s to %s, by what matched", from, to)
	case f.Prod != "":
		return fmt.Sprintf("production marker %s (already %s)", quote(f.Prod), to)
	}
	return ""
}

func quote(s string) string {
	if strings.ContainsAny(s, " \t'\"\\$`") {
		return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
	}
	return "'" + s + "'"
}

// A Line is one labelled line of a finding.
type Line struct {
	// Label is "runs", "nested", "matched", "why", "at stake", "token",
	// "raised", "instead" or "rule".
	Label string
	Text  string
}

// Lines returns a finding's lines in the order every channel shows them:
// 1. what runs and what matched, 2. why it matters and what it touches,
// 3. what raised the severity, 4. what to do instead, then the rule.
// Every text is made safe to print.
func (f Finding) Lines() []Line {
	var ls []Line
	add := func(label, text string) {
		if text != "" {
			ls = append(ls, Line{label, clip(rules.Sanitize(text))})
		}
	}
	add("runs", f.What)
	add("nested", f.Where)
	add("matched", f.Detail)
	add("why", f.Reason)
	add("at stake", f.Blast)
	add("token", f.Token)
	add("raised", f.Raised)
	add("instead", f.Hint)
	rule := f.Rule
	if f.Severity != "" {
		rule += " (" + f.Severity + ")"
	}
	add("rule", rule)
	return ls
}

// LabelWidth is the width labels are padded to: "at stake: " and the
// longest context label a channel adds ("directory:").
const LabelWidth = 11

// Format returns a line as channels print it: the label, padded, and the
// text.
func (l Line) Format() string {
	return fmt.Sprintf("%-*s%s", LabelWidth, l.Label+":", l.Text)
}

// MaxFindings is how many findings a message lists; the rest are counted.
const MaxFindings = 5

// Block writes the findings as one block of text, each line starting
// with prefix, and skipping the labels in skip. A person's prompt, guard
// approve and the agents' dialogs all use it.
func Block(b *strings.Builder, fs []Finding, prefix string, skip ...string) {
	for i := range fs {
		if i == MaxFindings {
			fmt.Fprintf(b, "%sand %d more\n", prefix, len(fs)-i)
			break
		}
		for _, l := range shownLines(fs, i, skip) {
			b.WriteString(prefix + l.Format() + "\n")
		}
	}
}

// sameProgram reports whether finding i is about the program finding i-1
// is about.
func sameProgram(fs []Finding, i int) bool {
	return i > 0 && fs[i-1].What == fs[i].What && fs[i-1].Where == fs[i].Where
}

// shownLines returns finding i's lines without the labels in skip, and
// without what runs when the finding before it said so already: several
// rules on one program name it once.
func shownLines(fs []Finding, i int, skip []string) []Line {
	same := sameProgram(fs, i)
	var out []Line
	for _, l := range fs[i].Lines() {
		if slices.Contains(skip, l.Label) || same && (l.Label == "runs" || l.Label == "nested") {
			continue
		}
		out = append(out, l)
	}
	return out
}

// Text returns Block's text without its last newline.
func Text(fs []Finding, prefix string, skip ...string) string {
	var b strings.Builder
	Block(&b, fs, prefix, skip...)
	return strings.TrimSuffix(b.String(), "\n")
}

// clip cuts s at maxField bytes, on a character boundary.
func clip(s string) string {
	if len(s) <= maxField {
		return s
	}
	i := maxField
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i] + "..."
}

// List writes the findings as a list for text read in an agent's dialog
// or by the model: one item per program, starting with "- ", its lines
// indented under it.
func List(fs []Finding, skip ...string) string {
	var b strings.Builder
	for i := range fs {
		if i == MaxFindings {
			fmt.Fprintf(&b, "- and %d more\n", len(fs)-i)
			break
		}
		for k, l := range shownLines(fs, i, skip) {
			mark := "  "
			if k == 0 && !sameProgram(fs, i) {
				mark = "- "
			}
			b.WriteString(mark + l.Format() + "\n")
		}
	}
	return strings.TrimSuffix(b.String(), "\n")
}
