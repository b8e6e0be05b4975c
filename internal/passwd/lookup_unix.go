//go:build !darwin

package passwd

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"time"

	"golang.org/x/sys/unix"
)

// These are variables so that tests can use their own.
var (
	// File is the password file.
	File = "/etc/passwd"
	// Getent are the places getent is looked for, in order.
	Getent = []string{"/usr/bin/getent", "/bin/getent"}
	// Timeout bounds one getent run.
	Timeout = 3 * time.Second
)

// maxFile bounds how much of the password file is read.
const maxFile = 64 << 20

// lookup finds the account key names (a uid or a name) in the password
// file, then, when it is not there, with getent.
func lookup(key string, _ bool, match func(*User) bool) (User, error) {
	data, err := readFile(File)
	if err != nil && !errors.Is(err, unix.ENOENT) {
		return User{}, &Error{key, err}
	}
	if u, ok := find(data, match); ok {
		return u, nil
	}
	return getent(key, match)
}

// getent asks NSS for the account with getent passwd KEY.
func getent(key string, match func(*User) bool) (User, error) {
	bin := ""
	for _, p := range Getent {
		if st, err := os.Stat(p); err == nil && st.Mode().IsRegular() {
			bin = p
			break
		}
	}
	if bin == "" {
		// No getent: /etc/passwd is the whole database.
		return User{}, ErrNotFound
	}
	ctx, cancel := context.WithTimeout(context.Background(), Timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "passwd", key)
	cmd.Env = []string{} // nothing of the caller's environment
	cmd.Dir = "/"
	var out bytes.Buffer
	cmd.Stdout = &limited{&out, 1 << 20}
	err := cmd.Run()
	if ctx.Err() != nil {
		return User{}, &Error{key, errors.New("getent did not answer in time")}
	}
	var exit *exec.ExitError
	if errors.As(err, &exit) && exit.ExitCode() == 2 {
		// getent's "key not found".
		return User{}, ErrNotFound
	}
	if err != nil {
		return User{}, &Error{key, err}
	}
	if u, ok := find(out.String(), match); ok {
		return u, nil
	}
	return User{}, ErrNotFound
}

// limited is a writer that keeps at most n bytes and drops the rest.
type limited struct {
	b *bytes.Buffer
	n int
}

func (w *limited) Write(p []byte) (int, error) {
	if room := w.n - w.b.Len(); room > 0 {
		w.b.Write(p[:min(len(p), room)])
	}
	return len(p), nil
}

// readFile reads a file with plain system calls: os.ReadFile would also
// set up the runtime's poller, a few system calls more in a process that
// lives for one command.
func readFile(name string) (string, error) {
	fd, err := unix.Open(name, unix.O_RDONLY|unix.O_CLOEXEC, 0)
	if err != nil {
		return "", err
	}
	defer unix.Close(fd)
	buf := make([]byte, 0, 4096)
	for len(buf) < maxFile {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := unix.Read(fd, buf[len(buf):cap(buf)])
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return "", err
		}
		if n == 0 {
			break
		}
		buf = buf[:len(buf)+n]
	}
	return string(buf), nil
}
