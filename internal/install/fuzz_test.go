package install

import (
	"bytes"
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
			if _, err := DecodeJSON(once); err != nil {
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
			if found, err := h.Find(removed); err == nil && len(found) > 0 {
				t.Fatalf("guard's hook is still there after Remove:\n%s", removed)
			}
		}
	})
}
