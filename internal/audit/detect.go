package audit

import (
	"bytes"
	"path/filepath"
	"strings"
)

// SniffSize is how much of a source Detect wants to see.
const SniffSize = 16 << 10

// Detect returns the format of a source from its name and the start of its
// content. Content that only one format writes (zsh extended lines, fish
// records, the JSON of a transcript) wins; otherwise the file's name
// decides, and anything else is read as plain, one command per line.
func Detect(name string, head []byte) Format {
	first := firstLine(head)
	base := strings.ToLower(filepath.Base(name))
	switch {
	case len(first) > 0 && first[0] == '{':
		return detectJSON(name, base, head)
	case bytes.HasPrefix(first, []byte("- cmd:")):
		return Fish
	}
	if t, _ := zshExtended(first); !t.IsZero() {
		return Zsh
	}
	if _, ok := bashTime(first); ok {
		return Bash
	}
	switch {
	case strings.Contains(base, "zsh_history"), base == ".zhistory", base == ".histfile":
		return Zsh
	case strings.Contains(base, "bash_history"):
		return Bash
	case strings.Contains(base, "fish_history"):
		return Fish
	}
	return Plain
}

func detectJSON(name, base string, head []byte) Format {
	switch {
	case bytes.Contains(head, []byte(`"session_meta"`)), bytes.Contains(head, []byte(`"payload"`)),
		bytes.Contains(head, []byte(`"record_type"`)), bytes.Contains(head, []byte(`"instructions"`)):
		return Codex
	case bytes.Contains(head, []byte(`"sessionId"`)), bytes.Contains(head, []byte(`"parentUuid"`)):
		return Claude
	case strings.HasPrefix(base, "rollout-"):
		return Codex
	case strings.Contains(filepath.ToSlash(name), "/.claude/"), strings.HasSuffix(base, ".jsonl"):
		return Claude
	}
	return Plain
}

// firstLine returns the first line that is not blank.
func firstLine(b []byte) []byte {
	for len(b) > 0 {
		line := b
		rest := []byte(nil)
		if i := bytes.IndexByte(b, '\n'); i >= 0 {
			line, rest = b[:i], b[i+1:]
		}
		line = bytes.TrimRight(line, "\r")
		if len(bytes.TrimSpace(line)) > 0 {
			return bytes.TrimLeft(line, " \t\ufeff")
		}
		b = rest
	}
	return nil
}
