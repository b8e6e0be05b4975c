package install

import (
	"encoding/json"
	"regexp"
)

// The agents' own file tools write files without a shell. guard's hook is
// registered for them too, so that it can deny a write to guard's own
// files and to the agents' hook settings (internal/hook/files.go).
const (
	// ClaudeMatcher is guard's PreToolUse matcher for Claude Code: Bash
	// and the file tools.
	ClaudeMatcher = "Bash|Write|Edit|MultiEdit|NotebookEdit"
	// CodexMatcher is guard's PreToolUse matcher for Codex: its shell
	// tool and apply_patch, for releases whose hooks see it.
	CodexMatcher = "Bash|apply_patch"
	// GeminiMatcher is guard's BeforeTool matcher for Gemini CLI.
	GeminiMatcher = "run_shell_command|write_file|replace"
	// CursorFileMatcher is the matcher of guard's preToolUse hook for
	// Cursor's edit tools.
	CursorFileMatcher = "Write|StrReplace|Edit|MultiEdit|Delete|EditNotebook"
)

// ShellTool names an agent's shell tool as its hooks see it ("" for an
// unknown agent). It is a switch, not a map, so that no table is built
// when guard starts.
func ShellTool(agent string) string {
	switch agent {
	case "claude", "codex":
		return "Bash"
	case "gemini":
		return "run_shell_command"
	}
	return ""
}

// FileTools names an agent's file tools as its hooks see them.
func FileTools(agent string) []string {
	switch agent {
	case "claude":
		return []string{"Write", "Edit", "MultiEdit", "NotebookEdit"}
	case "codex":
		return []string{"apply_patch"}
	case "gemini":
		return []string{"write_file", "replace"}
	}
	return nil
}

// MatcherCovers reports whether a hook matcher (a regular expression over
// the whole tool name; empty or * for every tool) covers tool.
func MatcherCovers(matcher, tool string) bool {
	if matcher == "" || matcher == "*" {
		return true
	}
	re, err := regexp.Compile("^(?:" + matcher + ")$")
	return err == nil && re.MatchString(tool)
}

// CursorFileHook is guard's preToolUse hook for Cursor's edit tools, in
// the releases that have preToolUse; older releases ignore the event.
func CursorFileHook(command string, ours func(string) bool) Hook {
	return Hook{Event: "preToolUse", Flat: true,
		Handler: NewObject("command", command, "matcher", CursorFileMatcher, "failClosed", true),
		Managed: []string{"command", "matcher", "failClosed"},
		Top:     NewObject("version", json.Number("1")), Ours: ours}
}
