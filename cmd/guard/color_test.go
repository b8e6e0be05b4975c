package main

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/creack/pty"
)

// onScreen runs cmd with its standard output and error on a
// pseudo-terminal and returns what it wrote there.
func onScreen(t *testing.T, cmd *exec.Cmd) string {
	t.Helper()
	ptmx, tty, err := pty.Open()
	if err != nil {
		t.Skipf("no pseudo-terminals: %v", err)
	}
	defer ptmx.Close()
	pty.Setsize(ptmx, &pty.Winsize{Rows: 50, Cols: 200})
	cmd.Stdin, cmd.Stdout, cmd.Stderr = tty, tty, tty
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true, Ctty: 0}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	tty.Close()
	var out bytes.Buffer
	io.Copy(&out, ptmx) // ends with EIO when the program exits
	cmd.Wait()
	return out.String()
}

// TestNoColor checks that every coloured output (audit's report, log
// --stats's chart) is coloured on a terminal, and not when NO_COLOR is
// set or TERM is dumb. The prompt's own test is TestPromptNoColor.
func TestNoColor(t *testing.T) {
	e := newEnv(t)
	hist := filepath.Join(e.work, "hist.txt")
	if err := os.WriteFile(hist, []byte("git reset --hard\nls\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	state := filepath.Join(e.home, ".local", "state", "guard")
	if err := os.MkdirAll(state, 0o700); err != nil {
		t.Fatal(err)
	}
	h := strings.Repeat("0", 64)
	log := `{"time":"2026-12-01T10:00:00Z","decision":"allow","result":"ran","how":"rules","channel":"shell","command":"ls","cwd":"/","findings":[],"pid":1,"ppid":1,"uid":1,"seq":1,"prev":"","hash":"` + h + `"}` + "\n" +
		`{"time":"2026-12-01T10:01:00Z","decision":"deny","result":"blocked","how":"rules","channel":"shell","command":"rm -rf /","cwd":"/","findings":[{"rule":"fs.rm-root","severity":"critical","action":"deny"}],"pid":1,"ppid":1,"uid":1,"seq":2,"prev":"` + h + `","hash":"` + h + `"}` + "\n"
	if err := os.WriteFile(filepath.Join(state, "log.jsonl"), []byte(log), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name string
		args []string
		want string // printed either way
	}{
		{"audit", []string{"audit", hist}, "git.reset-hard"},
		{"log --stats", []string{"log", "--stats"}, "2 decisions"},
	} {
		for _, env := range []struct {
			extra string
			color bool
		}{{"", true}, {"NO_COLOR=1", false}, {"TERM=dumb", false}, {"NO_COLOR=", true}} {
			cmd := e.command(tt.args...)
			if env.extra != "" {
				cmd.Env = append(cmd.Env, env.extra)
			}
			out := onScreen(t, cmd)
			if !strings.Contains(out, tt.want) {
				t.Errorf("guard %s with %q: no %q in\n%q", tt.name, env.extra, tt.want, out)
			}
			if got := strings.Contains(out, "\x1b["); got != env.color {
				t.Errorf("guard %s with %q: escape codes %v, want %v:\n%q", tt.name, env.extra, got, env.color, out)
			}
		}
	}
}
