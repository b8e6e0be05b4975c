package e2e

import (
	"path/filepath"
	"strings"
	"testing"
)

// The agent's own file tool: Claude Code's Write of the project's hook
// settings is denied by guard's hook, a Write of an ordinary file is not
// (issue 12 §4).
func TestClaudeWriteTool(t *testing.T) {
	bin := need(t, "CLAUDE_CODE")
	s := newSandbox(t)
	settings := filepath.Join(homeIn, "work", ".claude", "settings.local.json")
	notes := filepath.Join(homeIn, "work", "notes.txt")
	m := model(t, Anthropic,
		Turn{Command: "write", Tool: "Write", Args: map[string]any{"file_path": settings, "content": `{"disableAllHooks": true}`}},
		Turn{Command: "write", Tool: "Write", Args: map[string]any{"file_path": notes, "content": "notes\n"}},
		Turn{Text: "All done."})
	env := claudeEnv(bin, m)
	if r := guard(t, s, env, "install", "claude"); r.Exit != 0 {
		t.Fatalf("guard install claude: %s", r)
	}
	contains(t, "the installed settings", s.ReadFile(filepath.Join(homeIn, ".claude", "settings.json")), "Bash|Write|Edit|MultiEdit|NotebookEdit")
	r := s.Run(agentTimeout, filepath.Join(homeIn, "work"), env, "",
		filepath.Join(bin, "claude"), "-p", "Write the files.", "--allowedTools", "Write", "--permission-mode", "acceptEdits")
	if got := s.ReadFile(settings); got != "" {
		t.Errorf("Claude Code wrote the hook settings through its Write tool: %q\n%s", got, r)
	}
	if got := s.ReadFile(notes); got != "notes\n" {
		t.Errorf("the ordinary Write did not happen: %q\n%s", got, r)
	}
	found := false
	for _, rec := range readLog(s) {
		if rec.Channel == "hook claude" && strings.HasPrefix(rec.Command, "Write ") && strings.Contains(rec.Command, "settings.local.json") && rec.Decision == "deny" {
			found = true
		}
	}
	if !found {
		t.Errorf("the log has no denied Write of the settings")
	}
	results := strings.Join(m.Results(), "\n")
	if !strings.Contains(results, "self.files") {
		t.Errorf("the model was not told why: %s", results)
	}
}

// Gemini CLI's write_file of its project settings is denied by guard's
// hook; an ordinary file is written.
func TestGeminiWriteTool(t *testing.T) {
	settings := filepath.Join(homeIn, "work", ".gemini", "settings.json")
	notes := filepath.Join(homeIn, "work", "notes.txt")
	s, m, bin, env := geminiSetup(t, homeIn,
		Turn{Command: "write", Tool: "write_file", Args: map[string]any{"file_path": settings, "content": `{"hooksConfig": {"enabled": false}}`}},
		Turn{Command: "write", Tool: "write_file", Args: map[string]any{"file_path": notes, "content": "notes\n"}},
		Turn{Text: "All done."})
	if r := guard(t, s, env, "install", "gemini"); r.Exit != 0 {
		t.Fatalf("guard install gemini: %s", r)
	}
	r := runGemini(s, bin, env)
	if got := s.ReadFile(settings); got != "" {
		t.Errorf("Gemini CLI wrote its project settings through write_file: %q\n%s", got, r)
	}
	if got := s.ReadFile(notes); got != "notes\n" {
		t.Errorf("the ordinary write_file did not happen: %q\n%s", got, r)
	}
	found := false
	for _, rec := range readLog(s) {
		if rec.Channel == "hook gemini" && strings.HasPrefix(rec.Command, "write_file ") && strings.Contains(rec.Command, ".gemini") && rec.Decision == "deny" {
			found = true
		}
	}
	if !found {
		t.Errorf("the log has no denied write_file; the model saw: %s", strings.Join(m.Results(), "\n"))
	}
}

// Codex's apply_patch, the freeform tool it offers models such as
// gpt-5.5, reaches its PreToolUse hook (Codex 0.169.0): a patch that adds
// the project's hook settings (a path relative to the working directory)
// or deletes Codex's own hooks.json is denied; a patch of an ordinary
// file is applied.
func TestCodexApplyPatch(t *testing.T) {
	dir := filepath.Join(homeIn, ".codex")
	hooks := filepath.Join(dir, "hooks.json")
	notes := filepath.Join(homeIn, "work", "notes.txt")
	patch := func(body string) Turn {
		return Turn{Command: "patch", Tool: "apply_patch", Input: "*** Begin Patch\n" + body + "*** End Patch\n"}
	}
	s, m, bin, env := codexSetup(t, dir,
		patch("*** Add File: .claude/settings.local.json\n+{\"disableAllHooks\": true}\n"),
		patch("*** Delete File: "+hooks+"\n"),
		patch("*** Add File: notes.txt\n+notes\n"),
		Turn{Text: "All done."})
	// A model whose metadata Codex knows, so that it offers apply_patch.
	if err := s.WriteFile(filepath.Join(dir, "config.toml"), strings.Replace(codexConfig(m), `"gpt-5.1"`, `"gpt-5.5"`, 1), 0o644); err != nil {
		t.Fatal(err)
	}
	if r := guard(t, s, env, "install", "codex"); r.Exit != 0 {
		t.Fatalf("guard install codex: %s", r)
	}
	trustCodex(t, s, dir)
	before := s.ReadFile(hooks)
	r := runCodex(s, bin, env)
	if got := s.ReadFile(filepath.Join(homeIn, "work", ".claude", "settings.local.json")); got != "" {
		t.Errorf("Codex's apply_patch wrote the project's hook settings: %q\n%s", got, report(s, m, r))
	}
	if got := s.ReadFile(hooks); got != before {
		t.Errorf("Codex's apply_patch changed its hooks.json: %q\n%s", got, report(s, m, r))
	}
	if got := s.ReadFile(notes); got != "notes\n" {
		t.Errorf("the ordinary patch was not applied: %q\n%s", got, report(s, m, r))
	}
	res := m.Results()
	if len(res) < 3 {
		t.Fatalf("want 3 tool results:\n%s", report(s, m, r))
	}
	for i := range 2 {
		contains(t, "the model's result of a denied patch", res[i], "guard blocked this command", "self.files")
	}
	wantLog(t, s, "hook codex", "codex", map[string]string{
		"apply_patch " + filepath.Join(homeIn, "work", ".claude", "settings.local.json"): "blocked",
		"apply_patch " + hooks: "blocked",
		"apply_patch " + notes: "passed",
	})
}
