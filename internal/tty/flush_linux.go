package tty

import (
	"os"

	"golang.org/x/sys/unix"
)

// Flush discards input typed at the terminal but not yet read.
func Flush(f *os.File) error {
	return unix.IoctlSetInt(int(f.Fd()), unix.TCFLSH, unix.TCIFLUSH)
}
