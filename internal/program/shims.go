package program

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
)

// Shim is one of guard's shims as guard shim list and guard doctor see
// it.
type Shim struct {
	Name, Target string
	// Problem is empty for a working shim.
	Problem string
	// Real is the program it runs.
	Real string
}

// Shims returns the shims in dir, by name, self being the running guard
// binary; none when dir does not exist.
func Shims(dir, self string) ([]Shim, error) {
	ents, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []Shim
	for _, e := range ents {
		p := filepath.Join(dir, e.Name())
		s := Shim{Name: e.Name()}
		t, err := os.Readlink(p)
		switch {
		case err != nil:
			s.Problem = "not a link; guard did not make it"
		case !IsGuard(p, self):
			s.Target = t
			if _, err := os.Stat(p); err != nil {
				s.Problem = "points at a file that does not exist; run guard shim add " + e.Name()
			} else {
				s.Problem = "points at another program, not this guard; run guard shim add " + e.Name()
			}
		default:
			s.Target = t
			if r, err := Find(e.Name(), os.Getenv("PATH"), []string{dir}, self); err != nil {
				s.Problem = "no real " + e.Name() + " on PATH"
			} else {
				s.Real = r
			}
		}
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

// OnPath reports whether dir is on this process's PATH.
func OnPath(dir string) bool {
	for _, d := range filepath.SplitList(os.Getenv("PATH")) {
		if d != "" && (filepath.Clean(d) == dir || SameFile(d, dir)) {
			return true
		}
	}
	return false
}

// ShadowedBy returns the program that a lookup of name on this process's
// PATH finds in a directory before dir, or "": a shim there never runs.
// Only executable regular files count, as the shell's lookup counts them.
func ShadowedBy(name, dir string) string {
	for _, d := range filepath.SplitList(os.Getenv("PATH")) {
		if d == "" {
			d = "."
		}
		if filepath.Clean(d) == dir || SameFile(d, dir) {
			return ""
		}
		p := filepath.Join(d, name)
		if fi, err := os.Stat(p); err == nil && fi.Mode().IsRegular() && fi.Mode()&0o111 != 0 {
			return p
		}
	}
	return ""
}
