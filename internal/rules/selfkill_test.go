package rules

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"
)

func TestKillGuard(t *testing.T) {
	procs := map[int][2]string{
		4242: {"/usr/local/bin/guard", "guard"},
		4243: {"/opt/tools/g-1.2", "g-1.2"}, // guard under another name
		5000: {"/usr/bin/python3", "python3"},
		6000: {"", "guard"}, // another user's: /proc hides exe
	}
	oldP, oldG := processOf, groupOf
	processOf = func(pid int) (string, string) { p := procs[pid]; return p[0], p[1] }
	groupOf = func(pgid int) []int {
		if pgid == 777 {
			return []int{5000, 4242}
		}
		return []int{5000}
	}
	defer func() { processOf, groupOf = oldP, oldG }()
	s := defaultSet(t)
	ctx := ExampleContext()
	ctx.Protected = append(ctx.Protected, "/opt/tools/g-1.2")
	for _, tc := range []struct {
		cmd  string
		deny bool
	}{
		{"kill 4242", true},
		{"kill -STOP 4242", true},
		{"kill -9 4242", true},
		{"kill -s KILL 4242", true},
		{"kill -n 19 4242", true},
		{"kill -SIGSTOP 4242", true},
		{"kill -- 4242", true},
		{"kill 5000 4242", true},
		{"kill 4243", true},
		{"kill 6000", true},
		{"kill -- -777", true},
		{"kill -TERM -777", true},
		{"sudo kill -9 4242", true},
		{"kill $(pgrep guard)", true},
		{"kill -STOP $(cat /tmp/guard-1000/approve.pid)", true},
		{"kill 5000", false},
		{"kill -- -778", false},
		{"kill -9 5000", false},
		{"kill -l", false},
		{"kill %1", false},
		{"kill $(pgrep node)", false},
	} {
		d := s.Check(tc.cmd, ctx)
		got := false
		for _, f := range d.Findings {
			if f.Rule.ID == "self.kill-pid" && f.Action == Deny {
				got = true
			}
		}
		if got != tc.deny {
			t.Errorf("%s: self.kill-pid %v, want %v (%v)", tc.cmd, got, tc.deny, d.Findings)
		}
	}
}

// TestKillGuardProcess runs a real process named guard and checks that
// killing it by pid is denied.
func TestKillGuardProcess(t *testing.T) {
	if _, err := os.Readlink("/proc/self/exe"); err != nil {
		t.Skip("no /proc")
	}
	sleep, err := exec.LookPath("sleep")
	if err != nil {
		t.Skip("no sleep")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "guard")
	data, err := os.ReadFile(sleep)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bin, data, 0o755); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "30")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { cmd.Process.Kill(); cmd.Wait() }()
	deadline := time.Now().Add(5 * time.Second)
	for {
		if exe, _ := os.Readlink("/proc/" + strconv.Itoa(cmd.Process.Pid) + "/exe"); exe == bin || time.Now().After(deadline) {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	s := defaultSet(t)
	for _, c := range []string{"kill -STOP ", "kill -9 ", "kill "} {
		d := s.Check(c+strconv.Itoa(cmd.Process.Pid), ExampleContext())
		if d.Action != Deny {
			t.Errorf("%s%d: %v, want deny", c, cmd.Process.Pid, d.Action)
		}
	}
	if d := s.Check("kill -STOP "+strconv.Itoa(os.Getpid()), ExampleContext()); d.Action == Deny {
		t.Errorf("killing the test process itself is denied: %v", d.Findings)
	}
}
