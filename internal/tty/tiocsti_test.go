package tty

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

func TestTIOCSTI(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("reads a Linux sysctl")
	}
	dir := t.TempDir()
	old := tiocstiFile
	defer func() { tiocstiFile = old }()
	for _, tc := range []struct {
		content string
		missing bool
		allowed bool
	}{
		{content: "1\n", allowed: true},
		{content: "0\n", allowed: false},
		{missing: true, allowed: true},
	} {
		tiocstiFile = filepath.Join(dir, "legacy_tiocsti")
		os.Remove(tiocstiFile)
		if !tc.missing {
			os.WriteFile(tiocstiFile, []byte(tc.content), 0o600)
		}
		if got, why := TIOCSTI(); got != tc.allowed {
			t.Errorf("%q missing=%v: allowed %v (%s), want %v", tc.content, tc.missing, got, why, tc.allowed)
		}
		if NeedsCode(false) != tc.allowed || !NeedsCode(true) {
			t.Errorf("%q: NeedsCode(false) = %v", tc.content, NeedsCode(false))
		}
	}
}
