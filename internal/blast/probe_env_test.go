package blast

import (
	"strings"
	"testing"
)

// TestGitEnvNamesStartWithGIT keeps ForeignGitEnv's shortcut sound: it
// looks only at entries that start with GIT_.
func TestGitEnvNamesStartWithGIT(t *testing.T) {
	for _, g := range gitEnv {
		if !strings.HasPrefix(g, "GIT_") {
			t.Errorf("%s does not start with GIT_: ForeignGitEnv would pass it over", g)
		}
	}
	if !ForeignGitEnv([]string{"HOME=/root", "GIT_DIR=/x"}) || ForeignGitEnv([]string{"HOME=/root", "GIT_AUTHOR_NAME=a", "XGIT_DIR=/x"}) {
		t.Error("ForeignGitEnv")
	}
}
