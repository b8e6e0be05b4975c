package logquery

import (
	"path"
	"regexp"
	"strings"
	"time"

	"github.com/guardsh/guard/internal/journal"
)

// Filter selects records. A zero field selects everything.
type Filter struct {
	// Since leaves out records older than it, and records whose time
	// cannot be read.
	Since time.Time
	// Decision is a rules' decision (allow, confirm, deny) or a result
	// (ran, blocked, passed, asked).
	Decision string
	// Rule is a path.Match pattern over the rules of a record's findings:
	// "git.*" matches every git rule.
	Rule string
	// Agent is the coding agent that called (claude, codex, ...). "none"
	// selects the records with no agent.
	Agent string
	// Channel is guard's front door: shell, exec, shim, undo, or hook
	// (every hook) or "hook claude" (one agent's hook). "approver" and
	// "tty" select the records a person answered in guard approve or on
	// the terminal, whatever the front door.
	Channel string
	// Grep is matched against the command's text.
	Grep *regexp.Regexp
}

// Decisions are the values Filter.Decision takes.
var Decisions = []string{"allow", "confirm", "deny", "ran", "blocked", "passed", "asked"}

// ValidDecision reports whether d is one of Decisions, or empty.
func ValidDecision(d string) bool {
	if d == "" {
		return true
	}
	for _, v := range Decisions {
		if v == d {
			return true
		}
	}
	return false
}

// Match reports whether a record passes every filter.
func (f *Filter) Match(r *journal.Record) bool {
	switch f.Decision {
	case "":
	case "ran", "blocked", "passed", "asked":
		if r.Result != f.Decision {
			return false
		}
	default:
		if r.Decision != f.Decision {
			return false
		}
	}
	if !f.Since.IsZero() {
		t, ok := Time(r)
		if !ok || t.Before(f.Since) {
			return false
		}
	}
	if f.Agent != "" && f.Agent != agentName(r) {
		return false
	}
	if f.Channel != "" && !matchChannel(f.Channel, r) {
		return false
	}
	if f.Grep != nil && !f.Grep.MatchString(r.Command) {
		return false
	}
	if f.Rule == "" {
		return true
	}
	for _, x := range r.Findings {
		if ok, _ := path.Match(f.Rule, x.Rule); ok {
			return true
		}
	}
	return false
}

// matchChannel reports whether a record came through the channel asked
// for: exactly, or by its first word ("hook" for "hook claude"), or, for
// approver and tty, whether a person answered it there.
func matchChannel(want string, r *journal.Record) bool {
	switch strings.ToLower(want) {
	case "approver", "tty":
		return strings.EqualFold(want, r.How)
	}
	if strings.EqualFold(want, r.Channel) {
		return true
	}
	first, _, _ := strings.Cut(r.Channel, " ")
	return strings.EqualFold(want, first)
}

// agentName is a record's agent, or "none".
func agentName(r *journal.Record) string {
	if r.Agent == "" {
		return "none"
	}
	return r.Agent
}

// Time returns a record's time, and false when it cannot be read.
func Time(r *journal.Record) (time.Time, bool) {
	t, err := time.Parse(time.RFC3339Nano, r.Time)
	return t, err == nil
}
