package main

import (
	"strings"
	"testing"
)

// TestPromptTIOCSTI: while TIOCSTI can push bytes into the terminal, a
// confirmation that would take y asks for the typed code instead, so that
// a background process typing y does not approve it (issue 12 §7).
func TestPromptTIOCSTI(t *testing.T) {
	e := newEnv(t)
	cmd := e.command("-c", "terraform destroy")
	cmd.Env = append(cmd.Env, "GUARD_TEST_TIOCSTI=1")
	r := onTerminal(t, cmd, "")
	code := r.screen.waitFor(t, `Type ([A-Z0-9]{4}) and press Enter`)
	r.send("y\r")
	if got := r.wait(t); got != exitBlocked {
		t.Fatalf("exit status %d after y; the terminal shows:\n%q", got, r.screen.String())
	}
	if e.ranText() != "" {
		t.Fatalf("y approved it: %s", e.ranText())
	}

	cmd = e.command("-c", "terraform destroy")
	cmd.Env = append(cmd.Env, "GUARD_TEST_TIOCSTI=1")
	r = onTerminal(t, cmd, "")
	code = r.screen.waitFor(t, `Type ([A-Z0-9]{4}) and press Enter`)
	r.send(strings.ToLower(code) + "\r")
	if got := r.wait(t); got != 0 {
		t.Fatalf("exit status %d after the code; the terminal shows:\n%q", got, r.screen.String())
	}
	if !strings.Contains(e.ranText(), "terraform destroy") {
		t.Fatalf("the code did not approve it: %q", e.ranText())
	}
}
