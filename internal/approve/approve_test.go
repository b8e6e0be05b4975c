package approve

import (
	"context"
	"errors"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/guardsh/guard/internal/sock"
)

func runDir(t *testing.T) string {
	t.Helper()
	// Unix socket paths are short: keep the directory near the root.
	base, err := os.MkdirTemp("", "gap")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(base) })
	return filepath.Join(base, "run")
}

func listenT(t *testing.T) (*Server, string) {
	t.Helper()
	dir := runDir(t)
	s, err := Listen(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, dir
}

var req = Request{Command: "terraform destroy", Dir: "/work", Channel: "shell", Severity: "high",
	Findings: []Finding{{Rule: "iac.terraform-destroy", Severity: "high", Action: "confirm", What: "terraform destroy"}},
	Timeout:  60_000}

type reply struct {
	answer string
	err    error
}

func askAsync(dir string, r Request) chan reply {
	ch := make(chan reply, 1)
	go func() {
		a, err := Ask(context.Background(), dir, os.Getuid(), r, nil)
		ch <- reply{a, err}
	}()
	return ch
}

func next(t *testing.T, s *Server) *Pending {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	p, err := s.Next(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestListenMakesPrivateFiles(t *testing.T) {
	s, dir := listenT(t)
	st, _ := os.Lstat(dir)
	if st.Mode().Perm() != 0o700 {
		t.Errorf("dir mode %v", st.Mode().Perm())
	}
	st, _ = os.Lstat(s.Path())
	if st.Mode().Perm() != 0o600 || st.Mode()&os.ModeSocket == 0 {
		t.Errorf("socket mode %v", st.Mode())
	}
	if _, err := Listen(dir); err == nil || !strings.Contains(err.Error(), "already running") {
		t.Errorf("second Listen = %v, want already running", err)
	}
}

func TestApproveAndDeny(t *testing.T) {
	s, dir := listenT(t)
	for _, want := range []string{Yes, No} {
		ch := askAsync(dir, req)
		p := next(t, s)
		if p.Request.Command != "terraform destroy" || p.Peer.UID != os.Getuid() || p.Peer.PID != os.Getpid() {
			t.Fatalf("pending %+v", p)
		}
		if p.Peer.Cwd == "" || p.Peer.PPID == 0 {
			t.Errorf("peer details missing: %+v", p.Peer)
		}
		p.Answer(want)
		if r := <-ch; r.err != nil || r.answer != want {
			t.Fatalf("Ask = %v, %v; want %v", r.answer, r.err, want)
		}
	}
}

func TestRequesterTimesOut(t *testing.T) {
	s, dir := listenT(t)
	r := req
	r.Timeout = 200
	ch := askAsync(dir, r)
	p := next(t, s)
	// Nobody answers: the requester gives up, and the pending request
	// learns of it.
	if got := <-ch; got.err != nil || got.answer != Timeout {
		t.Fatalf("Ask = %v, %v; want timeout", got.answer, got.err)
	}
	select {
	case <-p.Context().Done():
	case <-time.After(20 * time.Second):
		t.Fatal("the pending request was not withdrawn")
	}
}

func TestWithdrawnRequestsAreSkipped(t *testing.T) {
	s, dir := listenT(t)
	r := req
	r.Timeout = 100
	if got := <-askAsync(dir, r); got.answer != Timeout {
		t.Fatalf("Ask = %v, %v", got.answer, got.err)
	}
	r.Command = "second"
	r.Timeout = 60_000
	ch := askAsync(dir, r)
	p := next(t, s)
	if p.Request.Command != "second" {
		// Next skips requests known to be withdrawn; one whose requester
		// hung up a moment ago is withdrawn as soon as that is seen.
		select {
		case <-p.Context().Done():
		case <-time.After(20 * time.Second):
			t.Fatal("the withdrawn request stays pending")
		}
		p = next(t, s)
	}
	if p.Request.Command != "second" {
		t.Fatalf("Next gave %q", p.Request.Command)
	}
	p.Answer(Yes)
	if r := <-ch; r.answer != Yes {
		t.Fatalf("Ask = %v, %v", r.answer, r.err)
	}
}

func TestNoApprover(t *testing.T) {
	dir := runDir(t)
	if _, err := Ask(context.Background(), dir, os.Getuid(), req, nil); !errors.Is(err, ErrNoApprover) {
		t.Fatalf("no directory: %v", err)
	}
	os.Mkdir(dir, 0o700)
	if _, err := Ask(context.Background(), dir, os.Getuid(), req, nil); !errors.Is(err, ErrNoApprover) {
		t.Fatalf("no socket: %v", err)
	}
	// A stopped approver's socket that nobody listens on.
	ln, err := net.ListenUnix("unix", &net.UnixAddr{Name: filepath.Join(dir, SocketName), Net: "unix"})
	if err != nil {
		t.Fatal(err)
	}
	ln.SetUnlinkOnClose(false)
	ln.Close()
	if _, err := Ask(context.Background(), dir, os.Getuid(), req, nil); !errors.Is(err, ErrNoApprover) {
		t.Fatalf("stale socket: %v", err)
	}
	// Listen replaces the stale socket.
	s, err := Listen(dir)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
}

func TestTwoRequestersAtOnce(t *testing.T) {
	s, dir := listenT(t)
	a, b := req, req
	a.Command, b.Command = "first", "second"
	var wg sync.WaitGroup
	got := map[string]string{}
	var mu sync.Mutex
	for _, r := range []Request{a, b} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ans, err := Ask(context.Background(), dir, os.Getuid(), r, nil)
			if err != nil {
				t.Error(err)
			}
			mu.Lock()
			got[r.Command] = ans
			mu.Unlock()
		}()
	}
	// One at a time: answer whichever comes first yes, the other no.
	p1 := next(t, s)
	p1.Answer(Yes)
	p2 := next(t, s)
	p2.Answer(No)
	wg.Wait()
	if p1.Request.Command == p2.Request.Command {
		t.Fatal("the same request twice")
	}
	if got[p1.Request.Command] != Yes || got[p2.Request.Command] != No {
		t.Fatalf("answers %v", got)
	}
}

func TestCloseAnswersNo(t *testing.T) {
	s, dir := listenT(t)
	ch := askAsync(dir, req)
	for s.Waiting() == 0 {
		time.Sleep(time.Millisecond)
	}
	s.Close()
	if r := <-ch; r.answer != No {
		t.Fatalf("Ask = %v, %v; want no", r.answer, r.err)
	}
}

func TestImpostors(t *testing.T) {
	if os.Getuid() != 0 {
		t.Skip("needs root to make files owned by another user")
	}
	const other = 65534
	t.Run("directory owned by another user", func(t *testing.T) {
		s, dir := listenT(t)
		_ = s
		if err := os.Chown(dir, other, other); err != nil {
			t.Fatal(err)
		}
		_, err := Ask(context.Background(), dir, os.Getuid(), req, nil)
		if !errors.Is(err, ErrUntrusted) || !strings.Contains(err.Error(), "owned by uid 65534") {
			t.Fatalf("Ask = %v", err)
		}
	})
	t.Run("socket owned by another user", func(t *testing.T) {
		s, dir := listenT(t)
		if err := os.Lchown(s.Path(), other, other); err != nil {
			t.Fatal(err)
		}
		_, err := Ask(context.Background(), dir, os.Getuid(), req, nil)
		if !errors.Is(err, ErrUntrusted) {
			t.Fatalf("Ask = %v", err)
		}
	})
	t.Run("approver running as another user", func(t *testing.T) {
		// Another user's approver in a directory that user owns: asking
		// it as that user is fine as far as files go, but the process
		// behind the socket runs as root here, not as the user expected.
		s, dir := listenT(t)
		_ = s
		os.Chown(dir, other, other)
		os.Lchown(s.Path(), other, other)
		_, err := Ask(context.Background(), dir, other, req, nil)
		if !errors.Is(err, ErrUntrusted) || !strings.Contains(err.Error(), "runs as uid 0") {
			t.Fatalf("Ask = %v", err)
		}
	})
	t.Run("group-writable directory", func(t *testing.T) {
		// Someone else could have put the socket there. (A group that
		// may only enter, 0750, is the hardened set-up's shared
		// directory, which TestShared covers.)
		_, dir := listenT(t)
		os.Chmod(dir, 0o770)
		if _, err := Ask(context.Background(), dir, os.Getuid(), req, nil); !errors.Is(err, ErrUntrusted) {
			t.Fatalf("Ask = %v", err)
		}
	})
}

func TestSymlinkedDirectoryRefused(t *testing.T) {
	s, dir := listenT(t)
	_ = s
	link := filepath.Join(filepath.Dir(dir), "link")
	os.Symlink(dir, link)
	if _, err := Ask(context.Background(), link, os.Getuid(), req, nil); !errors.Is(err, ErrUntrusted) {
		t.Fatalf("Ask = %v", err)
	}
}

func TestServerRefusesOtherUsers(t *testing.T) {
	dir := runDir(t)
	s, err := listen(dir, os.Getuid()+1) // as if the requester were someone else
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	_, err = Ask(context.Background(), dir, os.Getuid(), req, nil)
	if !errors.Is(err, ErrRefused) || !strings.Contains(err.Error(), "not accepted") {
		t.Fatalf("Ask = %v", err)
	}
}

func TestCheckPeer(t *testing.T) {
	fds, err := syscall.Socketpair(syscall.AF_UNIX, syscall.SOCK_STREAM, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer syscall.Close(fds[1])
	c, err := sock.FromFD(fds[0], "a")
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if err := checkPeer(c, os.Getuid()); err != nil {
		t.Fatal(err)
	}
	if err := checkPeer(c, os.Getuid()+1); !errors.Is(err, ErrUntrusted) {
		t.Fatalf("checkPeer = %v", err)
	}
}
