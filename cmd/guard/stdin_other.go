//go:build !linux

package main

import (
	"os/exec"
	"syscall"

	"golang.org/x/sys/unix"
)

func growPipe(fd, n int) {}

func childAttr() *syscall.SysProcAttr { return &syscall.SysProcAttr{} }

func startChild(cmd *exec.Cmd) error { return cmd.Start() }

// newPipe returns a pipe whose ends close on exec.
func newPipe() ([2]int, error) {
	var p [2]int
	syscall.ForkLock.RLock()
	defer syscall.ForkLock.RUnlock()
	if err := unix.Pipe(p[:]); err != nil {
		return p, err
	}
	unix.CloseOnExec(p[0])
	unix.CloseOnExec(p[1])
	return p, nil
}
