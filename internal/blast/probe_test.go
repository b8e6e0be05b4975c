package blast

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/guardsh/guard/internal/gitstate/gittest"
)

func testProbe(t *testing.T) *Probe {
	t.Helper()
	p := New(t.TempDir())
	if p.Git.Find() == "" {
		t.Skip("no git")
	}
	p.Git.Timeout = time.Minute
	p.GlobLimit.Time, p.WalkLimit.Time = time.Minute, time.Minute
	return p
}

// project is a repository with a typical layout, committed.
func project(t *testing.T) string {
	files := map[string]string{
		".gitignore": "build/\nnode_modules/\n*.log\n.env\n",
		"README.md":  "readme\n",
		"src/a.go":   "package a\n", "src/b.go": "package a\n", "src/lib/c.go": "package lib\n",
		"docs/guide.md": "guide\n",
	}
	for i := range 25 {
		files[fmt.Sprintf("many/f%02d.txt", i)] = "x\n"
	}
	return gittest.Repo(t, files)
}

func TestDelete(t *testing.T) {
	tests := []struct {
		name    string
		setup   func(t *testing.T, dir string)
		targets []string
		lost    bool
		many    bool
		inRepo  bool
		summary string
	}{
		{"clean subdirectory", nil, []string{"src/lib"}, false, false, true, "src/lib: 1 tracked file"},
		{"clean top-level directory", nil, []string{"src"}, false, true, true, "src: 3 tracked files"},
		{"clean, many files", nil, []string{"many/f00.txt", "many/f01.txt", "many"}, false, true, true, ""},
		{"one clean file", nil, []string{"README.md"}, false, false, true, "README.md: 1 tracked file"},
		{"ignored only", func(t *testing.T, dir string) {
			gittest.Write(t, dir, map[string]string{"build/out.o": "o", "node_modules/x/i.js": "x", "src/debug.log": "l"})
		}, []string{"build", "node_modules", "src/debug.log"}, false, false, true, ""},
		{"modified", func(t *testing.T, dir string) {
			gittest.Write(t, dir, map[string]string{"src/lib/c.go": "changed\n"})
		}, []string{"src/lib"}, true, false, true, "src/lib: 1 tracked file, 1 modified"},
		{"staged", func(t *testing.T, dir string) {
			gittest.Write(t, dir, map[string]string{"src/lib/new.go": "new\n"})
			gittest.Git(t, dir, "add", "src/lib/new.go")
		}, []string{"src/lib"}, true, false, true, "src/lib: 2 tracked files, 1 staged"},
		{"untracked", func(t *testing.T, dir string) {
			gittest.Write(t, dir, map[string]string{"src/lib/wip.go": "wip\n"})
		}, []string{"src/lib"}, true, false, true, "src/lib: 1 tracked file, 1 untracked"},
		{"the issue's example", func(t *testing.T, dir string) {
			gittest.Write(t, dir, map[string]string{"src/a.go": "edited\n", "src/new.go": "n\n", "src/x.log": "l"})
		}, []string{"src"}, true, true, true, "src: 3 tracked files, 1 modified, 1 untracked, 1 ignored"},
		{"ignored data file", func(t *testing.T, dir string) {
			gittest.Write(t, dir, map[string]string{"src/lib/.env": "TOKEN=x\n"})
		}, []string{"src/lib"}, true, false, true, "src/lib: 1 tracked file, 1 ignored data file"},
		{"deleted already", func(t *testing.T, dir string) {
			os.Remove(filepath.Join(dir, "src/lib/c.go"))
		}, []string{"src/lib"}, false, false, true, ""},
		{"nothing there", nil, []string{"missing"}, false, false, false, "nothing on disk"},
		{"a nested repository", func(t *testing.T, dir string) {
			sub := filepath.Join(dir, "src/lib/vendored")
			os.MkdirAll(sub, 0o755)
			gittest.Git(t, sub, "init", "-q")
		}, []string{"src/lib"}, true, false, true, "1 nested repository"},
		{"a .git made inside the target", func(t *testing.T, dir string) {
			// The agent commits everything in a new repository inside the
			// target: that history goes with the target.
			lib := filepath.Join(dir, "src/lib")
			gittest.Write(t, dir, map[string]string{"src/lib/wip.go": "wip\n"})
			gittest.Git(t, lib, "init", "-q")
			gittest.Commit(t, lib, "all safe")
		}, []string{"src/lib"}, true, false, true, "nested"},
		{"inside a .git made above the target", func(t *testing.T, dir string) {
			// src gets a repository of its own that has committed the
			// edit; the project's repository has not.
			gittest.Write(t, dir, map[string]string{"src/lib/c.go": "edited\n"})
			src := filepath.Join(dir, "src")
			gittest.Git(t, src, "init", "-q")
			gittest.Commit(t, src, "all safe")
		}, []string{"src/lib"}, true, true, true, "1 modified"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := project(t)
			if tt.setup != nil {
				tt.setup(t, dir)
			}
			var abs []string
			for _, p := range tt.targets {
				abs = append(abs, filepath.Join(dir, p))
			}
			v := testProbe(t).Delete(abs, dir, Everything)
			if !v.Known {
				t.Fatalf("state not known")
			}
			if v.Lost != tt.lost || v.Many != tt.many || v.InRepo != tt.inRepo {
				t.Errorf("lost %v many %v in repo %v, want %v %v %v (%s)", v.Lost, v.Many, v.InRepo, tt.lost, tt.many, tt.inRepo, v.Radius.Summary)
			}
			if !strings.Contains(v.Radius.Summary, tt.summary) {
				t.Errorf("summary %q, want it to hold %q", v.Radius.Summary, tt.summary)
			}
		})
	}
}

func TestDeleteModes(t *testing.T) {
	dir := project(t)
	gittest.Write(t, dir, map[string]string{"src/a.go": "edited\n", "src/new.go": "n\n"})
	p := testProbe(t)
	src := []string{filepath.Join(dir, "src")}
	for _, tt := range []struct {
		mode    DeleteMode
		work    bool
		summary string
	}{
		{TrackedOnly, true, "src: 3 tracked files, 1 modified"},
		{UntrackedOnly, true, "src: 1 untracked"},
		{GitRm, false, "src: nothing git does not hold"},
		{GitRmForce, true, "src: 3 tracked files, 1 modified"},
	} {
		v := p.Delete(src, dir, tt.mode)
		if v.Work != tt.work || v.Radius.Summary != tt.summary {
			t.Errorf("mode %d: work %v %q, want %v %q", tt.mode, v.Work, v.Radius.Summary, tt.work, tt.summary)
		}
	}
}

func TestDeleteOutsideGit(t *testing.T) {
	dir := t.TempDir()
	gittest.Write(t, dir, map[string]string{"docs/a": strings.Repeat("x", 2000), "docs/b": "y", "docs/sub/c": "z"})
	p := testProbe(t)
	v := p.Delete([]string{filepath.Join(dir, "docs")}, dir, Everything)
	if !v.Known || !v.Lost || v.InRepo {
		t.Errorf("outside git: %+v", v)
	}
	if v.Radius.Files != 3 || v.Radius.Bytes != 2002 || v.Radius.Summary != "docs: 3 files, 2.0 KB" {
		t.Errorf("radius %+v", v.Radius)
	}
	p.WalkLimit.Entries = 2
	v = p.Delete([]string{filepath.Join(dir, "docs")}, dir, Everything)
	if !v.Radius.Truncated || !strings.Contains(v.Radius.Summary, "more than") {
		t.Errorf("a walk over the limit: %q", v.Radius.Summary)
	}
	repo := gittest.Repo(t, map[string]string{"x": "x"})
	v = p.Delete([]string{repo}, filepath.Dir(repo), Everything)
	if !v.Lost || v.Radius.Nested != 1 || !strings.Contains(v.Radius.Summary, "git repository with its history") {
		t.Errorf("a repository outside git: %+v", v.Radius)
	}
}

func TestDeleteNoGit(t *testing.T) {
	dir := project(t)
	p := testProbe(t)
	p.Git.Path = filepath.Join(dir, "no-such-git")
	if v := p.Delete([]string{filepath.Join(dir, "src")}, dir, Everything); v.Known {
		t.Errorf("git cannot run, yet the state is known: %+v", v)
	}
}

func TestGitOps(t *testing.T) {
	dir := project(t)
	p := testProbe(t)
	if v := p.Discard(dir, nil, WorkTreeAndIndex); !v.Known || v.Lost {
		t.Errorf("reset --hard of a clean tree: %+v", v)
	}
	if v := p.Clean(dir, nil, Clean{Dirs: true}); !v.Known || v.Lost {
		t.Errorf("clean of a clean tree: %+v", v)
	}
	gittest.Write(t, dir, map[string]string{"src/a.go": "package a\n\nfunc x() {}\n", "build/o": "o"})
	p = testProbe(t)
	v := p.Discard(dir, nil, WorkTreeAndIndex)
	if !v.Lost || v.Radius.Modified != 1 || v.Radius.Lines != 2 || v.Radius.Summary != "1 modified file, 2 lines" || !v.Radius.Worktree {
		t.Errorf("reset --hard with an edit: %+v", v.Radius)
	}
	if v := p.Discard(dir, []string{"docs"}, WorkTree); v.Lost {
		t.Errorf("checkout -- docs, which has no edit: %+v", v.Radius)
	}
	if v := p.Discard(filepath.Join(dir, "src"), []string{"."}, WorkTree); !v.Lost {
		t.Errorf("checkout -- . in src: %+v", v.Radius)
	}
	if v := p.Discard(dir, []string{"*.go"}, WorkTree); v.Known {
		t.Errorf("a pathspec pattern is for git to match: %+v", v)
	}
	if v := p.Clean(dir, nil, Clean{Dirs: true}); v.Lost {
		t.Errorf("clean -fd with only ignored files: %+v", v.Radius)
	}
	if v := p.Clean(dir, nil, Clean{Dirs: true, Ignored: true}); v.Lost || v.Radius.Ignored != 1 {
		t.Errorf("clean -fdx with only build output: %+v", v.Radius)
	}
	gittest.Write(t, dir, map[string]string{"notes/todo.txt": "todo", "src/wip.go": "wip"})
	p = testProbe(t)
	if v := p.Clean(dir, nil, Clean{}); !v.Lost || v.Radius.Untracked != 1 {
		t.Errorf("clean -f: only src/wip.go, not the new directory: %+v", v.Radius)
	}
	v = p.Clean(dir, nil, Clean{Dirs: true})
	if !v.Lost || v.Radius.Untracked != 2 || len(v.Radius.Paths) != 2 {
		t.Errorf("clean -fd: %+v", v.Radius)
	}

	if v := p.Stash(dir, true, 0); v.Lost {
		t.Errorf("an empty stash: %+v", v.Radius)
	}
	gittest.Git(t, dir, "stash", "-q")
	p = testProbe(t)
	if v := p.Stash(dir, true, 0); !v.Lost || v.Radius.Summary != "the stash holds 1 entry" || len(v.Radius.Refs) != 1 {
		t.Errorf("stash clear: %+v", v.Radius)
	}
	if v := p.Stash(dir, false, 3); v.Lost {
		t.Errorf("stash drop of a missing entry: %+v", v.Radius)
	}

	gittest.Git(t, dir, "branch", "merged")
	gittest.Git(t, dir, "checkout", "-q", "-b", "topic")
	gittest.Write(t, dir, map[string]string{"t": "t"})
	gittest.Commit(t, dir, "topic work")
	gittest.Git(t, dir, "checkout", "-q", "main")
	p = testProbe(t)
	if v := p.Branches(dir, []string{"merged", "missing"}); !v.Known || v.Lost {
		t.Errorf("branch -D merged: %+v", v.Radius)
	}
	v = p.Branches(dir, []string{"topic", "merged"})
	if !v.Lost || v.Radius.Commits != 1 || v.Radius.Summary != "topic: 1 commit no other branch holds" || len(v.Radius.Refs) != 2 {
		t.Errorf("branch -D topic: %+v", v.Radius)
	}
	if n, ref, ok := p.ResetCommits(dir, "HEAD"); !ok || n != 0 || ref.Name != "refs/heads/main" || len(ref.ID) != 40 {
		t.Errorf("reset --hard HEAD: %d %+v %v", n, ref, ok)
	}
	gittest.Git(t, dir, "checkout", "-q", "topic")
	p = testProbe(t)
	if n, ref, ok := p.ResetCommits(dir, "main"); !ok || n != 1 || ref.Name != "refs/heads/topic" {
		t.Errorf("reset --hard main on topic: %d %+v %v", n, ref, ok)
	}
}

func TestPush(t *testing.T) {
	remote := t.TempDir()
	gittest.Git(t, remote, "init", "-q", "--bare", "-b", "main")
	dir := project(t)
	gittest.Git(t, dir, "remote", "add", "origin", remote)
	gittest.Git(t, dir, "push", "-q", "origin", "main")
	gittest.Git(t, dir, "checkout", "-q", "-b", "feature")
	gittest.Write(t, dir, map[string]string{"f": "1"})
	gittest.Commit(t, dir, "one")
	gittest.Write(t, dir, map[string]string{"f": "2"})
	gittest.Commit(t, dir, "two")
	gittest.Git(t, dir, "push", "-q", "origin", "feature")
	p := testProbe(t)
	if v := p.Push(dir, "origin", "feature", "", false); !v.Known || v.Lost {
		t.Errorf("force push of a branch that only moved on: %+v", v.Radius)
	}
	gittest.Git(t, dir, "reset", "-q", "--hard", "HEAD~2")
	p = testProbe(t)
	v := p.Push(dir, "origin", "feature", "", false)
	if !v.Lost || v.Radius.Commits != 2 || v.Radius.Summary != "origin/feature would lose 2 commits, as of the last fetch" {
		t.Errorf("force push after a reset: %+v", v.Radius)
	}
	if v := p.Push(dir, "origin", "feature", "", true); !v.Lost {
		t.Errorf("deleting origin/feature, whose commits nothing else holds: %+v", v.Radius)
	}
	if v := p.Push(dir, "origin", "main", "", true); v.Lost || !v.Known {
		t.Errorf("deleting origin/main, which main holds: %+v", v.Radius)
	}
	if v := p.Push(dir, "https://example.com/x.git", "main", "", false); v.Known {
		t.Errorf("a URL has no remote-tracking ref: %+v", v)
	}
	if v := p.Push(dir, "origin", "never-fetched", "", false); v.Known {
		t.Errorf("a branch never fetched: %+v", v)
	}
}

func TestWorktreeRemove(t *testing.T) {
	dir := project(t)
	wt := filepath.Join(t.TempDir(), "wt")
	gittest.Git(t, dir, "worktree", "add", "-q", wt)
	p := testProbe(t)
	if v := p.WorktreeRemove(wt); !v.Known || v.Lost {
		t.Errorf("a clean work tree: %+v", v)
	}
	gittest.Write(t, wt, map[string]string{"new.txt": "n", "src/a.go": "edit"})
	p = testProbe(t)
	if v := p.WorktreeRemove(wt); !v.Lost || v.Radius.Untracked != 1 || v.Radius.Modified != 1 {
		t.Errorf("a work tree with work: %+v", v.Radius)
	}
}

func TestSummaryFormat(t *testing.T) {
	for _, tt := range []struct {
		got, want string
	}{
		{thousands(0), "0"}, {thousands(999), "999"}, {thousands(1000), "1,000"}, {thousands(1234567), "1,234,567"},
		{Size(10), "10 B"}, {Size(2002), "2.0 KB"}, {Size(56_700_000), "57 MB"},
		{count(10000, "file", "files", true), "more than 10,000 files"}, {count(1, "file", "files", false), "1 file"},
		{names([]string{"a", "b", "c", "d", "e"}), "a, b, c and 2 more"},
		{(&Radius{Summary: "a\x1b[2Jb"}).Line(), "a?[2Jb"},
	} {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}
