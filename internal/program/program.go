package program

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Find finds the real program to run for name: name itself when it holds
// a slash, or the first executable of that name on path, skipping
// relative entries, the directories in skip (guard's shims) and any file
// that is guard itself, self being the running guard binary. It never
// returns guard.
func Find(name, path string, skip []string, self string) (string, error) {
	if name == "" {
		return "", errors.New("empty program name")
	}
	if strings.Contains(name, "/") {
		abs, err := filepath.Abs(name)
		if err != nil {
			return "", err
		}
		if IsGuard(abs, self) {
			return "", fmt.Errorf("%s is guard itself, not the program to run", name)
		}
		if !Executable(abs) {
			return "", fmt.Errorf("%s: no such executable", name)
		}
		return abs, nil
	}
	for _, d := range filepath.SplitList(path) {
		if d == "" || !filepath.IsAbs(d) {
			continue
		}
		skipped := false
		for _, s := range skip {
			if filepath.Clean(d) == filepath.Clean(s) || SameFile(d, s) {
				skipped = true
			}
		}
		if skipped {
			continue
		}
		c := filepath.Join(d, name)
		if !Executable(c) || IsGuard(c, self) {
			continue
		}
		return c, nil
	}
	return "", fmt.Errorf("%s: real program not found on PATH (guard's shims and guard itself are skipped)", name)
}

// Executable reports whether p is a regular file (a link is followed)
// that someone may execute.
func Executable(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.Mode().IsRegular() && st.Mode()&0o111 != 0
}

// IsGuard reports whether running p would run guard: it is the file self
// (the running binary), or a link to a program named guard (another guard
// build).
func IsGuard(p, self string) bool {
	if self != "" && SameFile(p, self) {
		return true
	}
	if r, err := filepath.EvalSymlinks(p); err == nil && r != p {
		return filepath.Base(r) == "guard"
	}
	return false
}

// SameFile reports whether a and b, links followed, are one file.
func SameFile(a, b string) bool {
	sa, err1 := os.Stat(a)
	sb, err2 := os.Stat(b)
	return err1 == nil && err2 == nil && os.SameFile(sa, sb)
}
