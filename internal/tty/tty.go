// Package tty talks to the person at the controlling terminal: it opens
// /dev/tty (never the command's stdin or stdout), flushes keys typed before
// a question is shown, and asks with a huh v2 form that defaults to No.
package tty

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"os"
	"strings"
	"syscall"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/huh/v2"
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
// so that nothing typed before the question is shown can answer it. Enter,
// Esc, Ctrl-C, Ctrl-D, a closed terminal and a cancelled ctx all mean No;
// the timeout means Timeout. Errors come with No.
func Ask(ctx context.Context, f *os.File, q Question) (Answer, error) {
	// huh reads the terminal through a goroutine that can outlive the
	// form and steal the first key of the next question on the same file.
	// A file of its own, closed afterwards, leaves that goroutine nothing
	// to read.
	if own, err := reopen(f); err == nil {
		defer own.Close()
		f = own
	}
	fd := int(f.Fd())
	// Raw mode first, so that the flush catches everything typed so far
	// and nothing waits in a line buffer; huh's own raw mode then restores
	// to this state, and we restore the original.
	old, err := term.MakeRaw(fd)
	if err != nil {
		return No, fmt.Errorf("setting up the terminal: %w", err)
	}
	defer term.Restore(fd, old)
	if err := Flush(f); err != nil {
		return No, fmt.Errorf("flushing the terminal's input: %w", err)
	}

	keys := huh.NewDefaultKeyMap()
	keys.Quit = key.NewBinding(key.WithKeys("ctrl+c", "esc", "ctrl+d"))
	var field huh.Field
	var yes bool
	var typed string
	code := ""
	if q.Critical {
		code = NewCode(4)
		field = huh.NewInput().
			Title(fmt.Sprintf("Type %s and press Enter to run it; anything else cancels", code)).
			Description(q.Details).
			CharLimit(16).
			Value(&typed)
	} else {
		field = huh.NewConfirm().
			Title("Run it? (default No)").
			Description(q.Details).
			Affirmative("Yes, run it").
			Negative("No").
			Value(&yes)
	}
	form := huh.NewForm(huh.NewGroup(field).Title(q.Title)).
		WithAccessible(false). // TERM=dumb would turn the timeout off
		WithKeyMap(keys).
		WithShowHelp(true).
		WithInput(f).
		WithOutput(f).
		WithTimeout(q.Timeout)
	err = form.RunWithContext(ctx)
	// Drop what is left: keys pressed after the answer, and the terminal's
	// late replies to the form's queries, which are not for the shell.
	Flush(f)
	switch {
	case ctx.Err() != nil:
		return No, ctx.Err()
	case errors.Is(err, huh.ErrTimeout):
		return Timeout, nil
	case errors.Is(err, huh.ErrUserAborted):
		return No, nil
	case err != nil:
		return No, err
	}
	if q.Critical {
		if strings.EqualFold(strings.TrimSpace(typed), code) {
			return Yes, nil
		}
		return No, nil
	}
	if yes {
		return Yes, nil
	}
	return No, nil
}

// reopen opens the terminal f anew, as a separate open file description.
func reopen(f *os.File) (*os.File, error) {
	name, err := os.Readlink(fmt.Sprintf("/proc/self/fd/%d", f.Fd()))
	if err != nil {
		return nil, err
	}
	return os.OpenFile(name, os.O_RDWR|syscall.O_NOCTTY|syscall.O_CLOEXEC, 0)
}
