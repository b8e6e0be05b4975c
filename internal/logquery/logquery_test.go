package logquery

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/guardsh/guard/internal/journal"
)

func rec(when, decision, result, how, answer, channel, agent, command string, rules ...string) *journal.Record {
	r := &journal.Record{Time: when, Decision: decision, Result: result, How: how, Answer: answer,
		Channel: channel, Agent: agent, Command: command, Findings: []journal.Finding{}}
	for _, id := range rules {
		r.Findings = append(r.Findings, journal.Finding{Rule: id, Severity: "high", Action: decision})
	}
	return r
}

func TestFilterMatch(t *testing.T) {
	since, _ := time.Parse(time.RFC3339, "2026-12-01T00:00:00Z")
	old := rec("2026-11-30T10:00:00Z", "allow", "ran", "rules", "", "shell", "", "ls")
	hook := rec("2026-12-02T10:00:00Z", "confirm", "asked", "agent", "", "hook claude", "claude", "git reset --hard", "git.reset-hard")
	shell := rec("2026-12-02T11:00:00Z", "deny", "blocked", "rules", "", "shell", "codex", "rm -rf /", "fs.rm-root")
	bad := rec("yesterday", "allow", "ran", "rules", "", "exec", "", "echo hi")
	tests := []struct {
		name string
		f    Filter
		r    *journal.Record
		want bool
	}{
		{"empty filter", Filter{}, old, true},
		{"since leaves out older", Filter{Since: since}, old, false},
		{"since keeps newer", Filter{Since: since}, hook, true},
		{"since leaves out unreadable times", Filter{Since: since}, bad, false},
		{"agent", Filter{Agent: "claude"}, hook, true},
		{"other agent", Filter{Agent: "claude"}, shell, false},
		{"agent none", Filter{Agent: "none"}, old, true},
		{"agent none with an agent", Filter{Agent: "none"}, shell, false},
		{"channel exact", Filter{Channel: "hook claude"}, hook, true},
		{"channel first word", Filter{Channel: "hook"}, hook, true},
		{"channel other", Filter{Channel: "shell"}, hook, false},
		{"channel shell", Filter{Channel: "shell"}, shell, true},
		{"channel approver", Filter{Channel: "approver"}, rec("2026-12-02T12:00:00Z", "confirm", "blocked", "approver", "no", "shell", "", "x"), true},
		{"channel approver, answered on the terminal", Filter{Channel: "approver"}, rec("2026-12-02T12:00:00Z", "confirm", "ran", "tty", "yes", "shell", "", "x"), false},
		{"channel tty", Filter{Channel: "tty"}, rec("2026-12-02T12:00:00Z", "confirm", "ran", "tty", "yes", "shell", "", "x"), true},
		{"grep", Filter{Grep: regexp.MustCompile(`reset\s+--hard`)}, hook, true},
		{"grep misses", Filter{Grep: regexp.MustCompile(`^rm`)}, hook, false},
		{"decision", Filter{Decision: "deny"}, shell, true},
		{"decision other", Filter{Decision: "deny"}, hook, false},
		{"result", Filter{Decision: "asked"}, hook, true},
		{"rule pattern", Filter{Rule: "git.*"}, hook, true},
		{"rule pattern misses", Filter{Rule: "git.*"}, shell, false},
		{"all at once", Filter{Since: since, Agent: "codex", Channel: "shell", Decision: "deny", Rule: "fs.*", Grep: regexp.MustCompile("rm")}, shell, true},
	}
	for _, tt := range tests {
		if got := tt.f.Match(tt.r); got != tt.want {
			t.Errorf("%s: Match = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestValidDecision(t *testing.T) {
	for _, d := range []string{"", "allow", "asked", "ran"} {
		if !ValidDecision(d) {
			t.Errorf("ValidDecision(%q) = false", d)
		}
	}
	if ValidDecision("maybe") {
		t.Error("ValidDecision(maybe) = true")
	}
}

// sample is a small log: two days, a terminal ask approved and one
// refused, a hook ask that a PostToolUse hook saw run and one it did not,
// a denial and allowed commands.
func sample() []*journal.Record {
	asked := rec("2026-12-02T09:00:00Z", "confirm", "asked", "agent", "", "hook claude", "claude", "git reset --hard", "git.reset-hard")
	asked.Session, asked.ToolUse = "s1", "t1"
	ran := rec("2026-12-02T09:00:05Z", "confirm", "ran", "agent", "yes", "hook claude", "claude", "git reset --hard", "git.reset-hard")
	ran.Session, ran.ToolUse = "s1", "t1"
	notRun := rec("2026-12-02T09:10:00Z", "confirm", "asked", "agent", "", "hook claude", "claude", "git clean -fdx", "git.clean")
	notRun.Session, notRun.ToolUse = "s1", "t2"
	return []*journal.Record{
		rec("2026-12-01T10:00:00Z", "allow", "ran", "rules", "", "shell", "", "ls"),
		rec("2026-12-01T10:01:00Z", "confirm", "ran", "tty", "yes", "shell", "", "terraform destroy", "iac.terraform-destroy"),
		rec("2026-12-01T10:02:00Z", "confirm", "blocked", "approver", "no", "shell", "codex", "terraform destroy", "iac.terraform-destroy"),
		asked, ran, notRun,
		rec("2026-12-02T10:00:00Z", "deny", "blocked", "rules", "", "shell", "codex", "rm -rf /", "fs.rm-root", "fs.rm-recursive"),
		rec("2026-12-02T11:00:00Z", "allow", "passed", "rules", "", "hook claude", "claude", "git status"),
	}
}

func TestStats(t *testing.T) {
	c := NewCounter(time.UTC)
	for _, r := range sample() {
		c.Add(r)
	}
	s := c.Stats()
	want := []struct {
		name string
		got  Row
		want Row
	}{
		{"total", s.Total, Row{Key: "total", Total: 7, Allowed: 2, Asked: 4, Approved: 2, Denied: 1}},
		{"day 1", s.Days[0], Row{Key: "2026-12-01", Total: 3, Allowed: 1, Asked: 2, Approved: 1}},
		{"day 2", s.Days[1], Row{Key: "2026-12-02", Total: 4, Allowed: 1, Asked: 2, Approved: 1, Denied: 1}},
		{"rule terraform", s.Rules[0], Row{Key: "iac.terraform-destroy", Total: 2, Asked: 2, Approved: 1}},
		{"agent claude", s.Agents[0], Row{Key: "claude", Total: 3, Allowed: 1, Asked: 2, Approved: 1}},
	}
	for _, w := range want {
		g := w.got
		g.Rate = nil
		if g != w.want {
			t.Errorf("%s: got %+v, want %+v", w.name, g, w.want)
		}
	}
	if len(s.Days) != 2 || len(s.Rules) != 5 || len(s.Agents) != 3 {
		t.Errorf("got %d days, %d rules, %d agents; want 2, 5, 3", len(s.Days), len(s.Rules), len(s.Agents))
	}
	if s.Total.Rate == nil || *s.Total.Rate != 0.5 {
		t.Errorf("total approval rate = %v, want 0.5", s.Total.Rate)
	}
	if s.Days[0].Rate == nil || *s.Days[0].Rate != 0.5 {
		t.Errorf("day 1 approval rate = %v, want 0.5", s.Days[0].Rate)
	}
	for _, r := range s.Rules {
		if r.Key == "fs.rm-root" && r.Rate != nil {
			t.Errorf("a rule never asked has approval rate %v, want none", *r.Rate)
		}
	}
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `"approval_rate":null`) || !strings.Contains(string(b), `"key":"2026-12-01"`) {
		t.Errorf("JSON: %s", b)
	}
}

func TestStatsDaysInLocation(t *testing.T) {
	c := NewCounter(time.FixedZone("east", 12*3600))
	c.Add(rec("2026-12-01T13:00:00Z", "allow", "ran", "rules", "", "shell", "", "ls"))
	if got := c.Stats().Days[0].Key; got != "2026-12-02" {
		t.Errorf("day = %s, want 2026-12-02 in a zone 12 hours east", got)
	}
}

func TestWriteText(t *testing.T) {
	c := NewCounter(time.UTC)
	for _, r := range sample() {
		c.Add(r)
	}
	tests := []struct {
		name   string
		o      TextOptions
		want   []string
		reject []string
	}{
		{"plain", TextOptions{}, []string{
			"7 decisions: 2 allowed, 4 asked (2 approved, 50%), 1 denied\n",
			"\nBy day\n",
			"  2026-12-01  ##################        3  allowed 1  asked 2  approved 1  50%  denied 0\n",
			"  2026-12-02  ########################  4  allowed 1  asked 2  approved 1  50%  denied 1\n",
			"\nBy rule\n",
			"  fs.rm-root ",
			"\nBy agent\n",
			"  none    ",
		}, []string{"\x1b", "█", "bars:"}},
		{"colour", TextOptions{Color: true}, []string{"\x1b[32m", "\x1b[33m", "█", "\x1b[1mBy day", "bars: \x1b[32m█\x1b[0m allowed"}, nil},
		{"top rules", TextOptions{MaxRules: 2}, []string{"... and 3 more"}, nil},
	}
	for _, tt := range tests {
		var b strings.Builder
		if err := c.Stats().WriteText(&b, tt.o); err != nil {
			t.Fatal(err)
		}
		for _, w := range tt.want {
			if !strings.Contains(b.String(), w) {
				t.Errorf("%s: output does not hold %q:\n%s", tt.name, w, b.String())
			}
		}
		for _, w := range tt.reject {
			if strings.Contains(b.String(), w) {
				t.Errorf("%s: output holds %q:\n%s", tt.name, w, b.String())
			}
		}
	}
}

func TestWriteTextEmpty(t *testing.T) {
	var b strings.Builder
	NewCounter(time.UTC).Stats().WriteText(&b, TextOptions{})
	if got := b.String(); got != "0 decisions: 0 allowed, 0 asked, 0 denied\n" {
		t.Errorf("got %q", got)
	}
}

func TestBar(t *testing.T) {
	tests := []struct {
		r     Row
		top   int
		color bool
		want  string
	}{
		{Row{Total: 0}, 4, false, strings.Repeat(" ", barWidth)},
		{Row{Total: 1}, 1000, false, "#" + strings.Repeat(" ", barWidth-1)},
		{Row{Total: 2}, 4, false, strings.Repeat("#", 12) + strings.Repeat(" ", 12)},
		{Row{Total: 1, Allowed: 1}, 48, true, ansiGreen + "▌" + ansiReset + strings.Repeat(" ", barWidth-1)},
		{Row{Total: 2, Allowed: 1, Denied: 1}, 2, true, ansiGreen + strings.Repeat("█", 12) + ansiRed + strings.Repeat("█", 12) + ansiReset},
	}
	for i, tt := range tests {
		if got := bar(tt.r, tt.top, tt.color); got != tt.want {
			t.Errorf("%d: bar = %q, want %q", i, got, tt.want)
		}
	}
}
