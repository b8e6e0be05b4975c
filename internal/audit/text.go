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

// WriteText writes the report for a person at a terminal: a summary, the
// sources read, then the findings grouped by rule, most severe first,
// each with its count, first and last sighting and a few examples.
func (r *Report) WriteText(out io.Writer, o RenderOptions) error {
	w := bufio.NewWriter(out)
	p := painter(o.Color)
	fmt.Fprintf(w, "%s %s; nothing was executed.\n", p.paint(ansiBold, "guard audit:"), r.headline())
	if f := r.filterLine(); f != "" {
		fmt.Fprintf(w, "  filters: %s\n", f)
	}
	v := r.verdictLine()
	if r.Flagged > 0 {
		v = p.severity(r.MaxSeverity, v)
	}
	fmt.Fprintf(w, "  %s\n", v)

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

	if len(r.Rules) == 0 {
		fmt.Fprintf(w, "\nNo findings.\n")
		return w.Flush()
	}
	fmt.Fprintf(w, "\n%s\n", p.paint(ansiBold, "Findings by rule, most severe first"))
	for _, rs := range r.Rules {
		sev := p.severity(rs.Severity, fmt.Sprintf("%-8s", strings.ToUpper(rs.Severity.String())))
		fmt.Fprintf(w, "\n%s %s  %s  %s\n", sev, p.paint(ansiBold, rs.Rule.ID), rs.Action, plural(rs.Count, "command", "commands"))
		fmt.Fprintf(w, "  %s\n", rules.Sanitize(rs.Rule.Reason))
		if seen := seenLine(rs, o); seen != "" {
			fmt.Fprintf(w, "  %s\n", p.paint(ansiDim, seen))
		}
		for _, e := range rs.Examples {
			fmt.Fprintf(w, "    $ %s\n", oneLine(e.Command, 100))
			fmt.Fprintf(w, "      %s\n", p.paint(ansiDim, "at "+o.where(e.Sighting)))
		}
	}
	return w.Flush()
}

// seenLine says when a rule was first and last triggered, or where when
// no sighting has a time; "" when the examples say it all.
func seenLine(rs *RuleStats, o RenderOptions) string {
	switch {
	case rs.timed && rs.First.Time.Equal(rs.Last.Time):
		return "seen " + o.time(rs.First.Time)
	case rs.timed:
		return "first seen " + o.time(rs.First.Time) + ", last seen " + o.time(rs.Last.Time)
	case rs.Count > 1 && rs.First != rs.Last:
		return "first at " + o.where(rs.First) + ", last at " + o.where(rs.Last)
	}
	return ""
}
