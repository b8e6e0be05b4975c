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

// Getenv reads the person's environment. The variables that move an
// agent's configuration directory (CLAUDE_CONFIG_DIR, CODEX_HOME,
// GEMINI_CLI_HOME) are the agent's own settings: guard install and
// doctor run as the person and follow them, as the agent does.
type Getenv func(string) string

// ConfigDir returns the directory holding an agent's user settings.
func ConfigDir(agent, home string, getenv Getenv) string {
	env := func(k string) string {
		if getenv == nil {
			return ""
		}
		v := getenv(k)
		if v != "" && !filepath.IsAbs(v) {
			if abs, err := filepath.Abs(v); err == nil {
				v = abs
			}
		}
		return v
	}
	switch agent {
	case "claude":
		if d := env("CLAUDE_CONFIG_DIR"); d != "" {
			return filepath.Clean(d)
		}
		return filepath.Join(home, ".claude")
	case "codex":
		if d := env("CODEX_HOME"); d != "" {
			return filepath.Clean(d)
		}
		return filepath.Join(home, ".codex")
	case "gemini":
		if d := env("GEMINI_CLI_HOME"); d != "" {
			return filepath.Join(d, ".gemini")
		}
		return filepath.Join(home, ".gemini")
	case "cursor":
		return filepath.Join(home, ".cursor")
	}
	return ""
}

// ConfigEnv names the variable that moves an agent's configuration
// directory, or "".
func ConfigEnv(agent string) string {
	switch agent {
	case "claude":
		return "CLAUDE_CONFIG_DIR"
	case "codex":
		return "CODEX_HOME"
	case "gemini":
		return "GEMINI_CLI_HOME"
	}
	return ""
}

// SettingsFile returns the settings file holding an agent's hooks, for
// the user with home directory home (and environment getenv) or the
// project rooted at root.
func SettingsFile(agent string, scope Scope, home, root string, getenv Getenv) string {
	name := map[string]string{"claude": "settings.json", "cursor": "hooks.json", "codex": "hooks.json", "gemini": "settings.json"}[agent]
	if name == "" {
		return ""
	}
	if scope == Project {
		return filepath.Join(root, "."+agent, name)
	}
	return filepath.Join(ConfigDir(agent, home, getenv), name)
}

// CodexRulesFile is where guard export codex's rules go, for Codex's own
// approval prompts (Codex loads every *.rules file in rules/).
func CodexRulesFile(scope Scope, home, root string, getenv Getenv) string {
	if scope == Project {
		return filepath.Join(root, ".codex", "rules", "guard.rules")
	}
	return filepath.Join(ConfigDir("codex", home, getenv), "rules", "guard.rules")
}

// ClaudeAfterHooks are guard's PostToolUse and PostToolUseFailure hooks
// for Claude Code's Bash tool: they tell guard that a command it handed to
// Claude Code's dialog did run, for the log. They never block.
func ClaudeAfterHooks(command string, ours func(string) bool) []Hook {
	var out []Hook
	for _, ev := range []string{"PostToolUse", "PostToolUseFailure"} {
		out = append(out, Hook{Event: ev, Matcher: "Bash",
			Handler: NewObject("type", "command", "command", command, "timeout", json.Number("10")),
			Managed: []string{"type", "command", "timeout", "onFailure"}, Ours: ours})
	}
	return out
}

// ClaudeHook is guard's PreToolUse hook for Claude Code's Bash tool and
// its file tools (ClaudeMatcher).
// failClosed adds "onFailure": "block" (Claude Code v2.1.295 and later),
// so that a hook that cannot start, times out or crashes blocks the
// command instead of letting it run.
func ClaudeHook(command string, failClosed bool, ours func(string) bool) Hook {
	h := NewObject("type", "command", "command", command, "timeout", json.Number("30"))
	if failClosed {
		h.Set("onFailure", "block")
	}
	return Hook{Event: "PreToolUse", Matcher: ClaudeMatcher, Handler: h,
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
	return Hook{Event: "PreToolUse", Matcher: CodexMatcher,
		Handler: NewObject("type", "command", "command", command, "timeout", json.Number("30")),
		Managed: []string{"type", "command", "timeout"}, Ours: ours}
}

// GeminiHook is guard's BeforeTool hook for Gemini CLI's shell tool. Its
// timeout is in milliseconds. Gemini CLI has no fail-closed setting.
func GeminiHook(command string, ours func(string) bool) Hook {
	return Hook{Event: "BeforeTool", Matcher: GeminiMatcher,
		Handler: NewObject("name", "guard", "type", "command", "command", command,
			"timeout", json.Number("30000"), "description", "guard checks each shell command before it runs"),
		Managed: []string{"name", "type", "command", "timeout", "description"}, Ours: ours,
		// Gemini CLI strips comments from its settings files.
		Comments: true}
}
