package main

import (
	"regexp"
	"strings"
	"testing"
	"time"
)

// The prompt's layout, on a real pseudo-terminal: what runs, why, what
// raised the severity and what to do instead come before the question,
// in that order, and the whole command and its directory after them.

// inOrder checks that the screen shows each pattern after the one before.
func inOrder(t *testing.T, text string, patterns ...string) {
	t.Helper()
	at := 0
	for _, p := range patterns {
		loc := regexp.MustCompile(p).FindStringIndex(text[at:])
		if loc == nil {
			t.Fatalf("the screen does not show %q after the line before it:\n%s", p, text)
		}
		at += loc[1]
	}
}

func TestPromptLayout(t *testing.T) {
	e := newEnv(t)
	r := onTerminal(t, e.command("-c", "cd /tmp && terraform -chdir=prod destroy -auto-approve"), "")
	r.screen.waitFor(t, `Type [A-Z0-9]{4} and press Enter`)
	inOrder(t, r.screen.String(),
		`guard: this command needs your approval`,
		`runs: +terraform '-chdir=prod' destroy -auto-approve\r*\n`,
		`why: +this destroys every resource the configuration manages\r*\n`,
		`raised: +high to critical, by the production marker '-chdir=prod'\r*\n`,
		`instead: +run terraform plan -destroy`,
		`rule: +iac\.terraform-destroy \(critical\)\r*\n`,
		`command: +cd /tmp && terraform -chdir=prod destroy -auto-approve\r*\n`,
		`directory: +`,
		`Type [A-Z0-9]{4} and press Enter to run it; anything else cancels \(no answer in [0-9ms]+ means no\): `,
	)
	r.send("\x03")
	if got := r.wait(t); got != exitBlocked {
		t.Fatalf("exit status %d", got)
	}
	// The agent reads the same words on stderr.
	inOrder(t, r.stderr.String(),
		`guard: blocked: iac\.terraform-destroy: this destroys every resource`,
		`guard:   runs: +terraform '-chdir=prod' destroy -auto-approve\n`,
		`guard:   raised: +high to critical, by the production marker`,
		`guard:   instead: +run terraform plan -destroy`,
	)
}

// TestPromptNoColor checks that NO_COLOR keeps escape codes for colour
// and bold off the prompt.
func TestPromptNoColor(t *testing.T) {
	e := newEnv(t)
	cmd := e.command("-c", "terraform destroy")
	cmd.Env = append(cmd.Env, "NO_COLOR=1")
	r := onTerminal(t, cmd, "")
	r.screen.waitFor(t, `Run it\?`)
	if strings.Contains(r.screen.String(), "\x1b[1m") {
		t.Errorf("bold with NO_COLOR set:\n%q", r.screen.String())
	}
	r.send("n")
	r.wait(t)

	cmd = e.command("-c", "terraform destroy")
	r = onTerminal(t, cmd, "")
	r.screen.waitFor(t, `Run it\?`)
	if !strings.Contains(r.screen.String(), "\x1b[1mguard: this command needs your approval") {
		t.Errorf("no bold title without NO_COLOR:\n%q", r.screen.String())
	}
	r.send("n")
	r.wait(t)
}

// TestApproverCountdownAndBell checks that guard approve rings the bell
// for a request and counts down to the requester's deadline, and shows
// the same lines as the terminal prompt.
func TestApproverCountdownAndBell(t *testing.T) {
	e := newEnv(t)
	e.config("[settings]\napprover_timeout = \"5m\"\n")
	ap := e.approver(t)
	req := e.request(t, "terraform destroy -auto-approve")
	ap.screen.waitFor(t, `Run it\? \[y/N\] \(no answer in \d+m\d+s means no\)`)
	text := ap.screen.String()
	if !strings.Contains(text, "\a") {
		t.Errorf("the approver did not ring the bell:\n%q", text)
	}
	inOrder(t, text,
		`guard approve: request 1: run this command\?`,
		`runs: +terraform destroy -auto-approve\r*\n`,
		`why: +this destroys every resource`,
		`instead: +run terraform plan -destroy`,
		`rule: +iac\.terraform-destroy \(high\)`,
		`command: +terraform destroy -auto-approve`,
		`asked by: +pid \d+`,
		`Run it\? \[y/N\] \(no answer in (4m5\d|5m0)s means no\)`,
	)
	// The countdown is redrawn in place, on the same line, and never
	// shows more time left than before.
	first := regexp.MustCompile(`no answer in (\S+) means no`).FindStringSubmatch(text)[1]
	ap.screen.waitFor(t, `\r\x1b\[KRun it\? \[y/N\] \(no answer in \d+m\d+s means no\)`)
	m := regexp.MustCompile(`\r\x1b\[KRun it\? \[y/N\] \(no answer in (\S+) means no\)`).FindAllStringSubmatch(ap.screen.String(), -1)
	d0, err0 := time.ParseDuration(first)
	d1, err1 := time.ParseDuration(m[len(m)-1][1])
	if err0 != nil || err1 != nil || d1 > d0 {
		t.Errorf("the countdown went from %s to %s", first, m[len(m)-1][1])
	}
	ap.send("n")
	if got := req.wait(t); got != exitBlocked {
		t.Fatalf("requester exit %d", got)
	}
}
