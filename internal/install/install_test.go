package install

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

const exe = "/usr/local/bin/guard"

// ours is how guard recognises its own handlers in these tests: any guard
// binary running "hook AGENT".
func ours(agent string) func(string) bool {
	return func(cmd string) bool {
		f := strings.Fields(cmd)
		return len(f) == 3 && filepath.Base(strings.Trim(f[0], "'")) == "guard" && f[1] == "hook" && f[2] == agent
	}
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	p := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(p, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs:\n%s", name, Diff(name, want, got))
	}
}

func read(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// Each agent's settings, holding other hooks: install adds guard's entry
// and keeps everything else, a second install changes nothing, uninstall
// gives back the same settings.
func TestInstallUninstall(t *testing.T) {
	for _, tc := range []struct {
		name string
		hook Hook
	}{
		{"claude", ClaudeHook("'"+exe+"' hook claude", true, ours("claude"))},
		{"cursor", CursorHook(exe+" hook cursor", ours("cursor"))},
		{"gemini", GeminiHook(exe+" hook gemini", ours("gemini"))},
		{"gemini-comments", GeminiHook(exe+" hook gemini", ours("gemini"))},
		{"claude-inline", ClaudeHook("'"+exe+"' hook claude", true, ours("claude"))},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := read(t, tc.name+"-before.json")
			after, err := tc.hook.Add(before)
			if err != nil {
				t.Fatal(err)
			}
			golden(t, tc.name+"-after.json", after)
			again, err := tc.hook.Add(after)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(again, after) {
				t.Errorf("a second install changed the file:\n%s", Diff("settings", after, again))
			}
			found, err := tc.hook.Find(after)
			if err != nil || len(found) != 1 {
				t.Fatalf("Find after install: %v %v", found, err)
			}
			removed, err := tc.hook.Remove(after)
			if err != nil {
				t.Fatal(err)
			}
			// The layout is kept too: these files come back byte for byte.
			if !bytes.Equal(removed, before) {
				t.Errorf("uninstall did not give back the settings:\n%s", Diff("settings", before, removed))
			}
			if found, _ := tc.hook.Find(removed); len(found) != 0 {
				t.Errorf("guard still registered after uninstall: %v", found)
			}
			// Uninstalling again changes nothing, not even the layout.
			again, err = tc.hook.Remove(removed)
			if err != nil || !bytes.Equal(again, removed) {
				t.Errorf("a second uninstall changed the file: %v", err)
			}
		})
	}
}

// A missing or empty file gets just guard's entry; removing it leaves an
// empty object.
func TestInstallFresh(t *testing.T) {
	h := ClaudeHook(exe+" hook claude", true, ours("claude"))
	got, err := h.Add(nil)
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "claude-fresh.json", got)
	out, err := h.Remove(got)
	if err != nil || string(out) != "{}\n" {
		t.Errorf("remove from a fresh install: %q %v", out, err)
	}
	c := CursorHook(exe+" hook cursor", ours("cursor"))
	got, err = c.Add([]byte("  \n"))
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "cursor-fresh.json", got)
}

// An old registration (another path, another matcher group, duplicates)
// is replaced by one up-to-date entry.
func TestInstallUpdates(t *testing.T) {
	old := []byte(`{
  "hooks": {
    "PreToolUse": [
      {"matcher": "*", "hooks": [{"type": "command", "command": "/opt/old/guard hook claude"}]},
      {"matcher": "Bash", "hooks": [
        {"type": "command", "command": "./mine.sh"},
        {"type": "command", "command": "/opt/old/guard hook claude", "timeout": 5, "statusMessage": "guard"}
      ]}
    ]
  }
}
`)
	h := ClaudeHook(exe+" hook claude", false, ours("claude"))
	got, err := h.Add(old)
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "claude-update.json", got)
	found, _ := h.Find(got)
	if len(found) != 1 || found[0].Handler.String("command") != exe+" hook claude" || found[0].Matcher != ClaudeMatcher {
		t.Errorf("after update: %+v", found)
	}
}

func TestInstallRefusesOddFiles(t *testing.T) {
	h := ClaudeHook(exe+" hook claude", true, ours("claude"))
	for name, in := range map[string]string{
		"not an object":       `[1, 2]`,
		"hooks not an object": `{"hooks": []}`,
		"event not a list":    `{"hooks": {"PreToolUse": {}}}`,
		"group not an object": `{"hooks": {"PreToolUse": [1]}}`,
		"comments":            "{\n  // mine\n  \"a\": 1\n}",
		"trailing comma":      `{"a": 1,}`,
		"duplicate key":       `{"hooks": {}, "hooks": {}}`,
		"truncated":           `{"hooks": {`,
		"trailing":            `{} {}`,
	} {
		if _, err := h.Add([]byte(in)); err == nil {
			t.Errorf("%s: Add accepted %q", name, in)
		}
	}
}

// A Gemini settings file with comments and trailing commas is installable
// (Gemini CLI reads them); Claude Code's settings are strict JSON.
func TestComments(t *testing.T) {
	in := read(t, "gemini-comments-before.json")
	if _, err := ClaudeHook(exe+" hook claude", true, ours("claude")).Add(in); err == nil {
		t.Errorf("Claude Code settings with comments were accepted")
	}
	out, err := GeminiHook(exe+" hook gemini", ours("gemini")).Add(in)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(out, []byte("// dark at night")) || !bytes.Contains(out, []byte("/* the look */")) {
		t.Errorf("comments lost:\n%s", out)
	}
}

// The shell-route key goes in and out without touching the rest.
func TestKeysKeepLayout(t *testing.T) {
	in := []byte("{\n  \"env\": {\"FOO\": \"1\"},\n  \"model\": \"opus\"\n}\n")
	got, err := SetKey(in, "/x/bash", "env", "CLAUDE_CODE_SHELL")
	if err != nil {
		t.Fatal(err)
	}
	if want := "{\n  \"env\": {\"FOO\": \"1\", \"CLAUDE_CODE_SHELL\": \"/x/bash\"},\n  \"model\": \"opus\"\n}\n"; string(got) != want {
		t.Errorf("SetKey:\n%s", got)
	}
	back, err := DeleteKey(got, "env", "CLAUDE_CODE_SHELL")
	if err != nil || !bytes.Equal(back, in) {
		t.Errorf("DeleteKey: %q %v", back, err)
	}
}

func TestKeys(t *testing.T) {
	in := []byte("{\n    \"model\": \"opus\"\n}\n")
	got, err := SetKey(in, "/home/u/.local/state/guard/shell/bash", "env", "CLAUDE_CODE_SHELL")
	if err != nil {
		t.Fatal(err)
	}
	want := "{\n    \"model\": \"opus\",\n    \"env\": {\n        \"CLAUDE_CODE_SHELL\": \"/home/u/.local/state/guard/shell/bash\"\n    }\n}\n"
	if string(got) != want {
		t.Errorf("SetKey:\n%s\nwant:\n%s", got, want)
	}
	if v, ok, _ := GetKey(got, "env", "CLAUDE_CODE_SHELL"); !ok || v != "/home/u/.local/state/guard/shell/bash" {
		t.Errorf("GetKey: %v %v", v, ok)
	}
	back, err := DeleteKey(got, "env", "CLAUDE_CODE_SHELL")
	if err != nil || string(back) != string(in) {
		t.Errorf("DeleteKey: %q %v", back, err)
	}
	if same, _ := SetKey(in, "opus", "model"); !bytes.Equal(same, in) {
		t.Errorf("SetKey to the same value changed the file")
	}
}

func TestBlock(t *testing.T) {
	rc := "export EDITOR=vim\nalias ll='ls -l'"
	body := "aider() { SHELL=/usr/local/bin/guard command aider \"$@\"; }\n"
	got := SetBlock([]byte(rc), body)
	want := rc + "\n\n" + BlockStart + "\n" + body + BlockEnd + "\n"
	if string(got) != want {
		t.Fatalf("SetBlock:\n%s", got)
	}
	if again := SetBlock(got, body); !bytes.Equal(again, got) {
		t.Errorf("SetBlock twice changed the file")
	}
	if b, ok := FindBlock(got); !ok || b != body {
		t.Errorf("FindBlock: %q %v", b, ok)
	}
	changed := SetBlock(append(got, "export X=1\n"...), "new\n")
	if !strings.Contains(string(changed), BlockStart+"\nnew\n"+BlockEnd+"\nexport X=1\n") || strings.Contains(string(changed), "aider") {
		t.Errorf("SetBlock did not replace the block in place:\n%s", changed)
	}
	if back := RemoveBlock(got); string(back) != rc+"\n" {
		t.Errorf("RemoveBlock: %q", back)
	}
	if got := SetBlock(nil, body); string(got) != BlockStart+"\n"+body+BlockEnd+"\n" {
		t.Errorf("SetBlock on an empty file: %q", got)
	}
}

func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "dotfiles", "settings.json")
	if err := os.MkdirAll(filepath.Dir(real), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(real, []byte("{}\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "settings.json")
	if err := os.Symlink(real, link); err != nil {
		t.Fatal(err)
	}
	backup, err := WriteFile(link, []byte("{\"a\": 1}\n"), 0o644)
	if err != nil {
		t.Fatal(err)
	}
	if backup != real+BackupSuffix {
		t.Errorf("backup %s", backup)
	}
	if b, _ := os.ReadFile(backup); string(b) != "{}\n" {
		t.Errorf("backup holds %q", b)
	}
	if st, err := os.Lstat(link); err != nil || st.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link was replaced by a file")
	}
	if st, _ := os.Stat(real); st.Mode().Perm() != 0o600 {
		t.Errorf("permissions changed to %v", st.Mode().Perm())
	}
	if b, _ := os.ReadFile(link); string(b) != "{\"a\": 1}\n" {
		t.Errorf("content %q", b)
	}
	fresh := filepath.Join(dir, "new", "dir", "hooks.json")
	if backup, err := WriteFile(fresh, []byte("{}\n"), 0o644); err != nil || backup != "" {
		t.Errorf("new file: %q %v", backup, err)
	}
}

func TestDiff(t *testing.T) {
	old := "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n"
	new := "a\nb\nc\nd\nE\nf\ng\nh\ni\nj\nk\n"
	got := Diff("f", []byte(old), []byte(new))
	want := "--- f\n+++ f\n@@ -2,9 +2,10 @@\n b\n c\n d\n-e\n+E\n f\n g\n h\n i\n j\n+k\n"
	if got != want {
		t.Errorf("Diff:\n%s\nwant:\n%s", got, want)
	}
}
