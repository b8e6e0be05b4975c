package doctor

import (
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/guardsh/guard/internal/install"
)

// claudeManagedDir is where Claude Code reads managed settings on Linux:
// managed-settings.json and the drop-in files of managed-settings.d.
var claudeManagedDir = "/etc/claude-code"

// claudeManagedFiles returns the managed settings files, the drop-ins in
// name order after the main file.
func claudeManagedFiles() []string {
	files := []string{filepath.Join(claudeManagedDir, "managed-settings.json")}
	drops, _ := filepath.Glob(filepath.Join(claudeManagedDir, "managed-settings.d", "*.json"))
	slices.Sort(drops)
	return append(files, drops...)
}

// claudeOffEnv are the environment variables that start Claude Code with
// its hooks off, as --bare and --safe-mode do.
var claudeOffEnv = []string{"CLAUDE_CODE_SIMPLE", "CLAUDE_CODE_SAFE_MODE"}

// truthy is how Claude Code reads a boolean environment variable.
func truthy(v string) bool {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "1", "true", "yes", "on":
		return true
	}
	return false
}

// claudeChecks: every switch that leaves guard's hook out of Claude Code
// (disableAllHooks in any settings file it reads; allowManagedHooksOnly
// and strictPluginOnlyCustomization in managed settings, which ignore the
// user's and the project's hooks; CLAUDE_CODE_SIMPLE and
// CLAUDE_CODE_SAFE_MODE in the environment or in a settings file's env),
// and the PostToolUse hook.
//
// root is the project's root, for either scope, or "" outside a project.
func (r *runner) claudeChecks(what, path string, data []byte, home string, scope install.Scope, root string) []Check {
	var out []Check
	files := []string{path}
	if scope == install.Project {
		files = append(files, filepath.Join(root, ".claude", "settings.local.json"))
	} else if root != "" {
		// Installed for the user: this project's settings can still turn
		// every hook off here.
		files = append(files, filepath.Join(root, ".claude", "settings.json"), filepath.Join(root, ".claude", "settings.local.json"))
	}
	managed := claudeManagedFiles()
	files = append(files, managed...)
	for _, f := range files {
		d := data
		if f != path {
			var err error
			if d, _, err = install.ReadFile(f); err != nil || d == nil {
				continue
			}
		}
		if v, ok, _ := install.GetKey(d, "disableAllHooks"); ok && v == true {
			out = append(out, Check{What: what, Where: f, Level: "problem",
				Message: "disableAllHooks is true: Claude Code runs no hooks, guard's included", Fix: "set disableAllHooks to false in " + f})
		}
		for _, name := range claudeOffEnv {
			if v, ok, _ := install.GetKey(d, "env", name); ok {
				if s, _ := v.(string); truthy(s) || v == true {
					out = append(out, Check{What: what, Where: f, Level: "problem",
						Message: name + " is set in this file's env: Claude Code starts with its hooks off, guard's included", Fix: "remove " + name + " from the env of " + f})
				}
			}
		}
		if !slices.Contains(managed, f) {
			continue
		}
		if v, ok, _ := install.GetKey(d, "allowManagedHooksOnly"); ok && v == true && !r.claudeManagedHasGuard(managed, home) {
			out = append(out, Check{What: what, Where: f, Level: "problem",
				Message: "allowManagedHooksOnly is true: Claude Code ignores the user's and the project's hooks, guard's included",
				Fix:     "register guard's hook in the managed settings (copy it from " + path + "), or remove allowManagedHooksOnly from " + f})
		}
		if v, ok, _ := install.GetKey(d, "strictPluginOnlyCustomization"); ok && lockedHooks(v) {
			out = append(out, Check{What: what, Where: f, Level: "problem",
				Message: "strictPluginOnlyCustomization locks hooks: Claude Code ignores the hooks in settings.json files, guard's included",
				Fix:     "remove \"hooks\" from strictPluginOnlyCustomization in " + f + ", or ship guard's hook in a plugin the managed settings enable"})
		}
	}
	for _, name := range claudeOffEnv {
		if truthy(os.Getenv(name)) {
			out = append(out, Check{What: what, Where: "the environment", Level: "problem",
				Message: name + " is set: a Claude Code started from this shell runs no hooks, guard's included", Fix: "unset " + name + " (and remove it from your shell's start-up files)"})
		}
	}
	after := install.ClaudeAfterHooks("", r.ownsHook("claude", home))
	if found, err := after[0].Find(data); err == nil && len(found) == 0 {
		out = append(out, Check{What: what, Where: path, Level: "note",
			Message: "no PostToolUse hook: the log cannot tell whether a command you approved in Claude Code's dialog ran", Fix: "guard install claude" + install.ScopeFlag(scope)})
	}
	return out
}

// lockedHooks reports whether a strictPluginOnlyCustomization value locks
// the hooks surface: true locks every surface, a list locks those named.
func lockedHooks(v any) bool {
	if b, ok := v.(bool); ok {
		return b
	}
	l, _ := install.List(v)
	return slices.Contains(l, any("hooks"))
}

// claudeManagedHasGuard reports whether guard's PreToolUse hook is itself
// registered in a managed settings file, where allowManagedHooksOnly
// still runs it.
func (r *runner) claudeManagedHasGuard(files []string, home string) bool {
	h := r.agentHook("claude", home)
	for _, f := range files {
		if d, _, err := install.ReadFile(f); err == nil && d != nil {
			if found, err := h.Find(d); err == nil && len(found) > 0 {
				return true
			}
		}
	}
	return false
}
