package gitstate

import (
	"os"
	"path/filepath"
	"testing"
)

func TestStatus(t *testing.T) {
	dir := testRepo(t, map[string]string{
		"src/a.go": "a\n", "src/b.go": "b\n", "src/c.go": "c\n", ".gitignore": "build/\n*.log\n", "README": "r\n",
	})
	write(t, dir, map[string]string{
		"src/a.go": "a\nchanged\n", "src/new.go": "n\n", "src/x.log": "log", "build/out.o": "o", "src/c.go": "c2\n",
	})
	run(t, dir, "add", "src/c.go")
	g := testGit(t)
	r, err := g.Open(filepath.Join(dir, "src"))
	if err != nil {
		t.Fatal(err)
	}
	if r.Top != dir {
		t.Errorf("top %q, want %q", r.Top, dir)
	}
	st, err := r.Status([]string{"src"}, EachFile, 100)
	if err != nil {
		t.Fatal(err)
	}
	var modified, staged, untracked, ignored int
	for _, e := range st.Entries {
		if e.Modified() {
			modified++
		}
		if e.Staged() {
			staged++
		}
		switch e.Kind {
		case '?':
			untracked++
		case '!':
			ignored++
		}
	}
	if modified != 1 || staged != 1 || untracked != 1 || ignored != 1 {
		t.Errorf("src: %d modified, %d staged, %d untracked, %d ignored; want 1 each\n%+v", modified, staged, untracked, ignored, st.Entries)
	}
	n, over, err := r.Tracked([]string{"src"}, 100)
	if err != nil || n != 3 || over {
		t.Errorf("tracked in src: %d %v %v, want 3", n, over, err)
	}
	if n, over, _ := r.Tracked(nil, 2); n != 2 || !over {
		t.Errorf("tracked with a limit of 2: %d %v", n, over)
	}
	if l := r.Lines([]string{"src"}, true); l != 3 {
		t.Errorf("lines: %d, want 3 (1 added to a.go, c.go's line replaced)", l)
	}
	st, _ = r.Status([]string{"build"}, EachFile, 100)
	if len(st.Entries) != 1 || st.Entries[0].Kind != '!' || st.Entries[0].Path != "build/" {
		t.Errorf("build: %+v, want one ignored directory", st.Entries)
	}
	st, _ = r.Status(nil, EachFile, 2)
	if !st.Truncated {
		t.Errorf("a limit of 2 entries: not truncated")
	}
}

func TestNestedRepository(t *testing.T) {
	dir := testRepo(t, map[string]string{"a": "a"})
	sub := filepath.Join(dir, "vendor", "lib")
	os.MkdirAll(sub, 0o755)
	run(t, sub, "init", "-q")
	write(t, sub, map[string]string{"x.go": "x"})
	g := testGit(t)
	r, _ := g.Open(dir)
	st, err := r.Status([]string{"vendor"}, EachFile, 100)
	if err != nil {
		t.Fatal(err)
	}
	if len(st.Entries) != 1 || st.Entries[0].Path != "vendor/lib/" || st.Entries[0].Kind != '?' {
		t.Errorf("a nested repository: %+v, want one untracked directory entry", st.Entries)
	}
}

// TestNothingRuns checks that reading a repository runs nothing its config
// names: not a clean filter, not the fsmonitor hook, whatever GIT_*
// variables guard itself was given.
func TestNothingRuns(t *testing.T) {
	dir := testRepo(t, map[string]string{"a.txt": "a\n", ".gitattributes": "*.txt filter=evil\n"})
	marker := filepath.Join(t.TempDir(), "ran")
	script := filepath.Join(t.TempDir(), "evil.sh")
	os.WriteFile(script, []byte("#!/bin/sh\ntouch "+marker+"\ncat\n"), 0o755)
	run(t, dir, "config", "filter.evil.clean", script)
	run(t, dir, "config", "filter.evil.required", "true")
	run(t, dir, "config", "core.fsmonitor", script)
	// A stat change makes git read the file's content.
	write(t, dir, map[string]string{"a.txt": "b\n"})
	t.Setenv("GIT_DIR", "/nonexistent")
	t.Setenv("GIT_CONFIG_PARAMETERS", "'core.fsmonitor="+script+"'")
	g := testGit(t)
	r, err := g.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.Status(nil, EachFile, 100); err != nil {
		t.Fatal(err)
	}
	r.Lines(nil, true)
	if _, err := os.Stat(marker); err == nil {
		t.Fatal("reading the repository ran a program its config names")
	}
	// The test can fail: the repository's own git does run it.
	run(t, dir, "diff-files")
	if _, err := os.Stat(marker); err != nil {
		t.Fatal("the filter did not run even without guard's config; the test proves nothing")
	}
}

func TestNotRepo(t *testing.T) {
	g := testGit(t)
	if _, err := g.Open(t.TempDir()); err != ErrNotRepo {
		t.Errorf("a plain directory: %v, want ErrNotRepo", err)
	}
	if _, err := (&Git{Path: "/nonexistent/git"}).Open("/"); err == nil {
		t.Errorf("no git: %v", err)
	}
}

func TestRefs(t *testing.T) {
	dir := testRepo(t, map[string]string{"a": "a"})
	run(t, dir, "checkout", "-q", "-b", "topic")
	write(t, dir, map[string]string{"b": "b"})
	run(t, dir, "add", "b")
	run(t, dir, "commit", "-q", "-m", "b")
	write(t, dir, map[string]string{"c": "c"})
	run(t, dir, "add", "c")
	run(t, dir, "commit", "-q", "-m", "c")
	run(t, dir, "checkout", "-q", "main")
	run(t, dir, "branch", "merged")
	write(t, dir, map[string]string{"a": "changed"})
	run(t, dir, "stash", "-q")
	write(t, dir, map[string]string{"a": "changed again"})
	run(t, dir, "stash", "-q")
	g := testGit(t)
	r, _ := g.Open(dir)
	if n, err := r.OnlyReachable("refs/heads/topic", 100); err != nil || n != 2 {
		t.Errorf("topic: %d %v, want 2 commits only it reaches", n, err)
	}
	if n, err := r.OnlyReachable("refs/heads/merged", 100); err != nil || n != 0 {
		t.Errorf("merged: %d %v, want 0", n, err)
	}
	if n, err := r.Lost("topic", "main", 100); err != nil || n != 2 {
		t.Errorf("topic not in main: %d %v", n, err)
	}
	if n, err := r.Unique([]string{"HEAD", "^HEAD~0"}, "refs/heads/main", 100); err != nil || n != 0 {
		t.Errorf("HEAD minus itself: %d %v", n, err)
	}
	if b := r.CurrentBranch(); b != "main" {
		t.Errorf("branch %q", b)
	}
	run(t, dir, "checkout", "-q", "topic")
	if n, err := r.Unique([]string{"HEAD", "^main"}, "refs/heads/topic", 100); err != nil || n != 2 {
		t.Errorf("reset of topic to main: %d %v, want 2 commits lost", n, err)
	}
	if s := r.Stashes(); len(s) != 2 {
		t.Errorf("stashes: %q, want 2", s)
	}
	if r.RevParse("--all") != "" || r.RevParse("HEAD") == "" {
		t.Errorf("RevParse")
	}
}

func FuzzParseEntry(f *testing.F) {
	f.Add("1 .M N... 100644 100644 100644 78981922613b2afb6025042ff6bd878ac1994e85 78981922613b2afb6025042ff6bd878ac1994e85 a b.txt")
	f.Add("u UU N... 100644 100644 100644 100644 a b c path")
	f.Add("? new.txt")
	f.Add("! build/")
	f.Fuzz(func(t *testing.T, rec string) {
		e, ok := parseEntry(rec)
		if ok && e.Path == "" && rec[0] != '?' && rec[0] != '!' {
			t.Errorf("%q: an entry with no path", rec)
		}
	})
}

func TestParseEntry(t *testing.T) {
	e, ok := parseEntry("1 .M N... 100644 100644 100644 aaaa bbbb dir/a b.txt")
	if !ok || e.Path != "dir/a b.txt" || e.X != '.' || e.Y != 'M' || e.Head != "aaaa" || e.Index != "bbbb" || !e.Modified() || e.Staged() {
		t.Errorf("changed entry: %+v", e)
	}
	if _, ok := parseEntry("1 M"); ok {
		t.Errorf("a short record parsed")
	}
	if e, ok := parseEntry("? x"); !ok || e.Kind != '?' || e.Path != "x" {
		t.Errorf("untracked: %+v", e)
	}
}
