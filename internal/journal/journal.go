// Package journal is guard's decision log: one JSON object per line, each
// carrying the hash of the line before it, so that editing, removing or
// reordering a record in the middle of the log is detected by Verify.
//
// The chain makes the log tamper-evident, not tamper-proof: whoever can
// write the file can rewrite the whole chain from the edited record on, and
// removing records from the end leaves no trace in the chain itself.
//
// Many processes append at once: each holds an exclusive flock on the file
// while it reads the last hash and appends its line with one write, so the
// chain stays consistent and lines never interleave.
package journal

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"golang.org/x/sys/unix"
)

// MaxCommand is how much of a command's text a record keeps. Longer
// commands are cut, and CommandSHA256 identifies the whole text.
const MaxCommand = 16 << 10

// Finding is a rule that matched, as the log keeps it.
type Finding struct {
	Rule     string `json:"rule"`
	Severity string `json:"severity"`
	Action   string `json:"action"`
}

// Record is one decision. The field order is the order in the file.
type Record struct {
	// Time is when the decision was made, RFC 3339 with nanoseconds.
	Time string `json:"time"`
	// Decision is the rules' verdict: allow, confirm or deny.
	Decision string `json:"decision"`
	// Result is what happened: "ran" or "blocked"; in hook mode, where
	// the agent runs the command and guard does not see it run, "passed"
	// (left to the agent), "asked" (handed to the agent's own approval
	// dialog) and, from a PostToolUse hook, "ran".
	Result string `json:"result"`
	// How says who decided: rules, tty, approver, or none when nobody
	// could be asked.
	How string `json:"how"`
	// Answer is a person's answer: yes, no, timeout, or empty.
	Answer string `json:"answer,omitempty"`
	// Channel is guard's front door: shell, exec, hook claude, ...
	Channel string `json:"channel"`
	// Agent is the coding agent that called, when guard can tell: the
	// hook's agent, or for the shell front door the agent whose
	// environment the command came from (claude, codex, gemini, ...).
	Agent string `json:"agent,omitempty"`
	// Session is the agent's session id, and ToolUse its id for the tool
	// call, so that a hook's later report (PostToolUse) can be matched
	// with the decision.
	Session string `json:"session,omitempty"`
	ToolUse string `json:"tool_use,omitempty"`
	// Command is the command text, cut at MaxCommand bytes.
	Command string `json:"command"`
	// CommandSHA256 is the hash of the whole text when Command was cut.
	CommandSHA256 string `json:"command_sha256,omitempty"`
	// Cwd is the working directory the command ran in.
	Cwd      string    `json:"cwd"`
	Severity string    `json:"severity,omitempty"`
	Findings []Finding `json:"findings"`
	// Allow names the exceptions that let findings pass (guard allow
	// entries, allow_commands), comma-separated.
	Allow string `json:"allow,omitempty"`
	// Checkpoint is the id of the checkpoint guard kept before the
	// command ran, or that guard undo restored.
	Checkpoint string `json:"checkpoint,omitempty"`
	// PID is guard's process id (the command's own, after guard execs the
	// shell); PPID and Parent identify the program that ran it.
	PID    int    `json:"pid"`
	PPID   int    `json:"ppid"`
	Parent string `json:"parent,omitempty"`
	UID    int    `json:"uid"`
	// Seq is the record's number in the whole log, segments included,
	// counted from 1; the system log's anchors name records by it. Logs
	// written before it existed have none.
	Seq int64 `json:"seq,omitempty"`
	// Prev is the hash of the record before this one, empty for the first.
	Prev string `json:"prev"`
	// Hash is the SHA-256, in hex, of this record's line without the hash
	// field. Append sets Prev and Hash.
	Hash string `json:"hash,omitempty"`
}

// SetCommand stores a command's text, cutting it at MaxCommand bytes.
func (r *Record) SetCommand(text string) {
	r.Command, r.CommandSHA256 = text, ""
	if len(text) > MaxCommand {
		sum := sha256.Sum256([]byte(text))
		r.CommandSHA256 = hex.EncodeToString(sum[:])
		cut := MaxCommand
		for cut > 0 && !isRuneStart(text[cut]) {
			cut--
		}
		r.Command = text[:cut]
	}
}

func isRuneStart(b byte) bool { return b&0xc0 != 0x80 }

// Now returns the current time in a record's format, in UTC (which also
// spares reading the time zone database).
func Now() string { return time.Now().UTC().Format(time.RFC3339Nano) }

// hashSuffix is what ends every line: ,"hash":"<64 hex digits>"} .
const (
	hashKey    = `,"hash":"`
	hashSuffix = len(hashKey) + 64 + 2
)

// encode returns the record's line, newline included, with Hash set.
func encode(r *Record) ([]byte, error) {
	r.Hash = ""
	line := appendRecord(make([]byte, 0, 512+len(r.Command)), r)
	sum := sha256.Sum256(line)
	r.Hash = hex.EncodeToString(sum[:])
	line = line[:len(line)-1]
	line = append(line, hashKey...)
	line = append(line, r.Hash...)
	line = append(line, "\"}\n"...)
	return line, nil
}

// split returns the body a line's hash covers and the hash it claims.
func split(line []byte) (body []byte, hash string, ok bool) {
	if len(line) < hashSuffix+2 || line[len(line)-1] != '}' || line[len(line)-2] != '"' {
		return nil, "", false
	}
	tail := line[len(line)-hashSuffix:]
	if !bytes.HasPrefix(tail, []byte(hashKey)) {
		return nil, "", false
	}
	hash = string(tail[len(hashKey) : len(hashKey)+64])
	if _, err := hex.DecodeString(hash); err != nil {
		return nil, "", false
	}
	body = make([]byte, 0, len(line)-hashSuffix+1)
	body = append(body, line[:len(line)-hashSuffix]...)
	body = append(body, '}')
	return body, hash, true
}

// LockTimeout is how long Append waits for another process's lock before
// it gives up.
var LockTimeout = 3 * time.Second

// Append adds a record to the log at path, creating the file (0600) and
// its directory (0700) when needed. It sets the record's Seq, Prev and
// Hash. When the file grows past SegmentSize it becomes a segment of its
// own and the next record starts a new file, chained to it (see
// rotate.go). After the write it sends the record's number and hash to
// the system log as an anchor, best effort (see anchor.go).
func Append(path string, r *Record) error {
	f, size, err := openCurrent(path)
	if err != nil {
		return err
	}
	prev, seq, partial, err := tail(f, size, path)
	if err != nil {
		f.unlockClose()
		return err
	}
	r.Prev, r.Seq = prev, seq+1
	line, err := encode(r)
	if err != nil {
		f.unlockClose()
		return err
	}
	if partial {
		// A writer died halfway through a line. Start on a fresh line, so
		// that Verify reports the broken one and not this record.
		line = append([]byte("\n"), line...)
	}
	n, err := f.write(line)
	if err == nil && size+int64(n) >= SegmentSize {
		// Where the log's directory or the file itself does not let this
		// user rename it (the hardened set-up's log, an append-only
		// file), it keeps growing; the record is written all the same.
		if rerr := rotate(path, r.Seq); rerr != nil && !errors.Is(rerr, os.ErrPermission) {
			err = rerr
		}
	}
	f.unlockClose()
	if err == nil {
		anchor(path, r.Seq, r.Hash)
	}
	return err
}

// openCurrent opens the log at path and locks it, making sure that the
// file it locked is still the one at path: another process may have
// rotated it away in the meantime. It returns the file's size under the
// lock, from the stat of the path that makes sure of it.
func openCurrent(path string) (*logFile, int64, error) {
	for range 8 {
		f, err := openLog(path)
		if errors.Is(err, os.ErrNotExist) {
			if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
				return nil, 0, err
			}
			f, err = openLog(path)
		}
		if err != nil {
			return nil, 0, err
		}
		var st unix.Stat_t
		if err := unix.Fstat(f.fd, &st); err != nil {
			unix.Close(f.fd)
			return nil, 0, &os.PathError{Op: "stat", Path: path, Err: err}
		}
		if st.Mode&unix.S_IFMT != unix.S_IFREG {
			unix.Close(f.fd)
			return nil, 0, &os.PathError{Op: "open", Path: path, Err: errors.New("not a regular file; guard writes its log only to a regular file")}
		}
		if err := lock(f); err != nil {
			unix.Close(f.fd)
			return nil, 0, err
		}
		var now unix.Stat_t
		if err := unix.Stat(path, &now); err == nil && now.Ino == st.Ino && now.Dev == st.Dev {
			// The same file, and every writer holds the lock to append:
			// the size stays what the path's stat says until unlocked.
			return f, now.Size, nil
		}
		f.unlockClose()
	}
	return nil, 0, errors.New("the log keeps being rotated away")
}

// tail returns the hash and number of the last record before the next
// one: from the end of f, of the given size, or when f is empty, from the
// newest segment.
func tail(f io.ReaderAt, size int64, path string) (prev string, seq int64, partial bool, err error) {
	if size == 0 {
		prev, seq = lastOfSegments(path)
		return prev, seq, false, nil
	}
	line, partial, err := lastLine(f, size)
	if err != nil {
		return "", 0, partial, err
	}
	prev = hashOf(line)
	seq = seqOf(line)
	if seq == 0 && prev != "" {
		// A log from before records were numbered: count once.
		seq = countRecords(path)
	}
	return prev, seq, partial, nil
}

// A logFile is the log's descriptor, open for appending. Append uses it
// directly rather than through an os.File, whose set-up costs system
// calls a process that lives for one command does not need: os.OpenFile
// registers even a regular file with the network poller, and os.NewFile
// asks for the descriptor's flags.
type logFile struct {
	fd   int
	path string
}

// openLog opens the log for appending. O_NONBLOCK is for the open (a FIFO
// put there must not hang guard); openCurrent then refuses anything but a
// regular file, on which the flag changes nothing, so it is left on.
func openLog(path string) (*logFile, error) {
	fd, err := unix.Open(path, unix.O_RDWR|unix.O_APPEND|unix.O_CREAT|unix.O_CLOEXEC|unix.O_NOFOLLOW|unix.O_NONBLOCK, 0o600)
	if err != nil {
		return nil, &os.PathError{Op: "open", Path: path, Err: err}
	}
	return &logFile{fd, path}, nil
}

// ReadAt reads len(b) bytes at off, as os.File's ReadAt does: io.EOF when
// the file ends first.
func (f *logFile) ReadAt(b []byte, off int64) (int, error) {
	n := 0
	for n < len(b) {
		m, err := unix.Pread(f.fd, b[n:], off+int64(n))
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return n, &os.PathError{Op: "read", Path: f.path, Err: err}
		}
		if m == 0 {
			return n, io.EOF
		}
		n += m
	}
	return n, nil
}

// write appends b, in one write(2) unless the kernel takes less.
func (f *logFile) write(b []byte) (int, error) {
	n := 0
	for n < len(b) {
		m, err := unix.Write(f.fd, b[n:])
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return n, &os.PathError{Op: "write", Path: f.path, Err: err}
		}
		if m == 0 {
			return n, io.ErrShortWrite
		}
		n += m
	}
	return n, nil
}

// unlockClose releases the lock and closes the file. The unlock is
// explicit: a child forked meanwhile holds the descriptor until its exec,
// and with it the lock, which close alone would leave held.
func (f *logFile) unlockClose() {
	unix.Flock(f.fd, unix.LOCK_UN)
	unix.Close(f.fd)
}

func lock(f *logFile) error {
	fd := f.fd
	deadline := time.Now().Add(LockTimeout)
	wait := 200 * time.Microsecond
	for {
		err := unix.Flock(fd, unix.LOCK_EX|unix.LOCK_NB)
		if err == nil {
			return nil
		}
		if !errors.Is(err, unix.EWOULDBLOCK) && !errors.Is(err, unix.EINTR) {
			return fmt.Errorf("locking the log: %w", err)
		}
		if time.Now().After(deadline) {
			return errors.New("another process holds the log's lock")
		}
		time.Sleep(wait)
		wait = min(wait*2, 20*time.Millisecond)
	}
}

// lastLine returns the last complete line of f, without its newline,
// and whether the file ends in a partial line.
func lastLine(f io.ReaderAt, size int64) ([]byte, bool, error) {
	if size == 0 {
		return nil, false, nil
	}
	// Most records are short: one read of the tail usually holds the whole
	// last line.
	var tail [4096]byte
	start := max(0, size-int64(len(tail)))
	b := tail[:size-start]
	if _, err := f.ReadAt(b, start); err != nil && err != io.EOF {
		return nil, false, err
	}
	partial := b[len(b)-1] != '\n'
	if !partial {
		if i := bytes.LastIndexByte(b[:len(b)-1], '\n'); i >= 0 || start == 0 {
			return append([]byte(nil), b[i+1:len(b)-1]...), false, nil
		}
	}
	// A long last line, or a partial one: look for the line's bounds.
	nl, err := lastNewline(f, size)
	if err != nil || nl < 0 {
		return nil, true, err
	}
	partial = nl != size-1
	begin, err := lastNewline(f, nl)
	if err != nil {
		return nil, partial, err
	}
	line := make([]byte, nl-(begin+1))
	if _, err := f.ReadAt(line, begin+1); err != nil {
		return nil, partial, err
	}
	return line, partial, nil
}

// seqOf returns the number a record line carries, or 0.
func seqOf(line []byte) int64 {
	i := bytes.LastIndex(line, []byte(`,"seq":`))
	if i < 0 {
		return 0
	}
	n := int64(0)
	for _, c := range line[i+len(`,"seq":`):] {
		if c < '0' || c > '9' {
			break
		}
		n = n*10 + int64(c-'0')
	}
	return n
}

// hashOf returns the hash a record line claims, or "" for a line that is
// not a record: the chain then starts afresh, which Verify reports.
func hashOf(line []byte) string {
	_, h, ok := split(line)
	if !ok {
		return ""
	}
	return h
}

// lastNewline returns the offset of the last newline before end, or -1.
func lastNewline(f io.ReaderAt, end int64) (int64, error) {
	const chunk = 8192
	buf := make([]byte, chunk)
	for end > 0 {
		start := max(0, end-chunk)
		b := buf[:end-start]
		if _, err := f.ReadAt(b, start); err != nil && err != io.EOF {
			return -1, err
		}
		if i := bytes.LastIndexByte(b, '\n'); i >= 0 {
			return start + int64(i), nil
		}
		end = start
	}
	return -1, nil
}

// Problem describes where the chain breaks.
type Problem struct {
	// File is the segment, when VerifyLog found it; Line is 0 for a
	// problem with the log as a whole.
	File   string
	Line   int
	Reason string
}

func (p *Problem) Error() string {
	switch {
	case p.Line == 0:
		return p.Reason
	case p.File != "":
		return fmt.Sprintf("%s: line %d: %s", p.File, p.Line, p.Reason)
	}
	return fmt.Sprintf("line %d: %s", p.Line, p.Reason)
}

// Verify checks every record of the log at path: that each line's hash
// matches its content and that each record names the hash of the one
// before it. It returns the number of records, and a *Problem for the
// first break it finds.
func Verify(path string) (int, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	r := bufio.NewReaderSize(f, 64<<10)
	prev := ""
	n := 0
	for line := 1; ; line++ {
		b, err := r.ReadBytes('\n')
		if len(b) == 0 && err == io.EOF {
			return n, nil
		}
		if err != nil && err != io.EOF {
			return n, err
		}
		if err == io.EOF {
			return n, &Problem{Line: line, Reason: "the last line is incomplete (a write was cut short, or the file was truncated)"}
		}
		b = b[:len(b)-1]
		body, hash, ok := split(b)
		if !ok {
			return n, &Problem{Line: line, Reason: "not a log record (no hash at the end of the line)"}
		}
		sum := sha256.Sum256(body)
		if hex.EncodeToString(sum[:]) != hash {
			return n, &Problem{Line: line, Reason: "the record does not match its hash: it was edited"}
		}
		var rec struct {
			Prev *string `json:"prev"`
		}
		if err := json.Unmarshal(body, &rec); err != nil || rec.Prev == nil {
			return n, &Problem{Line: line, Reason: "not a log record"}
		}
		if *rec.Prev != prev {
			if n == 0 {
				return n, &Problem{Line: line, Reason: "the first record follows another one: records before it were removed"}
			}
			return n, &Problem{Line: line, Reason: fmt.Sprintf("the record does not follow line %d: records between them were removed, reordered or inserted", line-1)}
		}
		prev = hash
		n++
	}
}

// Read calls fn for each record of the log at path and its segments,
// oldest first, until fn returns false. Lines that are not records are
// skipped.
func Read(path string, fn func(*Record) bool) error {
	for _, seg := range Segments(path) {
		more, err := readFile(seg.Path, fn)
		if err != nil && !(seg.Last > 0 && errors.Is(err, os.ErrNotExist)) {
			return err
		}
		if !more {
			return nil
		}
	}
	return nil
}

func readFile(path string, fn func(*Record) bool) (bool, error) {
	f, err := os.Open(path)
	if err != nil {
		return true, err
	}
	defer f.Close()
	if st, err := f.Stat(); err != nil || !st.Mode().IsRegular() {
		return true, &os.PathError{Op: "read", Path: path, Err: errors.New("not a regular file")}
	}
	r := bufio.NewReaderSize(f, 64<<10)
	for {
		b, err := r.ReadBytes('\n')
		if len(b) > 0 {
			var rec Record
			if json.Unmarshal(b, &rec) == nil && rec.Hash != "" {
				if !fn(&rec) {
					return false, nil
				}
			}
		}
		if err == io.EOF {
			return true, nil
		}
		if err != nil {
			return true, err
		}
	}
}
