package rules_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/guardsh/guard/internal/blast"
	"github.com/guardsh/guard/internal/rules"
)

// TestInheritedTMPDIR checks that "$TMPDIR/x" is a temporary path only
// when the environment guard reads holds a TMPDIR in a temporary
// directory, and that nothing the command sets makes it one.
func TestInheritedTMPDIR(t *testing.T) {
	set, err := rules.Default()
	if err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	for _, tc := range []struct {
		env  []string // nil: the environment is not known
		cmd  string
		want string
	}{
		{nil, `rm -rf "$TMPDIR/myapp-test"`, "allow"},
		{[]string{"TMPDIR=" + tmp}, `rm -rf "$TMPDIR/myapp-test"`, "allow"},
		{[]string{"TMPDIR=/home/user"}, `rm -rf "$TMPDIR/Documents"`, "confirm"},
		{[]string{"TMPDIR=/tmp /home/user"}, `rm -rf $TMPDIR/x`, "confirm"},
		{[]string{"PATH=/bin"}, `rm -rf "$TMPDIR/myapp-test"`, "confirm"},
		{[]string{"TMPDIR=" + tmp}, `TMPDIR=/ rm -rf "$TMPDIR/x"`, "confirm"},
		{[]string{"TMPDIR=" + tmp}, `export TMP"DIR"=/home/user; rm -rf "$TMPDIR/Documents"`, "confirm"},
		{[]string{"TMPDIR=" + tmp}, `x=TMP; read -r "${x}DIR"; rm -rf "$TMPDIR/Documents"`, "confirm"},
		{[]string{"TMPDIR=" + tmp}, `env -u TMPDIR sh -c 'rm -rf "$TMPDIR/x"'`, "confirm"},
		{[]string{"TMPDIR=" + tmp}, `rm -rf "$TMPDIR"`, "confirm"},
		{[]string{"TMPDIR=" + tmp}, `rm -rf "$TMPDIR/../../home/user"`, "confirm"},
		{[]string{"TMPDIR=" + tmp}, `rm -rf "$TMPDIR"/*`, "allow"},
		{[]string{"TMPDIR=" + tmp}, `rm -rf "$TMPDIR"/.*`, "confirm"},
		{nil, `rm -rf "$TMPDIR/"`, "confirm"},
		{[]string{"XDG_CACHE_HOME=/home/user/.cache"}, `rm -rf "$XDG_CACHE_HOME/pip"`, "allow"},
		{[]string{"XDG_CACHE_HOME=/home/user"}, `rm -rf "$XDG_CACHE_HOME/Documents"`, "confirm"},
	} {
		ctx := rules.ExampleContext()
		if tc.env != nil {
			env := tc.env
			ctx.State = blast.New(ctx.Home)
			ctx.State.Environ = func() []string { return env }
		}
		if got := set.Check(tc.cmd, ctx).Action.String(); got != tc.want {
			t.Errorf("%q with %q: got %s, want %s", tc.cmd, tc.env, got, tc.want)
		}
	}
}

// TestTempLinks checks that a temporary path that a symbolic link takes
// out of the temporary directory is judged by where it leads.
func TestTempLinks(t *testing.T) {
	set, err := rules.Default()
	if err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	if err := os.Symlink("/etc", filepath.Join(tmp, "link")); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(tmp, "plain"), 0o755); err != nil {
		t.Fatal(err)
	}
	ctx := rules.ExampleContext()
	ctx.State = blast.New(ctx.Home)
	for cmd, want := range map[string]string{
		"rm -rf " + tmp + "/plain":    "allow",
		"rm -rf " + tmp + "/link/":    "confirm",
		"rm -rf " + tmp + "/link/*":   "confirm",
		"rm -rf " + tmp + "/link/ssh": "confirm",
	} {
		if got := set.Check(cmd, ctx).Action.String(); got != want {
			t.Errorf("%s: got %s, want %s", cmd, got, want)
		}
	}
}

// TestTempGlobKeeps checks that a glob clearing a temporary directory
// passes, and still asks or refuses when it reaches guard's own files,
// the project, the working directory or a sandbox's home under it.
func TestTempGlobKeeps(t *testing.T) {
	set, err := rules.Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		home, dir string
		extra     []string
		cmd, want string
	}{
		{"/home/user", "/home/user/project", nil, "rm -rf /tmp/*", "allow"},
		{"/home/user", "/home/user/project", []string{"/tmp/guard-1000"}, "rm -rf /tmp/*", "deny"},
		{"/home/user", "/home/user/project", []string{"/tmp/guard/state/log.jsonl"}, "rm -rf /tmp/*", "deny"},
		{"/home/user", "/tmp/work/project", nil, "rm -rf /tmp/*", "deny"},
		{"/tmp/home", "/tmp/home/project", nil, "rm -rf /tmp/*", "deny"},
		{"/tmp/home", "/home/user/project", nil, "rm -rf /tmp/*", "deny"},
		{"/home/user", "/home/user/project", []string{"/var/tmp/guard"}, "rm -rf /var/tmp/*", "deny"},
	} {
		ctx := rules.ExampleContext()
		ctx.Home, ctx.Dir = tc.home, tc.dir
		ctx.Protected = rules.ProtectedPaths(tc.home, tc.dir, tc.extra...)
		if got := set.Check(tc.cmd, ctx).Action.String(); got != tc.want {
			t.Errorf("%q (home %s, dir %s, protected %q): got %s, want %s", tc.cmd, tc.home, tc.dir, tc.extra, got, tc.want)
		}
	}
}
