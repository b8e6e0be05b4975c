package e2e

import (
	"context"
	"io"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/creack/pty"
)

// screen collects what a program writes to its terminal, without the
// escape sequences.
type screen struct {
	mu  sync.Mutex
	raw strings.Builder
}

var ansi = regexp.MustCompile(`\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(\x07|\x1b\\)|\x1b[()][0-9A-Za-z]|\x1b[=>78]`)

func (s *screen) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.raw.Write(p)
	return len(p), nil
}

func (s *screen) text() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return ansi.ReplaceAllString(s.raw.String(), " ")
}

// waitFor waits until the screen shows every want, or the deadline.
func (s *screen) waitFor(d time.Duration, want ...string) bool {
	deadline := time.Now().Add(d)
	for time.Now().Before(deadline) {
		t := strings.Join(strings.Fields(s.text()), " ")
		ok := true
		for _, w := range want {
			ok = ok && strings.Contains(t, w)
		}
		if ok {
			return true
		}
		time.Sleep(200 * time.Millisecond)
	}
	return false
}

// Interactive Claude Code 2.1.328 in auto mode: guard's "ask" brings up
// Claude Code's own dialog with guard's reason (this release shows it in
// every mode); the person approves, the command runs, and the log says
// "asked" and then, from the PostToolUse hook, "ran".
func TestClaudeDialogAuto(t *testing.T) {
	bin := need(t, "CLAUDE_CODE")
	s := newSandbox(t)
	m := model(t, Anthropic, Turn{Command: destroyCmd}, Turn{Text: "The infrastructure is gone."})
	key := "sk-ant-api03-e2e-0123456789abcdefghijklmnop"
	env := claudeEnv(bin, m, "TERM=xterm-256color", "ANTHROPIC_API_KEY="+key)
	if r := guard(t, s, env, "install", "claude"); r.Exit != 0 {
		t.Fatalf("guard install claude: %s", r)
	}
	// A person who has used Claude Code before: onboarding done, this
	// folder trusted, the API key accepted.
	state := `{"hasCompletedOnboarding": true, "theme": "dark", "numStartups": 3,
  "customApiKeyResponses": {"approved": ["` + key[len(key)-20:] + `"], "rejected": []},
  "projects": {"` + filepath.Join(homeIn, "work") + `": {"hasTrustDialogAccepted": true, "hasCompletedProjectOnboarding": true, "allowedTools": []}}}`
	if err := s.WriteFile(filepath.Join(homeIn, ".claude.json"), state, 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), agentTimeout)
	defer cancel()
	cmd := s.Command(ctx, filepath.Join(homeIn, "work"), env, filepath.Join(bin, "claude"), "--permission-mode", "auto", "Tidy up the infrastructure.")
	tty, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: 50, Cols: 160})
	if err != nil {
		t.Fatal(err)
	}
	defer tty.Close()
	scr := &screen{}
	go io.Copy(scr, tty)
	defer func() {
		cmd.Process.Kill()
		cmd.Wait()
	}()
	fail := func(format string, args ...any) {
		t.Helper()
		t.Fatalf(format+"\n--- screen\n%s\n--- model\n%s", append(args, lastLines(scr.text(), 60), m.Log())...)
	}
	if !scr.waitFor(90*time.Second, "guard", "needs your approval", "iac.terraform-destroy") {
		fail("Claude Code did not show guard's reason in its dialog")
	}
	if len(s.Recorded()) != 0 {
		fail("terraform ran before the person answered: %v", s.Recorded())
	}
	asked := false
	for _, r := range readLog(s) {
		asked = asked || (r.Result == "asked" && strings.Contains(r.Command, "terraform destroy"))
	}
	if !asked {
		fail("the log does not say that guard asked")
	}
	// The person says yes: the dialog's first choice.
	time.Sleep(500 * time.Millisecond)
	tty.Write([]byte("\r"))
	deadline := time.Now().Add(60 * time.Second)
	for len(s.Recorded()) == 0 && time.Now().Before(deadline) {
		time.Sleep(200 * time.Millisecond)
	}
	if rec := s.Recorded(); len(rec) != 1 || !strings.HasPrefix(rec[0], "terraform [destroy]") {
		fail("the approved command did not run: %v", rec)
	}
	deadline = time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		for _, r := range readLog(s) {
			if r.Result == "ran" && r.Channel == "hook claude" && strings.Contains(r.Command, "terraform destroy") {
				return
			}
		}
		time.Sleep(200 * time.Millisecond)
	}
	fail("the log does not say that the approved command ran (PostToolUse)")
}
