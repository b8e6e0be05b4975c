package gitstate

import (
	"errors"
	"path/filepath"
	"strings"
)

// Submodules returns the paths of the submodules .gitmodules declares,
// relative to the work tree's top. A repository without a .gitmodules has
// none.
func (r *Repo) Submodules() ([]string, error) {
	out, err := r.Output("config", "--file", filepath.Join(r.Top, ".gitmodules"), "--null", "--get-regexp", `^submodule\..*\.path$`)
	var e *Error
	if errors.As(err, &e) && e.ExitCode() == 1 {
		// No such key, or no such file.
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var paths []string
	for _, rec := range strings.Split(string(out), "\x00") {
		// --null puts a newline between key and value.
		if _, val, ok := strings.Cut(rec, "\n"); ok && val != "" {
			paths = append(paths, filepath.Clean(val))
		}
	}
	return paths, nil
}
