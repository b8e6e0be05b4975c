package audit

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/guardsh/guard/internal/rules"
)

// WriteMarkdown writes the report as Markdown, to paste into a review.
func (r *Report) WriteMarkdown(out io.Writer, o RenderOptions) error {
	w := bufio.NewWriter(out)
	fmt.Fprintf(w, "## guard audit\n\nguard audit %s; nothing was executed. ", r.headline())
	if r.Flagged == 0 {
		fmt.Fprintf(w, "None would have been stopped.\n")
	} else {
		fmt.Fprintf(w, "**%s would have been stopped**: %s to confirm, %s denied.\n",
			count(r.Flagged), count(r.Confirm), count(r.Deny))
	}
	if f := r.filterLine(); f != "" {
		fmt.Fprintf(w, "\nFilters: %s.\n", mdText(f))
	}

	fmt.Fprintf(w, "\n| Source | Format | Commands | Unreadable records |\n|---|---|---:|---|\n")
	for _, g := range groupSources(r.Sources, o) {
		note := problems(g.stats)
		if g.err != "" {
			note = strings.TrimPrefix(note+", ", ", ") + "error: " + g.err
		}
		fmt.Fprintf(w, "| %s | %s | %s | %s |\n", mdCodeCell(rules.Sanitize(g.name)), g.format, count(g.stats.Commands), mdText(rules.Sanitize(note)))
	}
	for _, s := range r.Skipped {
		fmt.Fprintf(w, "| %s | not read (compressed) | | |\n", mdCodeCell(rules.Sanitize(o.path(s))))
	}

	if len(r.Rules) == 0 {
		fmt.Fprintf(w, "\nNo findings.\n")
		return w.Flush()
	}
	fmt.Fprintf(w, "\n### Findings\n\n| Severity | Rule | Action | Commands | First seen | Last seen |\n|---|---|---|---:|---|---|\n")
	for _, rs := range r.Rules {
		fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %s |\n", rs.Severity, mdCode(rs.Rule.ID), rs.Action, count(rs.Count),
			mdSeen(rs.First, o), mdSeen(rs.Last, o))
	}
	for _, rs := range r.Rules {
		fmt.Fprintf(w, "\n#### %s (%s, %s): %s\n\n%s\n", mdCode(rs.Rule.ID), rs.Severity, rs.Action,
			plural(rs.Count, "command", "commands"), mdText(rules.Sanitize(rs.Rule.Reason)))
		if rs.Rule.Hint != "" {
			fmt.Fprintf(w, "\nInstead: %s\n", mdText(rules.Sanitize(rs.Rule.Hint)))
		}
		fmt.Fprintln(w)
		for _, e := range rs.Examples {
			fmt.Fprintf(w, "- %s at %s\n", mdCode(oneLine(e.Command, 200)), mdCode(o.where(e.Sighting)))
		}
	}
	return w.Flush()
}

// mdCode makes a code span that holds s whatever backticks it contains.
func mdCode(s string) string {
	run, longest := 0, 0
	for _, c := range s {
		if c == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	fence := strings.Repeat("`", longest+1)
	if longest > 0 || strings.HasPrefix(s, " ") || strings.HasSuffix(s, " ") {
		return fence + " " + s + " " + fence
	}
	return fence + s + fence
}

var mdEscaper = strings.NewReplacer(`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "<", "&lt;", ">", "&gt;", "[", `\[`, "]", `\]`, "|", `\|`)

// mdText escapes text for Markdown.
func mdText(s string) string { return mdEscaper.Replace(s) }

// mdSeen is a sighting in the findings table: its time, or where it was
// when it has none.
func mdSeen(s Sighting, o RenderOptions) string {
	if t := o.time(s.Time); t != "" {
		return t
	}
	return mdCodeCell(o.where(s))
}

// mdCodeCell is a code span in a table cell, where a pipe must be escaped
// even inside code.
func mdCodeCell(s string) string { return strings.ReplaceAll(mdCode(s), "|", `\|`) }
