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
