package hook

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"syscall"
)

// Version is an agent's release number, major.minor.patch.
type Version [3]int

// ParseVersion reads "2.1.328" (or "2-1-328") at the start of s.
func ParseVersion(s string) (Version, bool) {
	var v Version
	s = strings.ReplaceAll(s, "-", ".")
	parts := strings.SplitN(s, ".", 4)
	if len(parts) < 3 {
		return v, false
	}
	for i := range 3 {
		p := parts[i]
		if i == 2 {
			// 2.1.328 (Claude Code) or 2.1.328-beta: digits only.
			if j := strings.IndexFunc(p, func(r rune) bool { return r < '0' || r > '9' }); j >= 0 {
				p = p[:j]
			}
		}
		n, err := strconv.Atoi(p)
		if err != nil || n < 0 {
			return Version{}, false
		}
		v[i] = n
	}
	return v, true
}

// Less reports whether v is older than w.
func (v Version) Less(w Version) bool {
	for i := range v {
		if v[i] != w[i] {
			return v[i] < w[i]
		}
	}
	return false
}

func (v Version) String() string { return fmt.Sprintf("%d.%d.%d", v[0], v[1], v[2]) }

// ClaudeAsksInEveryMode is the Claude Code release from which guard
// relies on a hook's "ask" reaching the person in every permission mode,
// bypassPermissions, auto and dontAsk included: the release it was
// checked with. Releases 2.1.199 to 2.1.278 ran the command without a
// dialog in those modes (anthropics/claude-code issues 77212 and 89561);
// the ones between were not checked, so guard treats them as the old
// ones.
var ClaudeAsksInEveryMode = Version{2, 1, 328}

// Session is what guard learns about the running agent from outside the
// hook input: its version, and whether a person is there to answer.
type Session struct {
	// Version is the agent's version; Known reports that it was found.
	Version Version
	Known   bool
	// Headless is 1 when the agent runs without a person (claude -p), 0
	// when it runs interactively, -1 when guard cannot tell.
	Headless int
	// From says where the facts came from, for the log and messages.
	From string
}

// maxTranscriptTail is how much of a transcript's end guard reads to find
// the agent's version: a few records' worth.
const maxTranscriptTail = 64 << 10

// ClaudeSession finds Claude Code's version and mode, cheaply: from the
// environment Claude Code gives its hooks (CLAUDE_CODE_ENTRYPOINT,
// CLAUDE_CODE_SESSION_ATTENDED, AI_AGENT), and from the last records of
// the transcript the hook input names, whose entries carry "version" and
// "entrypoint". When the two disagree on the version, it is unknown.
func ClaudeSession(getenv func(string) string, transcript string) Session {
	var s Session
	var envV, fileV Version
	envOK, fileOK := false, false
	var from []string
	if a := getenv("AI_AGENT"); strings.HasPrefix(a, "claude-code_") {
		envV, envOK = ParseVersion(strings.TrimPrefix(a, "claude-code_"))
		if envOK {
			from = append(from, "AI_AGENT")
		}
	}
	entry := getenv("CLAUDE_CODE_ENTRYPOINT")
	attended := getenv("CLAUDE_CODE_SESSION_ATTENDED")
	if transcript != "" {
		if v, e, ok := transcriptTail(transcript); ok {
			fileV, fileOK = v, true
			from = append(from, "transcript")
			if entry == "" {
				entry = e
			}
		}
	}
	switch {
	case envOK && fileOK && envV != fileV:
		s.From = "AI_AGENT and the transcript disagree"
	case envOK:
		s.Version, s.Known = envV, true
	case fileOK:
		s.Version, s.Known = fileV, true
	}
	if s.From == "" {
		s.From = strings.Join(from, ", ")
	}
	s.Headless = -1
	switch {
	case entry == "sdk-cli" || attended == "0":
		// claude -p: no person is there to answer a dialog.
		s.Headless = 1
	case entry == "cli" || attended == "1":
		s.Headless = 0
	}
	return s
}

// transcriptTail reads the end of a Claude Code transcript and returns the
// version and entrypoint of its last record that has them. It reads at
// most maxTranscriptTail bytes, and only from a regular file.
func transcriptTail(path string) (Version, string, bool) {
	fd, err := syscall.Open(path, syscall.O_RDONLY|syscall.O_NONBLOCK|syscall.O_CLOEXEC|syscall.O_NOCTTY, 0)
	if err != nil {
		return Version{}, "", false
	}
	f := os.NewFile(uintptr(fd), path)
	defer f.Close()
	st, err := f.Stat()
	if err != nil || !st.Mode().IsRegular() {
		return Version{}, "", false
	}
	off := max(st.Size()-maxTranscriptTail, 0)
	buf := make([]byte, st.Size()-off)
	n, err := f.ReadAt(buf, off)
	if err != nil && err != io.EOF {
		return Version{}, "", false
	}
	buf = buf[:n]
	for len(buf) > 0 {
		i := bytes.LastIndexByte(bytes.TrimRight(buf, "\n"), '\n')
		line := buf[i+1:]
		buf = buf[:max(i, 0)]
		if !bytes.Contains(line, []byte(`"version"`)) {
			if i < 0 {
				break
			}
			continue
		}
		var rec struct {
			Version    string `json:"version"`
			Entrypoint string `json:"entrypoint"`
		}
		if json.Unmarshal(line, &rec) == nil && rec.Version != "" {
			if v, ok := ParseVersion(rec.Version); ok {
				return v, rec.Entrypoint, true
			}
		}
		if i < 0 {
			break
		}
	}
	return Version{}, "", false
}
