package install

import (
	"encoding/json"
	"path/filepath"
)

// Scope says whose settings file guard changes.
type Scope string

// The scopes.
const (
	// User is the person's own settings, for every project.
	User Scope = "user"
	// Project is the repository's settings, shared with everyone who
	// clones it (and the agent may edit them, so prefer User).
	Project Scope = "project"
)

// Timeout is the hook timeout guard registers, in seconds. guard answers
// in milliseconds; the timeout only matters if something is badly wrong,
// and then the agent's fail-closed setting blocks the command.
const Timeout = 30

// SettingsFile returns the settings file holding an agent's hooks, for
// the user with home directory home or the project rooted at root.
func SettingsFile(agent string, scope Scope, home, root string) string {
	base := home
	if scope == Project {
		base = root
	}
	switch agent {
	case "claude":
		return filepath.Join(base, ".claude", "settings.json")
	case "cursor":
		return filepath.Join(base, ".cursor", "hooks.json")
	case "codex":
		return filepath.Join(base, ".codex", "hooks.json")
	case "gemini":
		return filepath.Join(base, ".gemini", "settings.json")
	}
	return ""
}

// CodexRulesFile is where guard export codex's rules go, for Codex's own
// approval prompts (Codex loads every *.rules file in rules/).
func CodexRulesFile(scope Scope, home, root string) string {
	base := home
	if scope == Project {
		base = root
	}
	return filepath.Join(base, ".codex", "rules", "guard.rules")
}

// ClaudeHook is guard's PreToolUse hook for Claude Code's Bash tool.
// failClosed adds "onFailure": "block" (Claude Code v2.1.295 and later),
// so that a hook that cannot start, times out or crashes blocks the
// command instead of letting it run.
func ClaudeHook(command string, failClosed bool, ours func(string) bool) Hook {
	h := NewObject("type", "command", "command", command, "timeout", json.Number("30"))
	if failClosed {
		h.Set("onFailure", "block")
	}
	return Hook{Event: "PreToolUse", Matcher: "Bash", Handler: h,
		Managed: []string{"type", "command", "timeout", "onFailure"}, Ours: ours}
}

// CursorHook is guard's beforeShellExecution hook for Cursor, with
// "failClosed": true so that a failing hook blocks the command.
func CursorHook(command string, ours func(string) bool) Hook {
	return Hook{Event: "beforeShellExecution", Flat: true,
		Handler: NewObject("command", command, "failClosed", true),
		Managed: []string{"command", "failClosed"},
		Top:     NewObject("version", json.Number("1")), Ours: ours}
}

// CodexHook is guard's PreToolUse hook in Codex's hooks.json. Codex has
// no fail-closed setting: a hook that fails lets the command run.
func CodexHook(command string, ours func(string) bool) Hook {
	return Hook{Event: "PreToolUse", Matcher: "Bash",
		Handler: NewObject("type", "command", "command", command, "timeout", json.Number("30")),
		Managed: []string{"type", "command", "timeout"}, Ours: ours}
}

// GeminiHook is guard's BeforeTool hook for Gemini CLI's shell tool. Its
// timeout is in milliseconds. Gemini CLI has no fail-closed setting.
func GeminiHook(command string, ours func(string) bool) Hook {
	return Hook{Event: "BeforeTool", Matcher: "run_shell_command",
		Handler: NewObject("name", "guard", "type", "command", "command", command,
			"timeout", json.Number("30000"), "description", "guard checks each shell command before it runs"),
		Managed: []string{"name", "type", "command", "timeout", "description"}, Ours: ours,
		// Gemini CLI strips comments from its settings files.
		Comments: true}
}
