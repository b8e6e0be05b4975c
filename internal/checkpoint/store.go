package checkpoint

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/guardsh/guard/internal/blast"
	"github.com/guardsh/guard/internal/gitstate"
)

// Defaults for a store.
const (
	DefaultMaxAge   = 7 * 24 * time.Hour
	DefaultMaxBytes = 5 << 30
	// DefaultMaxKeep bounds what one checkpoint keeps: bytes and files.
	DefaultMaxKeep  = 1 << 30
	DefaultMaxFiles = 200_000
)

// Store is a directory of checkpoints.
type Store struct {
	// Dir holds one directory per checkpoint.
	Dir string
	// MaxAge is how long a checkpoint is kept; MaxBytes how much the
	// store holds before the oldest checkpoints go.
	MaxAge   time.Duration
	MaxBytes int64
	// MaxKeep and MaxFiles bound one checkpoint.
	MaxKeep  int64
	MaxFiles int
	// Git runs git in the repositories.
	Git *gitstate.Git
	// Now returns the time; tests set it.
	Now func() time.Time
}

// Open returns the store in dir with the default limits.
func Open(dir string, git *gitstate.Git) *Store {
	return &Store{Dir: dir, MaxAge: DefaultMaxAge, MaxBytes: DefaultMaxBytes, MaxKeep: DefaultMaxKeep, MaxFiles: DefaultMaxFiles, Git: git}
}

func (s *Store) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

// Checkpoint is what one checkpoint keeps, as its manifest says.
type Checkpoint struct {
	ID string `json:"id"`
	// Time is when it was taken.
	Time time.Time `json:"time"`
	// Command is the command it was taken for, where it ran and through
	// which front door.
	Command string `json:"command"`
	Dir     string `json:"dir"`
	Channel string `json:"channel"`
	// Files are the files and directories kept, parents before children.
	Files []File `json:"files,omitempty"`
	// Repos are the repositories whose work or refs are kept.
	Repos []Repo `json:"repos,omitempty"`
	// Bytes is the size of the files kept.
	Bytes int64 `json:"bytes"`
	// Truncated reports that the checkpoint reached its limits and does
	// not keep everything the command destroys.
	Truncated bool `json:"truncated,omitempty"`
	// Skipped lists what was not kept, for the person: build output git
	// ignores, files over the limits.
	Skipped []string `json:"skipped,omitempty"`
	// Restored is when guard undo last restored it.
	Restored *time.Time `json:"restored,omitempty"`
}

// File is one kept file, directory or symbolic link.
type File struct {
	Path string      `json:"path"`
	Mode os.FileMode `json:"mode"`
	Size int64       `json:"size,omitempty"`
	// MTime is the modification time, restored with the file.
	MTime time.Time `json:"mtime"`
	// Link is a symbolic link's target.
	Link string `json:"link,omitempty"`
	// Data is the kept copy, relative to the checkpoint's directory.
	Data string `json:"data,omitempty"`
	// Linked reports that Data is a hard link to the original.
	Linked bool `json:"linked,omitempty"`
}

// Repo is what a checkpoint keeps of one repository.
type Repo struct {
	// Top is the work tree's top directory.
	Top string `json:"top"`
	// Head is HEAD's commit when the checkpoint was taken.
	Head string `json:"head,omitempty"`
	// Work is a commit holding the uncommitted changes: its tree is the
	// work tree's tracked files, its second parent's tree the index, as
	// git stash create makes it.
	Work string `json:"work,omitempty"`
	// Changed are the tracked files whose changes Work holds.
	Changed []Change `json:"changed,omitempty"`
	// Refs are refs the command deletes or moves, with their old values.
	Refs []blast.Ref `json:"refs,omitempty"`
}

// Change is one tracked file with uncommitted changes.
type Change struct {
	Path string `json:"path"`
	// Head, Index and Work are the file's object ids in HEAD, the index
	// and the work tree ("" where it is absent), with their modes.
	Head      string `json:"head,omitempty"`
	Index     string `json:"index,omitempty"`
	Work      string `json:"work,omitempty"`
	IndexMode string `json:"index_mode,omitempty"`
	WorkMode  string `json:"work_mode,omitempty"`
}

// Keeps describes in a few words what a checkpoint keeps: "12 files, 2
// refs, uncommitted changes to 3 files".
func (c *Checkpoint) Keeps() string {
	var parts []string
	files := 0
	for _, f := range c.Files {
		if !f.Mode.IsDir() {
			files++
		}
	}
	if files > 0 {
		parts = append(parts, plural(files, "file", "files"))
	}
	changed, refs := 0, 0
	for _, r := range c.Repos {
		changed += len(r.Changed)
		refs += len(r.Refs)
	}
	if changed > 0 {
		parts = append(parts, "changes to "+plural(changed, "tracked file", "tracked files"))
	}
	if refs > 0 {
		parts = append(parts, plural(refs, "ref", "refs"))
	}
	if len(parts) == 0 {
		return "nothing"
	}
	s := strings.Join(parts, ", ")
	if c.Truncated {
		s += " (not all: over the limit)"
	}
	return s
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// newID returns a new checkpoint id: the time and a random suffix, so that
// ids sort by time and never collide.
func (s *Store) newID() string {
	var b [3]byte
	rand.Read(b[:])
	return s.now().UTC().Format("20060102-150405") + "-" + hex.EncodeToString(b[:])
}

const (
	manifest = "manifest.json"
	summary  = "summary.json"
)

// Summary is what guard undo --list shows of a checkpoint, kept beside
// its manifest so that listing and pruning read little.
type Summary struct {
	ID        string     `json:"id"`
	Time      time.Time  `json:"time"`
	Command   string     `json:"command"`
	Dir       string     `json:"dir"`
	Channel   string     `json:"channel"`
	Keeps     string     `json:"keeps"`
	Bytes     int64      `json:"bytes"`
	Truncated bool       `json:"truncated,omitempty"`
	Restored  *time.Time `json:"restored,omitempty"`
	// Repos are the repositories whose refs keep commits for it.
	Repos []string `json:"repos,omitempty"`
}

// Summary returns the checkpoint's summary.
func (c *Checkpoint) Summary() Summary {
	s := Summary{ID: c.ID, Time: c.Time, Command: c.Command, Dir: c.Dir, Channel: c.Channel, Keeps: c.Keeps(),
		Bytes: c.Bytes, Truncated: c.Truncated, Restored: c.Restored}
	for _, r := range c.Repos {
		s.Repos = append(s.Repos, r.Top)
	}
	return s
}

// List returns the checkpoints' summaries, newest first.
func (s *Store) List() ([]*Summary, error) {
	entries, err := os.ReadDir(s.Dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []*Summary
	for _, e := range entries {
		if !e.IsDir() || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		data, err := os.ReadFile(filepath.Join(s.Dir, e.Name(), summary))
		if err != nil {
			continue
		}
		var c Summary
		if json.Unmarshal(data, &c) != nil || c.ID != e.Name() {
			continue
		}
		out = append(out, &c)
	}
	sort.Slice(out, func(i, j int) bool {
		if !out[i].Time.Equal(out[j].Time) {
			return out[i].Time.After(out[j].Time)
		}
		return out[i].ID > out[j].ID
	})
	return out, nil
}

// Get returns the checkpoint with the given id, or the newest for "last".
func (s *Store) Get(id string) (*Checkpoint, error) {
	if id == "last" {
		list, err := s.List()
		if err != nil {
			return nil, err
		}
		if len(list) == 0 {
			return nil, errors.New("there are no checkpoints")
		}
		id = list[0].ID
	}
	if id == "" || strings.ContainsAny(id, "/\\") || strings.HasPrefix(id, ".") {
		return nil, fmt.Errorf("bad checkpoint id %q", id)
	}
	c, err := s.load(id)
	if errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("no checkpoint %s (guard undo --list shows them)", id)
	}
	return c, err
}

func (s *Store) load(id string) (*Checkpoint, error) {
	data, err := os.ReadFile(filepath.Join(s.Dir, id, manifest))
	if err != nil {
		return nil, err
	}
	var c Checkpoint
	if err := json.Unmarshal(data, &c); err != nil {
		return nil, fmt.Errorf("checkpoint %s: %v", id, err)
	}
	if c.ID != id {
		return nil, fmt.Errorf("checkpoint %s: manifest names %s", id, c.ID)
	}
	return &c, nil
}

// save writes a checkpoint's manifest, replacing it in one rename.
func (s *Store) save(c *Checkpoint) error {
	data, err := json.MarshalIndent(c, "", " ")
	if err != nil {
		return err
	}
	if err := writeFile(filepath.Join(s.Dir, c.ID, manifest), data); err != nil {
		return err
	}
	sum, err := json.Marshal(c.Summary())
	if err != nil {
		return err
	}
	return writeFile(filepath.Join(s.Dir, c.ID, summary), sum)
}

// writeFile replaces a file in one rename.
func writeFile(name string, data []byte) error {
	tmp := name + ".tmp"
	if err := os.WriteFile(tmp, data, 0o600); err != nil {
		return err
	}
	return os.Rename(tmp, name)
}

// Prune removes checkpoints older than MaxAge, then the oldest ones while
// the store holds more than MaxBytes, and the refs that kept their
// commits. It returns the ids removed.
func (s *Store) Prune() ([]string, error) {
	list, err := s.List()
	if err != nil {
		return nil, err
	}
	var removed []string
	var total int64
	cutoff := s.now().Add(-s.MaxAge)
	for _, c := range list {
		total += c.Bytes
	}
	for i := len(list) - 1; i >= 0; i-- {
		c := list[i]
		if s.MaxAge > 0 && c.Time.Before(cutoff) || s.MaxBytes > 0 && total > s.MaxBytes {
			if err := s.remove(c.ID, c.Repos); err != nil {
				return removed, err
			}
			total -= c.Bytes
			removed = append(removed, c.ID)
		}
	}
	return removed, nil
}

// Remove deletes a checkpoint and its refs.
func (s *Store) Remove(c *Checkpoint) error {
	var tops []string
	for _, r := range c.Repos {
		tops = append(tops, r.Top)
	}
	return s.remove(c.ID, tops)
}

func (s *Store) remove(id string, tops []string) error {
	for _, top := range tops {
		if s.Git != nil {
			dropRefs(s.Git, top, id)
		}
	}
	dir := filepath.Join(s.Dir, id)
	// Make every directory writable first: kept directories keep their
	// modes, which may forbid removing what is in them.
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && d.IsDir() {
			os.Chmod(p, 0o700)
		}
		return nil
	})
	return os.RemoveAll(dir)
}
