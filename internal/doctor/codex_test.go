package doctor

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCodexAdminSwitches: an administrator's requirements.toml or
// managed_config.toml that leaves guard's hook out of Codex is a problem,
// unless guard's hook is registered in those files; a managed-only switch
// in the user's own config.toml is not honoured by Codex and is not one.
func TestCodexAdminSwitches(t *testing.T) {
	dir := t.TempDir()
	old := codexAdminDir
	codexAdminDir = dir
	defer func() { codexAdminDir = old }()
	home := t.TempDir()
	guardHook := "[[hooks.PreToolUse]]\nmatcher = \"Bash\"\n[[hooks.PreToolUse.hooks]]\ntype = \"command\"\ncommand = \"/usr/local/bin/guard hook codex\"\n"
	otherHook := strings.Replace(guardHook, "/usr/local/bin/guard hook codex", "/opt/audit/log-tool --event pre", 1)
	tests := []struct {
		name         string
		req, managed string // file contents; "" for no file
		want         string // a substring of the one problem, or "" for none
	}{
		{"nothing", "", "", ""},
		{"hooks off in requirements", "[features]\nhooks = false\n", "", "requirements.toml: [features] hooks = false"},
		{"old name off", "[features]\ncodex_hooks = false\n", "", "[features] codex_hooks = false"},
		{"hooks on", "[features]\nhooks = true\n", "", ""},
		{"managed defaults off", "", "[features]\nhooks = false\n", "managed_config.toml: [features] hooks = false"},
		{"managed only", "allow_managed_hooks_only = true\n", "", "allow_managed_hooks_only = true"},
		{"managed only, another tool's hook", "allow_managed_hooks_only = true\n" + otherHook, "", "allow_managed_hooks_only = true"},
		{"managed only, guard in requirements", "allow_managed_hooks_only = true\n" + guardHook, "", ""},
		{"managed only, guard in managed defaults", "allow_managed_hooks_only = true\n", guardHook, ""},
		{"managed only off", "allow_managed_hooks_only = false\n", "", ""},
		{"unreadable", "[features\n", "", "cannot read Codex's administrator files"},
	}
	for _, tt := range tests {
		os.RemoveAll(dir)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		for name, text := range map[string]string{"requirements.toml": tt.req, "managed_config.toml": tt.managed} {
			if text != "" {
				if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
					t.Fatal(err)
				}
			}
		}
		var got []string
		for _, c := range (&runner{}).codexAdminChecks("codex (user)", home) {
			if c.Level == "problem" {
				got = append(got, filepath.Base(c.Where)+": "+c.Message)
			}
		}
		switch {
		case tt.want == "" && len(got) > 0:
			t.Errorf("%s: problems %q, want none", tt.name, got)
		case tt.want != "" && (len(got) != 1 || !strings.Contains(got[0], tt.want)):
			t.Errorf("%s: problems %q, want one with %q", tt.name, got, tt.want)
		}
	}
}
