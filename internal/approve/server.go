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
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/sys/unix"

	"github.com/guardsh/guard/internal/sock"
)

// MaxTimeout bounds how long a request may stay pending.
const MaxTimeout = 24 * time.Hour

// Pending is a request waiting for the person's answer.
type Pending struct {
	Request  Request
	Peer     Peer
	Received time.Time

	ctx    context.Context
	cancel context.CancelFunc
	conn   *sock.Conn
	once   sync.Once
}

// Deadline is when the requester stops waiting for an answer.
func (p *Pending) Deadline() time.Time {
	d, _ := p.ctx.Deadline()
	return d
}

// Context is done when the requester stops waiting: it gave up, timed out
// or went away.
func (p *Pending) Context() context.Context { return p.ctx }

// Answer sends the answer to the requester. Only the first call counts.
func (p *Pending) Answer(a string) error {
	err := errors.New("already answered")
	p.once.Do(func() {
		b, _ := json.Marshal(Response{Status: "answered", Answer: a})
		p.conn.SetWriteDeadline(time.Now().Add(2 * time.Second))
		_, err = p.conn.Write(append(b, '\n'))
		p.cancel()
		p.conn.Close()
	})
	return err
}

// Server is a running approver.
type Server struct {
	ln    *sock.Listener
	lock  *os.File
	path  string
	uid   int // the user whose requests are accepted
	queue chan *Pending

	mu     sync.Mutex
	queued int
	closed bool
	wg     sync.WaitGroup
}

// Listen makes dir (0700) if needed, checks that it is ours, takes the
// approver's lock and listens on the socket in it (0600). Only one approver
// runs per directory.
func Listen(dir string) (*Server, error) {
	return listen(dir, os.Getuid())
}

// listen is Listen accepting requests from peerUID, for tests. With a
// gid of 0 or more it is ListenShared.
func listen(dir string, peerUID int, gid ...int) (*Server, error) {
	uid := os.Getuid()
	shared := len(gid) > 0 && gid[0] >= 0
	if shared {
		if err := CheckShared(dir, uid, gid[0]); err != nil {
			return nil, err
		}
	} else {
		if err := os.Mkdir(dir, 0o700); err != nil && !errors.Is(err, os.ErrExist) {
			return nil, err
		}
		if st, err := os.Lstat(dir); err == nil && st.IsDir() && ownerOf(st) == uid && st.Mode().Perm() != 0o700 {
			// Ours, but too open: close it up rather than refuse.
			if err := os.Chmod(dir, 0o700); err != nil {
				return nil, err
			}
		}
		if err := CheckDir(dir, uid); err != nil {
			return nil, err
		}
	}
	lock, err := os.OpenFile(filepath.Join(dir, LockName), os.O_RDWR|os.O_CREATE|unix.O_NOFOLLOW, 0o600)
	if err != nil {
		return nil, err
	}
	if err := unix.Flock(int(lock.Fd()), unix.LOCK_EX|unix.LOCK_NB); err != nil {
		b, _ := io.ReadAll(io.LimitReader(lock, 32))
		lock.Close()
		if pid := strings.TrimSpace(string(b)); pid != "" {
			return nil, fmt.Errorf("another guard approve is already running (pid %s)", pid)
		}
		return nil, errors.New("another guard approve is already running")
	}
	lock.Truncate(0)
	lock.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
	path := filepath.Join(dir, SocketName)
	if err := os.Remove(path); err != nil && !errors.Is(err, os.ErrNotExist) {
		lock.Close()
		return nil, err
	}
	old := unix.Umask(0o177)
	ln, err := sock.Listen(path)
	unix.Umask(old)
	if err != nil {
		lock.Close()
		return nil, err
	}
	if err := os.Chmod(path, 0o600); err != nil {
		ln.Close()
		lock.Close()
		return nil, err
	}
	if shared {
		if err := shareSocket(path, gid[0]); err != nil {
			ln.Close()
			lock.Close()
			return nil, err
		}
	}
	s := &Server{ln: ln, lock: lock, path: path, uid: peerUID, queue: make(chan *Pending, 256)}
	s.wg.Add(1)
	go s.accept()
	return s, nil
}

// Path returns the socket's path.
func (s *Server) Path() string { return s.path }

// Waiting returns how many requests are queued and not yet taken by Next.
func (s *Server) Waiting() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.queued
}

func (s *Server) accept() {
	defer s.wg.Done()
	for {
		c, err := s.ln.Accept()
		if err != nil {
			return
		}
		s.wg.Add(1)
		go func() {
			defer s.wg.Done()
			s.handle(c)
		}()
	}
}

func (s *Server) refuse(c *sock.Conn, reason string) {
	b, _ := json.Marshal(Response{Status: "refused", Reason: reason})
	c.SetWriteDeadline(time.Now().Add(time.Second))
	c.Write(append(b, '\n'))
	c.Close()
}

func (s *Server) handle(c *sock.Conn) {
	// Read the request before answering, so that a refusal reaches the
	// requester instead of a broken pipe.
	c.SetReadDeadline(time.Now().Add(5 * time.Second))
	r := bufio.NewReaderSize(io.LimitReader(c, maxMessage), 64<<10)
	var req Request
	if err := readMessage(r, &req); err != nil {
		s.refuse(c, "bad request")
		return
	}
	c.SetReadDeadline(time.Time{})
	peer, err := peerOf(c)
	if err != nil {
		s.refuse(c, "cannot read the requester's credentials")
		return
	}
	if peer.UID != s.uid {
		s.refuse(c, fmt.Sprintf("requests from uid %d are not accepted by uid %d", peer.UID, os.Getuid()))
		return
	}
	peer.fill()
	timeout := time.Duration(req.Timeout) * time.Millisecond
	if timeout <= 0 || timeout > MaxTimeout {
		timeout = MaxTimeout
	}
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	p := &Pending{Request: req, Peer: peer, Received: time.Now(), ctx: ctx, cancel: cancel, conn: c}

	// Reserve a place in the queue, tell the requester, then queue it:
	// the answer can then never overtake the acknowledgement.
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		cancel()
		s.refuse(c, "the approver is stopping")
		return
	}
	if s.queued >= cap(s.queue) {
		s.mu.Unlock()
		cancel()
		s.refuse(c, "too many requests are waiting")
		return
	}
	ahead := s.queued
	s.queued++
	s.mu.Unlock()
	b, _ := json.Marshal(Response{Status: "queued", Ahead: ahead})
	c.SetWriteDeadline(time.Now().Add(2 * time.Second))
	c.Write(append(b, '\n'))
	c.SetWriteDeadline(time.Time{})
	s.queue <- p // never blocks: the place is reserved
	// The requester sends nothing more: a read returns when it hangs up.
	go func() {
		var one [1]byte
		c.Read(one[:])
		cancel()
	}()
}

// Next returns the next request whose requester is still waiting, oldest
// first, or ctx's error.
func (s *Server) Next(ctx context.Context) (*Pending, error) {
	for {
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case p := <-s.queue:
			s.mu.Lock()
			s.queued--
			s.mu.Unlock()
			if p.ctx.Err() != nil {
				p.conn.Close()
				continue
			}
			return p, nil
		}
	}
}

// Close stops listening and answers No to every request still queued. It
// waits for requests being received (a few seconds at most).
func (s *Server) Close() error {
	s.mu.Lock()
	s.closed = true
	s.mu.Unlock()
	err := s.ln.Close()
	s.wg.Wait()
	for {
		select {
		case p := <-s.queue:
			p.Answer(No)
		default:
			s.lock.Close()
			return err
		}
	}
}
