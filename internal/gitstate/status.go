package gitstate

import (
	"strconv"
	"strings"
)

// Entry is one line of git status: a file that differs from HEAD, or one
// that is untracked or ignored.
type Entry struct {
	// Kind is '1' (changed), '2' (renamed or copied), 'u' (unmerged),
	// '?' (untracked) or '!' (ignored).
	Kind byte
	// X and Y are the index and work-tree states: '.', M, T, A, D, R, C, U.
	X, Y byte
	// Path is relative to the work tree's top, with a trailing slash for a
	// directory shown as a whole (an ignored one, an untracked one, or a
	// nested repository).
	Path string
	// Head and Index are the object ids in HEAD and in the index, for
	// changed files.
	Head, Index string
	// Mode is the file mode in the index, octal.
	Mode string
}

// Staged reports whether the index holds changes to the file that no
// commit holds.
func (e Entry) Staged() bool { return (e.Kind == '1' || e.Kind == '2' || e.Kind == 'u') && e.X != '.' }

// Modified reports whether the work-tree file holds changes the index does
// not: only the file on disk has them.
func (e Entry) Modified() bool {
	return (e.Kind == '1' || e.Kind == '2' || e.Kind == 'u') && (e.Y == 'M' || e.Y == 'T' || e.Kind == 'u')
}

// Status is the state of the paths git status was asked about.
type Status struct {
	Entries []Entry
	// Truncated reports that there were more entries than the limit.
	Truncated bool
}

// StatusMode says how git status lists untracked files.
type StatusMode uint8

const (
	// EachFile lists every untracked file, and nested repositories as
	// directories.
	EachFile StatusMode = iota
	// ByDirectory lists a directory that holds no tracked file as one
	// entry, as git clean without -d sees it.
	ByDirectory
)

// Status runs git status on paths (relative to the top, or absolute inside
// the work tree; none means the whole tree), listing ignored entries that
// match an ignore pattern, up to max entries.
func (r *Repo) Status(paths []string, mode StatusMode, max int) (*Status, error) {
	args := []string{"status", "--porcelain=v2", "-z", "--ignored=matching", "--ignore-submodules=all", "--no-renames"}
	if mode == EachFile {
		args = append(args, "--untracked-files=all")
	} else {
		args = append(args, "--untracked-files=normal")
	}
	args = append(args, "--")
	args = append(args, paths...)
	st := &Status{}
	err := r.git.records(r.Top, r.extra, func(rec string) bool {
		if len(st.Entries) >= max {
			st.Truncated = true
			return false
		}
		if e, ok := parseEntry(rec); ok {
			st.Entries = append(st.Entries, e)
		}
		return true
	}, args...)
	if err != nil {
		return nil, err
	}
	return st, nil
}

// parseEntry parses one porcelain v2 record. Renames are off, so no
// record carries a second path.
func parseEntry(rec string) (Entry, bool) {
	e, ok := parseRecord(rec)
	if e.Path == "" {
		return Entry{}, false
	}
	return e, ok
}

func parseRecord(rec string) (Entry, bool) {
	if len(rec) < 3 {
		return Entry{}, false
	}
	switch rec[0] {
	case '?', '!':
		return Entry{Kind: rec[0], X: rec[0], Y: rec[0], Path: rec[2:]}, true
	case '1':
		// 1 XY sub mH mI mW hH hI path
		f := strings.SplitN(rec, " ", 9)
		if len(f) < 9 || len(f[1]) != 2 {
			return Entry{}, false
		}
		return Entry{Kind: '1', X: f[1][0], Y: f[1][1], Mode: f[4], Head: f[6], Index: f[7], Path: f[8]}, true
	case 'u':
		// u XY sub m1 m2 m3 mW h1 h2 h3 path
		f := strings.SplitN(rec, " ", 11)
		if len(f) < 11 || len(f[1]) != 2 {
			return Entry{}, false
		}
		return Entry{Kind: 'u', X: f[1][0], Y: f[1][1], Mode: f[3], Head: f[7], Index: f[8], Path: f[10]}, true
	}
	return Entry{}, false
}

// Tracked counts the files in the index under paths, up to max.
func (r *Repo) Tracked(paths []string, max int) (int, bool, error) {
	n, over := 0, false
	args := append([]string{"ls-files", "-z", "--"}, paths...)
	err := r.git.records(r.Top, r.extra, func(string) bool {
		if n >= max {
			over = true
			return false
		}
		n++
		return true
	}, args...)
	return n, over, err
}

// TrackedFiles lists the files in the index under paths, up to max.
func (r *Repo) TrackedFiles(paths []string, max int) ([]string, bool, error) {
	var out []string
	over := false
	args := append([]string{"ls-files", "-z", "--"}, paths...)
	err := r.git.records(r.Top, r.extra, func(rec string) bool {
		if len(out) >= max {
			over = true
			return false
		}
		out = append(out, rec)
		return true
	}, args...)
	return out, over, err
}

// Lines counts the lines added and removed by the changes under paths
// that are not committed: the work tree against the index, and with
// staged true the index against HEAD too. Binary files count no lines.
func (r *Repo) Lines(paths []string, staged bool) int {
	n := 0
	count := func(args ...string) {
		out, err := r.Output(append(append(args, "--no-ext-diff", "--no-textconv", "--numstat", "-z", "--"), paths...)...)
		if err != nil {
			return
		}
		for _, rec := range strings.Split(string(out), "\x00") {
			f := strings.SplitN(rec, "\t", 3)
			if len(f) < 3 {
				continue
			}
			a, _ := strconv.Atoi(f[0])
			d, _ := strconv.Atoi(f[1])
			n += a + d
		}
	}
	count("diff-files")
	if staged && r.RevParse("HEAD") != "" {
		count("diff-index", "--cached", "HEAD")
	}
	return n
}

// Stashes returns the object ids of the stash entries, newest first.
func (r *Repo) Stashes() []string {
	out, err := r.Output("rev-list", "--walk-reflogs", "--ignore-missing", "refs/stash", "--")
	if err != nil {
		return nil
	}
	return strings.Fields(string(out))
}

// OnlyReachable counts the commits that ref reaches and no other branch,
// tag or remote-tracking ref does, up to max. HEAD, reflogs and guard's
// own checkpoint refs do not count: reflogs expire, and a checkpoint must
// not make a later deletion look safe.
func (r *Repo) OnlyReachable(ref string, max int) (int, error) {
	return r.Unique([]string{ref}, ref, max)
}

// Unique counts the commits that revs (which may hold ^excluded ones)
// reach and that no branch, tag or remote-tracking ref other than except
// reaches, up to max.
func (r *Repo) Unique(revs []string, except string, max int) (int, error) {
	var opts []string
	for _, kind := range [][2]string{{"--branches", "refs/heads/"}, {"--tags", "refs/tags/"}, {"--remotes", "refs/remotes/"}} {
		// --exclude takes names without the kind's prefix, and escapes
		// nothing: a name with pattern characters excludes its matches
		// too, which can only count more commits as lost.
		if short, ok := strings.CutPrefix(except, kind[1]); ok {
			opts = append(opts, "--exclude="+short)
		}
		opts = append(opts, kind[0])
	}
	opts = append([]string{"--not"}, append(opts, "--not")...)
	return r.countCommits(opts, revs, max)
}

// Lost counts the commits that rev reaches and keep does not, up to max.
func (r *Repo) Lost(rev, keep string, max int) (int, error) {
	return r.countCommits(nil, []string{rev, "^" + keep}, max)
}

func (r *Repo) countCommits(opts, revs []string, max int) (int, error) {
	args := append([]string{"rev-list", "--count", "--max-count=" + strconv.Itoa(max)}, opts...)
	args = append(append(args, "--end-of-options"), revs...)
	out, err := r.Output(args...)
	if err != nil {
		return 0, err
	}
	return strconv.Atoi(strings.TrimSpace(string(out)))
}

// CurrentBranch returns the short name of the checked-out branch, or ""
// when HEAD is detached.
func (r *Repo) CurrentBranch() string {
	out, err := r.Output("symbolic-ref", "--quiet", "--short", "HEAD")
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(out))
}

// Config returns a config value, or "".
func (r *Repo) Config(key string) string {
	out, err := r.Output("config", "--get", key)
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(out))
}

// RefExists reports whether a full ref name exists.
func (r *Repo) RefExists(ref string) bool {
	_, err := r.Output("show-ref", "--verify", "--quiet", ref)
	return err == nil
}
