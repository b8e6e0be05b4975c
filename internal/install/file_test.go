package install

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/guardsh/guard/internal/safefile"
)

// TestReadFileRefusesSpecialFiles: a FIFO, a directory, a link to a
// device or a huge file where a settings file should be is an error that
// says what it is, at once; guard never waits on a FIFO nor reads a
// device to its end.
func TestReadFileRefusesSpecialFiles(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "settings.json")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	zero := filepath.Join(dir, "zero.json")
	if err := os.Symlink("/dev/zero", zero); err != nil {
		t.Fatal(err)
	}
	big := filepath.Join(dir, "big.json")
	if err := os.WriteFile(big, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(big, MaxSettings+1); err != nil {
		t.Fatal(err)
	}
	sub := filepath.Join(dir, "sub.json")
	if err := os.Mkdir(sub, 0o700); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ path, want string }{
		{fifo, "is a FIFO, not a regular file"},
		{zero, "is a character device, not a regular file"},
		{big, "larger than the 8 MiB guard reads"},
		{sub, "is a directory, not a regular file"},
	} {
		done := make(chan error, 1)
		go func() {
			_, _, err := ReadFile(c.path)
			done <- err
		}()
		select {
		case err := <-done:
			if err == nil || !errors.Is(err, safefile.ErrRefused) || !strings.Contains(err.Error(), c.want) || !strings.HasPrefix(err.Error(), c.path+": ") {
				t.Errorf("ReadFile(%s) = %v, want an error with %q", filepath.Base(c.path), err, c.want)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("ReadFile(%s) hangs", filepath.Base(c.path))
		}
	}
	// Writing over one of them refuses too, before any backup is made.
	if _, err := WriteFile(fifo, []byte("{}"), 0o600); err == nil || !strings.Contains(err.Error(), "FIFO") {
		t.Errorf("WriteFile over a FIFO = %v, want a refusal", err)
	}
	if _, err := os.Lstat(fifo + BackupSuffix); err == nil {
		t.Error("WriteFile over a FIFO made a backup")
	}
	// A missing file is no error, and a plain one is read.
	if data, ok, err := ReadFile(filepath.Join(dir, "none.json")); data != nil || ok || err != nil {
		t.Errorf("ReadFile(missing) = %q, %v, %v", data, ok, err)
	}
	plain := filepath.Join(dir, "plain.json")
	os.WriteFile(plain, []byte("{}\n"), 0o600)
	if data, ok, err := ReadFile(plain); string(data) != "{}\n" || !ok || err != nil {
		t.Errorf("ReadFile(plain) = %q, %v, %v", data, ok, err)
	}
	if _, _, err := ReadCodexConfig(fifo); err == nil {
		t.Error("ReadCodexConfig of a FIFO: no error")
	}
}
