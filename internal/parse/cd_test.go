package parse

import (
	"strings"
	"testing"
)

// cdCases are directory changes guard follows, or must stop following.
var cdCases = []commandCase{
	// pushd alone and pushd +N take a directory from the stack.
	{"pushd /tmp; pushd; rm x", []string{"pushd /tmp", "pushd dir=/tmp", "rm x dir=?"}},
	{"pushd /tmp; pushd +1; rm x", []string{"pushd /tmp", "pushd +1 dir=/tmp", "rm x dir=?"}},
	{"pushd -n /tmp; rm x", []string{"pushd -n /tmp", "rm x dir=/tmp"}},
	// CDPATH set by the command may send a plain name elsewhere.
	{"CDPATH=/var cd lib; rm x", []string{"cd lib", "rm x dir=?"}},
	{"export CDPATH=/var; cd lib; rm x", []string{"export 'CDPATH=/var'", "cd lib", "rm x dir=?"}},
	{"CDPATH=/var cd ./lib; rm x", []string{"cd ./lib", "rm x dir=/home/user/project/lib"}},
	{"CDPATH=/var cd /opt; rm x", []string{"cd /opt", "rm x dir=/opt"}},
	{"CDPATH= cd lib; rm x", []string{"cd lib", "rm x dir=/home/user/project/lib"}},
	{"CDPATH=$P cd lib; rm x", []string{"cd lib", "rm x dir=?"}},
	{"cd -L -- /opt; rm x", []string{"cd -L -- /opt", "rm x dir=/opt"}},
}

func TestCommandCdStack(t *testing.T) { runCommandCases(t, cdCases) }

// TestCommandStart checks that a cd moves Dir and never Start, which is
// where the session (or a remote shell) began.
func TestCommandStart(t *testing.T) {
	tests := []struct {
		in   string
		want []string // name dir start, for each invocation
	}{
		{"cd /srv && rm -rf data", []string{"cd " + testDir + " " + testDir, "rm /srv " + testDir}},
		{"(cd /srv; rm x)", []string{"cd " + testDir + " " + testDir, "rm /srv " + testDir}},
		{"bash -c 'cd /srv; rm x'", []string{"cd " + testDir + " " + testDir, "rm /srv " + testDir}},
		{"cd $D && rm x", []string{"cd " + testDir + " " + testDir, "rm ? " + testDir}},
		{"env -C /srv rm x", []string{"rm /srv " + testDir}},
		{"sudo -D /srv rm x", []string{"rm /srv " + testDir}},
		// A remote shell starts in its own directory.
		{"ssh h 'cd /srv; rm x'", []string{"ssh " + testDir + " " + testDir, "cd /home/user /home/user", "rm /srv /home/user"}},
		{"docker exec c sh -c 'cd /app; rm x'", []string{"docker " + testDir + " " + testDir, "cd ? ?", "rm /app ?"}},
	}
	for _, tt := range tests {
		var got []string
		for _, inv := range Command(tt.in, testOpts()) {
			got = append(got, inv.Name+" "+orUnknown(inv.Dir)+" "+orUnknown(inv.Start))
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("%q:\n got %q\nwant %q", tt.in, got, tt.want)
		}
	}
}

func orUnknown(s string) string {
	if s == "" {
		return "?"
	}
	return s
}
