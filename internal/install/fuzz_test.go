package install

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
)

// FuzzHooks merges guard's hook into arbitrary settings files: Add and
// Remove must return an error or valid JSON, never panic; adding twice
// changes nothing; and removing what was added finds no hook of guard's.
func FuzzHooks(f *testing.F) {
	f.Add([]byte(`{}`))
	f.Add([]byte(`{"hooks":{"PreToolUse":[{"matcher":"Bash","hooks":[{"type":"command","command":"other"}]}]}}`))
	f.Add([]byte(`{"hooks":{"PreToolUse":"x"}}`))
	f.Add([]byte(`{"version":1,"hooks":{"beforeShellExecution":[{"command":"x"}]}}`))
	f.Add([]byte(`[1,2`))
	f.Add([]byte("\xff"))
	f.Add([]byte("{\n  // mine\n  \"a\": 1 /* x */\n}\n"))
	f.Add([]byte(`{"hooks": {"BeforeTool": [{"matcher": "x", "hooks": []}]}}`))
	f.Add([]byte("{\"a\": [1, 2], \"b\": {}}"))
	ours := func(cmd string) bool { return strings.HasSuffix(cmd, "guard hook claude") }
	hooks := []Hook{
		ClaudeHook("/usr/local/bin/guard hook claude", true, ours),
		CursorHook("/usr/local/bin/guard hook claude", ours),
		GeminiHook("/usr/local/bin/guard hook claude", ours),
		CodexHook("/usr/local/bin/guard hook claude", ours),
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, h := range hooks {
			once, err := h.Add(data)
			if err != nil {
				continue
			}
			if _, err := parseText(once, h.Comments); err != nil {
				t.Fatalf("Add gave invalid JSON: %v\n%s", err, once)
			}
			twice, err := h.Add(once)
			if err != nil || !bytes.Equal(once, twice) {
				t.Fatalf("adding twice changed the file (%v):\n%s\n---\n%s", err, once, twice)
			}
			removed, err := h.Remove(once)
			if err != nil {
				t.Fatalf("Remove after Add: %v", err)
			}
			// Taking guard out gives back the file guard found, byte for
			// byte, when guard was not in it before.
			// (Cursor's "version" goes with the last hook, so a file
			// that had it and no hooks is left without it.)
			hadTop := h.Top != nil && (bytes.Contains(data, []byte(`"version"`)) || bytes.Contains(data, []byte(`"hooks"`)))
			// (An empty "hooks" object or event list guard filled goes
			// with guard's entry too.)
			if root, err := parse(data, h.Comments); err == nil {
				if ho, list, _, _ := h.locate(root); ho != nil && (len(ho.members) == 0 || list != nil && len(list.elems) == 0) {
					hadTop = true
				}
			}
			// (An empty container written over two lines, {\n}, comes
			// back as {}.)
			if emptyTwoLines.Match(data) {
				hadTop = true
			}
			if found, _ := h.Find(data); len(found) == 0 && !blank(data) && !hadTop && !bytes.Equal(removed, data) {
				t.Fatalf("Remove did not restore the file:\n%q\n---\n%q", data, removed)
			}
			if found, err := h.Find(removed); err == nil && len(found) > 0 {
				t.Fatalf("guard's hook is still there after Remove:\n%s", removed)
			}
		}
	})
}

var emptyTwoLines = regexp.MustCompile(`[{\[]\r?\n[ \t]*[}\]]`)
