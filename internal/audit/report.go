package audit

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/guardsh/guard/internal/rules"
)

// Report is the aggregate result of an audit.
type Report struct {
	Version int
	Sources []*Source
	// Skipped are files found but not read, such as compressed rollouts.
	Skipped []string
	// Totals sums the sources' counts.
	Totals Stats
	// Commands is the number of commands decided (after --since).
	Commands int64
	// Flagged is the number of commands with findings; Confirm and Deny
	// split it by decision.
	Flagged, Confirm, Deny int64
	// MaxSeverity is the highest severity among the decisions.
	MaxSeverity rules.Severity
	// BySeverity counts the flagged commands by their decision's
	// severity.
	BySeverity [rules.Critical + 1]int64
	// Entries are the distinct flagged commands, each with all its
	// findings, most severe first.
	Entries []*Entry
	// MoreEntries counts the flagged commands left out of Entries
	// because there were more than MaxEntries distinct ones.
	MoreEntries int64
	// Rules are the findings grouped by rule, most severe first.
	Rules   []*RuleStats
	Filters Filters
}

// Filters are the options that narrowed the report.
type Filters struct {
	Since       time.Time
	MinSeverity rules.Severity
	Rules       []string
	FailOn      rules.Severity
}

// Failed reports whether the report has a finding at or above the
// --fail-on severity.
func (r *Report) Failed() bool {
	return r.Filters.FailOn > 0 && r.MaxSeverity >= r.Filters.FailOn
}

// RenderOptions control the text and Markdown reports.
type RenderOptions struct {
	// Color adds ANSI colours, for a terminal.
	Color bool
	// Home is shown as ~ in paths.
	Home string
	// Location is the time zone times are shown in; UTC if nil.
	Location *time.Location
}

func (o RenderOptions) path(p string) string {
	if o.Home != "" && o.Home != "/" {
		if p == o.Home {
			return "~"
		}
		if rest, ok := strings.CutPrefix(p, o.Home+string(filepath.Separator)); ok {
			return "~/" + rest
		}
	}
	if p == "-" {
		return "(stdin)"
	}
	return p
}

func (o RenderOptions) time(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	loc := o.Location
	if loc == nil {
		loc = time.UTC
	}
	return t.In(loc).Format("2006-01-02 15:04")
}

func (o RenderOptions) where(s Sighting) string {
	parts := []string{fmt.Sprintf("%s:%d", o.path(s.Source), s.Line)}
	if t := o.time(s.Time); t != "" {
		parts = append(parts, t)
	}
	if s.Session != "" {
		sess := "session " + shortID(s.Session)
		if s.Agent != "" {
			sess += " agent " + shortID(s.Agent)
		}
		parts = append(parts, sess)
	}
	return rules.Sanitize(strings.Join(parts, ", "))
}

func shortID(s string) string {
	if len(s) > 8 {
		return s[:8]
	}
	return s
}

// count formats n with thousands separators.
func count(n int64) string {
	s := strconv.FormatInt(n, 10)
	if n < 0 {
		return s
	}
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

func pluralWord(n int64, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func plural(n int64, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return count(n) + " " + many
}

// oneLine shows a command on one line, at most max characters: newlines
// become ↵ and control characters are replaced, so that a command cannot
// spoof the terminal.
func oneLine(s string, max int) string {
	s = strings.ReplaceAll(strings.TrimSpace(s), "\n", " ↵ ")
	s = rules.Sanitize(s)
	if utf8.RuneCountInString(s) > max {
		r := []rune(s)
		s = string(r[:max-1]) + "…"
	}
	return s
}

// problems describes the unreadable records of a source, or "".
func problems(s Stats) string {
	var p []string
	add := func(n int64, what string) {
		if n > 0 {
			p = append(p, fmt.Sprintf("%s %s", count(n), what))
		}
	}
	add(s.Corrupt, "corrupt")
	add(s.InvalidUTF8, "invalid UTF-8")
	add(s.Oversized, "oversized")
	add(s.Truncated, "truncated")
	return strings.Join(p, ", ")
}

// sourceGroup is a line of the sources table: a file, or many files of
// one format summed.
type sourceGroup struct {
	name   string
	format Format
	files  int
	stats  Stats
	err    string
}

// groupSources lists each source, except that formats with more than
// five files (transcripts, typically) are summed on one line under their
// common directory.
func groupSources(srcs []*Source, o RenderOptions) []sourceGroup {
	per := map[Format][]*Source{}
	var order []Format
	for _, s := range srcs {
		if _, ok := per[s.Format]; !ok {
			order = append(order, s.Format)
		}
		per[s.Format] = append(per[s.Format], s)
	}
	var out []sourceGroup
	for _, f := range order {
		list := per[f]
		if len(list) <= 5 {
			for _, s := range list {
				g := sourceGroup{name: o.path(s.Name), format: s.Format, files: 1, stats: s.Stats}
				if s.Err != nil {
					g.err = s.Err.Error()
				}
				out = append(out, g)
			}
			continue
		}
		g := sourceGroup{format: f, files: len(list)}
		dir := filepath.Dir(list[0].Name)
		for _, s := range list {
			g.stats.Add(s.Stats)
			for dir != "/" && dir != "." && !strings.HasPrefix(s.Name, dir+string(filepath.Separator)) {
				dir = filepath.Dir(dir)
			}
			if s.Err != nil && g.err == "" {
				g.err = s.Err.Error()
			}
		}
		g.name = fmt.Sprintf("%s (%d files)", o.path(dir), len(list))
		out = append(out, g)
	}
	return out
}

func (r *Report) headline() string {
	nsrc := len(r.Sources)
	s := fmt.Sprintf("read %s from %s", plural(r.Totals.Commands, "command", "commands"), plural(int64(nsrc), "source", "sources"))
	if r.Totals.Skipped > 0 {
		s += fmt.Sprintf(", %s of them left out by --since", count(r.Totals.Skipped))
	}
	return s
}

// summaryLine is the report's first line: how many commands would have
// been stopped, by severity.
func (r *Report) summaryLine() string {
	if r.Commands == 0 {
		return "no command was decided, so none would have been stopped"
	}
	if r.Flagged == 0 {
		return fmt.Sprintf("none of %s would have been stopped", plural(r.Commands, "command", "commands"))
	}
	return fmt.Sprintf("%s of %s would have been stopped (%s)", count(r.Flagged),
		plural(r.Commands, "command", "commands"), r.severityCounts())
}

// severityCounts is "2 critical, 5 high": the flagged commands by
// severity, most severe first, leaving out the severities with none.
func (r *Report) severityCounts() string {
	var p []string
	for s := rules.Critical; s >= rules.Low; s-- {
		if n := r.BySeverity[s]; n > 0 {
			p = append(p, count(n)+" "+s.String())
		}
	}
	return strings.Join(p, ", ")
}

// verdictLine splits the flagged commands by decision, and says how many
// distinct commands they are.
func (r *Report) verdictLine() string {
	if r.Flagged == 0 {
		return ""
	}
	distinct := int64(len(r.Entries))
	s := fmt.Sprintf("%s to confirm, %s denied; %s", count(r.Confirm), count(r.Deny),
		plural(distinct, "distinct command", "distinct commands"))
	if r.MoreEntries > 0 {
		s += fmt.Sprintf(" listed, and %s past the first %s not listed", plural(r.MoreEntries, "sighting", "sightings"), count(MaxEntries))
	}
	return s + "."
}

// hitLabel is a hit's rule with its severity and action when they differ
// from the entry's own.
func hitLabel(e *Entry, h Hit) string {
	if h.Severity == e.Severity && h.Action == e.Action {
		return h.Rule.ID
	}
	return fmt.Sprintf("%s (%s, %s)", h.Rule.ID, h.Severity, h.Action)
}

// entrySeen says where and when an entry was seen: once, or first and
// last and how many times.
func entrySeen(e *Entry, o RenderOptions) string {
	if e.Count == 1 || e.First == e.Last {
		s := "at " + o.where(e.First)
		if e.Count > 1 {
			s += fmt.Sprintf(" (%s)", plural(e.Count, "time", "times"))
		}
		return s
	}
	return fmt.Sprintf("%s: first at %s, last at %s", plural(e.Count, "time", "times"), o.where(e.First), o.where(e.Last))
}

func (r *Report) filterLine() string {
	var p []string
	if !r.Filters.Since.IsZero() {
		p = append(p, "since "+r.Filters.Since.UTC().Format(time.RFC3339))
	}
	if r.Filters.MinSeverity > 0 {
		p = append(p, "severity "+r.Filters.MinSeverity.String()+" and above")
	}
	if len(r.Filters.Rules) > 0 {
		p = append(p, "rules "+strings.Join(r.Filters.Rules, ","))
	}
	return strings.Join(p, "; ")
}
