package e2e

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/guardsh/guard/internal/install"
)

// codexConfig points Codex at the fake model server.
func codexConfig(m *Model) string {
	return fmt.Sprintf(`model = "gpt-5.1"
model_provider = "fake"

[model_providers.fake]
name = "fake"
base_url = "%s/v1"
wire_api = "responses"
env_key = "FAKE_API_KEY"
`, m.URL)
}

func codexEnv(bin string, extra ...string) []string {
	return append([]string{pathWith(bin), "FAKE_API_KEY=e2e"}, extra...)
}

func runCodex(s *Sandbox, bin string, env []string, args ...string) Result {
	argv := append([]string{filepath.Join(bin, "codex"), "exec", "--skip-git-repo-check", "-s", "danger-full-access"}, args...)
	return s.Run(agentTimeout, filepath.Join(homeIn, "work"), env, "", append(argv, "Tidy up the infrastructure.")...)
}

// trustCodex does what pressing t in Codex's /hooks screen does: it
// writes the trusted_hash of guard's hook, computed as Codex computes it,
// into config.toml.
func trustCodex(t *testing.T, s *Sandbox, dir string) {
	t.Helper()
	hooksFile := filepath.Join(dir, "hooks.json")
	var file struct {
		Hooks map[string][]struct {
			Matcher string
			Hooks   []struct {
				Command string
				Timeout int
			}
		}
	}
	if err := json.Unmarshal([]byte(s.ReadFile(hooksFile)), &file); err != nil {
		t.Fatalf("hooks.json: %v", err)
	}
	for gi, g := range file.Hooks["PreToolUse"] {
		for hi, h := range g.Hooks {
			if !strings.Contains(h.Command, "guard") {
				continue
			}
			hash := install.CodexHash(install.CodexHandler{Event: "PreToolUse", Matcher: g.Matcher, Command: h.Command, Timeout: h.Timeout})
			cfg := filepath.Join(dir, "config.toml")
			entry := fmt.Sprintf("\n[hooks.state.%q]\ntrusted_hash = %q\n", install.CodexTrustKey(hooksFile, "PreToolUse", gi, hi), hash)
			if err := s.WriteFile(cfg, s.ReadFile(cfg)+entry, 0o644); err != nil {
				t.Fatal(err)
			}
			return
		}
	}
	t.Fatalf("no guard hook in %s", hooksFile)
}

func codexSetup(t *testing.T, dir string, script ...Turn) (*Sandbox, *Model, string, []string) {
	t.Helper()
	bin := need(t, "CODEX")
	s := newSandbox(t)
	if len(script) == 0 {
		script = standardScript()
	}
	m := model(t, Responses, script...)
	env := codexEnv(bin)
	if dir != filepath.Join(homeIn, ".codex") {
		env = append(env, "CODEX_HOME="+dir)
	}
	if err := s.WriteFile(filepath.Join(dir, "config.toml"), codexConfig(m), 0o644); err != nil {
		t.Fatal(err)
	}
	return s, m, bin, env
}

// A hook nobody trusted: Codex skips it without a word, and doctor says
// so with the fix. The rules guard install wrote still make Codex itself
// refuse terraform destroy (approval "never" turns its prompt into a
// refusal); the Railway call, which no prefix can describe, runs.
func TestCodexHookUntrusted(t *testing.T) {
	dir := filepath.Join(homeIn, ".codex")
	s, m, bin, env := codexSetup(t, dir, Turn{Command: destroyCmd}, Turn{Command: railwayCmd}, Turn{Text: "done"})
	if r := guard(t, s, env, "install", "codex"); r.Exit != 0 {
		t.Fatalf("guard install codex: %s", r)
	}
	wantDoctor(t, s, env, 1, "problem", "installed but not trusted", "open codex, type /hooks, press t")
	r := runCodex(s, bin, env)
	rec := s.Recorded()
	if len(rec) != 1 || !strings.HasPrefix(rec[0], "curl") {
		t.Errorf("untrusted hook: want the Railway curl to run unguarded and terraform refused by guard's Codex rules: %v\n%s", rec, report(s, m, r))
	}
	if res := m.Results(); len(res) < 1 || !strings.Contains(res[0], "approval required by policy") {
		t.Errorf("terraform destroy was not refused by Codex's own policy:\n%s", report(s, m, r))
	}
}

// Trusted (as /hooks does it): blocked, with guard's reason reaching the
// model; safe commands run; doctor is happy and says the hook was called.
func TestCodexHookTrusted(t *testing.T) {
	dir := filepath.Join(homeIn, ".codex")
	s, m, bin, env := codexSetup(t, dir)
	if r := guard(t, s, env, "install", "codex"); r.Exit != 0 {
		t.Fatalf("guard install codex: %s", r)
	}
	trustCodex(t, s, dir)
	wantDoctor(t, s, env, 0, "ok", "Codex trusts guard's hook", "guard's hook program runs")
	r := runCodex(s, bin, env)
	wantStandard(t, s, m, r, "exited with code 3", "guard blocked this command", "Codex hooks cannot ask for it")
	wantLog(t, s, "hook codex", "codex", map[string]string{"terraform destroy": "blocked", "volumeDelete": "blocked", "git status": "passed"})
	wantDoctor(t, s, env, 0, "ok", "last called just now")
}

// An administrator's requirements.toml wins over the user's trusted hook:
// with [features] hooks = false, or allow_managed_hooks_only = true and
// guard's hook only in the user's hooks.json, Codex runs the Railway call
// unguarded (terraform destroy is still refused by guard's Codex rules),
// and doctor, reading the same /etc/codex, says why. With guard's hook
// registered in requirements.toml itself, Codex runs it and doctor is
// content. The sandbox mounts its own directory over /etc/codex; an empty
// mount point is made, and removed afterwards, when the host has none.
func TestCodexAdminRequirements(t *testing.T) {
	guardHook := "[[hooks.PreToolUse]]\nmatcher = \"Bash\"\n[[hooks.PreToolUse.hooks]]\ntype = \"command\"\ncommand = \"" +
		filepath.Join(homeIn, "bin", "guard") + " hook codex\"\n"
	for _, tc := range []struct {
		name, requirements, doctor string
		guarded                    bool
	}{
		{"hooks-off", "[features]\nhooks = false\n", "[features] hooks = false in the administrator's requirements", false},
		{"managed-only", "allow_managed_hooks_only = true\n", "allow_managed_hooks_only = true: Codex ignores the user's and the project's hooks", false},
		{"managed-guard", "allow_managed_hooks_only = true\n" + guardHook, "Codex trusts guard's hook", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := filepath.Join(homeIn, ".codex")
			s, m, bin, env := codexSetup(t, dir, Turn{Command: destroyCmd}, Turn{Command: railwayCmd}, Turn{Text: "done"})
			if r := guard(t, s, env, "install", "codex"); r.Exit != 0 {
				t.Fatalf("guard install codex: %s", r)
			}
			trustCodex(t, s, dir)
			admin := filepath.Join(s.Root, "etc-codex")
			if err := os.MkdirAll(admin, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(admin, "requirements.toml"), []byte(tc.requirements), 0o644); err != nil {
				t.Fatal(err)
			}
			if _, err := os.Stat(install.CodexAdminDir); os.IsNotExist(err) {
				if err := os.Mkdir(install.CodexAdminDir, 0o755); err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { os.Remove(install.CodexAdminDir) })
			}
			s.Binds = append(s.Binds, [2]string{admin, install.CodexAdminDir})
			r := runCodex(s, bin, env)
			rec := s.Recorded()
			if tc.guarded {
				wantDoctor(t, s, env, 0, "ok", tc.doctor)
				if len(rec) != 0 {
					t.Errorf("guard's hook in the administrator's requirements should block both calls: %v\n%s", rec, report(s, m, r))
				}
				return
			}
			wantDoctor(t, s, env, 1, "problem", tc.doctor)
			if len(rec) != 1 || !strings.HasPrefix(rec[0], "curl") {
				t.Errorf("with the administrator's requirements switching guard's hook off, the Railway curl should run unguarded: %v\n%s", rec, report(s, m, r))
			}
		})
	}
}

// --dangerously-bypass-hook-trust runs the untrusted hook.
func TestCodexHookBypassTrust(t *testing.T) {
	dir := filepath.Join(homeIn, ".codex")
	s, m, bin, env := codexSetup(t, dir)
	if r := guard(t, s, env, "install", "codex"); r.Exit != 0 {
		t.Fatalf("guard install codex: %s", r)
	}
	r := runCodex(s, bin, env, "--dangerously-bypass-hook-trust")
	wantStandard(t, s, m, r, "exited with code 3", "guard blocked this command")
}

// CODEX_HOME moves Codex's configuration; install and doctor follow it.
func TestCodexHome(t *testing.T) {
	dir := filepath.Join(homeIn, "codex-home")
	s, m, bin, env := codexSetup(t, dir)
	if r := guard(t, s, env, "install", "codex"); r.Exit != 0 || !strings.Contains(r.Stdout, dir+"/hooks.json") {
		t.Fatalf("guard install codex with CODEX_HOME: %s", r)
	}
	if s.ReadFile(filepath.Join(homeIn, ".codex", "hooks.json")) != "" {
		t.Errorf("install wrote ~/.codex although CODEX_HOME is set")
	}
	wantDoctor(t, s, env, 1, "problem", "installed but not trusted")
	trustCodex(t, s, dir)
	wantDoctor(t, s, env, 0, "ok", "Codex trusts guard's hook")
	r := runCodex(s, bin, env)
	wantStandard(t, s, m, r, "exited with code 3", "guard blocked this command")
	// Uninstall takes out all it made.
	if r := guard(t, s, env, "uninstall", "codex"); r.Exit != 0 {
		t.Fatalf("guard uninstall codex: %s", r)
	}
	if s.ReadFile(filepath.Join(dir, "hooks.json")) != "" || s.ReadFile(filepath.Join(dir, "rules", "guard.rules")) != "" {
		t.Errorf("uninstall left guard's files in CODEX_HOME")
	}
}

// exec_command starting a bare interactive shell with a tty: what
// write_stdin types next reaches no hook, so guard blocks the session.
func TestCodexInteractiveShell(t *testing.T) {
	dir := filepath.Join(homeIn, ".codex")
	s, m, bin, env := codexSetup(t, dir,
		Turn{Command: "bash", Args: map[string]any{"tty": true}},
		Turn{Command: "python3", Args: map[string]any{"tty": true}},
		Turn{Command: statusCmd},
		Turn{Text: "done"})
	if r := guard(t, s, env, "install", "codex"); r.Exit != 0 {
		t.Fatalf("guard install codex: %s", r)
	}
	trustCodex(t, s, dir)
	r := runCodex(s, bin, env)
	res := m.Results()
	if len(res) < 3 {
		t.Fatalf("want 3 tool results:\n%s", report(s, m, r))
	}
	for i, prog := range []string{"bash", "python3"} {
		contains(t, "the result of an interactive "+prog, res[i], "guard blocked this command", "interactive "+prog+" session")
	}
	contains(t, "git status", res[2], "On branch main")
}

// The shell route: the account's login shell is a link named bash to
// guard (here in a private /etc/passwd), with no hook. Codex runs each
// command as bash -lc through it, and guard blocks.
func TestCodexShellRoute(t *testing.T) {
	dir := filepath.Join(homeIn, ".codex")
	s, m, bin, env := codexSetup(t, dir)
	link := filepath.Join(homeIn, ".local/state/guard/shell/bash")
	if err := os.MkdirAll(filepath.Dir(s.Path(link)), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(homeIn, "bin", "guard"), s.Path(link)); err != nil {
		t.Fatal(err)
	}
	passwd, err := os.ReadFile("/etc/passwd")
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, l := range strings.Split(string(passwd), "\n") {
		if f := strings.Split(l, ":"); len(f) == 7 && f[0] == "root" {
			f[6] = link
			l = strings.Join(f, ":")
		}
		lines = append(lines, l)
	}
	pw := filepath.Join(s.Root, "passwd")
	if err := os.WriteFile(pw, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	s.Binds = append(s.Binds, [2]string{pw, "/etc/passwd"})
	wantDoctor(t, s, env, 0, "ok", "guard is the login shell: Codex runs each command through it")
	r := runCodex(s, bin, env)
	wantStandard(t, s, m, r, "exited with code 3", "needs a person's approval and nobody could be asked")
	// (Codex wraps each command in its shell snapshot, so the logged text
	// of a long one is cut before the command itself.)
	wantLog(t, s, "shell", "codex", map[string]string{"": "blocked", "git status": "ran"})
}

// The rules guard export codex writes, checked with the real Codex's
// execpolicy: the README's examples and their wrapper and option forms
// prompt or are forbidden; everyday commands match nothing.
func TestCodexRules(t *testing.T) {
	bin := need(t, "CODEX")
	s := newSandbox(t)
	r := guard(t, s, nil, "export", "codex", "-o", filepath.Join(homeIn, "guard.rules"))
	if r.Exit != 0 {
		t.Fatalf("guard export codex: %s", r)
	}
	rules := s.Path(filepath.Join(homeIn, "guard.rules"))
	check := func(argv ...string) string {
		cmd := exec.Command(filepath.Join(bin, "codex"), append([]string{"execpolicy", "check", "--rules", rules, "--"}, argv...)...)
		cmd.Env = []string{"HOME=" + s.Home, "PATH=/usr/bin:/bin", "CODEX_HOME=" + filepath.Join(s.Home, ".codex")}
		cmd.WaitDelay = time.Second
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("codex execpolicy check %q: %v\n%s", argv, err, out)
		}
		var res struct{ Decision string }
		json.Unmarshal(out, &res)
		return res.Decision
	}
	for _, c := range []struct {
		argv []string
		want string
	}{
		{[]string{"terraform", "destroy"}, "prompt"},
		{[]string{"terraform", "-chdir=prod", "destroy"}, "prompt"},
		{[]string{"sudo", "terraform", "destroy"}, "prompt"},
		{[]string{"git", "push", "--force"}, "prompt"},
		{[]string{"git", "push", "-f", "origin", "main"}, "prompt"},
		{[]string{"rm", "-rf", "/"}, "forbidden"},
		{[]string{"sudo", "rm", "-rf", "/"}, "forbidden"},
		{[]string{"git", "status"}, ""},
		{[]string{"terraform", "plan"}, ""},
		{[]string{"rm", "-rf", "build"}, ""},
		{[]string{"git", "push", "origin", "feature"}, ""},
	} {
		if got := check(c.argv...); got != c.want {
			t.Errorf("codex execpolicy check %s: %q, want %q", strings.Join(c.argv, " "), got, c.want)
		}
	}
}

// A trusted hook whose guard binary is gone: Codex runs the command (it
// fails open), and doctor says the hook's program does not exist.
func TestCodexMissingBinary(t *testing.T) {
	dir := filepath.Join(homeIn, ".codex")
	s, m, bin, env := codexSetup(t, dir, Turn{Command: railwayCmd}, Turn{Text: "done"})
	// guard installed from a second copy, which then disappears.
	other := filepath.Join(homeIn, "opt", "guard")
	if err := s.WriteFile(other, s.ReadFile(filepath.Join(homeIn, "bin", "guard")), 0o755); err != nil {
		t.Fatal(err)
	}
	if r := s.Run(time.Minute, filepath.Join(homeIn, "work"), env, "", other, "install", "codex"); r.Exit != 0 {
		t.Fatalf("guard install codex: %s", r)
	}
	trustCodex(t, s, dir)
	if err := os.Remove(s.Path(other)); err != nil {
		t.Fatal(err)
	}
	wantDoctor(t, s, env, 1, "problem", "which does not exist")
	r := runCodex(s, bin, env)
	if rec := s.Recorded(); len(rec) != 1 || !strings.HasPrefix(rec[0], "curl") {
		t.Errorf("with guard's binary gone Codex should run the command (fail open): %v\n%s", rec, report(s, m, r))
	}
}
