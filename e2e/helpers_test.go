package e2e

import (
	"bufio"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// The commands every case plays: two that guard must stop, and two safe
// ones whose output and exit status must reach the model unchanged.
const (
	destroyCmd = "terraform destroy -auto-approve"
	railwayCmd = `curl -sS -X POST https://backboard.railway.app/graphql/v2 -H "Authorization: Bearer $RAILWAY_TOKEN" -H 'Content-Type: application/json' -d '{"query":"mutation { volumeDelete(volumeId: \"vol_123\") }"}'`
	statusCmd  = "git status"
	exitCmd    = "echo safe-output; exit 3"
)

// standardScript is the model's script for those four commands.
func standardScript() []Turn {
	return []Turn{{Command: destroyCmd}, {Command: railwayCmd}, {Command: statusCmd}, {Command: exitCmd}, {Text: "All done."}}
}

// agentTimeout bounds one agent run.
const agentTimeout = 4 * time.Minute

// model starts a fake model server for a test; it stops with the test,
// or by itself.
func model(t *testing.T, api API, script ...Turn) *Model {
	t.Helper()
	m, err := StartModel(api, 10*time.Minute, script...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(m.Close)
	return m
}

// report is everything a failure message needs.
func report(s *Sandbox, m *Model, r Result) string {
	var log []string
	for _, rec := range readLog(s) {
		c := rec.Command
		if len(c) > 120 {
			c = c[:120] + "..."
		}
		log = append(log, fmt.Sprintf("%s %s %s %s %q", rec.Channel, rec.Agent, rec.Decision, rec.Result, c))
	}
	return fmt.Sprintf("%s\n--- model calls\n%s--- recorded\n%s\n--- log\n%s", r, m.Log(),
		strings.Join(s.Recorded(), "\n"), lastLines(strings.Join(log, "\n"), 30))
}

// wantStandard checks the outcome of standardScript: the destructive
// commands did not run and the model was told guard's reason; the safe
// ones ran with their output and exit status. exitText is how the agent
// reports exit status 3 to the model.
func wantStandard(t *testing.T, s *Sandbox, m *Model, r Result, exitText string, reason ...string) {
	t.Helper()
	if r.TimedOut || r.Exit != 0 {
		t.Fatalf("the agent failed:\n%s", report(s, m, r))
	}
	for _, rec := range s.Recorded() {
		t.Errorf("a destructive command ran: %s", rec)
	}
	res := m.Results()
	if len(res) < 4 {
		t.Fatalf("the model got %d tool results, want 4:\n%s", len(res), report(s, m, r))
	}
	for i, what := range []string{"terraform destroy", "the Railway volumeDelete call"} {
		for _, want := range append([]string{"guard", "blocked", "do not try to get around this block"}, reason...) {
			if !strings.Contains(strings.ToLower(res[i]), strings.ToLower(want)) {
				t.Errorf("the model was not told %q for %s; it got:\n%s", want, what, res[i])
			}
		}
	}
	if !strings.Contains(res[2], "On branch main") || !strings.Contains(res[2], "nothing to commit") {
		t.Errorf("git status did not run or its output did not reach the model:\n%s", res[2])
	}
	if !strings.Contains(res[3], "safe-output") || !strings.Contains(res[3], exitText) {
		t.Errorf("the safe command's output or exit status 3 (%q) did not reach the model:\n%s", exitText, res[3])
	}
}

// logRecord is what the suite reads of guard's decision log.
type logRecord struct {
	Decision, Result, How, Channel, Agent, Command string
}

func readLog(s *Sandbox) []logRecord {
	var out []logRecord
	sc := bufio.NewScanner(strings.NewReader(s.ReadFile(filepath.Join(homeIn, ".local/state/guard/log.jsonl"))))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var r logRecord
		if json.Unmarshal(sc.Bytes(), &r) == nil {
			out = append(out, r)
		}
	}
	return out
}

// wantLog checks that the log holds a record of channel for each command
// with the given result.
func wantLog(t *testing.T, s *Sandbox, channel, agent string, want map[string]string) {
	t.Helper()
	recs := readLog(s)
	for cmd, result := range want {
		found := false
		for _, r := range recs {
			if r.Channel == channel && strings.Contains(r.Command, cmd) && r.Result == result && r.Agent == agent {
				found = true
			}
		}
		if !found {
			var lines []string
			for _, r := range recs {
				lines = append(lines, fmt.Sprintf("%s %s %s %s %.80q", r.Channel, r.Agent, r.Decision, r.Result, r.Command))
			}
			t.Errorf("no log record %s/%s/%s for %q in:\n%s", channel, agent, result, cmd, lastLines(strings.Join(lines, "\n"), 20))
		}
	}
	for _, r := range recs {
		if strings.HasPrefix(channel, "hook") && r.Channel == channel && r.Result == "ran" {
			t.Errorf("the log says %q ran, which guard cannot see in hook mode: %+v", r.Command, r)
		}
	}
}

// doctor runs guard doctor --json in the sandbox and returns its checks.
type doctorCheck struct {
	Level, What, Where, Message, Fix string
}

func doctor(t *testing.T, s *Sandbox, env []string) (int, []doctorCheck, string) {
	t.Helper()
	r := guard(t, s, env, "doctor", "--json")
	var out struct {
		OK     bool
		Checks []doctorCheck
	}
	if err := json.Unmarshal([]byte(r.Stdout), &out); err != nil {
		t.Fatalf("guard doctor --json: %v\n%s", err, r)
	}
	var text strings.Builder
	for _, c := range out.Checks {
		fmt.Fprintf(&text, "%s\t%s\t%s\t%s\t%s\n", c.Level, c.What, c.Where, c.Message, c.Fix)
	}
	return r.Exit, out.Checks, text.String()
}

// wantDoctor checks doctor's exit status and that a check of the given
// level says each of want.
func wantDoctor(t *testing.T, s *Sandbox, env []string, exit int, level string, want ...string) {
	t.Helper()
	code, checks, text := doctor(t, s, env)
	if code != exit {
		t.Errorf("guard doctor exited %d, want %d:\n%s", code, exit, text)
	}
	for _, w := range want {
		found := false
		for _, c := range checks {
			if c.Level == level && strings.Contains(c.Message+" "+c.Fix, w) {
				found = true
			}
		}
		if !found {
			t.Errorf("guard doctor has no %s saying %q:\n%s", level, w, text)
		}
	}
}

// pathWith puts an agent's bin directory on the sandbox's PATH, so that
// doctor finds its version.
func pathWith(bin string) string {
	return "PATH=" + filepath.Join(homeIn, "bin") + ":" + bin + ":/usr/local/bin:/usr/bin:/bin"
}
