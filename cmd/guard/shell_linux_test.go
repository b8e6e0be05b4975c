package main

import (
	"bytes"
	"io"
	"syscall"
	"testing"

	"github.com/creack/pty"
	"golang.org/x/sys/unix"
)

// TestPromptSignalRestoresTerminal sends SIGTERM to guard while it asks:
// the command does not run and the terminal is back in cooked mode.
func TestPromptSignalRestoresTerminal(t *testing.T) {
	e := newEnv(t)
	ptmx, tty, err := pty.Open()
	if err != nil {
		t.Skip(err)
	}
	defer ptmx.Close()
	defer tty.Close()
	scr := &screen{}
	go io.Copy(scr, ptmx)
	cmd := e.command("-c", "terraform destroy")
	var stderr bytes.Buffer
	cmd.Stdin, cmd.Stderr = tty, &stderr
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	scr.waitFor(t, `Run it\?`)
	cmd.Process.Signal(syscall.SIGTERM)
	cmd.Wait()
	if got := cmd.ProcessState.ExitCode(); got != exitBlocked {
		t.Fatalf("exit %d; stderr:\n%s", got, stderr.String())
	}
	if e.ranText() != "" {
		t.Fatal("it ran")
	}
	st, err := unix.IoctlGetTermios(int(tty.Fd()), unix.TCGETS)
	if err != nil {
		t.Fatal(err)
	}
	if st.Lflag&unix.ICANON == 0 || st.Lflag&unix.ECHO == 0 {
		t.Fatalf("the terminal is left in raw mode: lflag %#x", st.Lflag)
	}
}
