package rules

import (
	"path"
	"strings"

	"github.com/guardsh/guard/internal/parse"
)

// A backup repository in a temporary directory (restic -r /tmp/restic-e2e,
// borg ... /tmp/borg-test::a) is a test fixture: the system empties those
// directories, so nothing that has to survive is kept there, and pruning
// it loses nothing a backup is for.

// newNotTempRepo matches unless every repository the command names is in
// a temporary directory (tempDirs): restic's -r, --repo and
// RESTIC_REPOSITORY, borg's repository operand (PATH or PATH::ARCHIVE)
// and BORG_REPO, kopia's filesystem --path. A repository only known at
// run time, or none named, matches.
func newNotTempRepo(with map[string]any) (matchFunc, error) {
	if err := newParams(with).done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		return "", !tempRepo(inv, v)
	}, nil
}

// newTempRepo matches what newNotTempRepo lets pass, for an allow rule
// that keeps the verb model from asking (restic forget says forget).
func newTempRepo(with map[string]any) (matchFunc, error) {
	if err := newParams(with).done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		if tempRepo(inv, v) {
			return "a backup repository in a temporary directory", true
		}
		return "", false
	}, nil
}

// tempRepo reports whether every repository a backup command names is
// in a temporary directory, at least one.
func tempRepo(inv *parse.Invocation, v *view) bool {
	if inv.Remote != "" {
		return false
	}
	var repos []parse.Word
	for _, a := range inv.Assigns {
		if a.Name == "RESTIC_REPOSITORY" || a.Name == "BORG_REPO" {
			repos = append(repos, a.Value)
		}
	}
	for i, f := range v.flags {
		name, val, has := strings.Cut(f, "=")
		if name != "-r" && name != "--repo" && name != "--path" {
			continue
		}
		if !has {
			if !v.hasVal(i) {
				return false
			}
			val = v.vals[i]
		}
		repos = append(repos, parse.Word{Value: val, Dynamic: strings.ContainsAny(val, "$`")})
	}
	if name := path.Base(inv.Name); name == "borg" || name == "borgmatic" {
		for _, op := range v.operands {
			if p, _, ok := strings.Cut(op.Value, "::"); ok || strings.HasPrefix(op.Value, "/") {
				repos = append(repos, parse.Word{Value: p, Dynamic: op.Dynamic})
			}
		}
	}
	if len(repos) == 0 {
		return false
	}
	for _, r := range repos {
		if r.Dynamic || strings.Contains(r.Value, ":") || strings.Contains(r.Value, "..") || !inTempDir(r.Value) {
			return false
		}
	}
	return true
}
