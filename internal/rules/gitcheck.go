package rules

import (
	"os"
	"path"
	"strconv"
	"strings"

	"github.com/guardsh/guard/internal/blast"
	"github.com/guardsh/guard/internal/gitstate"
	"github.com/guardsh/guard/internal/parse"
)

// gitStateCheck returns the state checks of git commands kept outside
// state.go, or nil.
func gitStateCheck(name string) stateFunc {
	switch name {
	case "submodule":
		return stateSubmodule
	case "branch-reset":
		return stateBranchReset
	}
	return nil
}

// stateSubmodule: git submodule deinit --force removes the submodules'
// work trees, with their uncommitted changes and untracked files; git
// submodule update --force overwrites their uncommitted changes. Their
// commits stay in the repository's .git/modules.
func stateSubmodule(r *Rule, inv *parse.Invocation, v *view, ctx *Context) stateResult {
	p := ctx.gitProbe(inv)
	if p == nil {
		return stateResult{}
	}
	c := readGit(inv)
	if c.sub != "submodule" || c.alias != "" || c.dynamic || len(c.args) == 0 {
		return stateResult{}
	}
	deinit := c.args[0].Value == "deinit"
	repo, err := p.Repo(inv.Dir)
	if err != nil {
		return stateResult{}
	}
	subs, err := repo.Submodules()
	if err != nil {
		return stateResult{}
	}
	// The submodules named, or all of them.
	var specs []string
	for _, w := range append(append([]parse.Word(nil), c.args[1:]...), c.paths...) {
		if w.Dynamic || w.Glob {
			return stateResult{}
		}
		rel, ok := repo.Rel(resolvePath(w.Value, inv.Dir))
		if !ok {
			return stateResult{}
		}
		specs = append(specs, rel)
	}
	radius := &blast.Radius{Repo: repo.Top}
	var hit []string
	for _, sub := range subs {
		if len(specs) > 0 && !c.has("all") && !submoduleNamed(sub, specs) {
			continue
		}
		modified, untracked, ok := submoduleWork(p, path.Join(repo.Top, sub), p.MaxEntries)
		if !ok {
			return stateResult{}
		}
		if !deinit {
			untracked = 0
		}
		if modified+untracked > 0 {
			hit = append(hit, sub)
			radius.Modified += modified
			radius.Untracked += untracked
		}
	}
	if len(hit) == 0 {
		radius.Summary = "no uncommitted changes in the submodules"
		return stateResult{known: true, detail: radius.Summary, blast: radius}
	}
	s := strings.Join(hit, ", ") + ": "
	var parts []string
	if radius.Modified > 0 {
		parts = append(parts, plural(radius.Modified, "modified file"))
	}
	if radius.Untracked > 0 {
		parts = append(parts, plural(radius.Untracked, "untracked file"))
	}
	radius.Summary = s + strings.Join(parts, ", ")
	radius.Worktree = true
	return stateResult{known: true, match: true, detail: radius.Summary, blast: radius}
}

// submoduleNamed reports whether a submodule is one of the paths named,
// or under one.
func submoduleNamed(sub string, specs []string) bool {
	for _, s := range specs {
		if s == "." || s == sub || strings.HasPrefix(sub, strings.TrimSuffix(s, "/")+"/") {
			return true
		}
	}
	return false
}

// submoduleWork counts the modified and untracked files in a submodule's
// work tree. One that is not checked out holds none.
func submoduleWork(p *blast.Probe, dir string, max int) (modified, untracked int, ok bool) {
	if _, err := os.Lstat(path.Join(dir, ".git")); err != nil {
		return 0, 0, true
	}
	sr, err := p.Repo(dir)
	if err != nil || sr.Top != dir {
		return 0, 0, false
	}
	st, err := sr.Status(nil, gitstate.EachFile, max)
	if err != nil || st.Truncated {
		return 0, 0, false
	}
	for _, e := range st.Entries {
		switch {
		case e.Kind == '?':
			untracked++
		case e.Modified(), e.Staged():
			modified++
		}
	}
	return modified, untracked, true
}

// commitsLike says n things, in the singular for one.
func plural(n int, one string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + one + "s"
}

// stateBranchReset: git checkout -B, git switch -C and git branch --force
// lose the commits of an existing branch that its new place and no other
// branch, tag or remote-tracking ref hold.
func stateBranchReset(r *Rule, inv *parse.Invocation, v *view, ctx *Context) stateResult {
	p := ctx.gitProbe(inv)
	if p == nil {
		return stateResult{}
	}
	c := readGit(inv)
	branch, to, ok := gitBranchReset(c)
	if !ok || c.alias != "" || c.dynamic || to == "-" || strings.HasPrefix(branch, "-") {
		return stateResult{}
	}
	repo, err := p.Repo(inv.Dir)
	if err != nil {
		return stateResult{}
	}
	ref := "refs/heads/" + branch
	id := repo.RevParse(ref)
	if id == "" {
		return stateResult{known: true, detail: "no branch " + branch + " yet"}
	}
	revs := []string{ref}
	if to != "" {
		if repo.RevParse(to) == "" {
			// git refuses a start point that does not resolve.
			return stateResult{known: true}
		}
		revs = append(revs, "^"+to)
	}
	n, err := repo.Unique(revs, ref, 10_000)
	if err != nil {
		return stateResult{}
	}
	radius := &blast.Radius{Repo: repo.Top, Refs: []blast.Ref{{Name: ref, ID: id}}, Commits: n}
	if n == 0 {
		radius.Summary = branch + ": every commit stays on a branch"
		return stateResult{known: true, detail: radius.Summary, blast: radius}
	}
	radius.Summary = branch + " would lose " + plural(n, "commit") + " no other branch holds (the reflog keeps them for a while)"
	return stateResult{known: true, match: true, detail: radius.Summary, blast: radius}
}
