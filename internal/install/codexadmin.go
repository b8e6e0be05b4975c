package install

import (
	"path/filepath"

	"github.com/pelletier/go-toml/v2"
)

// CodexAdminDir is where Codex reads an administrator's files on Unix:
// requirements.toml, which users cannot override, and managed_config.toml,
// the defaults applied each time Codex starts.
const CodexAdminDir = "/etc/codex"

// CodexAdmin is what guard reads of one of Codex's administrator files.
type CodexAdmin struct {
	Features map[string]any `toml:"features"`
	// ManagedOnly is allow_managed_hooks_only, honoured in
	// requirements.toml only: Codex then skips the hooks of users,
	// projects and sessions, and runs only those the administrator's
	// files register.
	ManagedOnly *bool                          `toml:"allow_managed_hooks_only"`
	Hooks       map[string][]CodexAdminHookSet `toml:"hooks"`
}

// CodexAdminHookSet is one matcher group of an inline [hooks] table.
type CodexAdminHookSet struct {
	Matcher string `toml:"matcher"`
	Hooks   []struct {
		Type    string `toml:"type"`
		Command string `toml:"command"`
	} `toml:"hooks"`
}

// ReadCodexAdmin reads requirements.toml and managed_config.toml from dir.
// A missing file is nil with no error.
func ReadCodexAdmin(dir string) (req, managed *CodexAdmin, err error) {
	read := func(name string) (*CodexAdmin, error) {
		data, exists, err := ReadFile(filepath.Join(dir, name))
		if err != nil || !exists {
			return nil, err
		}
		var a CodexAdmin
		if err := toml.Unmarshal(data, &a); err != nil {
			return nil, err
		}
		return &a, nil
	}
	if req, err = read("requirements.toml"); err != nil {
		return nil, nil, err
	}
	managed, err = read("managed_config.toml")
	return req, managed, err
}

// HooksOff reports which [features] key of the file turns every hook off
// (hooks, or its old name codex_hooks), or "".
func (a *CodexAdmin) HooksOff() string {
	if a == nil {
		return ""
	}
	for _, k := range []string{"hooks", "codex_hooks"} {
		if v, ok := a.Features[k]; ok && v == false {
			return k
		}
	}
	return ""
}

// HasPreToolUse reports whether the file's inline hooks register a
// PreToolUse command that owns says is guard's.
func (a *CodexAdmin) HasPreToolUse(owns func(string) bool) bool {
	if a == nil {
		return false
	}
	for _, set := range a.Hooks["PreToolUse"] {
		for _, h := range set.Hooks {
			if h.Type == "command" && owns(h.Command) {
				return true
			}
		}
	}
	return false
}
