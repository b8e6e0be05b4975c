package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestAllowFromTerminal adds and removes entries as a person does, on a
// terminal, and checks that they change the decisions.
func TestAllowFromTerminal(t *testing.T) {
	e := newEnv(t)
	scratch := filepath.Join(e.home, "project", "scratch")
	os.MkdirAll(scratch, 0o755)
	run := func(args ...string) (int, string) {
		t.Helper()
		r := onTerminal(t, e.command(args...), "")
		code := r.wait(t)
		return code, r.stdout.String() + r.stderr.String()
	}
	code, out := run("allow", "iac.terraform-destroy", "--in", scratch, "--for", "7d", "--note", "scratch infra")
	if code != 0 || !strings.Contains(out, "added guard allow #1: rule iac.terraform-destroy, in "+scratch+" and below, until ") {
		t.Fatalf("add rule: %d\n%s", code, out)
	}
	code, out = run("allow", "--command", "rm -rf /srv/cache")
	if code != 0 || !strings.Contains(out, "added guard allow #2: command rm -rf /srv/cache, everywhere") {
		t.Fatalf("add command: %d\n%s", code, out)
	}
	data, err := os.ReadFile(filepath.Join(e.home, ".config", "guard", "allow.json"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), `"arg /srv/cache"`) || !strings.Contains(string(data), `"note": "scratch infra"`) {
		t.Fatalf("allow.json:\n%s", data)
	}
	st, _ := os.Stat(filepath.Join(e.home, ".config", "guard", "allow.json"))
	if st.Mode().Perm() != 0o600 {
		t.Errorf("allow.json mode %v", st.Mode())
	}

	check := func(dir, cmd string) int {
		t.Helper()
		c := e.command("check", "-C", dir, cmd)
		c.Run()
		return c.ProcessState.ExitCode()
	}
	if got := check(scratch, "terraform destroy"); got != exitOK {
		t.Errorf("terraform destroy in scratch: exit %d, want 0", got)
	}
	if got := check(e.home, "terraform destroy"); got != exitConfirm {
		t.Errorf("terraform destroy outside scratch: exit %d, want 3", got)
	}
	if got := check(e.home, "rm  -rf '/srv/cache'"); got != exitOK {
		t.Errorf("the allowed command, spaced and quoted: exit %d, want 0", got)
	}

	// Refusals: self-protection, unknown rules, commands guard cannot
	// compare or does not flag.
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"allow", "self.files"}, "part of guard's self-protection"},
		{[]string{"allow", "no.such-rule"}, `no rule "no.such-rule"`},
		{[]string{"allow", "--command", "rm -rf $DIR"}, "only known when it runs"},
		{[]string{"allow", "--command", "ls && rm -rf /srv/x"}, "runs 2 programs"},
		{[]string{"allow", "--command", "ls -la"}, "already lets it pass"},
		{[]string{"allow", "--command", "rm -rf ~/.config/guard"}, "self-protection"},
		{[]string{"allow", "--until", "2001-01-01", "iac.terraform-destroy"}, "has passed"},
		{[]string{"allow", "--in", filepath.Join(e.work, "nope"), "iac.terraform-destroy"}, "no such directory"},
		{[]string{"allow", "--remove", "9"}, "no entry 9"},
	} {
		code, out := run(tc.args...)
		if code != exitUsage || !strings.Contains(out, tc.want) {
			t.Errorf("%v: exit %d, want 64 and %q:\n%s", tc.args, code, tc.want, out)
		}
	}

	code, out = run("allow", "--remove", "1")
	if code != 0 || !strings.Contains(out, "removed guard allow #1") {
		t.Fatalf("remove: %d\n%s", code, out)
	}
	if got := check(scratch, "terraform destroy"); got != exitConfirm {
		t.Errorf("terraform destroy after removal: exit %d, want 3", got)
	}
	code, out = run("allow", "--list")
	if code != 0 || strings.Contains(out, "iac.terraform-destroy") || !strings.Contains(out, "command rm -rf /srv/cache") {
		t.Errorf("list after removal: %d\n%s", code, out)
	}
}
