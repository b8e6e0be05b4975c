// Package tty talks to the person at the controlling terminal: it opens
// /dev/tty (never the command's stdin or stdout), flushes keys typed before
// a question is shown, and asks a question whose default is No.
package tty

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
	"golang.org/x/term"
)

// ErrNoTTY means the process has no controlling terminal, as when an agent
// runs commands in a new session with stdin from /dev/null.
var ErrNoTTY = errors.New("no controlling terminal")

// Open opens the controlling terminal for reading and writing.
func Open() (*os.File, error) {
	f, err := os.OpenFile("/dev/tty", os.O_RDWR|syscall.O_CLOEXEC, 0)
	if err != nil {
		if errors.Is(err, unix.ENXIO) || errors.Is(err, os.ErrNotExist) {
			return nil, ErrNoTTY
		}
		return nil, fmt.Errorf("%w: %v", ErrNoTTY, err)
	}
	return f, nil
}

// Foreground reports whether this process's group is the terminal's
// foreground group. A background job that reads the terminal is stopped
// by SIGTTIN, so guard asks there only from the foreground.
func Foreground(f *os.File) bool {
	pgrp, err := unix.IoctlGetInt(int(f.Fd()), unix.TIOCGPGRP)
	return err == nil && pgrp == unix.Getpgrp()
}

// Color reports whether text for the terminal f may carry colour and
// bold: f is a terminal, TERM is not dumb, and NO_COLOR is unset or empty
// (https://no-color.org).
func Color(f *os.File) bool {
	return os.Getenv("NO_COLOR") == "" && os.Getenv("TERM") != "dumb" && term.IsTerminal(int(f.Fd()))
}

// Answer is a person's answer.
type Answer string

// The answers. Anything but a clear yes is No.
const (
	Yes     Answer = "yes"
	No      Answer = "no"
	Timeout Answer = "timeout"
)

// Question is what to ask.
type Question struct {
	// Title is the first line, such as "guard: run this command?".
	Title string
	// Details are shown under the title as plain text: the command, the
	// rule, the reason, the directory. The caller makes them safe to print.
	Details string
	// Critical asks the person to type a code shown only on the terminal,
	// instead of answering yes or no.
	Critical bool
	// Timeout is how long to wait; zero means no limit.
	Timeout time.Duration
	// Deadline, when set, is when the asker stops waiting (the
	// requester's own timeout, for guard approve); the question ends
	// then, as at the timeout.
	Deadline time.Time
	// Bell rings the terminal bell when the question is shown, for a
	// person whose attention is elsewhere.
	Bell bool
}

// codeAlphabet has no letters or digits that look alike.
const codeAlphabet = "ACDEFHJKMNPRTWXY34679"

// NewCode returns a random code of n characters for critical questions.
func NewCode(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic(err) // crypto/rand does not fail on supported systems
	}
	for i := range b {
		b[i] = codeAlphabet[int(b[i])%len(codeAlphabet)]
	}
	return string(b)
}

// Ask asks the person at the terminal f. It flushes pending input first,
// so that nothing typed before the question is shown can answer it. Only
// y (or, for critical questions, the code and Enter) approves; Enter, n,
// Esc, Ctrl-C, Ctrl-D, a closed terminal and a cancelled ctx all mean No;
// the timeout means Timeout. Errors come with No.
//
// The prompt is a few lines of plain text and one question, read in raw
// mode. (An earlier version drew it with huh v2; linking huh and its
// dependencies cost about half a millisecond at the start of every guard
// process, allowed commands included, so guard asks by itself.)
func Ask(ctx context.Context, f *os.File, q Question) (Answer, error) {
	// A signal while the terminal is in raw mode ends the question (No)
	// and restores the terminal, instead of killing guard and leaving the
	// terminal raw.
	sctx, stop := signal.NotifyContext(ctx, syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP, syscall.SIGQUIT)
	defer stop()
	fd := int(f.Fd())
	w := &termWriter{f: f}
	title := q.Title
	if Color(f) {
		title = "\x1b[1m" + title + "\x1b[0m"
	}
	w.line(title)
	for _, l := range strings.Split(q.Details, "\n") {
		w.line("  " + l)
	}
	old, err := term.MakeRaw(fd)
	if err != nil {
		return No, fmt.Errorf("setting up the terminal: %w", err)
	}
	defer term.Restore(fd, old)
	if err := Flush(f); err != nil {
		return No, fmt.Errorf("flushing the terminal's input: %w", err)
	}
	p := &reader{fd: fd, ctx: sctx}
	if q.Timeout > 0 {
		p.deadline = time.Now().Add(q.Timeout)
	}
	if !q.Deadline.IsZero() && (p.deadline.IsZero() || q.Deadline.Before(p.deadline)) {
		p.deadline = q.Deadline
	}
	code := ""
	if q.Critical {
		code = NewCode(4)
	}
	// The question line counts down to the deadline, redrawn once a
	// second with what has been typed so far, where the terminal can.
	question := func() string {
		limit := ""
		if !p.deadline.IsZero() {
			left := max(time.Until(p.deadline).Round(time.Second), 0)
			limit = fmt.Sprintf(" (no answer in %s means no)", left)
		}
		if q.Critical {
			return fmt.Sprintf("Type %s and press Enter to run it; anything else cancels%s: ", code, limit)
		}
		return fmt.Sprintf("Run it? [y/N]%s ", limit)
	}
	if q.Bell {
		w.raw("\a")
	}
	w.raw(question())
	p.drawn = time.Now()
	if !p.deadline.IsZero() && os.Getenv("TERM") != "dumb" {
		p.redraw = func() { w.raw("\r\x1b[K" + question() + string(p.typed)) }
	}
	var a Answer
	if q.Critical {
		var typed string
		typed, a, err = p.readLine(w, 16)
		if a == "" {
			a = No
			if strings.EqualFold(strings.TrimSpace(typed), code) {
				a = Yes
			}
		}
	} else {
		a, err = p.readYesNo(w)
	}
	w.raw("\r\n")
	// Drop keys pressed after the answer: they are not for the shell.
	Flush(f)
	if err != nil {
		if ctx.Err() == nil && sctx.Err() != nil {
			return No, ErrInterrupted
		}
		return No, err
	}
	return a, nil
}

// ErrInterrupted means a signal ended the question.
var ErrInterrupted = errors.New("interrupted by a signal")

// termWriter writes to the terminal; errors show up when reading.
type termWriter struct{ f *os.File }

func (w *termWriter) line(s string) { w.f.WriteString(s + "\r\n") }
func (w *termWriter) raw(s string)  { w.f.WriteString(s) }

// reader reads keys from a terminal in raw mode, one byte at a time, with
// poll, so that a timeout or a cancelled context leaves no reader behind.
type reader struct {
	fd       int
	ctx      context.Context
	deadline time.Time
	// redraw, when set, draws the question line again with typed; it is
	// called once a second while no key comes.
	redraw func()
	typed  []byte
	drawn  time.Time
}

// errTimeout and errClosed end a read without an answer.
var (
	errTimeout = errors.New("timeout")
	errClosed  = errors.New("the terminal was closed")
)

// key returns the next byte typed, waiting at most wait (or until the
// deadline when wait is 0).
func (r *reader) key(wait time.Duration) (byte, error) {
	var until time.Time
	if wait > 0 {
		until = time.Now().Add(wait)
	}
	for {
		if err := r.ctx.Err(); err != nil {
			return 0, err
		}
		slice := 100 * time.Millisecond
		now := time.Now()
		if !r.deadline.IsZero() {
			if !now.Before(r.deadline) {
				return 0, errTimeout
			}
			slice = min(slice, r.deadline.Sub(now))
		}
		if !until.IsZero() {
			if !now.Before(until) {
				return 0, errTimeout
			}
			slice = min(slice, until.Sub(now))
		}
		fds := []unix.PollFd{{Fd: int32(r.fd), Events: unix.POLLIN}}
		n, err := unix.Poll(fds, int(slice.Milliseconds())+1)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return 0, err
		}
		if n == 0 {
			if r.redraw != nil && time.Since(r.drawn) >= time.Second {
				r.drawn = time.Now()
				r.redraw()
			}
			continue
		}
		if fds[0].Revents&(unix.POLLHUP|unix.POLLERR|unix.POLLNVAL) != 0 && fds[0].Revents&unix.POLLIN == 0 {
			return 0, errClosed
		}
		var b [1]byte
		m, err := unix.Read(r.fd, b[:])
		if err == unix.EINTR || err == unix.EAGAIN {
			continue
		}
		if err != nil || m == 0 {
			return 0, errClosed
		}
		return b[0], nil
	}
}

const (
	ctrlC = 0x03
	ctrlD = 0x04
	esc   = 0x1b
	del   = 0x7f
	bs    = 0x08
	ctrlU = 0x15
)

// skipEscape reads the rest of an escape sequence, such as an arrow key,
// and reports whether there was one: a lone Esc has nothing after it.
func (r *reader) skipEscape() (bool, error) {
	b, err := r.key(50 * time.Millisecond)
	if err == errTimeout {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	if b != '[' && b != 'O' {
		return true, nil
	}
	for i := 0; i < 16; i++ {
		b, err := r.key(50 * time.Millisecond)
		if err != nil {
			return true, nil
		}
		if b >= 0x40 && b <= 0x7e {
			break
		}
	}
	return true, nil
}

// finish turns a read error into an answer.
func finish(err error) (Answer, error) {
	switch err {
	case errTimeout:
		return Timeout, nil
	case errClosed:
		return No, nil
	}
	return No, err
}

// readYesNo waits for y (yes) or a key that means no. Other keys, arrow
// keys among them, are ignored.
func (r *reader) readYesNo(w *termWriter) (Answer, error) {
	for {
		b, err := r.key(0)
		if err != nil {
			a, err := finish(err)
			w.raw(string(a))
			return a, err
		}
		switch b {
		case 'y', 'Y':
			w.raw("yes")
			return Yes, nil
		case 'n', 'N', '\r', '\n', ctrlC, ctrlD:
			w.raw("no")
			return No, nil
		case esc:
			seq, err := r.skipEscape()
			if err != nil {
				return finish(err)
			}
			if !seq {
				w.raw("no")
				return No, nil
			}
		}
	}
}

// readLine reads a line of at most max printable characters, echoing
// them. It returns an answer only when the line was not completed.
func (r *reader) readLine(w *termWriter, max int) (string, Answer, error) {
	var line []byte
	defer func() { r.typed = nil }()
	for {
		r.typed = line
		b, err := r.key(0)
		if err != nil {
			a, err := finish(err)
			w.raw(" " + string(a))
			return "", a, err
		}
		switch {
		case b == '\r' || b == '\n':
			return string(line), "", nil
		case b == ctrlC || b == ctrlD:
			w.raw(" no")
			return "", No, nil
		case b == esc:
			seq, err := r.skipEscape()
			if err != nil {
				a, err := finish(err)
				return "", a, err
			}
			if !seq {
				w.raw(" no")
				return "", No, nil
			}
		case b == del || b == bs:
			if len(line) > 0 {
				line = line[:len(line)-1]
				w.raw("\b \b")
			}
		case b == ctrlU:
			for range line {
				w.raw("\b \b")
			}
			line = line[:0]
		case b > 0x20 && b < 0x7f && len(line) < max:
			line = append(line, b)
			w.raw(string(b))
		}
	}
}
