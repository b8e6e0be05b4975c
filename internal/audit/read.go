package audit

import (
	"bufio"
	"bytes"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// Read streams the commands of src, whose format must be known, from br
// to emit. The Command passed to emit is only valid during the call.
// Problems with single records are counted in src; the error is only for
// a failure to read the input itself.
func Read(br *bufio.Reader, src *Source, emit func(*Command)) error {
	return read(br, src, emit, false)
}

// read is Read; with raw, history readers pass a command's text as
// Command.raw instead of making a string of it.
func read(br *bufio.Reader, src *Source, emit func(*Command), raw bool) error {
	max := MaxHistoryRecord
	if src.Format.Transcript() {
		max = MaxTranscriptRecord
	}
	r := &reader{lineReader: newLineReader(br, max, &src.Stats), src: src, emitFn: emit, raw: raw}
	switch src.Format {
	case Plain:
		r.plain()
	case Bash:
		r.bash()
	case Zsh:
		r.zsh()
	case Fish:
		r.fish()
	case Claude:
		r.claude()
	case Codex:
		r.codex()
	default:
		return fmt.Errorf("no reader for format %s", src.Format)
	}
	return r.err
}

// reader holds what every format's reader needs.
type reader struct {
	*lineReader
	src    *Source
	emitFn func(*Command)
	cmd    Command
	entry  []byte // a multi-line entry being gathered
	raw    bool   // pass texts as Command.raw
}

// emit passes a command on, counting it, after checking its text.
func (r *reader) emit(c *Command) {
	if c.raw != nil {
		if len(bytes.TrimSpace(c.raw)) == 0 {
			return
		}
		if utf8.Valid(c.raw) {
			r.src.Commands++
			r.emitFn(c)
			return
		}
		c.own()
	}
	if len(c.Argv) == 0 && strings.TrimSpace(c.Text) == "" {
		return
	}
	bad := false
	if !utf8.ValidString(c.Text) {
		c.Text = strings.ToValidUTF8(c.Text, "\uFFFD")
		bad = true
	}
	for i, a := range c.Argv {
		if !utf8.ValidString(a) {
			c.Argv[i] = strings.ToValidUTF8(a, "\uFFFD")
			bad = true
		}
	}
	if bad {
		r.src.InvalidUTF8++
	}
	r.src.Commands++
	r.emitFn(c)
}

// emitText emits a history entry.
func (r *reader) emitText(text []byte, line int64, t time.Time) {
	if r.raw && text != nil {
		r.cmd = Command{raw: text, Line: line, Time: t}
		r.emit(&r.cmd)
		return
	}
	r.cmd = Command{Text: string(text), Line: line, Time: t}
	r.emit(&r.cmd)
}

// plain reads one command per line.
func (r *reader) plain() {
	for line, ok := r.next(); ok; line, ok = r.next() {
		r.emitText(line, r.n, time.Time{})
	}
}

// entryState gathers a multi-line history entry.
type entryState struct {
	open  bool
	line  int64
	t     time.Time
	over  bool
	limit int
}

// bash reads ~/.bash_history. "#<digits>" lines carry the time of the next
// entry; once the file has them, the lines up to the next one all belong
// to one entry, as bash itself reads them back (lithist multi-line
// commands).
func (r *reader) bash() {
	var e entryState
	timestamped := false
	var pending time.Time
	havePending := false
	flush := func() {
		if e.open && !e.over {
			r.emitText(r.entry, e.line, e.t)
		}
		e.open = false
	}
	for line, ok := r.next(); ok; line, ok = r.next() {
		if t, ok := bashTime(line); ok {
			flush()
			pending, havePending, timestamped = t, true, true
			continue
		}
		if e.open && timestamped && !havePending {
			r.appendLine(&e, line)
			continue
		}
		flush()
		r.startEntry(&e, line, pending)
		pending, havePending = time.Time{}, false
	}
	flush()
}

func (r *reader) startEntry(e *entryState, line []byte, t time.Time) {
	*e = entryState{open: true, line: r.n, t: t}
	r.entry = append(r.entry[:0], line...)
}

// appendLine adds a line to a multi-line entry, dropping the entry when it
// grows past the record limit.
func (r *reader) appendLine(e *entryState, line []byte) {
	if e.over {
		return
	}
	if len(r.entry)+1+len(line) > r.max {
		e.over = true
		r.src.Oversized++
		r.entry = r.entry[:0]
		return
	}
	r.entry = append(r.entry, '\n')
	r.entry = append(r.entry, line...)
}

// bashTime parses a "#<epoch>" line.
func bashTime(line []byte) (time.Time, bool) {
	if len(line) < 2 || line[0] != '#' {
		return time.Time{}, false
	}
	n, ok := digits(line[1:])
	if !ok {
		return time.Time{}, false
	}
	return time.Unix(n, 0).UTC(), true
}

// digits parses a decimal number of at most 18 digits.
func digits(b []byte) (int64, bool) {
	if len(b) == 0 || len(b) > 18 {
		return 0, false
	}
	var n int64
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int64(c-'0')
	}
	return n, true
}

// zsh reads ~/.zsh_history: plain lines, or EXTENDED_HISTORY lines
// ": <epoch>:<elapsed>;command". zsh writes a newline inside a command as
// a backslash at the end of the line, and reads a line ending in a
// backslash as continued on the next line, as this does. Bytes are
// metafied: 0x83 followed by the byte XOR 0x20.
func (r *reader) zsh() {
	var e entryState
	var meta []byte
	for line, ok := r.next(); ok; line, ok = r.next() {
		if bytes.IndexByte(line, zshMeta) >= 0 {
			meta = unmetafy(meta[:0], line)
			line = meta
		}
		cont := len(line) > 0 && line[len(line)-1] == '\\'
		if !e.open {
			t, text := zshExtended(line)
			r.startEntry(&e, text, t)
		} else {
			r.appendLine(&e, line)
		}
		if cont {
			// The backslash stands for a newline; the entry goes on.
			if !e.over {
				r.entry = r.entry[:len(r.entry)-1]
			}
			continue
		}
		if !e.over {
			r.emitText(r.entry, e.line, e.t)
		}
		e.open = false
	}
	if e.open && !e.over {
		r.emitText(r.entry, e.line, e.t)
	}
}

const zshMeta = 0x83

// unmetafy undoes zsh's metafication of bytes.
func unmetafy(dst, b []byte) []byte {
	for i := 0; i < len(b); i++ {
		c := b[i]
		if c == zshMeta && i+1 < len(b) {
			i++
			c = b[i] ^ 0x20
		}
		dst = append(dst, c)
	}
	return dst
}

// zshExtended splits an EXTENDED_HISTORY line into its time and command;
// other lines are returned whole.
func zshExtended(line []byte) (time.Time, []byte) {
	if len(line) < 5 || line[0] != ':' || line[1] != ' ' {
		return time.Time{}, line
	}
	colon := bytes.IndexByte(line[2:], ':')
	if colon < 0 {
		return time.Time{}, line
	}
	epoch, ok := digits(line[2 : 2+colon])
	if !ok {
		return time.Time{}, line
	}
	rest := line[2+colon+1:]
	semi := bytes.IndexByte(rest, ';')
	if semi < 0 {
		return time.Time{}, line
	}
	if _, ok := digits(rest[:semi]); !ok {
		return time.Time{}, line
	}
	return time.Unix(epoch, 0).UTC(), rest[semi+1:]
}

// fish reads fish_history, a YAML-like list of records, each a line
// "- cmd: <command>" followed by "  when: <epoch>" and optionally
// "  paths:" with "    - <path>" lines. In the command, fish writes a
// backslash as \\ and a newline as \n.
func (r *reader) fish() {
	var e entryState
	flush := func() {
		if e.open {
			r.emitText(r.entry, e.line, e.t)
		}
		e.open = false
	}
	for line, ok := r.next(); ok; line, ok = r.next() {
		switch {
		case bytes.HasPrefix(line, []byte("- cmd:")):
			flush()
			e = entryState{open: true, line: r.n}
			r.entry = fishUnescape(r.entry[:0], bytes.TrimPrefix(bytes.TrimPrefix(line, []byte("- cmd:")), []byte(" ")))
		case bytes.HasPrefix(line, []byte("  when:")):
			if n, ok := digits(bytes.TrimSpace(line[len("  when:"):])); ok && e.open {
				e.t = time.Unix(n, 0).UTC()
			} else {
				r.src.Corrupt++
			}
		case bytes.HasPrefix(line, []byte("  paths:")), bytes.HasPrefix(line, []byte("    - ")),
			len(bytes.TrimSpace(line)) == 0:
		default:
			r.src.Corrupt++
		}
	}
	flush()
}

// fishUnescape undoes fish's escaping of a history command: \\ is a
// backslash and \n a newline; any other backslash stays as it is.
func fishUnescape(dst, b []byte) []byte {
	for i := 0; i < len(b); i++ {
		c := b[i]
		if c == '\\' && i+1 < len(b) {
			switch b[i+1] {
			case '\\':
				i++
			case 'n':
				i++
				c = '\n'
			}
		}
		dst = append(dst, c)
	}
	return dst
}
