package blast

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/guardsh/guard/internal/disk"
	"github.com/guardsh/guard/internal/gitstate"
)

// Probe reads the disk and the repositories for the decisions on one
// command, and remembers what it read. It is not safe for concurrent use.
type Probe struct {
	// Git runs git. It is part of the probe, not a pointer, so that a
	// probe costs one allocation on commands that never need it.
	Git gitstate.Git
	// Home is the user's home directory, for ~ in summaries.
	Home string
	// Glob bounds each glob expansion; Walk each count of a tree.
	GlobLimit, WalkLimit disk.Limit
	// MaxEntries bounds the entries read from git status or ls-files.
	MaxEntries int
	// Many is how many clean tracked files a deletion may take before it
	// still asks: git holds them, but that many is rarely meant.
	Many int
	// ForeignGit reports that the environment the command runs in points
	// git elsewhere (GIT_DIR, GIT_WORK_TREE, ...): git commands then act
	// on a repository guard does not look at. Environ, when set, returns
	// that environment; it is read when a git command is first judged.
	ForeignGit bool
	Environ    func() []string
	envRead    bool

	repos map[string]repoResult
	globs map[string]disk.Expansion
}

type repoResult struct {
	repo *gitstate.Repo
	err  error
}

// New returns a probe with the default limits.
func New(home string) *Probe {
	return &Probe{
		Git:        gitstate.Git{Home: home},
		Home:       home,
		GlobLimit:  disk.Limit{Entries: 1000, Time: 20 * time.Millisecond},
		WalkLimit:  disk.Limit{Entries: 10_000, Time: 200 * time.Millisecond},
		MaxEntries: 20_000,
		Many:       20,
	}
}

// Glob expands a pattern against the disk, as bash would in dir.
func (p *Probe) Glob(pattern, dir string) disk.Expansion {
	key := dir + "\x00" + pattern
	if e, ok := p.globs[key]; ok {
		return e
	}
	e := disk.Glob(pattern, dir, p.GlobLimit)
	if p.globs == nil {
		p.globs = map[string]disk.Expansion{}
	}
	p.globs[key] = e
	return e
}

// Repo returns the work tree holding dir.
func (p *Probe) Repo(dir string) (*gitstate.Repo, error) {
	if r, ok := p.repos[dir]; ok {
		return r.repo, r.err
	}
	r, err := p.Git.Open(dir)
	if p.repos == nil {
		p.repos = map[string]repoResult{}
	}
	p.repos[dir] = repoResult{r, err}
	return r, err
}

// Verdict is what a probe found out about a command's targets.
type Verdict struct {
	// Known reports that the state could be read; when it is false, the
	// rules judge the command by its text.
	Known bool
	// Lost reports that the command destroys something nothing else
	// holds: uncommitted changes, untracked files, files outside git,
	// commits only one ref reaches, stash entries.
	Lost bool
	// Many reports a deletion of clean tracked files that git could bring
	// back, but of a whole top-level directory or more than Probe.Many
	// files.
	Many bool
	// Work reports that what is lost is work in a repository:
	// uncommitted changes, untracked files, data files git ignores, or a
	// repository's history.
	Work bool
	// InRepo reports that every target is inside a git work tree.
	InRepo bool
	// Radius is what the command destroys.
	Radius *Radius
}

// show writes a path for a summary: relative to dir when inside it, with
// ~ for the home directory.
func (p *Probe) show(path, dir string) string {
	if dir != "" {
		if rel, err := filepath.Rel(dir, path); err == nil && rel != "." && !strings.HasPrefix(rel, "..") {
			return rel
		}
	}
	if p.Home != "" && p.Home != "/" {
		if path == p.Home {
			return "~"
		}
		if rest, ok := strings.CutPrefix(path, p.Home+"/"); ok {
			return "~/" + rest
		}
	}
	return path
}

// dataNames are ignored files that are not build output: what is in them
// is not made again by a build.
var dataNames = []string{".env", ".env.*", "*.env", ".envrc", "*.pem", "*.key", "*.p12", "*.pfx", "*.db", "*.sqlite", "*.sqlite3",
	"terraform.tfstate", "terraform.tfstate.*", "*.tfstate", "id_rsa*", "id_ed25519*", "credentials*", "secrets*", "*.kdbx",
	"*.duckdb", "*.parquet", "*.feather", "*.arrow", "*.avro", "*.orc", "*.h5", "*.hdf5", "*.npy", "*.npz"}

func isData(name string) bool {
	base := filepath.Base(strings.TrimSuffix(name, "/"))
	if strings.HasSuffix(name, "/") {
		return false
	}
	for _, p := range dataNames {
		if disk.Match(p, base) {
			return true
		}
	}
	return false
}

// target is one deletion target's state.
type target struct {
	path   string
	repo   *gitstate.Repo
	rel    string
	radius Radius
	data   int
	known  bool
}

// DeleteMode says which files under the targets a deletion takes.
type DeleteMode uint8

const (
	// Everything under the targets goes, as with rm -r.
	Everything DeleteMode = iota
	// TrackedOnly takes the files git tracks and leaves the rest, as
	// git ls-files | xargs rm does.
	TrackedOnly
	// UntrackedOnly takes the untracked files, as git ls-files -o |
	// xargs rm does.
	UntrackedOnly
	// GitRm is git rm: it takes tracked files from the work tree and the
	// index, and refuses (removing nothing) when one has changes no
	// commit holds.
	GitRm
	// GitRmForce is git rm -f, which does not refuse.
	GitRmForce
)

// Delete judges deleting paths (absolute and clean) from the file system,
// as rm -r does: what git holds of them, and what only the disk does.
// dir is the working directory, for the summary.
func (p *Probe) Delete(paths []string, dir string, mode DeleteMode) Verdict {
	v := Verdict{Known: true, InRepo: true, Radius: &Radius{}}
	var inRepo, onDisk []*target
	for _, path := range paths {
		t := p.deleteOne(path, mode)
		if !t.known {
			v.Known = false
		}
		if t.repo == nil {
			v.InRepo = false
			onDisk = append(onDisk, t)
		} else {
			inRepo = append(inRepo, t)
		}
	}
	r := v.Radius
	var parts []string
	if len(inRepo) > 0 {
		var ns []string
		g := &Radius{}
		data := 0
		for _, t := range inRepo {
			ns = append(ns, p.show(t.path, dir))
			t.radius.only(mode)
			if mode != Everything {
				t.data = 0
			}
			g.Merge(&t.radius)
			data += t.data
			if t.radius.Tracked > 0 && !strings.Contains(t.rel, "/") && t.rel != "." {
				if st, err := os.Lstat(t.path); err == nil && st.IsDir() {
					v.Many = true
				}
			}
		}
		s := names(ns) + ": " + g.gitCounts()
		if data > 0 {
			s += ", " + count(int64(data), "ignored data file", "ignored data files", false)
		}
		parts = append(parts, s)
		if g.Modified+g.Staged+g.Untracked+g.Nested+data > 0 || g.Truncated {
			v.Lost, v.Work = true, true
		}
		if g.Tracked > p.Many {
			v.Many = true
		}
		r.Merge(g)
		r.Summary = ""
	}
	if len(onDisk) > 0 {
		var ns []string
		d := &Radius{}
		for _, t := range onDisk {
			ns = append(ns, p.show(t.path, dir))
			d.Merge(&t.radius)
		}
		s := names(ns) + ": " + d.diskCounts()
		if d.Nested > 0 {
			s += ", " + count(int64(d.Nested), "git repository with its history", "git repositories with their history", false)
		}
		parts = append(parts, s)
		if d.Files > 0 || d.Nested > 0 || d.Truncated {
			v.Lost = true
		}
		if d.Nested > 0 {
			v.Work = true
		}
		r.Merge(d)
		r.Summary = ""
	}
	r.Summary = strings.Join(parts, "; ")
	r.Paths = paths
	return v
}

// only keeps the counts of what a deletion in mode takes.
func (r *Radius) only(mode DeleteMode) {
	switch mode {
	case TrackedOnly:
		r.Untracked, r.Ignored, r.Nested, r.Staged = 0, 0, 0, 0
		r.Skip = nil
	case UntrackedOnly:
		r.Tracked, r.Modified, r.Staged, r.Ignored, r.Nested = 0, 0, 0, 0, 0
		r.Skip = nil
	case GitRm:
		r.Untracked, r.Ignored, r.Nested = 0, 0, 0
		r.Skip = nil
		if r.Modified+r.Staged > 0 {
			// git rm refuses, and removes nothing.
			r.Tracked, r.Modified, r.Staged, r.Truncated = 0, 0, 0, false
		}
	case GitRmForce:
		r.Untracked, r.Ignored, r.Nested = 0, 0, 0
		r.Skip = nil
	}
}

// deleteOne reads the state of one deletion target.
func (p *Probe) deleteOne(path string, mode DeleteMode) *target {
	t := &target{path: path, known: true}
	st, err := os.Lstat(path)
	if err != nil {
		// Nothing there: nothing to delete.
		return t
	}
	// The repository is found from the target's parent, never from
	// inside it: a .git the target holds goes with it.
	parent := filepath.Dir(path)
	real, err := filepath.EvalSymlinks(parent)
	if err != nil {
		real = parent
	}
	physical := filepath.Join(real, filepath.Base(path))
	from := real
	if mode != Everything && st.IsDir() {
		// Only files git lists go, never a .git: the target's own
		// repository is the one that lists them.
		from = physical
	}
	repo, err := p.Repo(from)
	if err != nil {
		if !errors.Is(err, gitstate.ErrNotRepo) {
			// git failed, timed out or is missing: what git holds of the
			// target is not known.
			t.known = false
		}
		repo = nil
	}
	var rel string
	if repo != nil {
		var ok bool
		if rel, ok = repo.Rel(physical); !ok || rel == ".git" || strings.HasPrefix(rel, ".git/") {
			// Outside the work tree (core.worktree elsewhere), or the
			// repository's own directory, which fs.rm-git-dir covers.
			repo = nil
		}
	}
	if repo == nil {
		p.countDisk(t, st)
		return t
	}
	t.repo, t.rel = repo, rel
	t.radius.Repo = repo.Top
	if st.IsDir() && mode == Everything {
		if _, err := os.Lstat(filepath.Join(physical, ".git")); err == nil {
			// The target is a repository of its own.
			t.radius.Nested++
		}
	}
	status, err := repo.Status([]string{rel}, gitstate.EachFile, p.MaxEntries)
	if err != nil {
		t.known = false
		p.countDisk(t, st)
		return t
	}
	r := &t.radius
	r.Truncated = status.Truncated
	for _, e := range status.Entries {
		switch {
		case e.Kind == '?' && strings.HasSuffix(e.Path, "/"):
			if strings.TrimSuffix(e.Path, "/") != rel {
				r.Nested++
			}
		case e.Kind == '?':
			r.Untracked++
		case e.Kind == '!':
			if isData(e.Path) {
				t.data++
			} else {
				r.Ignored++
				r.Skip = append(r.Skip, filepath.Join(repo.Top, strings.TrimSuffix(e.Path, "/")))
			}
		case e.Modified():
			r.Modified++
		case e.Staged() && e.Y != 'D':
			r.Staged++
		}
	}
	n, over, err := repo.Tracked([]string{rel}, p.MaxEntries)
	if err != nil {
		t.known = false
	}
	r.Tracked = n
	r.Truncated = r.Truncated || over
	if outer := p.outer(repo); outer != nil {
		// A repository inside another one, perhaps made by the agent a
		// moment ago: what the outer one has not committed counts too, so
		// that a fresh .git cannot make a deletion look safe.
		if orel, ok := outer.Rel(physical); ok {
			if st, err := outer.Status([]string{orel}, gitstate.EachFile, p.MaxEntries); err == nil {
				for _, e := range st.Entries {
					switch {
					case e.Modified():
						r.Modified++
					case e.Staged() && e.Y != 'D':
						r.Staged++
					}
				}
				r.Truncated = r.Truncated || st.Truncated
			} else {
				t.known = false
			}
		}
	}
	return t
}

// outer returns the work tree that holds repo's top directory, if any. It
// looks for a .git on the way up first, so that the common case, a
// repository with none above it, costs no git process.
func (p *Probe) outer(repo *gitstate.Repo) *gitstate.Repo {
	for d := filepath.Dir(repo.Top); ; d = filepath.Dir(d) {
		if _, err := os.Lstat(filepath.Join(d, ".git")); err == nil {
			o, err := p.Repo(filepath.Dir(repo.Top))
			if err != nil || o.Top == repo.Top {
				return nil
			}
			return o
		}
		if d == "/" || d == "." {
			return nil
		}
	}
}

// countDisk counts a target outside git.
func (p *Probe) countDisk(t *target, st os.FileInfo) {
	u := disk.Count([]string{t.path}, p.WalkLimit)
	t.radius.Files = u.Files
	t.radius.Bytes = u.Bytes
	t.radius.Truncated = u.Truncated
	t.radius.Nested = len(u.Repos)
}

// gitEnv are variables that make git use another repository, work tree,
// index or config than the directory says.
var gitEnv = []string{"GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY", "GIT_COMMON_DIR",
	"GIT_NAMESPACE", "GIT_CONFIG", "GIT_CONFIG_GLOBAL", "GIT_CONFIG_SYSTEM", "GIT_CONFIG_COUNT", "GIT_CONFIG_PARAMETERS",
	"GIT_CEILING_DIRECTORIES", "GIT_DISCOVERY_ACROSS_FILESYSTEM", "GIT_ALTERNATE_OBJECT_DIRECTORIES"}

// Foreign reports whether git commands act on a repository other than the
// one their directory holds, by the environment.
func (p *Probe) Foreign() bool {
	if !p.envRead {
		p.envRead = true
		if p.Environ != nil {
			p.ForeignGit = p.ForeignGit || ForeignGitEnv(p.Environ())
		}
	}
	return p.ForeignGit
}

// ForeignGitEnv reports whether an environment (KEY=VALUE entries) points
// git at another repository or config. Every name in gitEnv starts with
// GIT_, so the other entries, most of an agent's environment, are passed
// over by their first bytes: this runs for every git command.
func ForeignGitEnv(environ []string) bool {
	for _, kv := range environ {
		if !strings.HasPrefix(kv, "GIT_") {
			continue
		}
		k, _, _ := strings.Cut(kv, "=")
		for _, g := range gitEnv {
			if k == g {
				return true
			}
		}
	}
	return false
}
