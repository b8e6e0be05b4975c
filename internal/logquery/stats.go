package logquery

import (
	"sort"
	"time"

	"github.com/guardsh/guard/internal/journal"
)

// Row is the counts for one day, one rule or one agent.
type Row struct {
	// Key is the day (2006-01-02, local time), the rule's id or the
	// agent's name ("none" for commands no agent was seen to send).
	Key string `json:"key"`
	// Total is the number of decisions counted.
	Total int `json:"total"`
	// Allowed, Asked and Denied count the rules' decisions: allow,
	// confirm and deny.
	Allowed int `json:"allowed"`
	Asked   int `json:"asked"`
	Denied  int `json:"denied"`
	// Approved counts the asks that were approved: a person answered yes
	// on the terminal or in the approver, or, for a hook, a PostToolUse
	// hook reported that the agent ran the command.
	Approved int `json:"approved"`
	// Rate is Approved / Asked, nil when nothing was asked.
	Rate *float64 `json:"approval_rate"`
}

func (r *Row) add(c counted) {
	r.Total++
	switch c.decision {
	case "allow":
		r.Allowed++
	case "confirm":
		r.Asked++
		if c.approved {
			r.Approved++
		}
	case "deny":
		r.Denied++
	}
}

func (r *Row) finish() {
	if r.Asked > 0 {
		v := float64(r.Approved) / float64(r.Asked)
		r.Rate = &v
	}
}

// Stats is what guard log --stats reports.
type Stats struct {
	// Total is the whole log's counts (after the filters).
	Total Row `json:"total"`
	// Days is one row per day with decisions, oldest first.
	Days []Row `json:"days"`
	// Rules is one row per rule that matched, most often first. A
	// decision with findings of several rules counts once under each.
	Rules []Row `json:"rules"`
	// Agents is one row per agent, most decisions first.
	Agents []Row `json:"agents"`
}

// counted is one decision as Stats counts it.
type counted struct {
	rec      *journal.Record
	decision string
	approved bool
}

// Counter gathers Stats from records, given in log order.
type Counter struct {
	loc   *time.Location
	recs  []counted
	asked map[string]int // session+tool use of a hook's ask -> index in recs
}

// NewCounter returns a Counter that groups days in loc.
func NewCounter(loc *time.Location) *Counter {
	return &Counter{loc: loc, asked: map[string]int{}}
}

// IsFollowUp reports whether a record is a PostToolUse hook's report that
// an asked command ran: it is the outcome of an earlier decision, not a
// decision of its own.
func IsFollowUp(r *journal.Record) bool {
	return r.How == "agent" && r.Result == "ran" && r.Decision == "confirm"
}

// Add counts one record. A PostToolUse hook's report marks the ask it
// follows as approved and is not counted again.
func (c *Counter) Add(r *journal.Record) {
	key := r.Session + "\x00" + r.ToolUse
	if IsFollowUp(r) {
		if i, ok := c.asked[key]; ok && r.ToolUse != "" {
			c.recs[i].approved = true
			delete(c.asked, key)
		}
		return
	}
	x := counted{rec: r, decision: r.Decision}
	if r.Decision == "confirm" && r.Answer == "yes" && (r.How == "tty" || r.How == "approver") {
		x.approved = true
	}
	if r.Result == "asked" && r.ToolUse != "" {
		c.asked[key] = len(c.recs)
	}
	c.recs = append(c.recs, x)
}

// Stats returns the counts of the records added so far.
func (c *Counter) Stats() *Stats {
	days := map[string]*Row{}
	rules := map[string]*Row{}
	agents := map[string]*Row{}
	s := &Stats{Total: Row{Key: "total"}}
	get := func(m map[string]*Row, k string) *Row {
		r := m[k]
		if r == nil {
			r = &Row{Key: k}
			m[k] = r
		}
		return r
	}
	for _, x := range c.recs {
		s.Total.add(x)
		day := "unknown"
		if t, ok := Time(x.rec); ok {
			day = t.In(c.loc).Format("2006-01-02")
		}
		get(days, day).add(x)
		get(agents, agentName(x.rec)).add(x)
		seen := map[string]bool{}
		for _, f := range x.rec.Findings {
			if !seen[f.Rule] {
				seen[f.Rule] = true
				get(rules, f.Rule).add(x)
			}
		}
	}
	s.Total.finish()
	s.Days = rows(days, func(a, b *Row) bool { return a.Key < b.Key })
	byTotal := func(a, b *Row) bool {
		if a.Total != b.Total {
			return a.Total > b.Total
		}
		return a.Key < b.Key
	}
	s.Rules = rows(rules, byTotal)
	s.Agents = rows(agents, byTotal)
	return s
}

func rows(m map[string]*Row, less func(a, b *Row) bool) []Row {
	list := make([]*Row, 0, len(m))
	for _, r := range m {
		r.finish()
		list = append(list, r)
	}
	sort.Slice(list, func(i, j int) bool { return less(list[i], list[j]) })
	out := make([]Row, len(list))
	for i, r := range list {
		out[i] = *r
	}
	return out
}
