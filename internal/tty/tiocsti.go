package tty

import (
	"os"
	"runtime"
	"strings"
)

// A process that shares the terminal can push bytes into its input queue
// with the TIOCSTI ioctl, as if they were typed, after guard has flushed
// type-ahead: a background process of the agent could type "y" into the
// prompt. Linux 6.2 and later can turn the ioctl off for unprivileged
// processes (the dev.tty.legacy_tiocsti sysctl); while it is on, every
// confirmation asks for a code shown on the screen, which a process that
// cannot read the terminal cannot type.

// TIOCSTISysctl is the file that says whether TIOCSTI is allowed.
const TIOCSTISysctl = "/proc/sys/dev/tty/legacy_tiocsti"

// tiocstiFile is TIOCSTISysctl; tests point it elsewhere.
var tiocstiFile = TIOCSTISysctl

// TIOCSTI reports whether unprivileged processes may inject terminal
// input, and why guard thinks so. On Linux it reads the sysctl; a kernel
// without it (before 6.2) allows the ioctl. Elsewhere the ioctl is taken
// to be allowed.
func TIOCSTI() (allowed bool, why string) {
	if forced != nil {
		return *forced, "set by a test"
	}
	if runtime.GOOS != "linux" {
		return true, "this system may allow TIOCSTI"
	}
	b, err := os.ReadFile(tiocstiFile)
	if err != nil {
		if os.IsNotExist(err) {
			return true, "the kernel has no dev.tty.legacy_tiocsti sysctl (before Linux 6.2), so TIOCSTI is allowed"
		}
		return true, "cannot read " + tiocstiFile + ": " + err.Error()
	}
	if strings.TrimSpace(string(b)) == "0" {
		return false, "dev.tty.legacy_tiocsti = 0"
	}
	return true, "dev.tty.legacy_tiocsti = " + strings.TrimSpace(string(b))
}

// NeedsCode reports whether a confirmation on the terminal must ask for a
// typed code: for a critical question, and for every question while
// TIOCSTI can inject input.
func NeedsCode(critical bool) bool {
	if critical {
		return true
	}
	allowed, _ := TIOCSTI()
	return allowed
}

// forced holds a test's answer for TIOCSTI, when one is set.
var forced *bool

// ForceTIOCSTI makes TIOCSTI report allowed, whatever the kernel says.
// Tests use it to run the prompt both ways on any machine; guard itself
// never calls it, and nothing in the environment reaches it.
func ForceTIOCSTI(allowed bool) { forced = &allowed }
