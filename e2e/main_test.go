package e2e

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// The suite runs only when GUARD_E2E=1: it installs the real agent CLIs
// from npm (once, into CacheDir) and runs them, which takes minutes.
var (
	enabled = os.Getenv("GUARD_E2E") == "1"
	// runDir holds this run's guard binary and the sandboxes.
	runDir string
	// guardBin is the guard binary built for this run, on the host.
	guardBin string
	// agentBins maps an agent to the directory of its CLI.
	agentBins = map[string]string{}
	// agentErr maps an agent to the reason it could not be installed.
	agentErr = map[string]error{}
)

// homeIn is root's home in the password database; the suite mounts each
// sandbox's home over it. CI runs as root.
const homeIn = "/root"

func TestMain(m *testing.M) {
	if !enabled {
		fmt.Println("e2e: skipped; set GUARD_E2E=1 to run the real agent CLIs (see .ci/run)")
		os.Exit(m.Run())
	}
	if err := setup(); err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		os.Exit(1)
	}
	code := m.Run()
	if code == 0 && os.Getenv("GUARD_E2E_KEEP") == "" {
		os.RemoveAll(runDir)
	} else {
		fmt.Fprintln(os.Stderr, "e2e: sandboxes kept in", runDir)
	}
	os.Exit(code)
}

func setup() error {
	if os.Getuid() != 0 {
		return errors.New("the suite needs root for its mount namespaces (unshare -m); CI runs as root")
	}
	if out, err := exec.Command("unshare", "-m", "--propagation", "private", "true").CombinedOutput(); err != nil {
		return fmt.Errorf("unshare -m does not work here: %v %s", err, out)
	}
	var err error
	if err = os.MkdirAll("/var/tmp", 0o1777); err != nil {
		return err
	}
	if runDir, err = os.MkdirTemp("/var/tmp", "guard-e2e-run-"); err != nil {
		return err
	}
	guardBin = filepath.Join(runDir, "guard")
	build := exec.Command("go", "build", "-o", guardBin, "../cmd/guard")
	if out, err := build.CombinedOutput(); err != nil {
		return fmt.Errorf("building guard: %v\n%s", err, out)
	}
	versions, err := Versions(".")
	if err != nil {
		return err
	}
	for _, agent := range []string{"CLAUDE_CODE", "CODEX", "GEMINI_CLI"} {
		spec := versions[agent]
		if spec == "" {
			return fmt.Errorf("versions.env has no %s", agent)
		}
		start := time.Now()
		bin, err := Install(context.Background(), spec)
		if err != nil {
			agentErr[agent] = err
			fmt.Fprintf(os.Stderr, "e2e: %s: %v\n", spec, err)
			continue
		}
		agentBins[agent] = bin
		fmt.Fprintf(os.Stderr, "e2e: %s ready in %s (%s)\n", spec, time.Since(start).Round(time.Millisecond), bin)
	}
	return nil
}

// need skips the test when the suite is off, and fails it when the agent
// could not be installed for any reason but an unreachable npm.
func need(t *testing.T, agent string) string {
	t.Helper()
	if !enabled {
		t.Skip("set GUARD_E2E=1 to run the real agent CLIs")
	}
	if err := agentErr[agent]; err != nil {
		if errors.Is(err, ErrNoNPM) {
			t.Skipf("skipped: %v", err)
		}
		t.Fatalf("%s: %v", agent, err)
	}
	return agentBins[agent]
}

// newSandbox makes a sandbox with guard in ~/bin, the recorders, a git
// project in ~/work, and a login profile that keeps ~/bin first on PATH
// (login shells, such as Codex's bash -lc, reset PATH from /etc/profile).
func newSandbox(t *testing.T) *Sandbox {
	t.Helper()
	s, err := NewSandbox(runDir, homeIn)
	if err != nil {
		t.Fatal(err)
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	data, err := os.ReadFile(guardBin)
	must(err)
	must(s.WriteFile(filepath.Join(homeIn, "bin", "guard"), string(data), 0o755))
	must(s.AddRecorders())
	profile := "PATH=\"$HOME/bin:$PATH\"; export PATH\n"
	must(s.WriteFile(filepath.Join(homeIn, ".bash_profile"), profile, 0o644))
	must(s.WriteFile(filepath.Join(homeIn, ".profile"), profile, 0o644))
	must(s.WriteFile(filepath.Join(homeIn, "work", "README"), "a project\n", 0o644))
	s.Env = []string{
		"HOME=" + homeIn,
		"USER=root", "LOGNAME=root",
		"PATH=" + filepath.Join(homeIn, "bin") + ":/usr/local/bin:/usr/bin:/bin",
		"LANG=C.UTF-8",
		"TERM=dumb",
		"SHELL=/bin/bash",
		"NO_COLOR=1",
		"CI=1",
	}
	r := s.Run(30*time.Second, filepath.Join(homeIn, "work"), nil, "", "/bin/sh", "-c",
		"git init -q -b main . && git -c user.email=e2e@example.com -c user.name=e2e add README && git -c user.email=e2e@example.com -c user.name=e2e commit -qm init")
	if r.Exit != 0 {
		t.Fatalf("git init in the sandbox: %s", r)
	}
	return s
}

// guard runs guard in the sandbox, as the person would.
func guard(t *testing.T, s *Sandbox, env []string, args ...string) Result {
	t.Helper()
	return s.Run(60*time.Second, filepath.Join(homeIn, "work"), env, "", append([]string{filepath.Join(homeIn, "bin", "guard")}, args...)...)
}

// contains fails the test unless text holds every want.
func contains(t *testing.T, what, text string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("%s does not contain %q:\n%s", what, w, text)
		}
	}
}
