package rules

import (
	"strconv"
	"strings"

	"github.com/guardsh/guard/internal/blast"
	"github.com/guardsh/guard/internal/parse"
)

// This file holds the state checks of git commands that discard work:
// reset --hard, checkout and restore of paths, clean, stash, branch -D,
// worktree remove and push --force, judged by what they would discard.

// stateResetHard: git reset --hard [REV] loses uncommitted changes to
// tracked files, and commits only the current branch holds when REV is
// behind it.
func stateResetHard(r *Rule, inv *parse.Invocation, v *view, ctx *Context) stateResult {
	if freshClone(inv, ctx) {
		return stateResult{known: true, final: true}
	}
	p := ctx.gitProbe(inv)
	if p == nil {
		return stateResult{}
	}
	_, rest := gitCommand(inv)
	before, _, _ := splitDash(rest)
	ops, ok := plainOperands(before)
	if !ok {
		return stateResult{}
	}
	res := fromVerdict(p.Discard(inv.Dir, nil, blast.WorkTreeAndIndex))
	if !res.known || len(ops) == 0 {
		return res
	}
	n, ref, ok := p.ResetCommits(inv.Dir, ops[0])
	if !ok {
		return stateResult{blast: res.blast}
	}
	res.blast.Refs = append(res.blast.Refs, ref)
	if n > 0 {
		s := strings.TrimPrefix(ref.Name, "refs/heads/") + " would lose " + commits(n) + " no other branch holds (the reflog keeps them for a while)"
		if res.match {
			s = res.blast.Summary + "; " + s
		}
		res.blast.Summary, res.blast.Commits, res.detail, res.match = s, n, s, true
	}
	return res
}

func commits(n int) string {
	if n == 1 {
		return "1 commit"
	}
	return strconv.Itoa(n) + " commits"
}

// stateCheckout: git checkout [REV] -- PATHS overwrites the paths'
// uncommitted changes, from the index or, with REV, from that commit.
func stateCheckout(r *Rule, inv *parse.Invocation, v *view, ctx *Context) stateResult {
	if freshClone(inv, ctx) {
		return stateResult{known: true, final: true}
	}
	p := ctx.gitProbe(inv)
	if p == nil {
		return stateResult{}
	}
	sub, rest := gitCommand(inv)
	before, after, dash := splitDash(rest)
	ops, ok := plainOperands(before, "-b", "-B", "--orphan", "--conflict", "--pathspec-from-file")
	if !ok || hasOpt(before, "-b", "-B", "--orphan", "--pathspec-from-file", "-p", "--patch") {
		return stateResult{}
	}
	paths, ok := plainOperands(after)
	if !ok {
		return stateResult{}
	}
	mode := blast.WorkTree
	switch {
	case sub == "restore":
		return stateRestore(r, inv, v, ctx)
	case dash && len(ops) > 0:
		mode = blast.WorkTreeAndIndex
	case dash:
	case len(ops) == 0:
		return stateResult{}
	default:
		// No --: git takes a first word that names a revision as one.
		repo, err := p.Repo(inv.Dir)
		if err != nil {
			return stateResult{}
		}
		if repo.RevParse(ops[0]) != "" {
			if len(ops) == 1 {
				// A switch to another branch carries changes along.
				return stateResult{known: true}
			}
			mode, paths = blast.WorkTreeAndIndex, ops[1:]
		} else {
			paths = ops
		}
	}
	if len(paths) == 0 {
		return stateResult{}
	}
	expanded, ok := gitPaths(p, after, paths, inv.Dir)
	if !ok {
		return stateResult{}
	}
	return fromVerdict(p.Discard(inv.Dir, expanded, mode))
}

// gitPaths expands glob words among git path operands.
func gitPaths(p *blast.Probe, words []parse.Word, paths []string, dir string) ([]string, bool) {
	var out []string
	for _, s := range paths {
		w := parse.Word{Value: s}
		for _, x := range words {
			if x.Value == s {
				w = x
			}
		}
		if w.Glob {
			e := p.Glob(s, dir)
			if e.Over {
				return nil, false
			}
			if len(e.Paths) > 0 {
				out = append(out, e.Paths...)
				continue
			}
		}
		out = append(out, s)
	}
	return out, true
}

// stateRestore: git restore PATHS overwrites work-tree changes from the
// index; with --source, --staged and --worktree, both from a commit.
func stateRestore(r *Rule, inv *parse.Invocation, v *view, ctx *Context) stateResult {
	p := ctx.gitProbe(inv)
	if p == nil {
		return stateResult{}
	}
	// git restore's own options, read as git reads them (gitopts.go):
	// clusters, abbreviations, values.
	c := readGit(inv)
	if c.sub != "restore" || c.dynamic || c.has("patch", "pathspec-from-file") {
		return stateResult{}
	}
	staged := c.has("staged")
	if staged && !c.has("worktree") {
		return stateResult{known: true}
	}
	mode := blast.WorkTree
	if staged || c.has("source") {
		mode = blast.WorkTreeAndIndex
	}
	words := c.operands()
	var ops []string
	for _, w := range words {
		if w.Dynamic {
			return stateResult{}
		}
		ops = append(ops, w.Value)
	}
	if len(ops) == 0 {
		return stateResult{}
	}
	paths, ok := gitPaths(p, words, ops, inv.Dir)
	if !ok {
		return stateResult{}
	}
	return fromVerdict(p.Discard(inv.Dir, paths, mode))
}

// stateCheckoutForce: git checkout -f and git switch --discard-changes
// throw away every uncommitted change to tracked files.
func stateCheckoutForce(r *Rule, inv *parse.Invocation, v *view, ctx *Context) stateResult {
	p := ctx.gitProbe(inv)
	if p == nil {
		return stateResult{}
	}
	return fromVerdict(p.Discard(inv.Dir, nil, blast.WorkTreeAndIndex))
}

// stateClean: git clean -f deletes untracked files, worked out from git
// status without running git clean.
func stateClean(r *Rule, inv *parse.Invocation, v *view, ctx *Context) stateResult {
	if freshClone(inv, ctx) {
		return stateResult{known: true, final: true}
	}
	p := ctx.gitProbe(inv)
	if p == nil {
		return stateResult{}
	}
	_, rest := gitCommand(inv)
	if hasOpt(rest, "-i", "--interactive") {
		return stateResult{}
	}
	c := blast.Clean{Dirs: hasOpt(rest, "-d"), Ignored: hasOpt(rest, "-x"), OnlyIgnored: hasOpt(rest, "-X")}
	before, after, _ := splitDash(rest)
	ops, ok := plainOperands(append(append([]parse.Word(nil), before...), after...), "-e", "--exclude")
	if !ok {
		return stateResult{}
	}
	paths, ok := gitPaths(p, rest, ops, inv.Dir)
	if !ok {
		return stateResult{}
	}
	return fromVerdict(p.Clean(inv.Dir, paths, c))
}

// stateStash: git stash clear drops every entry, git stash drop one.
func stateStash(r *Rule, inv *parse.Invocation, v *view, ctx *Context) stateResult {
	p := ctx.gitProbe(inv)
	if p == nil {
		return stateResult{}
	}
	_, rest := gitCommand(inv)
	ops, ok := plainOperands(rest)
	if !ok || len(ops) == 0 {
		return stateResult{}
	}
	switch ops[0] {
	case "clear":
		return fromVerdict(p.Stash(inv.Dir, true, 0))
	case "drop":
		n := 0
		if len(ops) > 1 {
			s := strings.TrimSuffix(strings.TrimPrefix(ops[1], "stash@{"), "}")
			var err error
			if n, err = strconv.Atoi(s); err != nil || n < 0 {
				return stateResult{}
			}
		}
		return fromVerdict(p.Stash(inv.Dir, false, n))
	}
	return stateResult{}
}

// stateBranchDelete: git branch -D loses the commits no other branch,
// tag or remote-tracking ref holds.
func stateBranchDelete(r *Rule, inv *parse.Invocation, v *view, ctx *Context) stateResult {
	p := ctx.gitProbe(inv)
	if p == nil || hasOpt(inv.Args, "-r", "--remotes") {
		return stateResult{}
	}
	_, rest := gitCommand(inv)
	names, ok := plainOperands(rest)
	if !ok || len(names) == 0 {
		return stateResult{}
	}
	return fromVerdict(p.Branches(inv.Dir, names))
}

// stateWorktreeRemove: git worktree remove --force loses the work tree's
// uncommitted changes and untracked files.
func stateWorktreeRemove(r *Rule, inv *parse.Invocation, v *view, ctx *Context) stateResult {
	p := ctx.gitProbe(inv)
	if p == nil {
		return stateResult{}
	}
	_, rest := gitCommand(inv)
	ops, ok := plainOperands(rest)
	if !ok || len(ops) != 2 || ops[0] != "remove" {
		return stateResult{}
	}
	return fromVerdict(p.WorktreeRemove(resolvePath(ops[1], inv.Dir)))
}

// --- git push ---

// resolvePushTargets fills in, from the repository, the remote and the
// remote branch of targets that name neither: git push -f pushes the
// current branch to its upstream.
func resolvePushTargets(inv *parse.Invocation, ctx *Context, ps *pushSpec) {
	p := ctx.gitProbe(inv)
	if p == nil || ps.all || ps.mirror {
		return
	}
	repo, err := p.Repo(inv.Dir)
	if err != nil {
		return
	}
	cur := ""
	for i := range ps.targets {
		t := &ps.targets[i]
		if t.branch != "" || t.src == "-" {
			continue
		}
		if cur == "" {
			if cur = repo.CurrentBranch(); cur == "" {
				return
			}
		}
		if t.src != "" && t.src != "HEAD" && t.src != "@" {
			// git push origin topic:HEAD and the like: leave it unknown.
			continue
		}
		dst := cur
		if m := repo.Config("branch." + cur + ".merge"); m != "" && repo.Config("push.default") == "upstream" {
			dst = strings.TrimPrefix(m, "refs/heads/")
		}
		t.branch = dst
		t.src = cur
	}
	if ps.remote == "" {
		if cur == "" {
			cur = repo.CurrentBranch()
		}
		for _, key := range []string{"branch." + cur + ".pushRemote", "remote.pushDefault", "branch." + cur + ".remote"} {
			if cur == "" && strings.HasPrefix(key, "branch.") {
				continue
			}
			if r := repo.Config(key); r != "" {
				ps.remote = r
				break
			}
		}
		if ps.remote == "" {
			ps.remote = "origin"
		}
	}
}

// statePush says what a force push or a remote branch deletion takes
// from the remote, as of the last fetch. A rule for protected branches
// always matches and only adds that; the others match when commits would
// be lost.
func statePush(r *Rule, inv *parse.Invocation, v *view, ctx *Context) stateResult {
	p := ctx.gitProbe(inv)
	if p == nil {
		return stateResult{}
	}
	kind, _ := r.With["kind"].(string)
	scope, _ := r.With["scope"].(string)
	lease := true
	if l, ok := r.With["lease"].(bool); ok {
		lease = l
	}
	protected := defaultProtected
	custom := false
	if list, ok := r.With["protected"].([]any); ok {
		protected, custom = nil, true
		for _, x := range list {
			if s, ok := x.(string); ok {
				protected = append(protected, s)
			}
		}
	}
	if kind == "" {
		kind = "force"
	}
	if scope == "" {
		scope = "protected"
	}
	ps, ok := parsePush(v, lease)
	if !ok || ps.all || ps.mirror || kind == "mirror" {
		return stateResult{}
	}
	resolvePushTargets(inv, ctx, &ps)
	total := &blast.Radius{}
	lost := false
	seen := false
	for _, t := range ps.targets {
		if !(kind == "force" && t.force || kind == "delete" && t.del) {
			continue
		}
		isProtected := t.branch == "" || protectedBranch(protected, custom, t.branch)
		if scope == "protected" && !isProtected || scope == "other" && isProtected {
			continue
		}
		if t.branch == "" || t.src == "-" {
			return stateResult{}
		}
		src := t.src
		if src == "" {
			src = t.branch
		}
		verdict := p.Push(inv.Dir, ps.remote, t.branch, src, t.del)
		if !verdict.Known {
			return stateResult{}
		}
		seen = true
		lost = lost || verdict.Lost
		total.Merge(verdict.Radius)
	}
	if !seen {
		return stateResult{}
	}
	match := lost || scope != "other"
	return stateResult{known: true, match: match, detail: total.Summary, blast: total}
}
