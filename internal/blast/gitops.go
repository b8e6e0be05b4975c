package blast

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/guardsh/guard/internal/disk"
	"github.com/guardsh/guard/internal/gitstate"
)

// maxCommits bounds commit counts.
const maxCommits = 10_000

// Discard says which uncommitted changes a git command overwrites.
type Discard uint8

const (
	// WorkTree overwrites work-tree files from the index: git checkout --
	// PATH, git restore PATH.
	WorkTree Discard = iota + 1
	// WorkTreeAndIndex overwrites both from a commit: git reset --hard,
	// git checkout REF -- PATH, git restore --source --staged --worktree.
	WorkTreeAndIndex
)

// pathspecs turns a git command's path operands, relative to dir, into
// paths relative to the work tree's top. It fails on pathspec magic and
// patterns, which git matches itself.
func pathspecs(repo *gitstate.Repo, dir string, ops []string) ([]string, bool) {
	var out []string
	for _, op := range ops {
		switch {
		case op == ":/" || op == ":/:":
			out = append(out, ".")
			continue
		case strings.HasPrefix(op, ":") || disk.HasMeta(op):
			return nil, false
		}
		abs := op
		if !filepath.IsAbs(abs) {
			abs = filepath.Join(dir, op)
		}
		real := abs
		if r, err := filepath.EvalSymlinks(filepath.Dir(abs)); err == nil {
			real = filepath.Join(r, filepath.Base(abs))
		}
		rel, ok := repo.Rel(real)
		if !ok {
			return nil, false
		}
		out = append(out, rel)
	}
	return out, true
}

// Discard judges a git command run in dir that overwrites uncommitted
// changes to the tracked files under paths (all of them when paths is
// empty).
func (p *Probe) Discard(dir string, paths []string, mode Discard) Verdict {
	repo, err := p.Repo(dir)
	if err != nil {
		return Verdict{}
	}
	specs, ok := pathspecs(repo, dir, paths)
	if !ok {
		return Verdict{}
	}
	st, err := repo.Status(specs, gitstate.EachFile, p.MaxEntries)
	if err != nil {
		return Verdict{}
	}
	r := &Radius{Repo: repo.Top, Truncated: st.Truncated}
	for _, e := range st.Entries {
		switch {
		case e.Modified():
			r.Modified++
			if e.Staged() && mode == WorkTreeAndIndex {
				r.Staged++
			}
		case e.Staged() && mode == WorkTreeAndIndex:
			r.Modified++
			r.Staged++
		}
	}
	v := Verdict{Known: true, InRepo: true, Radius: r}
	if r.Modified == 0 && !r.Truncated {
		r.Summary = "no uncommitted changes to lose"
		return v
	}
	v.Lost = true
	r.Worktree = true
	r.Lines = repo.Lines(specs, mode == WorkTreeAndIndex)
	s := count(int64(r.Modified), "modified file", "modified files", r.Truncated)
	if r.Staged > 0 {
		s += " (" + thousands(int64(r.Staged)) + " staged)"
	}
	if r.Lines > 0 {
		s += ", " + count(int64(r.Lines), "line", "lines", false)
	}
	r.Summary = s
	return v
}

// ResetCommits counts the commits a git reset --hard to rev in dir takes
// off the current branch that no other branch, tag or remote-tracking ref
// holds, and returns the ref that moves with its object id now.
func (p *Probe) ResetCommits(dir, rev string) (int, Ref, bool) {
	repo, err := p.Repo(dir)
	if err != nil {
		return 0, Ref{}, false
	}
	head := repo.RevParse("HEAD")
	to := repo.RevParse(rev)
	if to == "" || head == "" {
		return 0, Ref{}, false
	}
	branch := repo.CurrentBranch()
	except := ""
	if branch != "" {
		except = "refs/heads/" + branch
	}
	n, err := repo.Unique([]string{"HEAD", "^" + to}, except, maxCommits)
	if err != nil {
		return 0, Ref{}, false
	}
	ref := Ref{Name: "HEAD", ID: head}
	if except != "" {
		ref.Name = except
	}
	return n, ref, true
}

// Clean says what git clean removes.
type Clean struct {
	// Dirs is -d: untracked directories too.
	Dirs bool
	// Ignored is -x: ignored files too; OnlyIgnored is -X.
	Ignored, OnlyIgnored bool
}

// Clean judges git clean -f in dir on paths, from git status, without
// running git clean.
func (p *Probe) Clean(dir string, paths []string, c Clean) Verdict {
	repo, err := p.Repo(dir)
	if err != nil {
		return Verdict{}
	}
	specs, ok := pathspecs(repo, dir, paths)
	if !ok {
		return Verdict{}
	}
	if len(specs) == 0 {
		// git clean works under the current directory.
		rel, ok := repo.Rel(dir)
		if !ok {
			return Verdict{}
		}
		specs = []string{rel}
	}
	st, err := repo.Status(specs, gitstate.ByDirectory, p.MaxEntries)
	if err != nil {
		return Verdict{}
	}
	r := &Radius{Repo: repo.Top, Truncated: st.Truncated}
	var gone []string
	data := 0
	for _, e := range st.Entries {
		dirEntry := strings.HasSuffix(e.Path, "/")
		switch {
		case dirEntry && !c.Dirs:
			continue
		case e.Kind == '?' && !c.OnlyIgnored:
			r.Untracked++
		case e.Kind == '!' && (c.Ignored || c.OnlyIgnored):
			if isData(e.Path) {
				data++
			} else {
				r.Ignored++
			}
		default:
			continue
		}
		gone = append(gone, filepath.Join(repo.Top, strings.TrimSuffix(e.Path, "/")))
	}
	u := disk.Count(gone, p.WalkLimit)
	r.Files, r.Bytes = u.Files, u.Bytes
	r.Truncated = r.Truncated || u.Truncated
	r.Paths = gone
	v := Verdict{Known: true, InRepo: true, Radius: r}
	if r.Untracked == 0 && data == 0 && !r.Truncated {
		if r.Ignored > 0 {
			r.Summary = count(int64(r.Ignored), "ignored entry", "ignored entries", false) + " (build output), nothing else"
		} else {
			r.Summary = "no untracked files to delete"
		}
		return v
	}
	v.Lost = true
	var parts []string
	if r.Untracked > 0 {
		parts = append(parts, count(int64(r.Untracked), "untracked entry", "untracked entries", false))
	}
	if data > 0 {
		parts = append(parts, count(int64(data), "ignored data file", "ignored data files", false))
	}
	if r.Ignored > 0 {
		parts = append(parts, thousands(int64(r.Ignored))+" ignored")
	}
	r.Summary = strings.Join(parts, ", ") + ": " + r.diskCounts()
	return v
}

// Stash judges git stash clear (all true) or git stash drop of entry n.
func (p *Probe) Stash(dir string, all bool, n int) Verdict {
	repo, err := p.Repo(dir)
	if err != nil {
		return Verdict{}
	}
	ids := repo.Stashes()
	r := &Radius{Repo: repo.Top}
	v := Verdict{Known: true, InRepo: true, Radius: r}
	switch {
	case len(ids) == 0:
		r.Summary = "the stash is empty"
		return v
	case all:
		r.Stashes = len(ids)
		for i, id := range ids {
			r.Refs = append(r.Refs, Ref{Name: "stash@{" + strconv.Itoa(i) + "}", ID: id})
		}
		r.Summary = "the stash holds " + count(int64(len(ids)), "entry", "entries", false)
	case n < len(ids):
		r.Stashes = 1
		r.Refs = []Ref{{Name: "stash@{" + strconv.Itoa(n) + "}", ID: ids[n]}}
		r.Summary = fmt.Sprintf("drops stash@{%d}, 1 of %s", n, count(int64(len(ids)), "entry", "entries", false))
	default:
		r.Summary = fmt.Sprintf("there is no stash@{%d}", n)
		return v
	}
	v.Lost = true
	return v
}

// Branches judges deleting local branches in dir whatever their merge
// state (git branch -D).
func (p *Probe) Branches(dir string, names []string) Verdict {
	repo, err := p.Repo(dir)
	if err != nil {
		return Verdict{}
	}
	r := &Radius{Repo: repo.Top}
	v := Verdict{Known: true, InRepo: true, Radius: r}
	var parts []string
	for _, name := range names {
		ref := "refs/heads/" + name
		id := repo.RevParse(ref)
		if id == "" {
			continue
		}
		n, err := repo.OnlyReachable(ref, maxCommits)
		if err != nil {
			return Verdict{}
		}
		r.Refs = append(r.Refs, Ref{Name: ref, ID: id})
		if n > 0 {
			r.Commits += n
			parts = append(parts, name+": "+count(int64(n), "commit", "commits", false)+" no other branch holds")
		}
	}
	if r.Commits == 0 {
		r.Summary = "every commit is on another branch"
		return v
	}
	v.Lost = true
	r.Summary = strings.Join(parts, "; ")
	return v
}

// WorktreeRemove judges git worktree remove --force of the work tree at
// path: its uncommitted changes and untracked files.
func (p *Probe) WorktreeRemove(path string) Verdict {
	repo, err := p.Repo(path)
	if err != nil {
		return Verdict{}
	}
	real := path
	if r, err := filepath.EvalSymlinks(path); err == nil {
		real = r
	}
	if repo.Top != real {
		return Verdict{}
	}
	st, err := repo.Status(nil, gitstate.EachFile, p.MaxEntries)
	if err != nil {
		return Verdict{}
	}
	r := &Radius{Repo: repo.Top, Truncated: st.Truncated, Paths: []string{repo.Top}}
	for _, e := range st.Entries {
		switch {
		case e.Kind == '?':
			r.Untracked++
		case e.Kind == '!':
			r.Ignored++
			r.Skip = append(r.Skip, filepath.Join(repo.Top, strings.TrimSuffix(e.Path, "/")))
		case e.Modified():
			r.Modified++
		case e.Staged():
			r.Staged++
		}
	}
	v := Verdict{Known: true, InRepo: true, Radius: r}
	name := p.show(repo.Top, "")
	if r.Modified+r.Staged+r.Untracked == 0 && !r.Truncated {
		r.Summary = name + ": no uncommitted work"
		return v
	}
	v.Lost = true
	r.Summary = name + ": " + r.gitCounts()
	return v
}

// Push judges a push from dir that force-updates (or with del deletes)
// branch on remote, to src (a local revision; "" means HEAD). What the
// remote loses is worked out from its remote-tracking ref, so it is only
// as fresh as the last fetch.
func (p *Probe) Push(dir, remote, branch, src string, del bool) Verdict {
	repo, err := p.Repo(dir)
	if err != nil {
		return Verdict{}
	}
	if remote == "" || branch == "" || repo.Config("remote."+remote+".url") == "" {
		return Verdict{}
	}
	tracking := "refs/remotes/" + remote + "/" + branch
	id := repo.RevParse(tracking)
	if id == "" {
		return Verdict{}
	}
	r := &Radius{Repo: repo.Top, Refs: []Ref{{Name: tracking, ID: id}}}
	var n int
	if del {
		n, err = repo.OnlyReachable(tracking, maxCommits)
	} else {
		if src == "" {
			src = "HEAD"
		}
		to := repo.RevParse(src)
		if to == "" {
			return Verdict{}
		}
		n, err = repo.Lost(id, to, maxCommits)
	}
	if err != nil {
		return Verdict{}
	}
	r.Commits = n
	v := Verdict{Known: true, InRepo: true, Radius: r, Lost: n > 0}
	what := remote + "/" + branch
	if n == 0 {
		r.Summary = what + " would lose no commits, as of the last fetch"
		if del {
			r.Summary = what + ": every commit is on another branch, as of the last fetch"
		}
		return v
	}
	r.Summary = what + " would lose " + count(int64(n), "commit", "commits", false) + ", as of the last fetch"
	return v
}
