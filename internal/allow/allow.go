package allow

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/guardsh/guard/internal/parse"
	"github.com/guardsh/guard/internal/safefile"
)

// FileName is the allow list's name in guard's config directory.
const FileName = "allow.json"

// Version is the file's format version.
const Version = 1

// MaxFile bounds the file guard reads.
const MaxFile = 1 << 20

// Entry is one standing exception.
type Entry struct {
	// ID names the entry for guard allow --remove; it is never reused
	// while the entry is in the list.
	ID int `json:"id"`
	// Rule is the rule allowed, or empty for a command entry.
	Rule string `json:"rule,omitempty"`
	// Command is the command allowed, as the person typed it, and Shape
	// is what it is compared by (see Shape).
	Command string   `json:"command,omitempty"`
	Shape   []string `json:"shape,omitempty"`
	// Dir limits the entry to commands run in this directory and below;
	// empty means everywhere.
	Dir string `json:"dir,omitempty"`
	// Until is when the entry expires; zero means never.
	Until time.Time `json:"until,omitzero"`
	// Added is when the entry was made, and Note why.
	Added time.Time `json:"added"`
	Note  string    `json:"note,omitempty"`
}

// List is the file's content.
type List struct {
	Version int     `json:"version"`
	Entries []Entry `json:"entries"`
}

// Expired reports whether the entry has expired at now.
func (e *Entry) Expired(now time.Time) bool { return !e.Until.IsZero() && !now.Before(e.Until) }

// Name is how messages and the log name the entry: "guard allow #3".
func (e *Entry) Name() string { return "guard allow #" + strconv.Itoa(e.ID) }

// What describes what the entry allows: "rule git.push-force" or
// "command rm -rf ~/.cache/pip".
func (e *Entry) What() string {
	if e.Rule != "" {
		return "rule " + e.Rule
	}
	return "command " + e.Command
}

// Scope describes where and until when the entry applies.
func (e *Entry) Scope() string {
	s := "everywhere"
	if e.Dir != "" {
		s = "in " + e.Dir + " and below"
	}
	if !e.Until.IsZero() {
		s += ", until " + e.Until.Local().Format("2006-01-02 15:04")
	}
	return s
}

// Shape returns what a command entry compares an invocation by: its
// assignments, its words after quote removal and expansion, its
// redirections and, when it is known, the text on its stdin, and the host
// it runs on. It returns nil for an invocation with words known only at
// run time, which no entry can vouch for.
func Shape(inv *parse.Invocation) []string {
	if inv == nil || inv.Problem != parse.NoProblem || len(inv.Args) == 0 || inv.MoreArgs {
		return nil
	}
	var out []string
	for _, a := range inv.Assigns {
		if a.Value.Dynamic {
			return nil
		}
		out = append(out, "env "+a.Name+"="+a.Value.Value)
	}
	for _, w := range inv.Args {
		if w.Dynamic || w.Glob {
			return nil
		}
		out = append(out, "arg "+w.Value)
	}
	for _, r := range inv.Redirs {
		if r.Target.Dynamic {
			return nil
		}
		out = append(out, "redirect "+r.Op+" "+r.Target.Value)
	}
	if inv.Stdin.Kind == parse.Known {
		out = append(out, "stdin "+inv.Stdin.Text)
	}
	if inv.Remote != "" {
		out = append(out, "remote "+inv.Remote)
	}
	return out
}

// Applies reports whether the entry lets a finding of rule on inv pass,
// for a command run in dir at now.
func (e *Entry) Applies(rule string, inv *parse.Invocation, dir string, now time.Time) bool {
	if e.Expired(now) || !Within(dir, e.Dir) {
		return false
	}
	if e.Rule != "" {
		return e.Rule == rule
	}
	return len(e.Shape) > 0 && slices.Equal(e.Shape, Shape(inv))
}

// Within reports whether dir is scope or below it; every dir is within an
// empty scope, and an unknown dir is within no other.
func Within(dir, scope string) bool {
	if scope == "" {
		return true
	}
	if dir == "" {
		return false
	}
	dir, scope = filepath.Clean(dir), filepath.Clean(scope)
	return dir == scope || strings.HasPrefix(dir, strings.TrimSuffix(scope, "/")+"/")
}

// Match returns the first entry that lets a finding of rule on inv pass.
func (l *List) Match(rule string, inv *parse.Invocation, dir string, now time.Time) *Entry {
	if l == nil {
		return nil
	}
	for i := range l.Entries {
		if l.Entries[i].Applies(rule, inv, dir, now) {
			return &l.Entries[i]
		}
	}
	return nil
}

// Add appends an entry with the next id and returns it.
func (l *List) Add(e Entry) Entry {
	next := 1
	for _, x := range l.Entries {
		next = max(next, x.ID+1)
	}
	e.ID = next
	l.Entries = append(l.Entries, e)
	return e
}

// Remove takes out the entry with the given id and reports whether there
// was one.
func (l *List) Remove(id int) bool {
	n := len(l.Entries)
	l.Entries = slices.DeleteFunc(l.Entries, func(e Entry) bool { return e.ID == id })
	return len(l.Entries) < n
}

// Prune drops the entries that expired before now.
func (l *List) Prune(now time.Time) int {
	n := len(l.Entries)
	l.Entries = slices.DeleteFunc(l.Entries, func(e Entry) bool { return e.Expired(now) })
	return n - len(l.Entries)
}

// Read reads the allow list at path. A file that does not exist is an
// empty list. The file is refused when it is not a regular file or is
// too large, so that nothing at the path can make guard wait, and, when
// owner is 0 or more, when that uid does not own it.
func Read(path string, owner int) (*List, error) {
	f, err := safefile.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return &List{Version: Version}, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if owner >= 0 {
		st, err := f.Stat()
		if err != nil {
			return nil, err
		}
		if sys, ok := st.Sys().(*syscall.Stat_t); !ok || int(sys.Uid) != owner {
			return nil, fmt.Errorf("%s is not owned by uid %d, as the hardened set-up requires; ignored", path, owner)
		}
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxFile+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxFile {
		return nil, fmt.Errorf("%s: larger than %d bytes", path, MaxFile)
	}
	var l List
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&l); err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	if l.Version != Version {
		return nil, fmt.Errorf("%s: version %d, want %d", path, l.Version, Version)
	}
	for _, e := range l.Entries {
		if e.ID <= 0 || (e.Rule == "") == (len(e.Shape) == 0) {
			return nil, fmt.Errorf("%s: entry %d: it must allow either a rule or a command", path, e.ID)
		}
	}
	return &l, nil
}

// Write replaces the allow list at path, atomically, readable only by
// its owner.
func Write(path string, l *List) error {
	l.Version = Version
	if l.Entries == nil {
		l.Entries = []Entry{}
	}
	data, err := json.MarshalIndent(l, "", "  ")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+FileName+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(append(data, '\n')); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// File is the allow list at Path, read the first time a finding asks.
// It is safe for concurrent use.
type File struct {
	Path string
	// Owner, when 0 or more, is the uid that must own the file.
	Owner int
	// Now returns the time entries expire against; nil means time.Now.
	Now func() time.Time

	once sync.Once
	list *List
	err  error
}

// List returns the list, reading it once.
func (f *File) List() (*List, error) {
	f.once.Do(func() { f.list, f.err = Read(f.Path, f.Owner) })
	return f.list, f.err
}

// Allows returns the name of the entry that lets a finding of rule on inv
// pass, for a command run in dir, or "". A list that cannot be read
// allows nothing.
func (f *File) Allows(rule string, inv *parse.Invocation, dir string) string {
	l, err := f.List()
	if err != nil {
		return ""
	}
	now := time.Now()
	if f.Now != nil {
		now = f.Now()
	}
	if e := l.Match(rule, inv, dir, now); e != nil {
		return e.Name()
	}
	return ""
}
