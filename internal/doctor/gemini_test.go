package doctor

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestGeminiHooksEnabledLayers: hooksConfig.enabled is decided by the last
// settings file that sets it (system defaults, user, workspace, system
// settings), and the system files are where GEMINI_CLI_SYSTEM_DEFAULTS_PATH
// and GEMINI_CLI_SYSTEM_SETTINGS_PATH put them.
func TestGeminiHooksEnabledLayers(t *testing.T) {
	dir := t.TempDir()
	home := filepath.Join(dir, "home")
	root := filepath.Join(dir, "project")
	user := filepath.Join(home, ".gemini", "settings.json")
	files := map[string]string{
		"defaults":  filepath.Join(dir, "etc", "system-defaults.json"),
		"user":      user,
		"workspace": filepath.Join(root, ".gemini", "settings.json"),
		"system":    filepath.Join(dir, "etc", "settings.json"),
	}
	t.Setenv("GEMINI_CLI_SYSTEM_DEFAULTS_PATH", files["defaults"])
	t.Setenv("GEMINI_CLI_SYSTEM_SETTINGS_PATH", files["system"])
	off, on := `{"hooksConfig": {"enabled": false}}`, `{"hooksConfig": {"enabled": true}}`
	tests := []struct {
		name   string
		layers map[string]string
		want   string // a substring of the one problem, or "" for none
	}{
		{"nothing set", nil, ""},
		{"off in defaults", map[string]string{"defaults": off}, "in the system defaults and no other settings file sets it"},
		{"off in defaults, on for the user", map[string]string{"defaults": off, "user": on}, ""},
		{"off for the user", map[string]string{"user": off}, "hooksConfig.enabled is false"},
		{"off for the user, on in the workspace", map[string]string{"user": off, "workspace": on}, ""},
		{"on for the user, off in system settings", map[string]string{"user": on, "system": off}, "hooksConfig.enabled is false"},
		{"off in the workspace", map[string]string{"workspace": off}, "hooksConfig.enabled is false"},
		{"disabled in system defaults", map[string]string{"defaults": `{"hooksConfig": {"disabled": ["guard"]}}`}, "guard's hook is in hooksConfig.disabled"},
	}
	for _, tt := range tests {
		for _, f := range files {
			os.Remove(f)
		}
		for layer, text := range tt.layers {
			f := files[layer]
			if err := os.MkdirAll(filepath.Dir(f), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(f, []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		data, _ := os.ReadFile(user)
		var got []string
		for _, c := range (&runner{}).geminiChecks("gemini (user)", user, data, home, root) {
			if c.Level == "problem" {
				got = append(got, c.Message)
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
