package approve

import (
	"context"
	"errors"
	"os"
	"strings"
	"syscall"
	"testing"
)

// TestShared: the hardened set-up's directory, which the agent's group
// may enter but not write in; the approver there takes requests only from
// the agent's uid.
func TestShared(t *testing.T) {
	if os.Getuid() != 0 {
		t.Skip("needs root to give the directory to another group")
	}
	const agent = 65534
	dir := runDir(t)
	if err := os.Mkdir(dir, 0o750); err != nil {
		t.Fatal(err)
	}
	os.Chown(dir, 0, agent)
	os.Chmod(dir, 0o750)
	s, err := ListenShared(dir, agent, agent)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	st, err := os.Lstat(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o660 || st.Sys().(*syscall.Stat_t).Gid != agent {
		t.Fatalf("socket mode %v gid %d, want 0660 in the agent's group", st.Mode().Perm(), st.Sys().(*syscall.Stat_t).Gid)
	}
	// The person's own request (uid 0 here) is refused: only the agent's
	// uid is served.
	_, err = Ask(context.Background(), dir, 0, req, nil)
	if !errors.Is(err, ErrRefused) || !strings.Contains(err.Error(), "requests from uid 0") {
		t.Fatalf("Ask as another uid = %v", err)
	}

	for _, tc := range []struct {
		name  string
		mode  os.FileMode
		group int
		want  string
	}{
		{"group-writable", 0o770, agent, "only its owner may write"},
		{"another group", 0o750, 0, "is in group 0"},
	} {
		d := runDir(t)
		os.Mkdir(d, tc.mode)
		os.Chmod(d, tc.mode)
		os.Chown(d, 0, tc.group)
		if _, err := ListenShared(d, agent, agent); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: ListenShared = %v, want %q", tc.name, err, tc.want)
		}
	}
}
