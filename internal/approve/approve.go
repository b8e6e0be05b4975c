// Package approve is the channel between guard processes that need a
// person's answer and guard approve, which a person runs in a terminal of
// their own. Requests travel over a Unix socket at a fixed per-user path:
// a directory only its owner can enter (0700) holding a socket only its
// owner can open (0600). Each side checks the other: the approver reads
// the requester's credentials with SO_PEERCRED and refuses other users;
// the requester checks that the directory, the socket and the process
// listening on it all belong to the expected user.
//
// The protocol is one JSON object per line. The requester sends a
// Request; the approver answers at once with a Response whose Status is
// "queued" (or "refused"), and later with the Response that carries the
// person's Answer.
package approve

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"syscall"
	"time"

	"github.com/guardsh/guard/internal/message"
	"github.com/guardsh/guard/internal/sock"
)

// SocketName and LockName are the files in the runtime directory.
const (
	SocketName = "approve.sock"
	LockName   = "approve.lock"
)

// maxMessage bounds one message in either direction.
const maxMessage = 4 << 20

// Finding is a rule that matched, as the approver shows it: in the words
// every channel uses (package message).
type Finding = message.Finding

// Request asks for a person's answer about one command.
type Request struct {
	Command  string    `json:"command"`
	Dir      string    `json:"dir"`
	Channel  string    `json:"channel"`
	Severity string    `json:"severity"`
	Critical bool      `json:"critical"`
	Findings []Finding `json:"findings"`
	// Timeout is how long the requester waits, in milliseconds.
	Timeout int64 `json:"timeout_ms"`
	// Agent and Session say which coding agent asks, and in which of its
	// sessions, when the requester can tell (the requester's word; the
	// approver adds what the kernel says about its process).
	Agent   string `json:"agent,omitempty"`
	Session string `json:"session,omitempty"`
}

// Response is the approver's reply.
type Response struct {
	// Status is "queued" in the first reply, "answered" in the last one,
	// or "refused".
	Status string `json:"status"`
	// Answer is yes, no or timeout, in the last reply.
	Answer string `json:"answer,omitempty"`
	// Ahead is how many requests are shown before this one.
	Ahead  int    `json:"ahead,omitempty"`
	Reason string `json:"reason,omitempty"`
}

// The answers.
const (
	Yes     = "yes"
	No      = "no"
	Timeout = "timeout"
)

var (
	// ErrNoApprover means no approver is running.
	ErrNoApprover = errors.New("no guard approve is running")
	// ErrUntrusted means the socket or the process behind it does not
	// belong to the expected user: it may be an impostor.
	ErrUntrusted = errors.New("refusing an untrusted approver")
	// ErrRefused means the approver refused the request.
	ErrRefused = errors.New("the approver refused the request")
)

// CheckDir checks that dir is a real directory owned by uid that nobody
// else can enter or list.
func CheckDir(dir string, uid int) error {
	st, err := os.Lstat(dir)
	if err != nil {
		return err
	}
	if !st.IsDir() {
		return fmt.Errorf("%w: %s is not a directory", ErrUntrusted, dir)
	}
	if owner := ownerOf(st); owner != uid {
		return fmt.Errorf("%w: %s is owned by uid %d, not %d", ErrUntrusted, dir, owner, uid)
	}
	if st.Mode().Perm()&0o077 != 0 {
		return fmt.Errorf("%w: %s has mode %v; it must be 0700", ErrUntrusted, dir, st.Mode().Perm())
	}
	return nil
}

func ownerOf(st os.FileInfo) int {
	if s, ok := st.Sys().(*syscall.Stat_t); ok {
		return int(s.Uid)
	}
	return -1
}

// Ask sends req to the approver whose socket is in dir, which must belong
// to uid, and waits for the answer until ctx is done or req.Timeout has
// passed (then the answer is Timeout). queued, if not nil, is called once
// the approver has queued the request.
func Ask(ctx context.Context, dir string, uid int, req Request, queued func(ahead int)) (string, error) {
	conn, err := Dial(dir, uid)
	if err != nil {
		return "", err
	}
	defer conn.Close()
	deadline := time.Now().Add(time.Duration(req.Timeout) * time.Millisecond)
	if d, ok := ctx.Deadline(); ok && d.Before(deadline) {
		deadline = d
	}
	conn.SetDeadline(deadline)
	stop := context.AfterFunc(ctx, func() { conn.SetDeadline(time.Now()) })
	defer stop()

	b, err := json.Marshal(req)
	if err != nil {
		return "", err
	}
	if _, err := conn.Write(append(b, '\n')); err != nil {
		return "", fmt.Errorf("%w: %v", ErrNoApprover, err)
	}
	r := bufio.NewReader(io.LimitReader(conn, maxMessage))
	var resp Response
	if err := readMessage(r, &resp); err != nil {
		if isTimeout(err) {
			return Timeout, nil
		}
		return "", fmt.Errorf("%w: %v", ErrNoApprover, err)
	}
	if resp.Status == "refused" {
		return "", fmt.Errorf("%w: %s", ErrRefused, resp.Reason)
	}
	if queued != nil {
		queued(resp.Ahead)
	}
	if err := readMessage(r, &resp); err != nil {
		if isTimeout(err) {
			if ctx.Err() != nil {
				return "", ctx.Err()
			}
			return Timeout, nil
		}
		// The approver went away without answering.
		return No, nil
	}
	switch resp.Answer {
	case Yes, Timeout:
		return resp.Answer, nil
	}
	return No, nil
}

func isTimeout(err error) bool { return errors.Is(err, os.ErrDeadlineExceeded) }

func readMessage(r *bufio.Reader, v any) error {
	line, err := r.ReadBytes('\n')
	if err != nil {
		return err
	}
	return json.Unmarshal(line, v)
}

// Dial connects to the approver in dir after checking that the directory
// and socket belong to uid, then checks that the process listening on it
// runs as uid.
func Dial(dir string, uid int) (*sock.Conn, error) {
	path := filepath.Join(dir, SocketName)
	if _, err := os.Lstat(dir); errors.Is(err, os.ErrNotExist) {
		return nil, ErrNoApprover
	}
	if err := checkReachable(dir, uid); err != nil {
		return nil, err
	}
	st, err := os.Lstat(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, ErrNoApprover
	}
	if err != nil {
		return nil, err
	}
	if st.Mode()&os.ModeSocket == 0 {
		return nil, fmt.Errorf("%w: %s is not a socket", ErrUntrusted, path)
	}
	if owner := ownerOf(st); owner != uid {
		return nil, fmt.Errorf("%w: %s is owned by uid %d, not %d", ErrUntrusted, path, owner, uid)
	}
	conn, err := sock.Dial(path, 2*time.Second)
	if err != nil {
		// A socket nobody listens on is what a stopped approver leaves.
		return nil, fmt.Errorf("%w (%v)", ErrNoApprover, err)
	}
	if err := checkPeer(conn, uid); err != nil {
		conn.Close()
		return nil, err
	}
	return conn, nil
}

func checkPeer(conn *sock.Conn, uid int) error {
	p, err := peerOf(conn)
	if err != nil {
		return fmt.Errorf("%w: cannot read its credentials: %v", ErrUntrusted, err)
	}
	if p.UID != uid {
		return fmt.Errorf("%w: it runs as uid %d, not %d", ErrUntrusted, p.UID, uid)
	}
	return nil
}
