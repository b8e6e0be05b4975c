//go:build unix

package sock

import (
	"errors"
	"os"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
)

// Conn is a connected Unix stream socket. Reads and writes wait on the
// runtime's poller and honour the deadlines; an expired deadline is
// reported as os.ErrDeadlineExceeded.
type Conn struct {
	f *os.File
}

// FromFD returns a Conn for fd, a connected Unix stream socket, which
// the Conn then owns.
func FromFD(fd int, name string) (*Conn, error) {
	if err := unix.SetNonblock(fd, true); err != nil {
		return nil, err
	}
	return &Conn{os.NewFile(uintptr(fd), name)}, nil
}

func (c *Conn) Read(b []byte) (int, error)  { return c.f.Read(b) }
func (c *Conn) Write(b []byte) (int, error) { return c.f.Write(b) }

// Close closes the connection; reads and writes waiting on it return.
func (c *Conn) Close() error { return c.f.Close() }

// SetDeadline sets the read and write deadlines; a zero time means none.
func (c *Conn) SetDeadline(t time.Time) error { return c.f.SetDeadline(t) }

// SetReadDeadline sets the read deadline.
func (c *Conn) SetReadDeadline(t time.Time) error { return c.f.SetReadDeadline(t) }

// SetWriteDeadline sets the write deadline.
func (c *Conn) SetWriteDeadline(t time.Time) error { return c.f.SetWriteDeadline(t) }

// SyscallConn gives access to the socket's descriptor, for socket options
// such as the peer's credentials.
func (c *Conn) SyscallConn() (syscall.RawConn, error) { return c.f.SyscallConn() }

// Dial connects to the socket at path, waiting at most timeout for room
// in the listener's backlog.
func Dial(path string, timeout time.Duration) (*Conn, error) {
	sa := &unix.SockaddrUnix{Name: path}
	deadline := time.Now().Add(timeout)
	wait := 100 * time.Microsecond
	for {
		fd, err := socket()
		if err != nil {
			return nil, &os.PathError{Op: "dial", Path: path, Err: err}
		}
		err = unix.Connect(fd, sa)
		for err == unix.EINTR {
			err = unix.Connect(fd, sa)
		}
		if err == nil {
			return &Conn{os.NewFile(uintptr(fd), path)}, nil
		}
		unix.Close(fd)
		// A full backlog: the listener is busy; try again until the
		// deadline.
		if (err != unix.EAGAIN && err != unix.EINPROGRESS) || time.Now().After(deadline) {
			return nil, &os.PathError{Op: "dial", Path: path, Err: err}
		}
		time.Sleep(wait)
		wait = min(2*wait, 20*time.Millisecond)
	}
}

// Listener is a listening Unix stream socket.
type Listener struct {
	f    *os.File
	path string
}

// Listen makes a socket at path and listens on it. The socket file's
// mode comes from the umask; Close removes it.
func Listen(path string) (*Listener, error) {
	fd, err := socket()
	if err != nil {
		return nil, &os.PathError{Op: "listen", Path: path, Err: err}
	}
	if err := unix.Bind(fd, &unix.SockaddrUnix{Name: path}); err != nil {
		unix.Close(fd)
		return nil, &os.PathError{Op: "bind", Path: path, Err: err}
	}
	if err := unix.Listen(fd, 128); err != nil {
		unix.Close(fd)
		os.Remove(path)
		return nil, &os.PathError{Op: "listen", Path: path, Err: err}
	}
	return &Listener{f: os.NewFile(uintptr(fd), path), path: path}, nil
}

// ErrClosed is what Accept returns once the listener is closed.
var ErrClosed = errors.New("sock: listener closed")

// Accept waits for and returns the next connection.
func (l *Listener) Accept() (*Conn, error) {
	rc, err := l.f.SyscallConn()
	if err != nil {
		return nil, ErrClosed
	}
	var nfd int
	var aerr error
	err = rc.Read(func(fd uintptr) bool {
		for {
			nfd, aerr = accept(int(fd))
			switch aerr {
			case unix.EINTR, unix.ECONNABORTED:
				continue
			case unix.EAGAIN:
				return false // wait until a connection comes
			}
			return true
		}
	})
	if err != nil {
		return nil, ErrClosed
	}
	if aerr != nil {
		return nil, &os.PathError{Op: "accept", Path: l.path, Err: aerr}
	}
	return &Conn{os.NewFile(uintptr(nfd), l.path)}, nil
}

// Close stops listening, makes a waiting Accept return ErrClosed, and
// removes the socket file.
func (l *Listener) Close() error {
	err := l.f.Close()
	if rerr := os.Remove(l.path); rerr != nil && !errors.Is(rerr, os.ErrNotExist) && err == nil {
		err = rerr
	}
	return err
}
