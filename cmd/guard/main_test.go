package main

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/guardsh/guard/internal/install"
)

// TestMain lets testscript run guard as a command. In tests only, guard's
// home and system config come from GUARD_TEST_HOME and GUARD_TEST_SYSTEM,
// so that scripts never touch the real ones; the guard binary itself has
// no such variables.
func TestMain(m *testing.M) {
	if h := os.Getenv("GUARD_TEST_HOME"); h != "" {
		homeDir = func() (string, error) { return h, nil }
	}
	if s := os.Getenv("GUARD_TEST_SYSTEM"); s != "" {
		systemFile = s
	}
	testscript.Main(m, map[string]func(){
		"guard": func() { os.Exit(run(os.Args, os.Stdin, os.Stdout, os.Stderr)) },
	})
}

func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir: "testdata",
		Setup: func(e *testscript.Env) error {
			home := filepath.Join(e.WorkDir, "home")
			if err := os.MkdirAll(home, 0o755); err != nil {
				return err
			}
			e.Setenv("HOME", home)
			e.Setenv("GUARD_TEST_HOME", home)
			e.Setenv("GUARD_TEST_SYSTEM", filepath.Join(e.WorkDir, "etc", "guard", "config.toml"))
			return nil
		},
		RequireExplicitExec: true,
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"status":     cmdStatus,
			"codextrust": cmdCodexTrust,
			"syslogd":    cmdSyslogd,
		},
	})
}

// cmdStatus runs a program and checks its exact exit status:
// status 77 guard check 'rm -rf /'. Its output is kept for stdout and
// stderr checks, as exec's is.
func cmdStatus(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: status CODE PROGRAM [ARG...]")
	}
	want, err := strconv.Atoi(args[0])
	if err != nil {
		ts.Fatalf("bad status %q", args[0])
	}
	err = ts.Exec(args[1], args[2:]...)
	got := 0
	if err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			ts.Fatalf("running %s: %v", args[1], err)
		}
		got = ee.ExitCode()
	}
	if got != want {
		ts.Logf("[stdout]\n%s[stderr]\n%s", ts.ReadFile("stdout"), ts.ReadFile("stderr"))
		ts.Fatalf("exit status %d, want %d", got, want)
	}
}

// cmdCodexTrust does what pressing t in Codex's /hooks screen does for
// guard's hook: codextrust HOOKS.JSON writes its trusted_hash into the
// config.toml beside it.
func cmdCodexTrust(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: codextrust HOOKS.JSON")
	}
	path := ts.MkAbs(args[0])
	data, err := os.ReadFile(path)
	ts.Check(err)
	g, h, handler, ok := install.CodexPlace(data, ownsHook("codex", ts.Getenv("HOME")))
	if !ok {
		ts.Fatalf("no guard hook in %s", path)
	}
	cfg := filepath.Join(filepath.Dir(path), "config.toml")
	old, _ := os.ReadFile(cfg)
	entry := "\n[hooks.state.\"" + install.CodexTrustKey(path, "PreToolUse", g, h) + "\"]\ntrusted_hash = \"" + install.CodexHash(handler) + "\"\n"
	ts.Check(os.WriteFile(cfg, append(old, entry...), 0o644))
}
