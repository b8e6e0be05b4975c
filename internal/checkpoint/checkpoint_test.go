package checkpoint

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/guardsh/guard/internal/blast"
	"github.com/guardsh/guard/internal/gitstate"
	"github.com/guardsh/guard/internal/gitstate/gittest"
)

func testStore(t testing.TB) *Store {
	t.Helper()
	g := gitstate.New(t.TempDir())
	g.Timeout = time.Minute
	if g.Find() == "" {
		t.Skip("no git")
	}
	return Open(filepath.Join(t.TempDir(), "state", "checkpoints"), g)
}

func read(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestFiles(t *testing.T) {
	s := testStore(t)
	dir := t.TempDir()
	gittest.Write(t, dir, map[string]string{"docs/a.txt": "a", "docs/sub/b.txt": "bb", "docs/node_modules/x.js": "x", "keep.txt": "k"})
	os.Chmod(filepath.Join(dir, "docs/a.txt"), 0o755)
	os.Symlink("a.txt", filepath.Join(dir, "docs/link"))
	docs := filepath.Join(dir, "docs")
	c, err := s.Take(Plan{Command: "rm -rf docs", Dir: dir, Paths: []string{docs, filepath.Join(docs, "sub")}, Skip: []string{filepath.Join(docs, "node_modules")}})
	if err != nil {
		t.Fatal(err)
	}
	if st, err := os.Stat(s.Dir); err != nil || st.Mode().Perm() != 0o700 {
		t.Errorf("store mode: %v %v", st.Mode(), err)
	}
	if c.Bytes != 3 || c.Keeps() != "3 files" || len(c.Skipped) != 1 {
		t.Errorf("checkpoint %+v keeps %q", c, c.Keeps())
	}
	for _, f := range c.Files {
		if f.Data != "" && !f.Linked {
			t.Errorf("%s: copied, want a hard link on the same file system", f.Path)
		}
	}
	// Restoring what is still there changes nothing.
	rep, err := s.Restore(c, false)
	if err != nil || len(rep.Restored) != 0 || len(rep.Same) != 3 {
		t.Errorf("restore of an untouched tree: %+v %v", rep, err)
	}
	os.RemoveAll(docs)
	rep, err = s.Restore(c, false)
	if err != nil {
		t.Fatal(err)
	}
	if read(t, filepath.Join(docs, "sub/b.txt")) != "bb" || read(t, filepath.Join(docs, "a.txt")) != "a" {
		t.Errorf("restored content differs")
	}
	if st, _ := os.Stat(filepath.Join(docs, "a.txt")); st.Mode().Perm() != 0o755 {
		t.Errorf("mode %v, want 0755", st.Mode())
	}
	if l, _ := os.Readlink(filepath.Join(docs, "link")); l != "a.txt" {
		t.Errorf("link %q", l)
	}
	if _, err := os.Stat(filepath.Join(docs, "node_modules")); err == nil {
		t.Errorf("ignored build output was kept and restored")
	}
	// A restored file is a copy: writing into it leaves the checkpoint as
	// it was.
	os.WriteFile(filepath.Join(docs, "a.txt"), []byte("changed in place"), 0o644)
	if got := read(t, filepath.Join(s.Dir, c.ID, c.Files[1].Data)); got != "a" {
		t.Errorf("the checkpoint changed with the restored file: %q", got)
	}
	// A file changed since is a conflict: nothing is restored without
	// force.
	os.Remove(filepath.Join(docs, "sub/b.txt"))
	rep, err = s.Restore(c, false)
	if !errors.Is(err, ErrConflict) || len(rep.Conflicts) != 1 || !strings.HasSuffix(rep.Conflicts[0], "a.txt") {
		t.Fatalf("restore over a changed file: %+v %v", rep, err)
	}
	if _, err := os.Stat(filepath.Join(docs, "sub/b.txt")); err == nil {
		t.Errorf("a restore with a conflict changed files")
	}
	if _, err := s.Restore(c, true); err != nil {
		t.Fatal(err)
	}
	if read(t, filepath.Join(docs, "a.txt")) != "a" || read(t, filepath.Join(docs, "sub/b.txt")) != "bb" {
		t.Errorf("forced restore")
	}
	if c2, _ := s.Get("last"); c2 == nil || c2.ID != c.ID || c2.Restored == nil {
		t.Errorf("last: %+v", c2)
	}
}

// TestHardLinkCaveat shows what the documentation says: a write into the
// original in place changes a hard-linked checkpoint, a deletion does not,
// and Copy keeps a checkpoint apart.
func TestHardLinkCaveat(t *testing.T) {
	s := testStore(t)
	dir := t.TempDir()
	gittest.Write(t, dir, map[string]string{"f": "old"})
	f := filepath.Join(dir, "f")
	linked, _ := s.Take(Plan{Paths: []string{f}})
	copied, _ := s.Take(Plan{Paths: []string{f}, Copy: true})
	os.WriteFile(f, []byte("new"), 0o644) // truncates in place
	if got := read(t, filepath.Join(s.Dir, linked.ID, linked.Files[0].Data)); got != "new" {
		t.Errorf("linked checkpoint after an in-place write: %q", got)
	}
	if got := read(t, filepath.Join(s.Dir, copied.ID, copied.Files[0].Data)); got != "old" {
		t.Errorf("copied checkpoint after an in-place write: %q", got)
	}
}

func gitStatus(t *testing.T, dir string) string {
	return gittest.Git(t, dir, "status", "--porcelain=v1", "-uall")
}

func TestGitWork(t *testing.T) {
	s := testStore(t)
	dir := gittest.Repo(t, map[string]string{"a.txt": "a\n", "b.txt": "b\n", "gone.txt": "g\n", "tool.sh": "#!/bin/sh\n"})
	gittest.Write(t, dir, map[string]string{"a.txt": "a edited\n", "b.txt": "b staged\n", "new.txt": "new staged\n"})
	gittest.Git(t, dir, "add", "b.txt", "new.txt")
	gittest.Write(t, dir, map[string]string{"b.txt": "b staged, then edited\n"})
	os.Remove(filepath.Join(dir, "gone.txt"))
	before := gitStatus(t, dir)
	indexBefore, _ := os.Stat(filepath.Join(dir, ".git/index"))
	c, err := s.Take(Plan{Command: "git reset --hard", Dir: dir, Repos: map[string]*RepoPlan{dir: {Work: true}}})
	if err != nil {
		t.Fatal(err)
	}
	if st, _ := os.Stat(filepath.Join(dir, ".git/index")); !st.ModTime().Equal(indexBefore.ModTime()) {
		t.Errorf("taking the checkpoint wrote the index")
	}
	if got := gitStatus(t, dir); got != before {
		t.Fatalf("taking the checkpoint changed the status:\n%s\nwas\n%s", got, before)
	}
	if len(c.Repos) != 1 || c.Repos[0].Work == "" || len(c.Repos[0].Changed) != 4 {
		t.Fatalf("repo %+v", c.Repos)
	}
	ref := gittest.Git(t, dir, "rev-parse", refPrefix+c.ID+"/work")
	if ref != c.Repos[0].Work {
		t.Errorf("the ref that keeps the work: %q, want %q", ref, c.Repos[0].Work)
	}
	gittest.Git(t, dir, "reset", "-q", "--hard")
	gittest.Git(t, dir, "gc", "-q", "--prune=now")
	if _, err := s.Restore(c, false); err != nil {
		t.Fatal(err)
	}
	if got := gitStatus(t, dir); got != before {
		t.Errorf("after undo:\n%s\nwant\n%s", got, before)
	}
	if read(t, filepath.Join(dir, "b.txt")) != "b staged, then edited\n" {
		t.Errorf("b.txt")
	}
	if got := gittest.Git(t, dir, "show", ":b.txt"); got != "b staged" {
		t.Errorf("staged b.txt: %q", got)
	}
	// Changed since: a restore over a new edit is a conflict.
	gittest.Git(t, dir, "reset", "-q", "--hard")
	gittest.Write(t, dir, map[string]string{"a.txt": "edited after the reset\n"})
	if _, err := s.Restore(c, false); !errors.Is(err, ErrConflict) {
		t.Errorf("restore over an edit made since: %v", err)
	}
	if read(t, filepath.Join(dir, "a.txt")) != "edited after the reset\n" {
		t.Errorf("a conflicting restore changed a.txt")
	}
}

func TestGitRefs(t *testing.T) {
	s := testStore(t)
	dir := gittest.Repo(t, map[string]string{"a": "1"})
	gittest.Write(t, dir, map[string]string{"a": "2"})
	gittest.Commit(t, dir, "two")
	gittest.Write(t, dir, map[string]string{"a": "3"})
	gittest.Commit(t, dir, "three")
	head := gittest.Git(t, dir, "rev-parse", "HEAD")
	gittest.Git(t, dir, "branch", "topic", "HEAD~1")
	topic := gittest.Git(t, dir, "rev-parse", "topic")
	gittest.Write(t, dir, map[string]string{"a": "stashed 1"})
	gittest.Git(t, dir, "stash", "-q")
	gittest.Write(t, dir, map[string]string{"a": "stashed 2"})
	gittest.Git(t, dir, "stash", "-q")
	stashes := strings.Fields(gittest.Git(t, dir, "rev-list", "--walk-reflogs", "refs/stash"))
	plan := Plan{Command: "git reset --hard HEAD~2; git branch -D topic; git stash clear", Repos: map[string]*RepoPlan{dir: {Work: true, Refs: []blast.Ref{
		{Name: "refs/heads/main", ID: head}, {Name: "refs/heads/topic", ID: topic},
		{Name: "stash@{0}", ID: stashes[0]}, {Name: "stash@{1}", ID: stashes[1]},
		{Name: "refs/remotes/origin/main", ID: head},
	}}}}
	c, err := s.Take(plan)
	if err != nil {
		t.Fatal(err)
	}
	if c.Keeps() != "5 refs" {
		t.Errorf("keeps %q", c.Keeps())
	}
	gittest.Git(t, dir, "reset", "-q", "--hard", "HEAD~2")
	gittest.Git(t, dir, "branch", "-D", "topic")
	gittest.Git(t, dir, "stash", "clear")
	gittest.Git(t, dir, "reflog", "expire", "--expire=now", "--all")
	gittest.Git(t, dir, "gc", "-q", "--prune=now")
	rep, err := s.Restore(c, false)
	if err != nil {
		t.Fatalf("%v %+v", err, rep)
	}
	if got := gittest.Git(t, dir, "rev-parse", "HEAD"); got != head {
		t.Errorf("HEAD %s, want %s", got, head)
	}
	if read(t, filepath.Join(dir, "a")) != "3" || gitStatus(t, dir) != "" {
		t.Errorf("work tree after undo of the reset: %q, status %q", read(t, filepath.Join(dir, "a")), gitStatus(t, dir))
	}
	if got := gittest.Git(t, dir, "rev-parse", "topic"); got != topic {
		t.Errorf("topic %s", got)
	}
	if got := strings.Fields(gittest.Git(t, dir, "rev-list", "--walk-reflogs", "refs/stash")); fmt.Sprint(got) != fmt.Sprint(stashes) {
		t.Errorf("stash %q, want %q", got, stashes)
	}
	if len(rep.Hints) != 1 || !strings.Contains(rep.Hints[0], "push --force-with-lease origin "+head+":refs/heads/main") {
		t.Errorf("hints %q", rep.Hints)
	}
	// A branch that moved on since is a conflict.
	gittest.Git(t, dir, "checkout", "-q", "-b", "other")
	gittest.Git(t, dir, "branch", "-f", "topic", "main")
	gittest.Write(t, dir, map[string]string{"b": "b"})
	gittest.Commit(t, dir, "on topic")
	gittest.Git(t, dir, "branch", "-f", "topic", "other")
	if _, err := s.Restore(c, false); !errors.Is(err, ErrConflict) {
		t.Errorf("restore of a branch that moved on: %v", err)
	}
}

func TestPrune(t *testing.T) {
	s := testStore(t)
	now := time.Now()
	s.Now = func() time.Time { return now }
	dir := gittest.Repo(t, map[string]string{"a": "a"})
	head := gittest.Git(t, dir, "rev-parse", "HEAD")
	gittest.Write(t, dir, map[string]string{"f1": "12345", "f2": "12345", "f3": "12345"})
	var ids []string
	for i, f := range []string{"f1", "f2", "f3"} {
		now = now.Add(time.Hour)
		c, err := s.Take(Plan{Paths: []string{filepath.Join(dir, f)}, Repos: map[string]*RepoPlan{dir: {Refs: []blast.Ref{{Name: "refs/heads/x" + fmt.Sprint(i), ID: head}}}}})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, c.ID)
	}
	s.MaxBytes = 10
	removed, err := s.Prune()
	if err != nil || len(removed) != 1 || removed[0] != ids[0] {
		t.Errorf("size cap: removed %q %v, want the oldest", removed, err)
	}
	if out := gittest.Git(t, dir, "for-each-ref", refPrefix+ids[0]+"/"); out != "" {
		t.Errorf("refs of a removed checkpoint: %q", out)
	}
	now = now.Add(DefaultMaxAge + time.Minute)
	s.MaxBytes = 0
	removed, _ = s.Prune()
	if len(removed) != 2 {
		t.Errorf("age: removed %q", removed)
	}
	if list, _ := s.List(); len(list) != 0 {
		t.Errorf("left %d", len(list))
	}
	if _, err := s.Get("last"); err == nil {
		t.Errorf("last of an empty store")
	}
	if _, err := s.Get("../x"); err == nil {
		t.Errorf("a bad id")
	}
}

// BenchmarkTake10k takes a checkpoint of a directory of 10,000 files.
func BenchmarkTake10k(b *testing.B) {
	s := testStore(b)
	dir := b.TempDir()
	for i := range 100 {
		d := filepath.Join(dir, fmt.Sprintf("d%03d", i))
		os.MkdirAll(d, 0o755)
		for j := range 100 {
			os.WriteFile(filepath.Join(d, fmt.Sprintf("f%03d.txt", j)), []byte("some content\n"), 0o644)
		}
	}
	b.ResetTimer()
	for b.Loop() {
		c, err := s.Take(Plan{Paths: []string{dir}})
		if err != nil {
			b.Fatal(err)
		}
		if len(c.Files) != 10_101 { // the root, 100 directories, 10,000 files
			b.Fatalf("%d files", len(c.Files))
		}
		b.StopTimer()
		s.Remove(c)
		b.StartTimer()
	}
}
