package audit

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/guardsh/guard/internal/rules"
)

const (
	ansiReset  = "\x1b[0m"
	ansiBold   = "\x1b[1m"
	ansiDim    = "\x1b[2m"
	ansiRed    = "\x1b[31m"
	ansiYellow = "\x1b[33m"
	ansiCyan   = "\x1b[36m"
)

type painter bool

func (p painter) paint(code, s string) string {
	if !p || s == "" {
		return s
	}
	return code + s + ansiReset
}

func (p painter) severity(s rules.Severity, text string) string {
	switch s {
	case rules.Critical:
		return p.paint(ansiBold+ansiRed, text)
	case rules.High:
		return p.paint(ansiRed, text)
	case rules.Medium:
		return p.paint(ansiYellow, text)
	}
	return p.paint(ansiCyan, text)
}

// WriteText writes the report for a person at a terminal: a summary line
// with the counts by severity, the sources read, then one entry per
// flagged command, most severe first, with all its findings and the
// hints, and last a line per rule.
func (r *Report) WriteText(out io.Writer, o RenderOptions) error {
	w := bufio.NewWriter(out)
	p := painter(o.Color)
	sum := r.summaryLine()
	if r.Flagged > 0 {
		sum = p.severity(r.MaxSeverity, sum)
	}
	fmt.Fprintf(w, "%s %s; nothing was executed.\n", p.paint(ansiBold, "guard audit:"), sum)
	fmt.Fprintf(w, "  %s\n", r.headline())
	if f := r.filterLine(); f != "" {
		fmt.Fprintf(w, "  filters: %s\n", f)
	}
	if v := r.verdictLine(); v != "" {
		fmt.Fprintf(w, "  %s\n", v)
	}

	fmt.Fprintf(w, "\n%s\n", p.paint(ansiBold, "Sources"))
	groups := groupSources(r.Sources, o)
	fmtW, cmdW := 0, 0
	for _, g := range groups {
		fmtW = max(fmtW, len(g.format.String()))
		cmdW = max(cmdW, len(plural(g.stats.Commands, "command", "commands")))
	}
	for _, g := range groups {
		note := problems(g.stats)
		if g.err != "" {
			note = strings.TrimPrefix(note+", ", ", ") + "error: " + g.err
		}
		if note != "" {
			note = "  " + p.paint(ansiYellow, "("+rules.Sanitize(note)+")")
		}
		fmt.Fprintf(w, "  %-*s  %*s  %s%s\n", fmtW, g.format, cmdW, plural(g.stats.Commands, "command", "commands"),
			rules.Sanitize(g.name), note)
	}
	if len(r.Sources) == 0 {
		fmt.Fprintln(w, "  (none)")
	}
	for _, s := range r.Skipped {
		fmt.Fprintf(w, "  %s\n", p.paint(ansiDim, "not read (compressed): "+rules.Sanitize(o.path(s))))
	}

	if len(r.Entries) == 0 {
		fmt.Fprintf(w, "\nNo findings.\n")
		return w.Flush()
	}
	fmt.Fprintf(w, "\n%s\n", p.paint(ansiBold, "Would have been stopped, most severe first"))
	for _, e := range r.Entries {
		sev := p.severity(e.Severity, fmt.Sprintf("%-8s", strings.ToUpper(e.Severity.String())))
		fmt.Fprintf(w, "\n%s %-7s $ %s\n", sev, e.Action, p.paint(ansiBold, oneLine(e.Command, 100)))
		fmt.Fprintf(w, "  %s\n", p.paint(ansiDim, entrySeen(e, o)))
		for _, h := range e.Hits {
			fmt.Fprintf(w, "  - %s: %s\n", p.severity(h.Severity, hitLabel(e, h)), rules.Sanitize(h.Rule.Reason))
			if h.Detail != "" {
				fmt.Fprintf(w, "      matched: %s\n", rules.Sanitize(h.Detail))
			} else if h.Via != "" {
				fmt.Fprintf(w, "      matched: %s, %s\n", oneLine(h.What, 100), oneLine(h.Via, 100))
			}
			if h.Prod != "" {
				fmt.Fprintf(w, "      raised by: %s\n", oneLine(h.Prod, 100))
			}
			if h.Rule.Hint != "" {
				fmt.Fprintf(w, "      %s %s\n", p.paint(ansiCyan, "instead:"), rules.Sanitize(h.Rule.Hint))
			}
		}
	}

	fmt.Fprintf(w, "\n%s\n", p.paint(ansiBold, "By rule"))
	idW, actW := 0, 0
	for _, rs := range r.Rules {
		idW = max(idW, len(rs.Rule.ID))
		actW = max(actW, len(rs.Action.String()))
	}
	for _, rs := range r.Rules {
		sev := p.severity(rs.Severity, fmt.Sprintf("%-8s", strings.ToUpper(rs.Severity.String())))
		fmt.Fprintf(w, "  %s %-*s  %-*s  %s\n", sev, idW, rs.Rule.ID, actW, rs.Action, plural(rs.Count, "command", "commands"))
	}
	return w.Flush()
}
