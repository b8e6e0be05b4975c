package doctor

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/guardsh/guard/internal/install"
)

// TestClaudeManagedSwitches: managed settings that make Claude Code ignore
// the user's hooks are problems unless guard's hook is in them, and
// drop-in files count as much as managed-settings.json.
func TestClaudeManagedSwitches(t *testing.T) {
	dir := t.TempDir()
	old := claudeManagedDir
	claudeManagedDir = dir
	defer func() { claudeManagedDir = old }()
	for _, name := range claudeOffEnv {
		t.Setenv(name, "")
	}
	home := t.TempDir()
	user := filepath.Join(home, ".claude", "settings.json")
	guardHook := `{"hooks": {"PreToolUse": [{"matcher": "Bash", "hooks": [{"type": "command", "command": "/usr/local/bin/guard hook claude"}]}]}}`
	write := func(name, text string) {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	problems := func() []string {
		var out []string
		for _, c := range (&runner{}).claudeChecks("claude (user)", user, []byte(guardHook), home, install.User, "") {
			if c.Level == "problem" {
				out = append(out, filepath.Base(c.Where)+": "+c.Message)
			}
		}
		return out
	}
	tests := []struct {
		name, file, text string
		want             string // a substring of the one problem, or "" for none
	}{
		{"nothing managed", "", "", ""},
		{"managed only", "managed-settings.json", `{"allowManagedHooksOnly": true}`, "allowManagedHooksOnly is true"},
		{"managed only, off", "managed-settings.json", `{"allowManagedHooksOnly": false}`, ""},
		{"in a drop-in", "managed-settings.d/10-policy.json", `{"allowManagedHooksOnly": true}`, "10-policy.json: allowManagedHooksOnly"},
		{"guard in managed", "managed-settings.json", strings.Replace(guardHook, `{"hooks"`, `{"allowManagedHooksOnly": true, "hooks"`, 1), ""},
		{"hooks locked", "managed-settings.json", `{"strictPluginOnlyCustomization": ["skills", "hooks"]}`, "strictPluginOnlyCustomization locks hooks"},
		{"all locked", "managed-settings.json", `{"strictPluginOnlyCustomization": true}`, "strictPluginOnlyCustomization locks hooks"},
		{"skills locked", "managed-settings.json", `{"strictPluginOnlyCustomization": ["skills"]}`, ""},
		{"disableAllHooks managed", "managed-settings.d/x.json", `{"disableAllHooks": true}`, "x.json: disableAllHooks is true"},
		{"env in managed", "managed-settings.json", `{"env": {"CLAUDE_CODE_SIMPLE": "true"}}`, "CLAUDE_CODE_SIMPLE is set in this file's env"},
	}
	for _, tt := range tests {
		os.RemoveAll(dir)
		if tt.file != "" {
			write(tt.file, tt.text)
		}
		got := problems()
		switch {
		case tt.want == "" && len(got) > 0:
			t.Errorf("%s: problems %q, want none", tt.name, got)
		case tt.want != "" && (len(got) != 1 || !strings.Contains(got[0], tt.want)):
			t.Errorf("%s: problems %q, want one with %q", tt.name, got, tt.want)
		}
	}
	t.Setenv("CLAUDE_CODE_SIMPLE", "yes")
	os.RemoveAll(dir)
	if got := problems(); len(got) != 1 || !strings.Contains(got[0], "CLAUDE_CODE_SIMPLE is set: a Claude Code started from this shell") {
		t.Errorf("CLAUDE_CODE_SIMPLE=yes: problems %q", got)
	}
}
