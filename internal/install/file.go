package install

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/guardsh/guard/internal/safefile"
)

// BackupSuffix is added to a file's name for the copy guard saves before
// changing it. Each change overwrites the previous backup, so it always
// holds the file as it was just before guard's last change.
const BackupSuffix = ".guard.bak"

// MaxSettings is the size limit for the agents' settings files and the
// shell rc files guard edits: far above any real one, and small enough
// that reading it costs nothing.
const MaxSettings = 8 << 20

// ReadFile returns a file's content, and whether it exists. It reads only
// regular files (a link is followed to one) of at most MaxSettings bytes,
// with safefile's deadline: a FIFO, a device, a directory or a huge file
// in a settings file's place is an error that says what it is, never a
// hang.
func ReadFile(path string) ([]byte, bool, error) {
	data, err := safefile.Read(path, MaxSettings)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	return data, true, nil
}

// target returns the file to write for path: the file a symlink points
// to, so that a settings file kept in a dotfiles repository stays a link.
func target(path string) string {
	if r, err := filepath.EvalSymlinks(path); err == nil {
		return r
	}
	return path
}

// WriteFile replaces path's content atomically: a backup of the old
// content first (when there was a file), then a temporary file in the same
// directory renamed over it. The file keeps its permissions; a new file
// gets perm. It returns the backup's path, or "".
func WriteFile(path string, data []byte, perm fs.FileMode) (string, error) {
	real := target(path)
	backup := ""
	if st, err := os.Stat(real); err == nil {
		perm = st.Mode().Perm()
		old, err := safefile.Read(real, MaxSettings)
		if err != nil {
			return "", err
		}
		backup = real + BackupSuffix
		if err := writeAtomic(backup, old, perm); err != nil {
			return "", fmt.Errorf("writing the backup: %v", err)
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return "", err
	}
	if err := os.MkdirAll(filepath.Dir(real), 0o755); err != nil {
		return "", err
	}
	return backup, writeAtomic(real, data, perm)
}

func writeAtomic(path string, data []byte, perm fs.FileMode) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".guard-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	_, err = f.Write(data)
	if err == nil {
		err = f.Chmod(perm)
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
	}
	return err
}

// RemoveFile deletes a file guard wrote entirely, after a backup.
func RemoveFile(path string) (string, error) {
	real := target(path)
	old, err := safefile.Read(real, MaxSettings)
	if errors.Is(err, fs.ErrNotExist) {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	st, err := os.Stat(real)
	if err != nil {
		return "", err
	}
	backup := real + BackupSuffix
	if err := writeAtomic(backup, old, st.Mode().Perm()); err != nil {
		return "", fmt.Errorf("writing the backup: %v", err)
	}
	return backup, os.Remove(path)
}

// Block markers delimit guard's lines in a shell rc file.
const (
	BlockStart = "# >>> guard >>>"
	BlockEnd   = "# <<< guard <<<"
)

// FindBlock returns the lines between guard's markers in data.
func FindBlock(data []byte) (string, bool) {
	s := string(data)
	i := strings.Index(s, BlockStart+"\n")
	if i < 0 {
		return "", false
	}
	rest := s[i+len(BlockStart)+1:]
	j := strings.Index(rest, BlockEnd)
	if j < 0 {
		return "", false
	}
	return rest[:j], true
}

// SetBlock puts body between guard's markers in data: in place of an
// existing block, or appended at the end after a blank line.
func SetBlock(data []byte, body string) []byte {
	if !strings.HasSuffix(body, "\n") {
		body += "\n"
	}
	block := BlockStart + "\n" + body + BlockEnd + "\n"
	s := string(data)
	if i := strings.Index(s, BlockStart+"\n"); i >= 0 {
		if j := strings.Index(s[i:], BlockEnd); j >= 0 {
			end := i + j + len(BlockEnd)
			if end < len(s) && s[end] == '\n' {
				end++
			}
			return []byte(s[:i] + block + s[end:])
		}
	}
	var b bytes.Buffer
	b.WriteString(s)
	if s != "" {
		if !strings.HasSuffix(s, "\n") {
			b.WriteByte('\n')
		}
		b.WriteByte('\n')
	}
	b.WriteString(block)
	return b.Bytes()
}

// RemoveBlock takes guard's block out of data, with the blank line
// SetBlock put before it.
func RemoveBlock(data []byte) []byte {
	s := string(data)
	i := strings.Index(s, BlockStart+"\n")
	if i < 0 {
		return data
	}
	j := strings.Index(s[i:], BlockEnd)
	if j < 0 {
		return data
	}
	end := i + j + len(BlockEnd)
	if end < len(s) && s[end] == '\n' {
		end++
	}
	start := i
	if start >= 2 && s[start-1] == '\n' && s[start-2] == '\n' {
		start--
	}
	return []byte(s[:start] + s[end:])
}
