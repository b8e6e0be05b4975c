//go:build darwin || freebsd || netbsd || openbsd || dragonfly

package tty

import (
	"os"

	"golang.org/x/sys/unix"
)

// Flush discards input typed at the terminal but not yet read.
func Flush(f *os.File) error {
	// FREAD from <sys/fcntl.h>: flush the input queue.
	return unix.IoctlSetPointerInt(int(f.Fd()), unix.TIOCFLUSH, 1)
}
