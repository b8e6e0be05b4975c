package main

import (
	"bytes"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// approver starts guard approve on a terminal of its own.
func (e *env) approver(t *testing.T) *ttyRun {
	t.Helper()
	r := onTerminal(t, e.command("approve"), "")
	r.screen.waitFor(t, `waiting for requests on .*approve\.sock`)
	return r
}

// request starts guard -c cmd as Claude Code does: no terminal, stdin
// from /dev/null.
type requester struct {
	cmd            *exec.Cmd
	stdout, stderr bytes.Buffer
	done           chan int
}

func (e *env) request(t *testing.T, command string) *requester {
	t.Helper()
	r := &requester{cmd: e.command("-c", command), done: make(chan int, 1)}
	r.cmd.Stdout, r.cmd.Stderr = &r.stdout, &r.stderr
	// The test binary, run as guard, starts a session of its own: no
	// controlling terminal (see init in shell_test.go).
	if err := r.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		r.cmd.Wait()
		r.done <- r.cmd.ProcessState.ExitCode()
	}()
	t.Cleanup(func() { r.cmd.Process.Kill() })
	return r
}

func (r *requester) wait(t *testing.T) int {
	t.Helper()
	select {
	case s := <-r.done:
		return s
	case <-time.After(60 * time.Second):
		t.Fatalf("the requester did not finish; stderr:\n%s", r.stderr.String())
	}
	return -1
}

func TestApproverAnswers(t *testing.T) {
	for _, tc := range []struct {
		name   string
		keys   string
		status int
		shown  string
	}{
		{"approve", "y", 0, `approved: terraform destroy`},
		{"deny", "n", exitBlocked, `refused \(no\): terraform destroy`},
		{"enter is no", "\r", exitBlocked, `refused \(no\)`},
		{"ctrl-c is no", "\x03", exitBlocked, `refused \(no\)`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t)
			ap := e.approver(t)
			req := e.request(t, "terraform destroy")
			ap.screen.waitFor(t, `request 1: run this command\?`)
			ap.screen.waitFor(t, `command:\s+terraform destroy`)
			ap.screen.waitFor(t, `asked by:\s+pid \d+ \(guard\), parent \d+ \(\S+\), uid \d+`)
			ap.screen.waitFor(t, `rule:\s+iac\.terraform-destroy \(high\)`)
			ap.screen.waitFor(t, `directory:\s+`+regexp.QuoteMeta(filepath.Join(e.home, "project")))
			ap.send(tc.keys)
			if got := req.wait(t); got != tc.status {
				t.Fatalf("requester exit %d, want %d; stderr:\n%s", got, tc.status, req.stderr.String())
			}
			ap.screen.waitFor(t, tc.shown)
			ran := strings.Contains(e.ranText(), "terraform destroy")
			if ran != (tc.status == 0) {
				t.Fatalf("ran %q", e.ranText())
			}
			if !strings.Contains(req.stderr.String(), "waiting up to 2m0s for a person to answer in guard approve") {
				t.Fatalf("stderr: %s", req.stderr.String())
			}
			if tc.status != 0 && !strings.Contains(req.stderr.String(), "a person was asked and did not approve it (no)") {
				t.Fatalf("stderr: %s", req.stderr.String())
			}
			if !strings.Contains(readLog(t, e), `"how":"approver"`) {
				t.Fatal("not logged as answered by the approver")
			}
			// The approver goes on to wait for the next request, and
			// stops on Ctrl-C.
			ap.screen.waitFor(t, `waiting for requests \(Ctrl-C to stop\)`)
			ap.send("\x03")
			if got := ap.wait(t); got != 0 {
				t.Fatalf("approver exit %d", got)
			}
			if _, err := os.Stat(filepath.Join(e.work, "run", "approve.sock")); !os.IsNotExist(err) {
				t.Fatalf("the socket is left behind: %v", err)
			}
		})
	}
}

func TestApproverCriticalCode(t *testing.T) {
	e := newEnv(t)
	ap := e.approver(t)
	req := e.request(t, "gh repo delete acme/web --yes")
	code := ap.screen.waitFor(t, `Type ([A-Z0-9]{4}) and press Enter`)
	ap.send(code + "\r")
	if got := req.wait(t); got != 0 {
		t.Fatalf("exit %d; stderr:\n%s", got, req.stderr.String())
	}
	if !strings.Contains(e.ranText(), "gh repo delete") {
		t.Fatal("did not run")
	}
}

func TestApproverTimeout(t *testing.T) {
	e := newEnv(t)
	e.config("[settings]\napprover_timeout = \"1s\"\n")
	ap := e.approver(t)
	req := e.request(t, "terraform destroy")
	ap.screen.waitFor(t, `run this command\?`)
	if got := req.wait(t); got != exitBlocked {
		t.Fatalf("exit %d", got)
	}
	if !strings.Contains(req.stderr.String(), "did not approve it (timeout)") {
		t.Fatalf("stderr: %s", req.stderr.String())
	}
	// The approver counts down to the same deadline: whichever side
	// notices first, the approver says the question is over.
	ap.screen.waitFor(t, `the requester stopped waiting|refused \(timeout\)`)
	if e.ranText() != "" {
		t.Fatalf("ran %q", e.ranText())
	}
	if !strings.Contains(readLog(t, e), `"how":"approver","answer":"timeout"`) {
		t.Fatal(readLog(t, e))
	}
}

func TestApproverTwoRequesters(t *testing.T) {
	e := newEnv(t)
	ap := e.approver(t)
	a := e.request(t, "terraform destroy -target=a")
	b := e.request(t, "terraform destroy -target=b")
	// Answer only once the prompt is drawn: guard discards type-ahead.
	first := ap.screen.waitFor(t, `request 1[^:]*: run this command\?[\s\S]*command:\s+terraform destroy -target=(a|b)[\s\S]*Run it\? \[y/N\]`)
	ap.send("y")
	ap.screen.waitFor(t, `request 2: run this command\?[\s\S]*Run it\? \[y/N\]`)
	ap.send("n")
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("approver screen:\n%q", ap.screen.String())
		}
	})
	sa, sb := a.wait(t), b.wait(t)
	approved, refused := "a", "b"
	if first == "b" {
		approved, refused = "b", "a"
	}
	want := map[string]int{approved: 0, refused: exitBlocked}
	if sa != want["a"] || sb != want["b"] {
		t.Fatalf("exit a=%d b=%d, want %v", sa, sb, want)
	}
	if ran := e.ranText(); !strings.Contains(ran, "-target="+approved) || strings.Contains(ran, "-target="+refused) {
		t.Fatalf("ran %q", ran)
	}
}

func TestApproverImpostor(t *testing.T) {
	if os.Getuid() != 0 {
		t.Skip("needs root to make a socket owned by another user")
	}
	e := newEnv(t)
	run := filepath.Join(e.work, "run")
	os.Mkdir(run, 0o700)
	ln, err := net.Listen("unix", filepath.Join(run, "approve.sock"))
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		// An impostor that would approve everything.
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			c.Write([]byte(`{"status":"queued"}` + "\n" + `{"status":"answered","answer":"yes"}` + "\n"))
			c.Close()
		}
	}()
	os.Chown(run, 65534, 65534)
	os.Lchown(filepath.Join(run, "approve.sock"), 65534, 65534)
	req := e.request(t, "terraform destroy")
	if got := req.wait(t); got != exitBlocked {
		t.Fatalf("exit %d; stderr:\n%s", got, req.stderr.String())
	}
	if !strings.Contains(req.stderr.String(), "refusing an untrusted approver") || !strings.Contains(req.stderr.String(), "owned by uid 65534") {
		t.Fatalf("stderr: %s", req.stderr.String())
	}
	if e.ranText() != "" {
		t.Fatalf("ran %q", e.ranText())
	}
}

func TestApproverRunsOnce(t *testing.T) {
	e := newEnv(t)
	e.approver(t)
	second := onTerminal(t, e.command("approve"), "")
	if got := second.wait(t); got != exitUsage {
		t.Fatalf("exit %d", got)
	}
	if !strings.Contains(second.stderr.String(), "another guard approve is already running (pid") {
		t.Fatalf("stderr: %s", second.stderr.String())
	}
}
