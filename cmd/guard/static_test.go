package main

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestNoCgo checks that the default build of guard (cgo on, as go install
// makes it) links no package with C code: os/user and net bring libc in,
// and a dynamically linked guard pays for the dynamic loader on every
// command. Use internal/passwd and internal/sock instead.
func TestNoCgo(t *testing.T) {
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	cmd := exec.Command(gobin, "list", "-deps", "-f", "{{if .CgoFiles}}{{.ImportPath}}{{end}}", ".")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=1", "GOFLAGS=")
	out, err := cmd.Output()
	if err != nil {
		if ee, ok := err.(*exec.ExitError); ok && strings.Contains(string(ee.Stderr), "cgo") {
			t.Skipf("cgo unavailable: %s", ee.Stderr)
		}
		t.Fatalf("go list: %v", err)
	}
	if pkgs := strings.Fields(string(out)); len(pkgs) > 0 {
		t.Fatalf("guard links packages with C code, so go install makes a dynamically linked binary: %s", strings.Join(pkgs, " "))
	}
}
