package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/creack/pty"

	"github.com/guardsh/guard/internal/config"
)

// In the guard processes that tests start (testscript runs the test binary
// as guard), the approver's directory is $WORK/run next to the test home,
// so that no test reaches a real approver, and guard starts in a session
// of its own with no controlling terminal, as Claude Code runs commands,
// so that no test can prompt on the terminal of the person running go
// test. Tests that need a terminal start guard as the leader of a session
// on a pseudo-terminal, where setsid fails and the terminal stays.
func init() {
	home := os.Getenv("GUARD_TEST_HOME")
	if home == "" {
		return
	}
	runDir := filepath.Join(filepath.Dir(home), "run")
	runtimeDir = func(config.Paths) string { return runDir }
	forceChild = os.Getenv("GUARD_TEST_STDIN_CHILD") == "1"
	syscall.Setsid()
	// Through a link named bash, sh or zsh, or as -guard (a login shell),
	// the test binary is guard too; TestMain only knows the name guard.
	if name := filepath.Base(os.Args[0]); isShellName(name) || name == "-guard" {
		homeDir = func() (string, error) { return home, nil }
		if s := os.Getenv("GUARD_TEST_SYSTEM"); s != "" {
			systemFile = s
		}
		os.Exit(run(os.Args, os.Stdin, os.Stdout, os.Stderr))
	}
}

// env is a test home with a fake bin directory whose programs record
// their argv in $ran.
type env struct {
	t     *testing.T
	work  string
	home  string
	bin   string
	ran   string
	guard string
}

func newEnv(t *testing.T) *env {
	t.Helper()
	guard, err := exec.LookPath("guard")
	if err != nil {
		t.Skip("the guard test command is not on PATH")
	}
	// Unix socket paths are short: keep the work directory near the root.
	work, err := os.MkdirTemp("", "gsh")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(work) })
	e := &env{t: t, work: work, home: filepath.Join(work, "home"), bin: filepath.Join(work, "bin"),
		ran: filepath.Join(work, "ran.txt"), guard: guard}
	for _, d := range []string{e.home, e.bin, filepath.Join(e.home, "project")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, name := range []string{"terraform", "gh", "kubectl"} {
		e.fake(name)
	}
	return e
}

// fake writes a program that appends its name and arguments to e.ran.
func (e *env) fake(name string) {
	script := "#!/bin/sh\necho \"" + name + " $*\" >> '" + e.ran + "'\necho \"" + name + " ran\"\n"
	if err := os.WriteFile(filepath.Join(e.bin, name), []byte(script), 0o755); err != nil {
		e.t.Fatal(err)
	}
}

// config writes the user's guard config.
func (e *env) config(text string) {
	p := filepath.Join(e.home, ".config", "guard", "config.toml")
	os.MkdirAll(filepath.Dir(p), 0o755)
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		e.t.Fatal(err)
	}
}

func (e *env) ranText() string {
	b, _ := os.ReadFile(e.ran)
	return string(b)
}

func (e *env) command(args ...string) *exec.Cmd {
	cmd := exec.Command(e.guard, args...)
	cmd.Dir = filepath.Join(e.home, "project")
	cmd.Env = []string{
		"PATH=" + e.bin + ":" + filepath.Dir(e.guard) + ":/usr/bin:/bin",
		"HOME=" + e.home,
		"GUARD_TEST_HOME=" + e.home,
		"GUARD_TEST_SYSTEM=" + filepath.Join(e.work, "etc", "guard", "config.toml"),
		"TERM=xterm-256color",
		"LANG=C.UTF-8",
	}
	return cmd
}

// screen collects what a program writes to its terminal.
type screen struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (s *screen) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.buf.Write(p)
}

func (s *screen) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.buf.String()
}

// waitFor waits until the screen shows re and returns its first submatch.
// The deadline only keeps a broken test from hanging.
func (s *screen) waitFor(t *testing.T, re string) string {
	t.Helper()
	rx := regexp.MustCompile(re)
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		if m := rx.FindStringSubmatch(s.String()); m != nil {
			return m[len(m)-1]
		}
	}
	t.Fatalf("the terminal never showed %q; it shows:\n%q", re, s.String())
	return ""
}

// onTerminal starts cmd as the leader of a new session whose controlling
// terminal is a new pseudo-terminal, which it also gets as stdin. Its
// stdout and stderr go to buffers, away from the terminal, so that a test
// can tell what leaked onto them.
type ttyRun struct {
	cmd            *exec.Cmd
	ptmx           *os.File
	screen         *screen
	stdout, stderr bytes.Buffer
	done           chan error
}

func onTerminal(t *testing.T, cmd *exec.Cmd, typeAhead string) *ttyRun {
	t.Helper()
	ptmx, tty, err := pty.Open()
	if err != nil {
		t.Skipf("no pseudo-terminals: %v", err)
	}
	pty.Setsize(ptmx, &pty.Winsize{Rows: 50, Cols: 160})
	r := &ttyRun{cmd: cmd, ptmx: ptmx, screen: &screen{}, done: make(chan error, 1)}
	go func() {
		buf := make([]byte, 4096)
		for {
			n, err := ptmx.Read(buf)
			r.screen.Write(buf[:n])
			if err != nil {
				return
			}
		}
	}()
	if typeAhead != "" {
		ptmx.WriteString(typeAhead)
		r.screen.waitFor(t, regexp.QuoteMeta(typeAhead[len(typeAhead)-1:]))
	}
	cmd.Stdin = tty
	cmd.Stdout = &r.stdout
	cmd.Stderr = &r.stderr
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true, Ctty: 0}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	tty.Close()
	go func() { r.done <- cmd.Wait() }()
	t.Cleanup(func() {
		cmd.Process.Kill()
		ptmx.Close()
	})
	return r
}

func (r *ttyRun) send(s string) { r.ptmx.WriteString(s) }

// wait returns the exit status.
func (r *ttyRun) wait(t *testing.T) int {
	t.Helper()
	select {
	case err := <-r.done:
		if err == nil {
			return 0
		}
		if ee, ok := err.(*exec.ExitError); ok {
			return ee.ExitCode()
		}
		t.Fatal(err)
	case <-time.After(60 * time.Second):
		t.Fatalf("guard did not exit; the terminal shows:\n%q", r.screen.String())
	}
	return -1
}

func TestPromptOnTerminal(t *testing.T) {
	tests := []struct {
		name    string
		keys    string
		status  int
		runs    bool
		message string
	}{
		{"y approves", "y", 0, true, `approved; running it`},
		{"n refuses", "n", 77, false, `not approved \(no\)`},
		{"enter is no", "\r", 77, false, `not approved \(no\)`},
		{"ctrl-c is no", "\x03", 77, false, `not approved \(no\)`},
		{"esc is no", "\x1b", 77, false, `not approved \(no\)`},
		{"ctrl-d (eof) is no", "\x04", 77, false, `not approved \(no\)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			r := onTerminal(t, e.command("-c", "terraform destroy -auto-approve && echo after"), "")
			r.screen.waitFor(t, `Run it\?`)
			for _, want := range []string{`command:\s+terraform destroy -auto-approve`, `rule:\s+iac\.terraform-destroy \(high\)`, `directory:\s+` + regexp.QuoteMeta(filepath.Join(e.home, "project"))} {
				r.screen.waitFor(t, want)
			}
			r.send(tt.keys)
			if got := r.wait(t); got != tt.status {
				t.Fatalf("exit status %d, want %d\nstderr: %s", got, tt.status, r.stderr.String())
			}
			r.screen.waitFor(t, tt.message)
			if ran := strings.Contains(e.ranText(), "terraform destroy -auto-approve"); ran != tt.runs {
				t.Fatalf("terraform ran: %v, want %v", ran, tt.runs)
			}
			// Nothing of the prompt on the command's stdout: only what
			// the command printed.
			want := ""
			if tt.runs {
				want = "terraform ran\nafter\n"
			}
			if r.stdout.String() != want {
				t.Fatalf("stdout %q, want %q", r.stdout.String(), want)
			}
			if tt.runs && r.stderr.Len() != 0 {
				t.Fatalf("stderr of an approved command: %q", r.stderr.String())
			}
			if !tt.runs && !strings.Contains(r.stderr.String(), "a person was asked and did not approve it") {
				t.Fatalf("stderr: %q", r.stderr.String())
			}
			logged := readLog(t, e)
			if !strings.Contains(logged, `"how":"tty"`) {
				t.Fatalf("log: %s", logged)
			}
		})
	}
}

func readLog(t *testing.T, e *env) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(e.home, ".local", "state", "guard", "log.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestPromptTimeout(t *testing.T) {
	e := newEnv(t)
	e.config("[settings]\nconfirm_timeout = \"1s\"\n")
	r := onTerminal(t, e.command("-c", "terraform destroy"), "")
	r.screen.waitFor(t, `Run it\?`)
	if got := r.wait(t); got != exitBlocked {
		t.Fatalf("exit status %d", got)
	}
	r.screen.waitFor(t, `not approved \(timeout\)`)
	if e.ranText() != "" {
		t.Fatalf("ran: %s", e.ranText())
	}
	if !strings.Contains(readLog(t, e), `"answer":"timeout"`) {
		t.Fatal("timeout not logged")
	}
}

func TestPromptIgnoresTypeAhead(t *testing.T) {
	e := newEnv(t)
	// y and Enter typed before guard even starts sit in the terminal's
	// input queue; guard must discard them.
	r := onTerminal(t, e.command("-c", "terraform destroy"), "y\ry\r")
	r.screen.waitFor(t, `Run it\?`)
	r.send("\r")
	if got := r.wait(t); got != exitBlocked {
		t.Fatalf("exit status %d: the type-ahead answered", got)
	}
	if e.ranText() != "" {
		t.Fatalf("ran: %s", e.ranText())
	}
}

func TestPromptCriticalCode(t *testing.T) {
	for _, tc := range []struct {
		name   string
		answer func(code string) string
		status int
	}{
		{"the code runs it", func(code string) string { return strings.ToLower(code) + "\r" }, 0},
		{"y does not", func(string) string { return "y\r" }, exitBlocked},
		{"a wrong code does not", func(code string) string {
			if code == "AAAA" {
				return "CCCC\r"
			}
			return "AAAA\r"
		}, exitBlocked},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t)
			r := onTerminal(t, e.command("-c", "gh repo delete acme/web --yes"), "")
			code := r.screen.waitFor(t, `Type ([A-Z0-9]{4}) and press Enter`)
			r.screen.waitFor(t, `cloud\.gh-repo-delete \(critical\)`)
			r.send(tc.answer(code))
			if got := r.wait(t); got != tc.status {
				t.Fatalf("exit status %d, want %d", got, tc.status)
			}
			if ran := e.ranText() != ""; ran != (tc.status == 0) {
				t.Fatalf("ran %q", e.ranText())
			}
		})
	}
}

// TestPromptShowsCommandSafely checks that escape sequences in a command
// reach the terminal quoted, never raw.
func TestPromptShowsCommandSafely(t *testing.T) {
	e := newEnv(t)
	r := onTerminal(t, e.command("-c", "terraform destroy # \x1b[2J\x1b]0;pwned\x07"), "")
	r.screen.waitFor(t, `Run it\?`)
	r.screen.waitFor(t, `\\E\[2J|\\x1b\[2J|\\033\[2J`)
	r.send("n")
	r.wait(t)
	if strings.Contains(r.screen.String(), "\x1b]0;pwned") {
		t.Fatal("a raw escape sequence from the command reached the terminal")
	}
}

// TestNoTerminal runs guard as Claude Code runs commands: a new session
// with no controlling terminal and stdin from /dev/null.
func TestNoTerminal(t *testing.T) {
	e := newEnv(t)
	cmd := e.command("-c", "terraform destroy")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
	devnull, _ := os.Open(os.DevNull)
	defer devnull.Close()
	cmd.Stdin = devnull
	err := cmd.Run()
	ee, ok := err.(*exec.ExitError)
	if !ok || ee.ExitCode() != exitBlocked {
		t.Fatalf("guard: %v, want exit status %d", err, exitBlocked)
	}
	if e.ranText() != "" || stdout.Len() != 0 {
		t.Fatalf("it ran: %q, stdout %q", e.ranText(), stdout.String())
	}
	for _, want := range []string{
		"guard: blocked: iac.terraform-destroy",
		"needs a person's approval and nobody could be asked",
		"do not try to get around this block",
		"run the command in their own terminal, or to start `guard approve`",
	} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr.String())
		}
	}
	if !strings.Contains(readLog(t, e), `"result":"blocked","how":"none"`) {
		t.Fatalf("log: %s", readLog(t, e))
	}
}

// TestBackgroundJobIsNotPrompted checks that guard in a background process
// group of a terminal does not read it (which would stop it with SIGTTIN)
// but goes on to the approver.
func TestBackgroundJobIsNotPrompted(t *testing.T) {
	e := newEnv(t)
	// A shell on the terminal runs guard as a background job and waits.
	sh := exec.Command("/bin/bash", "-c", fmt.Sprintf("set -m; %q -c 'terraform destroy' & wait $!; echo status=$?", e.guard))
	sh.Env = e.command().Env
	sh.Dir = filepath.Join(e.home, "project")
	r := onTerminal(t, sh, "")
	if got := r.wait(t); got != 0 {
		t.Fatalf("bash: %d", got)
	}
	if !strings.Contains(r.stdout.String(), "status=77") {
		t.Fatalf("stdout %q stderr %q", r.stdout.String(), r.stderr.String())
	}
	if strings.Contains(r.screen.String(), "Run it?") {
		t.Fatal("a background job prompted")
	}
}

// TestSignalDeathPassesThrough checks that a shell killed by a signal
// looks the same to guard's parent, whether guard execs the shell or runs
// it as a child to feed it a script.
func TestSignalDeathPassesThrough(t *testing.T) {
	for _, child := range []bool{false, true} {
		e := newEnv(t)
		cmd := e.command()
		cmd.Stdin = strings.NewReader("echo before\nkill -TERM $$\necho after\n")
		if child {
			cmd.Env = append(cmd.Env, "GUARD_TEST_STDIN_CHILD=1")
		}
		out, _ := cmd.Output()
		ws := cmd.ProcessState.Sys().(syscall.WaitStatus)
		if !ws.Signaled() || ws.Signal() != syscall.SIGTERM || string(out) != "before\n" {
			t.Fatalf("child=%v: status %v, stdout %q; want killed by SIGTERM after 'before'", child, cmd.ProcessState, out)
		}
	}
}

// TestSignalsAreForwarded checks that a signal sent to guard reaches the
// shell it feeds.
func TestSignalsAreForwarded(t *testing.T) {
	e := newEnv(t)
	cmd := e.command()
	cmd.Env = append(cmd.Env, "GUARD_TEST_STDIN_CHILD=1")
	cmd.Stdin = strings.NewReader("trap 'echo got USR1; exit 5' USR1\necho ready\nwhile :; do sleep 0.01; done\n")
	stdout, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 64)
	n, _ := stdout.Read(buf)
	if string(buf[:n]) != "ready\n" {
		t.Fatalf("read %q", buf[:n])
	}
	cmd.Process.Signal(syscall.SIGUSR1)
	rest, _ := io.ReadAll(stdout)
	err := cmd.Wait()
	if cmd.ProcessState.ExitCode() != 5 || string(rest) != "got USR1\n" {
		t.Fatalf("exit %v, stdout %q", err, rest)
	}
}

// TestInteractiveSession starts guard with no arguments on a terminal, as
// a terminal emulator starts a login shell: the real shell runs the
// session, interactive.
func TestInteractiveSession(t *testing.T) {
	e := newEnv(t)
	ptmx, tty, err := pty.Open()
	if err != nil {
		t.Skip(err)
	}
	defer ptmx.Close()
	scr := &screen{}
	go io.Copy(scr, ptmx)
	cmd := e.command()
	cmd.Args[0] = "-guard" // a login shell
	cmd.Env = append(cmd.Env, "PS1=$ ")
	cmd.Stdin, cmd.Stdout, cmd.Stderr = tty, tty, tty
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	tty.Close()
	ptmx.WriteString("echo \"flags=$-\"; shopt -q login_shell && echo login-shell; exit 3\r")
	scr.waitFor(t, `flags=\w*i\w*`)
	scr.waitFor(t, `\nlogin-shell`)
	err = cmd.Wait()
	if cmd.ProcessState.ExitCode() != 3 {
		t.Fatalf("exit %v", err)
	}
}
