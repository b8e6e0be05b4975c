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
	fmt.Fprintf(w, "## guard audit\n\n**%s**; nothing was executed.\n\nguard audit %s.", capital(r.summaryLine()), r.headline())
	if v := r.verdictLine(); v != "" {
		fmt.Fprintf(w, " %s", capital(v))
	}
	fmt.Fprintln(w)
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

	if len(r.Entries) == 0 {
		fmt.Fprintf(w, "\nNo findings.\n")
		return w.Flush()
	}
	fmt.Fprintf(w, "\n### By rule\n\n| Severity | Rule | Action | Commands | First seen | Last seen |\n|---|---|---|---:|---|---|\n")
	for _, rs := range r.Rules {
		fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %s |\n", rs.Severity, mdCode(rs.Rule.ID), rs.Action, count(rs.Count),
			mdSeen(rs.First, o), mdSeen(rs.Last, o))
	}
	fmt.Fprintf(w, "\n### Would have been stopped\n")
	for _, e := range r.Entries {
		fmt.Fprintf(w, "\n#### %s (%s, %s)\n\n%s.\n\n", mdCode(oneLine(e.Command, 200)), e.Severity, e.Action, mdEntrySeen(e, o))
		for _, h := range e.Hits {
			fmt.Fprintf(w, "- %s: %s.", mdCode(hitLabel(e, h)), mdText(rules.Sanitize(h.Rule.Reason)))
			if h.Detail != "" {
				fmt.Fprintf(w, " Matched: %s.", mdText(rules.Sanitize(h.Detail)))
			} else if h.Via != "" {
				fmt.Fprintf(w, " Matched: %s, %s.", mdCode(oneLine(h.What, 200)), mdText(oneLine(h.Via, 200)))
			}
			if h.Prod != "" {
				fmt.Fprintf(w, " Raised by: %s.", mdCode(oneLine(h.Prod, 100)))
			}
			if h.Rule.Hint != "" {
				fmt.Fprintf(w, " Instead: %s.", mdText(rules.Sanitize(h.Rule.Hint)))
			}
			fmt.Fprintln(w)
		}
	}
	return w.Flush()
}

// mdEntrySeen is entrySeen with the places as code.
func mdEntrySeen(e *Entry, o RenderOptions) string {
	if e.Count == 1 || e.First == e.Last {
		s := "At " + mdCode(o.where(e.First))
		if e.Count > 1 {
			s += fmt.Sprintf(" (%s)", plural(e.Count, "time", "times"))
		}
		return s
	}
	return fmt.Sprintf("%s: first at %s, last at %s", capital(plural(e.Count, "time", "times")), mdCode(o.where(e.First)), mdCode(o.where(e.Last)))
}

// capital returns s with its first letter in upper case.
func capital(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
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
