package main

import (
	"os"
	"testing"
)

// A shim is a link to guard under another name. testscript starts guard
// only under the names it registered, so a test binary run under a shim's
// name (inside a test script: GUARD_TEST_HOME is set) is handed to guard's
// own entry point here, before testscript sees it.
func init() {
	if os.Getenv("GUARD_TEST_HOME") == "" || !shimMode(os.Args[0]) {
		return
	}
	h := os.Getenv("GUARD_TEST_HOME")
	homeDir = func() (string, error) { return h, nil }
	if s := os.Getenv("GUARD_TEST_SYSTEM"); s != "" {
		systemFile = s
	}
	os.Exit(run(os.Args, os.Stdin, os.Stdout, os.Stderr))
}

func TestShimMode(t *testing.T) {
	for name, want := range map[string]bool{
		"terraform": true, "/home/u/.local/state/guard/shims/kubectl": true, "psql": true,
		"guard": false, "/usr/local/bin/guard": false, "guard-linux-amd64": false, "guard.test": false,
		"bash": false, "-bash": false, "sh": false, "zsh": false, "": false, "/": false,
	} {
		if got := shimMode(name); got != want {
			t.Errorf("shimMode(%q) = %v, want %v", name, got, want)
		}
	}
}

func TestCheckShimName(t *testing.T) {
	for _, ok := range []string{"terraform", "kubectl", "psql", "aws", "gcloud", "docker-compose"} {
		if err := checkShimName(ok); err != nil {
			t.Errorf("%s: %v", ok, err)
		}
	}
	for _, bad := range []string{"", ".", "..", "a/b", "/usr/bin/rm", "-x", "guard", "guardian", "bash", "sh", "zsh", "a\nb"} {
		if err := checkShimName(bad); err == nil {
			t.Errorf("%q accepted as a shim name", bad)
		}
	}
}
