package safefile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"time"

	"golang.org/x/sys/unix"
)

// MaxConfig is the size limit for configuration files.
const MaxConfig = 1 << 20

// Timeout is how long Read waits for a file's content.
var Timeout = time.Second

// Error is a file guard refused to read.
type Error struct {
	Path   string
	Reason string
}

func (e *Error) Error() string { return e.Path + ": " + e.Reason }

// ErrRefused is what every Error matches with errors.Is.
var ErrRefused = errors.New("file refused")

// Is makes errors.Is(err, ErrRefused) true for an Error.
func (e *Error) Is(target error) bool { return target == ErrRefused }

// kind names what a file is when it is not a regular file.
func kind(mode uint32) string {
	switch mode & unix.S_IFMT {
	case unix.S_IFIFO:
		return "a FIFO"
	case unix.S_IFCHR:
		return "a character device"
	case unix.S_IFBLK:
		return "a block device"
	case unix.S_IFSOCK:
		return "a socket"
	case unix.S_IFDIR:
		return "a directory"
	}
	return "not a regular file"
}

// Open opens name for reading if it is a regular file, following
// symbolic links. It never blocks: a FIFO is opened without waiting for a
// writer and then refused. A missing file gives an error that matches
// fs.ErrNotExist.
func Open(name string) (*os.File, error) {
	fd, err := unix.Open(name, unix.O_RDONLY|unix.O_NONBLOCK|unix.O_CLOEXEC|unix.O_NOCTTY, 0)
	for err == unix.EINTR {
		fd, err = unix.Open(name, unix.O_RDONLY|unix.O_NONBLOCK|unix.O_CLOEXEC|unix.O_NOCTTY, 0)
	}
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	var st unix.Stat_t
	if err := unix.Fstat(fd, &st); err != nil {
		unix.Close(fd)
		return nil, &fs.PathError{Op: "stat", Path: name, Err: err}
	}
	if st.Mode&unix.S_IFMT != unix.S_IFREG {
		unix.Close(fd)
		return nil, &Error{Path: name, Reason: fmt.Sprintf("is %s, not a regular file; guard reads only regular files", kind(uint32(st.Mode)))}
	}
	return os.NewFile(uintptr(fd), name), nil
}

// Read returns the content of the regular file name, refusing one larger
// than limit bytes or one whose content does not arrive within Timeout
// (a file on a stalled network or FUSE mount).
func Read(name string, limit int64) ([]byte, error) {
	f, err := Open(name)
	if err != nil {
		return nil, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	if st.Size() > limit {
		f.Close()
		return nil, &Error{Path: name, Reason: fmt.Sprintf("is %s, larger than the %s guard reads", size(st.Size()), size(limit))}
	}
	type result struct {
		data []byte
		err  error
	}
	done := make(chan result, 1)
	go func() {
		data, err := io.ReadAll(io.LimitReader(f, limit+1))
		f.Close()
		done <- result{data, err}
	}()
	timer := time.NewTimer(Timeout)
	defer timer.Stop()
	select {
	case r := <-done:
		if r.err != nil {
			return nil, r.err
		}
		if int64(len(r.data)) > limit {
			return nil, &Error{Path: name, Reason: fmt.Sprintf("grew past the %s guard reads", size(limit))}
		}
		return r.data, nil
	case <-timer.C:
		// The reader stays blocked; the process is short-lived.
		return nil, &Error{Path: name, Reason: fmt.Sprintf("could not be read within %s", Timeout)}
	}
}

func size(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
