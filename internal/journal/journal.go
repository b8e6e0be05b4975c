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
	// Result is what happened: "ran" or "blocked".
	Result string `json:"result"`
	// How says who decided: rules, tty, approver, or none when nobody
	// could be asked.
	How string `json:"how"`
	// Answer is a person's answer: yes, no, timeout, or empty.
	Answer string `json:"answer,omitempty"`
	// Channel is guard's front door: shell, exec, hook claude, ...
	Channel string `json:"channel"`
	// Command is the command text, cut at MaxCommand bytes.
	Command string `json:"command"`
	// CommandSHA256 is the hash of the whole text when Command was cut.
	CommandSHA256 string `json:"command_sha256,omitempty"`
	// Cwd is the working directory the command ran in.
	Cwd      string    `json:"cwd"`
	Severity string    `json:"severity,omitempty"`
	Findings []Finding `json:"findings"`
	// PID is guard's process id (the command's own, after guard execs the
	// shell); PPID and Parent identify the program that ran it.
	PID    int    `json:"pid"`
	PPID   int    `json:"ppid"`
	Parent string `json:"parent,omitempty"`
	UID    int    `json:"uid"`
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
// its directory (0700) when needed. It sets the record's Prev and Hash.
func Append(path string, r *Record) error {
	f, err := openLog(path)
	if errors.Is(err, os.ErrNotExist) {
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			return err
		}
		f, err = openLog(path)
	}
	if err != nil {
		return err
	}
	// Closing the file releases the lock.
	defer f.close()
	if err := lock(f); err != nil {
		return err
	}
	prev, partial, err := lastHash(f)
	if err != nil {
		return err
	}
	r.Prev = prev
	line, err := encode(r)
	if err != nil {
		return err
	}
	if partial {
		// A writer died halfway through a line. Start on a fresh line, so
		// that Verify reports the broken one and not this record.
		line = append([]byte("\n"), line...)
	}
	return f.write(line)
}

// openLog opens the log for appending. It works on the descriptor
// directly rather than through os.File, which would also ask the file's
// flags and try to register it with the network poller: system calls in a
// process that lives for one command. An append is open, flock, fstat,
// pread of the last line (for the chain), one write and close.
func openLog(path string) (logFile, error) {
	fd, err := unix.Open(path, unix.O_RDWR|unix.O_APPEND|unix.O_CREAT|unix.O_CLOEXEC|unix.O_NOFOLLOW, 0o600)
	if err != nil {
		return -1, &os.PathError{Op: "open", Path: path, Err: err}
	}
	return logFile(fd), nil
}

// logFile is the descriptor of an open log.
type logFile int

func (f logFile) close() error { return unix.Close(int(f)) }

func (f logFile) size() (int64, error) {
	var st unix.Stat_t
	if err := unix.Fstat(int(f), &st); err != nil {
		return 0, err
	}
	return st.Size, nil
}

// ReadAt reads len(b) bytes at off, as io.ReaderAt does.
func (f logFile) ReadAt(b []byte, off int64) (int, error) {
	n := 0
	for n < len(b) {
		m, err := unix.Pread(int(f), b[n:], off+int64(n))
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return n, err
		}
		if m == 0 {
			return n, io.EOF
		}
		n += m
	}
	return n, nil
}

// write writes all of b, in one system call unless it is cut short.
func (f logFile) write(b []byte) error {
	for len(b) > 0 {
		n, err := unix.Write(int(f), b)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return err
		}
		if n == 0 {
			return io.ErrShortWrite
		}
		b = b[n:]
	}
	return nil
}

func lock(f logFile) error {
	fd := int(f)
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

// lastHash returns the hash of the last complete record in f, and whether
// the file ends in a partial line.
func lastHash(f logFile) (string, bool, error) {
	size, err := f.size()
	if err != nil {
		return "", false, err
	}
	if size == 0 {
		return "", false, nil
	}
	// Most records are short: one read of the tail usually holds the whole
	// last line.
	var tail [4096]byte
	start := max(0, size-int64(len(tail)))
	b := tail[:size-start]
	if _, err := f.ReadAt(b, start); err != nil && err != io.EOF {
		return "", false, err
	}
	partial := b[len(b)-1] != '\n'
	if !partial {
		if i := bytes.LastIndexByte(b[:len(b)-1], '\n'); i >= 0 || start == 0 {
			return hashOf(b[i+1 : len(b)-1]), false, nil
		}
	}
	// A long last line, or a partial one: look for the line's bounds.
	nl, err := lastNewline(f, size)
	if err != nil || nl < 0 {
		return "", true, err
	}
	partial = nl != size-1
	begin, err := lastNewline(f, nl)
	if err != nil {
		return "", partial, err
	}
	line := make([]byte, nl-(begin+1))
	if _, err := f.ReadAt(line, begin+1); err != nil {
		return "", partial, err
	}
	return hashOf(line), partial, nil
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
func lastNewline(f logFile, end int64) (int64, error) {
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
	Line   int
	Reason string
}

func (p *Problem) Error() string { return fmt.Sprintf("line %d: %s", p.Line, p.Reason) }

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
			return n, &Problem{line, "the last line is incomplete (a write was cut short, or the file was truncated)"}
		}
		b = b[:len(b)-1]
		body, hash, ok := split(b)
		if !ok {
			return n, &Problem{line, "not a log record (no hash at the end of the line)"}
		}
		sum := sha256.Sum256(body)
		if hex.EncodeToString(sum[:]) != hash {
			return n, &Problem{line, "the record does not match its hash: it was edited"}
		}
		var rec struct {
			Prev *string `json:"prev"`
		}
		if err := json.Unmarshal(body, &rec); err != nil || rec.Prev == nil {
			return n, &Problem{line, "not a log record"}
		}
		if *rec.Prev != prev {
			if n == 0 {
				return n, &Problem{line, "the first record follows another one: records before it were removed"}
			}
			return n, &Problem{line, fmt.Sprintf("the record does not follow line %d: records between them were removed, reordered or inserted", line-1)}
		}
		prev = hash
		n++
	}
}

// Read calls fn for each record of the log at path, oldest first, until
// fn returns false. Lines that are not records are skipped.
func Read(path string, fn func(*Record) bool) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	r := bufio.NewReaderSize(f, 64<<10)
	for {
		b, err := r.ReadBytes('\n')
		if len(b) > 0 {
			var rec Record
			if json.Unmarshal(b, &rec) == nil && rec.Hash != "" {
				if !fn(&rec) {
					return nil
				}
			}
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}
