package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// geminiSettings is a person's own Gemini CLI settings, with comments and
// a trailing comma as Gemini CLI allows: install must accept them and
// uninstall give them back byte for byte.
const geminiSettings = `{
  // chosen on first run
  "security": {"auth": {"selectedType": "gemini-api-key"}},
  "ui": {"theme": "GitHub"} /* dark at night */
}
`

func geminiSetup(t *testing.T, home string, script ...Turn) (*Sandbox, *Model, string, []string) {
	t.Helper()
	bin := need(t, "GEMINI_CLI")
	s := newSandbox(t)
	if len(script) == 0 {
		script = standardScript()
	}
	m := model(t, Gemini, script...)
	env := []string{pathWith(bin), "GEMINI_API_KEY=e2e", "GOOGLE_GEMINI_BASE_URL=" + m.URL}
	if home != homeIn {
		env = append(env, "GEMINI_CLI_HOME="+home)
	}
	dir := filepath.Join(home, ".gemini")
	if err := s.WriteFile(filepath.Join(dir, "settings.json"), geminiSettings, 0o644); err != nil {
		t.Fatal(err)
	}
	// Headless runs need the folder trusted (else exit 55).
	if err := s.WriteFile(filepath.Join(dir, "trustedFolders.json"), `{"`+filepath.Join(homeIn, "work")+`": "TRUST_FOLDER"}`, 0o644); err != nil {
		t.Fatal(err)
	}
	return s, m, bin, env
}

func runGemini(s *Sandbox, bin string, env []string) Result {
	return s.Run(agentTimeout, filepath.Join(homeIn, "work"), env, "",
		filepath.Join(bin, "gemini"), "-p", "Tidy up the infrastructure.", "--yolo")
}

// The hook: blocked with guard's reason, safe commands run; a settings
// file with comments is installable and comes back byte for byte.
func TestGeminiHook(t *testing.T) {
	s, m, bin, env := geminiSetup(t, homeIn)
	settings := filepath.Join(homeIn, ".gemini", "settings.json")
	if r := guard(t, s, env, "install", "gemini"); r.Exit != 0 {
		t.Fatalf("guard install gemini: %s", r)
	}
	contains(t, "the installed settings", s.ReadFile(settings), "// chosen on first run", "/* dark at night */", "hook gemini")
	wantDoctor(t, s, env, 0, "ok", "registered", "guard's hook program runs")
	r := runGemini(s, bin, env)
	wantStandard(t, s, m, r, "Exit Code: 3", "guard blocked this command", "Gemini CLI hooks cannot ask for it")
	wantLog(t, s, "hook gemini", "gemini", map[string]string{"terraform destroy": "blocked", "volumeDelete": "blocked", "git status": "passed"})
	wantDoctor(t, s, env, 0, "ok", "last called just now")
	if r := guard(t, s, env, "uninstall", "gemini"); r.Exit != 0 {
		t.Fatalf("guard uninstall gemini: %s", r)
	}
	if got := s.ReadFile(settings); got != geminiSettings {
		t.Errorf("uninstall did not give the settings back:\n%s", got)
	}
}

// hooksConfig.enabled = false switches every hook off: the command runs,
// and doctor says why.
func TestGeminiHooksDisabled(t *testing.T) {
	for _, tc := range []struct{ name, key, doctor string }{
		{"enabled", `"hooksConfig": {"enabled": false},`, "hooksConfig.enabled is false"},
		{"disabled-list", `"hooksConfig": {"disabled": ["guard"]},`, "guard's hook is in hooksConfig.disabled"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, m, bin, env := geminiSetup(t, homeIn, Turn{Command: destroyCmd}, Turn{Text: "done"})
			settings := filepath.Join(homeIn, ".gemini", "settings.json")
			if r := guard(t, s, env, "install", "gemini"); r.Exit != 0 {
				t.Fatalf("guard install gemini: %s", r)
			}
			data := strings.Replace(s.ReadFile(settings), "{", "{\n  "+tc.key, 1)
			if err := s.WriteFile(settings, data, 0o644); err != nil {
				t.Fatal(err)
			}
			wantDoctor(t, s, env, 1, "problem", tc.doctor)
			r := runGemini(s, bin, env)
			if rec := s.Recorded(); len(rec) != 1 || !strings.HasPrefix(rec[0], "terraform [destroy]") {
				t.Errorf("with hooks off, terraform should have run (unguarded): %v\n%s", rec, report(s, m, r))
			}
		})
	}
}

// A system defaults file, moved by GEMINI_CLI_SYSTEM_DEFAULTS_PATH, with
// hooksConfig.enabled = false switches every hook off when no other
// settings file sets it: the command runs, and doctor, given the same
// environment, says why.
func TestGeminiSystemDefaultsOff(t *testing.T) {
	s, m, bin, env := geminiSetup(t, homeIn, Turn{Command: destroyCmd}, Turn{Text: "done"})
	if r := guard(t, s, env, "install", "gemini"); r.Exit != 0 {
		t.Fatalf("guard install gemini: %s", r)
	}
	defaults := filepath.Join(homeIn, "etc", "system-defaults.json")
	if err := s.WriteFile(defaults, `{"hooksConfig": {"enabled": false}}`, 0o644); err != nil {
		t.Fatal(err)
	}
	env = append(env, "GEMINI_CLI_SYSTEM_DEFAULTS_PATH="+defaults)
	wantDoctor(t, s, env, 1, "problem", "hooksConfig.enabled is false in the system defaults")
	r := runGemini(s, bin, env)
	if rec := s.Recorded(); len(rec) != 1 || !strings.HasPrefix(rec[0], "terraform [destroy]") {
		t.Errorf("with hooks off in the system defaults, terraform should have run (unguarded): %v\n%s", rec, report(s, m, r))
	}
}

// GEMINI_CLI_HOME moves the home Gemini CLI keeps .gemini in; install and
// doctor follow it.
func TestGeminiHome(t *testing.T) {
	home := filepath.Join(homeIn, "gemini-home")
	s, m, bin, env := geminiSetup(t, home)
	if r := guard(t, s, env, "install", "gemini"); r.Exit != 0 || !strings.Contains(r.Stdout, home+"/.gemini/settings.json") {
		t.Fatalf("guard install gemini with GEMINI_CLI_HOME: %s", r)
	}
	wantDoctor(t, s, env, 0, "ok", "registered")
	r := runGemini(s, bin, env)
	wantStandard(t, s, m, r, "Exit Code: 3", "guard blocked this command")
}

// A hook whose guard binary is gone: Gemini CLI blocks the command (a
// missing binary fails closed there), and doctor says so.
func TestGeminiMissingBinary(t *testing.T) {
	s, m, bin, env := geminiSetup(t, homeIn, Turn{Command: destroyCmd}, Turn{Text: "done"})
	other := filepath.Join(homeIn, "opt", "guard")
	if err := s.WriteFile(other, s.ReadFile(filepath.Join(homeIn, "bin", "guard")), 0o755); err != nil {
		t.Fatal(err)
	}
	if r := s.Run(time.Minute, filepath.Join(homeIn, "work"), env, "", other, "install", "gemini"); r.Exit != 0 {
		t.Fatalf("guard install gemini: %s", r)
	}
	if err := os.Remove(s.Path(other)); err != nil {
		t.Fatal(err)
	}
	wantDoctor(t, s, env, 1, "problem", "which does not exist")
	r := runGemini(s, bin, env)
	if rec := s.Recorded(); len(rec) != 0 || len(m.Results()) == 0 {
		t.Errorf("with guard's binary gone Gemini CLI should block the call (a missing binary fails closed) and tell the model: %v\n%s", rec, report(s, m, r))
	}
}
