package rules

import (
	"path"

	"github.com/guardsh/guard/internal/parse"
)

// git rm -r --cached . takes every file out of the index. Followed by
// git add . it is the everyday fix for a new .gitignore; followed by a
// commit and a push without the add, the pushed branch holds no files at
// all, and everyone who pulls it loses their working tree's tracked
// files. The untracks-all-pushed matcher matches a push after such an rm
// with no git add between them.

// wholePathspec reports whether a pathspec names every file: ., ./, :/, *.
func wholePathspec(w parse.Word) bool {
	if w.Dynamic {
		return false
	}
	switch v := w.Value; v {
	case ":/", ":", "*", ":/*", ":(top)":
		return true
	default:
		return path.Clean(v) == "."
	}
}

// untracksAll reports whether before removes every file from the index
// (git rm -r of the whole tree) with no git add after it.
func untracksAll(before []*parse.Invocation) bool {
	untracked := false
	for _, c := range before {
		if c.Name != "git" {
			continue
		}
		g := readGit(c)
		if g == nil {
			continue
		}
		switch g.sub {
		case "rm":
			_, r := g.opts["-r"]
			_, dry := g.opts["dry-run"]
			if !r || dry {
				continue
			}
			for _, w := range append(append([]parse.Word(nil), g.args...), g.paths...) {
				if wholePathspec(w) {
					untracked = true
				}
			}
		case "add", "stage":
			untracked = false
		}
	}
	return untracked
}

func newUntracksAllPushed(with map[string]any) (matchFunc, error) {
	if err := newParams(with).done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		ps, ok := parsePush(v, false)
		if !ok || ps.dry || !untracksAll(ctx.before) {
			return "", false
		}
		resolvePushTargets(inv, ctx, &ps)
		if reviewBranchesOnly(ps) {
			return "", false
		}
		return "it pushes a commit made after git rm -r of the whole tree with no git add since: the branch it pushes holds no files", true
	}, nil
}
