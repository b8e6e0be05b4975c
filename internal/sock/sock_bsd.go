//go:build unix && !linux

package sock

import (
	"syscall"

	"golang.org/x/sys/unix"
)

// These systems have no SOCK_CLOEXEC: set close-on-exec under the fork
// lock, so that no child started meanwhile inherits the descriptor.

func socket() (int, error) {
	syscall.ForkLock.RLock()
	defer syscall.ForkLock.RUnlock()
	fd, err := unix.Socket(unix.AF_UNIX, unix.SOCK_STREAM, 0)
	if err != nil {
		return -1, err
	}
	if err := prepare(fd); err != nil {
		return -1, err
	}
	return fd, nil
}

func accept(fd int) (int, error) {
	syscall.ForkLock.RLock()
	defer syscall.ForkLock.RUnlock()
	nfd, _, err := unix.Accept(fd)
	if err != nil {
		return -1, err
	}
	if err := prepare(nfd); err != nil {
		return -1, err
	}
	return nfd, nil
}

func prepare(fd int) error {
	unix.CloseOnExec(fd)
	if err := unix.SetNonblock(fd, true); err != nil {
		unix.Close(fd)
		return err
	}
	return nil
}
