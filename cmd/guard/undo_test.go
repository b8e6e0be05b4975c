package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/guardsh/guard/internal/gitstate/gittest"
)

// project makes the test home's project a repository with committed
// files, one of them then modified, and an untracked file.
func (e *env) project(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(e.home, "project")
	gittest.Git(t, dir, "init", "-q", "-b", "main")
	gittest.Write(t, dir, map[string]string{"src/main.go": "package main\n", "src/util.go": "package main\n"})
	gittest.Commit(t, dir, "initial")
	gittest.Write(t, dir, map[string]string{"src/main.go": "package main // edited\n", "src/new.go": "package main // new\n"})
	return dir
}

// TestApproverUndo approves rm -rf of uncommitted work in guard approve,
// sees the blast radius there, and takes it back with guard undo.
func TestApproverUndo(t *testing.T) {
	e := newEnv(t)
	dir := e.project(t)
	ap := e.approver(t)
	req := e.request(t, "rm -rf src")
	ap.screen.waitFor(t, `rule:\s+fs\.rm-work \(high\)`)
	ap.screen.waitFor(t, `at stake: +src: 2 tracked files, 1 modified, 1 untracked`)
	ap.send("y")
	if got := req.wait(t); got != 0 {
		t.Fatalf("requester exit %d; stderr:\n%s", got, req.stderr.String())
	}
	if _, err := os.Stat(filepath.Join(dir, "src")); !os.IsNotExist(err) {
		t.Fatalf("src is still there: %v", err)
	}
	id := regexp.MustCompile(`kept checkpoint (\S+);`).FindStringSubmatch(req.stderr.String())
	if id == nil {
		t.Fatalf("no checkpoint: %s", req.stderr.String())
	}
	if log := readLog(t, e); !strings.Contains(log, `"how":"approver"`) || !strings.Contains(log, `"checkpoint":"`+id[1]+`"`) {
		t.Fatalf("log: %s", log)
	}
	undo := e.command("undo", id[1])
	out, err := undo.CombinedOutput()
	if err != nil {
		t.Fatalf("guard undo: %v\n%s", err, out)
	}
	for name, want := range map[string]string{"src/main.go": "package main // edited\n", "src/new.go": "package main // new\n", "src/util.go": "package main\n"} {
		got, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil || string(got) != want {
			t.Errorf("%s after undo: %q %v, want %q", name, got, err, want)
		}
	}
}

// TestPromptBlast checks that the terminal prompt shows the blast radius.
func TestPromptBlast(t *testing.T) {
	e := newEnv(t)
	e.project(t)
	r := onTerminal(t, e.command("-c", "git reset --hard"), "")
	r.screen.waitFor(t, `Run it\?`)
	r.screen.waitFor(t, `at stake: +1 modified file, 2 lines`)
	r.send("n")
	if got := r.wait(t); got != exitBlocked {
		t.Fatalf("exit %d", got)
	}
	if !strings.Contains(r.stderr.String(), "at stake:  1 modified file, 2 lines") {
		t.Fatalf("the agent is not told what was at stake: %s", r.stderr.String())
	}
}
