package safefile

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestRead(t *testing.T) {
	dir := t.TempDir()
	regular := filepath.Join(dir, "config.toml")
	os.WriteFile(regular, []byte("x = 1\n"), 0o600)
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	big := filepath.Join(dir, "big")
	os.WriteFile(big, make([]byte, MaxConfig+1), 0o600)
	linkZero := filepath.Join(dir, "zero")
	os.Symlink("/dev/zero", linkZero)
	linkRegular := filepath.Join(dir, "link")
	os.Symlink(regular, linkRegular)
	linkFifo := filepath.Join(dir, "linkfifo")
	os.Symlink(fifo, linkFifo)

	for _, tc := range []struct {
		name, want string
	}{
		{regular, ""},
		{linkRegular, ""},
		{fifo, "is a FIFO"},
		{linkFifo, "is a FIFO"},
		{linkZero, "is a character device"},
		{"/dev/null", "is a character device"},
		{dir, "is a directory"},
		{big, "larger than the 1 MiB"},
	} {
		start := time.Now()
		data, err := Read(tc.name, MaxConfig)
		if time.Since(start) > 5*time.Second {
			t.Errorf("%s: Read took %v", tc.name, time.Since(start))
		}
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("%s: %v", tc.name, err)
		case tc.want == "" && string(data) != "x = 1\n":
			t.Errorf("%s: read %q", tc.name, data)
		case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
			t.Errorf("%s: error %v, want %q", tc.name, err, tc.want)
		case tc.want != "" && !errors.Is(err, ErrRefused):
			t.Errorf("%s: error %v does not match ErrRefused", tc.name, err)
		}
	}
	if _, err := Read(filepath.Join(dir, "missing"), MaxConfig); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing file: %v, want ErrNotExist", err)
	}
}
