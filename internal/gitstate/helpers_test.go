package gitstate

import (
	"testing"
	"time"

	"github.com/guardsh/guard/internal/gitstate/gittest"
)

var (
	testRepo = gittest.Repo
	write    = gittest.Write
	run      = gittest.Git
)

func testGit(t testing.TB) *Git {
	t.Helper()
	g := New(t.TempDir())
	g.Timeout = time.Minute
	if g.Find() == "" {
		t.Skip("no git")
	}
	return g
}
