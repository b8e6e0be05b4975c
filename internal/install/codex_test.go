package install

import (
	"os"
	"path/filepath"
	"testing"
)

// The hash of a handler as Codex 0.169.0 computes it; the end-to-end
// suite checks it against the real Codex (a hook with this trusted_hash
// runs, one without does not).
func TestCodexHash(t *testing.T) {
	h := CodexHandler{Event: "PreToolUse", Matcher: "Bash", Command: "'/usr/local/bin/guard' hook codex", Timeout: 30}
	got := CodexHash(h)
	const want = "sha256:" // prefix; the full value is pinned below
	if len(got) != len(want)+64 || got[:len(want)] != want {
		t.Fatalf("CodexHash = %q", got)
	}
	if pinned := CodexHash(CodexHandler{Event: "PreToolUse", Matcher: "Bash", Command: "/root/bin/dumphook", Timeout: 30}); pinned != codexPinned {
		t.Errorf("CodexHash changed: %s, want %s", pinned, codexPinned)
	}
	if CodexHash(CodexHandler{Event: "PreToolUse", Matcher: "Bash", Command: h.Command, Timeout: 31}) == got {
		t.Errorf("the timeout is part of the hash")
	}
	if CodexHash(CodexHandler{Event: "PreToolUse", Matcher: "Bash", Command: h.Command}) != CodexHash(CodexHandler{Event: "PreToolUse", Matcher: "Bash", Command: h.Command, Timeout: 600}) {
		t.Errorf("no timeout is Codex's default, 600")
	}
	if k := CodexTrustKey("/home/u/.codex/hooks.json", "PreToolUse", 0, 0); k != "/home/u/.codex/hooks.json:pre_tool_use:0:0" {
		t.Errorf("CodexTrustKey = %q", k)
	}
}

// codexPinned is the hash of /root/bin/dumphook's handler that the real
// Codex 0.169.0 accepted as trusted (e2e, and by hand in /hooks).
const codexPinned = "sha256:09dea37ef43f158de1b18f03826f207ebc795a969d589255351d0e031b55e860"

func TestCodexTrust(t *testing.T) {
	dir := t.TempDir()
	hooks := filepath.Join(dir, "hooks.json")
	h := CodexHandler{Event: "PreToolUse", Matcher: "Bash", Command: "guard hook codex", Timeout: 30}
	cfgPath := filepath.Join(dir, "config.toml")
	for _, tc := range []struct {
		config string
		want   CodexTrust
	}{
		{"", CodexUntrusted},
		{"[hooks.state.\"" + hooks + ":pre_tool_use:0:0\"]\ntrusted_hash = \"" + CodexHash(h) + "\"\n", CodexTrusted},
		{"[hooks.state.\"" + hooks + ":pre_tool_use:0:0\"]\ntrusted_hash = \"sha256:00\"\n", CodexModified},
		{"[hooks.state.\"" + hooks + ":pre_tool_use:0:0\"]\nenabled = false\ntrusted_hash = \"" + CodexHash(h) + "\"\n", CodexDisabled},
		{"[hooks.state.\"" + hooks + ":pre_tool_use:1:0\"]\ntrusted_hash = \"" + CodexHash(h) + "\"\n", CodexUntrusted},
	} {
		if err := os.WriteFile(cfgPath, []byte(tc.config), 0o644); err != nil {
			t.Fatal(err)
		}
		cfg, _, err := ReadCodexConfig(cfgPath)
		if err != nil {
			t.Fatal(err)
		}
		if got, _ := CodexHandlerTrust(cfg, hooks, h, 0, 0); got != tc.want {
			t.Errorf("%q: %v, want %v", tc.config, got, tc.want)
		}
	}
}
