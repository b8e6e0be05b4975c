package audit

import (
	"encoding/json"
	"io"
	"time"

	"github.com/guardsh/guard/internal/rules"
)

// SchemaVersion is the version of the JSON Lines output. It changes only
// when a field is removed or changes meaning; fields may be added.
const SchemaVersion = 1

// CommandJSON is one flagged command in guard audit --json.
type CommandJSON struct {
	Type    string `json:"type"` // "command"
	Version int    `json:"version"`
	Source  string `json:"source"`
	Format  string `json:"format"`
	Line    int64  `json:"line"`
	// Time is RFC 3339 in UTC; absent when the record has no time.
	Time    string `json:"time,omitempty"`
	Session string `json:"session,omitempty"`
	Agent   string `json:"agent,omitempty"`
	Dir     string `json:"dir,omitempty"`
	Command string `json:"command"`
	// Argv is set when the record held an argument vector.
	Argv     []string            `json:"argv,omitempty"`
	Decision string              `json:"decision"`
	Severity string              `json:"severity"`
	Findings []rules.FindingJSON `json:"findings"`
}

// SightingJSON is where and when a rule was seen.
type SightingJSON struct {
	Source  string `json:"source"`
	Line    int64  `json:"line"`
	Time    string `json:"time,omitempty"`
	Session string `json:"session,omitempty"`
	Agent   string `json:"agent,omitempty"`
}

// RuleJSON is one rule's aggregate in the summary.
type RuleJSON struct {
	Rule     string       `json:"rule"`
	Pack     string       `json:"pack"`
	Severity string       `json:"severity"`
	Action   string       `json:"action"`
	Reason   string       `json:"reason"`
	Count    int64        `json:"count"`
	First    SightingJSON `json:"first"`
	Last     SightingJSON `json:"last"`
}

// SourceJSON is one source in the summary.
type SourceJSON struct {
	Path     string `json:"path"`
	Format   string `json:"format"`
	Detected bool   `json:"detected"`
	Stats
	Error string `json:"error,omitempty"`
}

// FiltersJSON are the filters in force.
type FiltersJSON struct {
	Since       string   `json:"since,omitempty"`
	MinSeverity string   `json:"min_severity,omitempty"`
	Rules       []string `json:"rules,omitempty"`
	FailOn      string   `json:"fail_on,omitempty"`
}

// SummaryJSON is the last line of guard audit --json.
type SummaryJSON struct {
	Type     string `json:"type"` // "summary"
	Version  int    `json:"version"`
	Commands int64  `json:"commands"`
	Flagged  int64  `json:"flagged"`
	Confirm  int64  `json:"confirm"`
	Deny     int64  `json:"deny"`
	Severity string `json:"severity,omitempty"`
	// BySeverity counts the flagged commands by severity.
	BySeverity map[string]int64 `json:"by_severity"`
	// Distinct is the number of distinct flagged commands.
	Distinct int          `json:"distinct"`
	Failed   bool         `json:"failed"`
	Totals   Stats        `json:"totals"`
	Sources  []SourceJSON `json:"sources"`
	Skipped  []string     `json:"skipped"`
	Rules    []RuleJSON   `json:"rules"`
	Filters  FiltersJSON  `json:"filters"`
}

func jsonTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339Nano)
}

func sightingJSON(s Sighting) SightingJSON {
	return SightingJSON{Source: s.Source, Line: s.Line, Time: jsonTime(s.Time), Session: s.Session, Agent: s.Agent}
}

// JSONWriter writes guard audit --json: JSON Lines, one object per flagged
// command as it is found, then one summary object.
type JSONWriter struct {
	enc *json.Encoder
}

// NewJSONWriter returns a JSONWriter writing to w.
func NewJSONWriter(w io.Writer) *JSONWriter {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return &JSONWriter{enc: enc}
}

// Command writes one flagged command.
func (j *JSONWriter) Command(f *Flagged) error {
	c := f.Command
	return j.enc.Encode(CommandJSON{
		Type: "command", Version: SchemaVersion,
		Source: f.Source.Name, Format: f.Source.Format.String(), Line: c.Line,
		Time: jsonTime(c.Time), Session: c.Session, Agent: c.Agent, Dir: c.Dir,
		Command: c.Text, Argv: c.Argv,
		Decision: f.Action.String(), Severity: f.Severity.String(), Findings: f.Findings,
	})
}

// Summary writes the summary object.
func (j *JSONWriter) Summary(r *Report) error {
	s := SummaryJSON{
		Type: "summary", Version: SchemaVersion,
		Commands: r.Commands, Flagged: r.Flagged, Confirm: r.Confirm, Deny: r.Deny,
		Failed: r.Failed(), Totals: r.Totals,
		BySeverity: map[string]int64{}, Distinct: len(r.Entries),
		Sources: []SourceJSON{}, Skipped: []string{}, Rules: []RuleJSON{},
		Filters: FiltersJSON{Since: jsonTime(r.Filters.Since), Rules: r.Filters.Rules},
	}
	if r.Skipped != nil {
		s.Skipped = r.Skipped
	}
	if r.MaxSeverity > 0 {
		s.Severity = r.MaxSeverity.String()
	}
	if r.Filters.MinSeverity > 0 {
		s.Filters.MinSeverity = r.Filters.MinSeverity.String()
	}
	if r.Filters.FailOn > 0 {
		s.Filters.FailOn = r.Filters.FailOn.String()
	}
	for sev, n := range r.BySeverity {
		if n > 0 {
			s.BySeverity[rules.Severity(sev).String()] = n
		}
	}
	for _, src := range r.Sources {
		sj := SourceJSON{Path: src.Name, Format: src.Format.String(), Detected: src.Detected, Stats: src.Stats}
		if src.Err != nil {
			sj.Error = src.Err.Error()
		}
		s.Sources = append(s.Sources, sj)
	}
	for _, rs := range r.Rules {
		s.Rules = append(s.Rules, RuleJSON{
			Rule: rs.Rule.ID, Pack: rs.Rule.Pack, Severity: rs.Severity.String(), Action: rs.Action.String(),
			Reason: rs.Rule.Reason, Count: rs.Count, First: sightingJSON(rs.First), Last: sightingJSON(rs.Last),
		})
	}
	return j.enc.Encode(s)
}
