package install

import (
	"bytes"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
)

// Manifest lists the files and directories guard install created, so
// that guard uninstall removes exactly those and nothing the person made.
// It lives in guard's state directory.
type Manifest struct {
	Created []string `json:"created"`
	path    string
}

// LoadManifest reads the manifest at path; a missing one is empty.
func LoadManifest(path string) (*Manifest, error) {
	m := &Manifest{path: path}
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return m, nil
	}
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(data, m); err != nil {
		// A damaged manifest only means guard forgets what it created:
		// uninstall then leaves those files, which is the safe side.
		return &Manifest{path: path}, nil
	}
	return m, nil
}

// Has reports whether guard created p.
func (m *Manifest) Has(p string) bool { return slices.Contains(m.Created, p) }

// Add records that guard created p.
func (m *Manifest) Add(p string) {
	if !m.Has(p) {
		m.Created = append(m.Created, p)
	}
}

// Drop forgets p.
func (m *Manifest) Drop(p string) {
	m.Created = slices.DeleteFunc(m.Created, func(s string) bool { return s == p })
}

// Save writes the manifest, or removes it when it is empty.
func (m *Manifest) Save() error {
	if len(m.Created) == 0 {
		err := os.Remove(m.path)
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		return err
	}
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(m.path), 0o700); err != nil {
		return err
	}
	return writeAtomic(m.path, append(data, '\n'), 0o600)
}

// MissingDirs returns the directories above path that do not exist yet,
// outermost first: the ones writing path will create.
func MissingDirs(path string) []string {
	var out []string
	for d := filepath.Dir(path); ; d = filepath.Dir(d) {
		if _, err := os.Lstat(d); err == nil || d == filepath.Dir(d) {
			break
		}
		out = append([]string{d}, out...)
	}
	return out
}

// RemoveCreatedDirs removes the directories guard created that are now
// empty, deepest first, and forgets them.
func (m *Manifest) RemoveCreatedDirs() {
	for i := len(m.Created) - 1; i >= 0; i-- {
		p := m.Created[i]
		st, err := os.Lstat(p)
		if errors.Is(err, fs.ErrNotExist) {
			m.Drop(p)
			continue
		}
		if err != nil || !st.IsDir() {
			continue
		}
		if os.Remove(p) == nil {
			m.Drop(p)
		}
	}
}

// EmptyObject reports a settings file that holds nothing but {}.
func EmptyObject(data []byte) bool {
	return string(bytes.TrimSpace(data)) == "{}" || len(bytes.TrimSpace(data)) == 0
}

// Restore writes data over path without a backup (uninstall gives the
// file back as it was), then removes the backup guard made of it.
func Restore(path string, data []byte) error {
	real := target(path)
	perm := fs.FileMode(0o644)
	if st, err := os.Stat(real); err == nil {
		perm = st.Mode().Perm()
	}
	if err := writeAtomic(real, data, perm); err != nil {
		return err
	}
	err := os.Remove(real + BackupSuffix)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return err
}
