package main

import (
	"os/exec"
	"runtime"
	"syscall"

	"golang.org/x/sys/unix"
)

// growPipe asks for a pipe buffer of at least n bytes. Unprivileged
// processes get up to /proc/sys/fs/pipe-max-size (1 MiB by default).
func growPipe(fd, n int) {
	if n > 64<<10 {
		unix.FcntlInt(uintptr(fd), unix.F_SETPIPE_SZ, n)
	}
}

// childAttr kills the shell if guard dies, so that it never runs on
// unsupervised.
func childAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}

// startChild starts cmd from a locked thread: the parent-death signal is
// tied to the thread that forked.
func startChild(cmd *exec.Cmd) error {
	runtime.LockOSThread()
	return cmd.Start()
}

// newPipe returns a pipe whose ends close on exec.
func newPipe() ([2]int, error) {
	var p [2]int
	err := unix.Pipe2(p[:], unix.O_CLOEXEC)
	return p, err
}
