package main

import (
	"bytes"
	"errors"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"golang.org/x/sys/unix"

	"github.com/guardsh/guard/internal/parse"
)

// A script on stdin is read, analysed, and then handed to the real shell
// so that it reads the same bytes from the same kind of file: bash reads
// a script on stdin as it goes, and commands in the script that read
// stdin take from it what they would have taken without guard.
//
//   - A regular file (bash < script) is seeked back to where it was, and
//     guard execs the shell.
//   - Anything else (a pipe) is replaced by a new pipe that already holds
//     the bytes guard read, followed by end of file, and guard execs the
//     shell. The bytes must fit in the pipe's buffer, which guard grows
//     to the analysis limit (1 MiB) where the system allows it.
//   - Otherwise (a script too large to analyse that a person approved, or
//     a pipe that cannot hold it), guard runs the shell as a child, feeds
//     it the bytes and then the rest of stdin, forwards signals to it and
//     exits as it exits.
type stdinText struct {
	data     []byte
	seekable bool
	offset   int64
}

// readStdin reads stdin up to just over the analysis limit. Text over the
// limit is not analysed, and so needs a person's approval.
func readStdin() (*stdinText, error) {
	s := &stdinText{}
	if fi, err := os.Stdin.Stat(); err == nil && fi.Mode().IsRegular() {
		if off, err := os.Stdin.Seek(0, io.SeekCurrent); err == nil {
			s.seekable, s.offset = true, off
		}
	}
	b, err := io.ReadAll(io.LimitReader(os.Stdin, parse.DefaultMaxSize+1))
	if errors.Is(err, unix.EBADF) {
		// No stdin at all: bash reads nothing either.
		err = nil
	}
	s.data = b
	return s, err
}

// over reports that stdin holds more than guard read.
func (s *stdinText) over() bool { return len(s.data) > parse.DefaultMaxSize }

// forceChild makes runStdin take the child path; tests set it.
var forceChild = false

// runStdin runs the real shell on the script read from stdin.
func (g *guard) runStdin(real string, args []string, s *stdinText) int {
	if s.seekable {
		if _, err := os.Stdin.Seek(s.offset, io.SeekStart); err != nil {
			g.errorf("rewinding stdin for %s: %v", real, err)
			return exitInternal
		}
		return g.execShell(real, args)
	}
	if !s.over() && !forceChild {
		if r, ok := filledPipe(s.data); ok {
			err := unix.Dup2(r, 0) // dup2 clears close-on-exec on fd 0
			unix.Close(r)
			if err != nil {
				g.errorf("passing stdin to %s: %v", real, err)
				return exitInternal
			}
			return g.execShell(real, args)
		}
	}
	return g.childShell(real, args, s.data)
}

// filledPipe returns the read end of a new pipe that holds data and then
// end of file, when data fits in the pipe's buffer.
func filledPipe(data []byte) (int, bool) {
	p, err := newPipe()
	if err != nil {
		return -1, false
	}
	growPipe(p[1], len(data))
	unix.SetNonblock(p[1], true)
	for b := data; len(b) > 0; {
		n, err := unix.Write(p[1], b)
		if err != nil {
			// Full (EAGAIN) or broken: use the child path instead.
			unix.Close(p[0])
			unix.Close(p[1])
			return -1, false
		}
		b = b[n:]
	}
	unix.Close(p[1])
	return p[0], true
}

// childShell runs the real shell as a child that reads data and then the
// rest of guard's stdin, and exits with its status. Signals sent to guard
// are passed on; a signal that kills the shell kills guard too, so that
// guard's parent sees what it would have seen.
func (g *guard) childShell(real string, args []string, data []byte) int {
	r, w, err := os.Pipe()
	if err != nil {
		g.errorf("%v", err)
		return exitInternal
	}
	cmd := exec.Command(real, args...)
	cmd.Args[0] = shellArgv0(g.argv0, real)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = r, os.Stdout, os.Stderr
	cmd.Env = os.Environ()
	cmd.SysProcAttr = childAttr()
	sigs := make(chan os.Signal, 8)
	// Caught, not ignored: the shell starts with default handlers.
	signal.Notify(sigs, syscall.SIGINT, syscall.SIGQUIT, syscall.SIGTERM, syscall.SIGHUP,
		syscall.SIGUSR1, syscall.SIGUSR2, syscall.SIGWINCH, syscall.SIGCONT)
	if err := startChild(cmd); err != nil {
		g.errorf("running %s: %v", real, err)
		return exitInternal
	}
	r.Close()
	go func() {
		// Errors only mean the shell stopped reading.
		if _, err := io.Copy(w, io.MultiReader(bytes.NewReader(data), io.LimitReader(os.Stdin, maxStdinScript))); err == nil {
			w.Close()
		}
	}()
	done := make(chan struct{})
	go func() {
		for {
			select {
			case s := <-sigs:
				cmd.Process.Signal(s)
			case <-done:
				return
			}
		}
	}()
	err = cmd.Wait()
	close(done)
	var ee *exec.ExitError
	if err != nil && !errors.As(err, &ee) {
		g.errorf("running %s: %v", real, err)
		return exitInternal
	}
	ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus)
	if ok && ws.Signaled() {
		sig := ws.Signal()
		signal.Reset(sig)
		syscall.Kill(os.Getpid(), sig)
		// The signal is on its way; exit as a shell would if it is one
		// that does not kill.
		time.Sleep(time.Second)
		return 128 + int(sig)
	}
	return cmd.ProcessState.ExitCode()
}

// shellArgv0 is the name the real shell is started with: the name guard
// was called by when that is bash, sh or zsh (sh makes bash POSIX), and a
// leading dash when guard was started as a login shell.
func shellArgv0(argv0, real string) string {
	name := filepath.Base(argv0)
	if isShellName(name) {
		return name
	}
	login := len(name) > 0 && name[0] == '-'
	name = filepath.Base(real)
	if login {
		name = "-" + name
	}
	return name
}
