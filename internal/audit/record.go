package audit

import (
	"fmt"
	"strings"
	"time"
)

// Format is the format of a source.
type Format uint8

// The formats guard audit reads.
const (
	// Auto means the format is detected from the file's name and content.
	Auto Format = iota
	// Plain is one command per line, as atuin history list --cmd-only or
	// a hand-written list prints it.
	Plain
	// Bash is ~/.bash_history: one command per line, or, when
	// HISTTIMEFORMAT was set, "#<epoch>" lines before each entry, which
	// then also delimit multi-line entries.
	Bash
	// Zsh is ~/.zsh_history: plain lines or EXTENDED_HISTORY lines
	// ": <epoch>:<elapsed>;command"; a trailing backslash continues an
	// entry on the next line, and bytes are metafied.
	Zsh
	// Fish is fish_history: "- cmd: ..." records with "  when: <epoch>",
	// backslash and newline escaped.
	Fish
	// Claude is a Claude Code transcript (JSON Lines): Bash tool_use blocks
	// in assistant messages.
	Claude
	// Codex is a Codex CLI rollout (JSON Lines): shell function calls.
	Codex
)

var formatNames = [...]string{"auto", "plain", "bash", "zsh", "fish", "claude", "codex"}

// String returns the format's name; a source that could not be read
// keeps "auto".
func (f Format) String() string {
	if int(f) < len(formatNames) {
		return formatNames[f]
	}
	return "unknown"
}

// ParseFormat returns the format with the given name.
func ParseFormat(s string) (Format, error) {
	for i, n := range formatNames {
		if n == s {
			return Format(i), nil
		}
	}
	return 0, fmt.Errorf("unknown format %q (want %s)", s, strings.Join(formatNames[:], ", "))
}

// Transcript reports whether the format is an agent transcript, read as
// JSON Lines.
func (f Format) Transcript() bool { return f == Claude || f == Codex }

// Command is one command found in a source.
type Command struct {
	// Text is the command as the shell reads it. For a command recorded as
	// an argument vector it is the vector quoted for display.
	Text string
	// Argv is set when the record holds an argument vector rather than
	// shell text (Codex's shell tool: ["bash", "-lc", "..."]); the command
	// is then decided as that vector.
	Argv []string
	// Dir is the working directory when the record says it, else "".
	Dir string
	// Time is when the command ran (or was requested); zero when unknown.
	Time time.Time
	// Session is the agent session (Claude Code sessionId, Codex session
	// id), empty for shell history.
	Session string
	// Agent is the subagent that ran the command, for Claude Code subagent
	// transcripts.
	Agent string
	// Line is the line of the source where the record starts, from 1.
	Line int64

	// raw, when set, is the text as read, valid only during the call,
	// and Text is empty: ReadSource's readers leave making the string to
	// the Auditor, which needs none for a command it has decided before
	// (most of a history).
	raw []byte
}

// own makes Text from raw, for a command whose text outlives the call.
func (c *Command) own() {
	if c.raw != nil {
		c.Text, c.raw = string(c.raw), nil
	}
}

// Stats counts what was read from a source.
type Stats struct {
	// Lines is the number of lines (records, for JSON Lines) read.
	Lines int64 `json:"lines"`
	// Commands is the number of commands found.
	Commands int64 `json:"commands"`
	// Corrupt counts lines that are not in the source's format, such as a
	// JSON Lines record that does not parse.
	Corrupt int64 `json:"corrupt"`
	// InvalidUTF8 counts commands whose text is not valid UTF-8; they are
	// decided with the invalid bytes replaced by U+FFFD.
	InvalidUTF8 int64 `json:"invalid_utf8"`
	// Oversized counts records longer than the maximum record size; they
	// are skipped.
	Oversized int64 `json:"oversized"`
	// Truncated counts records cut short, such as a JSON object without its
	// end on the last line of a transcript still being written.
	Truncated int64 `json:"truncated"`
	// Skipped counts commands left out by --since because they are older
	// or carry no time.
	Skipped int64 `json:"skipped"`
}

// Add adds the counts of t to s.
func (s *Stats) Add(t Stats) {
	s.Lines += t.Lines
	s.Commands += t.Commands
	s.Corrupt += t.Corrupt
	s.InvalidUTF8 += t.InvalidUTF8
	s.Oversized += t.Oversized
	s.Truncated += t.Truncated
	s.Skipped += t.Skipped
}

// Problems is the number of unreadable records.
func (s Stats) Problems() int64 { return s.Corrupt + s.InvalidUTF8 + s.Oversized + s.Truncated }

// Source is one input: a file, or standard input.
type Source struct {
	// Name is the file's path, or "-" for standard input.
	Name string
	// Format is the format the source was read as.
	Format Format
	// Detected reports that the format was detected rather than given.
	Detected bool
	Stats
	// Err is set when the source could not be opened or read to the end.
	Err error
}
