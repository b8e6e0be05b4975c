package rules

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/guardsh/guard/internal/blast"
	"github.com/guardsh/guard/internal/gitstate/gittest"
)

// stateFixture is a home directory holding guard's config and a project
// repository with a remote, for state checks.
type stateFixture struct {
	home, dir, remote string
}

func newStateFixture(t *testing.T) *stateFixture {
	t.Helper()
	f := &stateFixture{}
	f.home = t.TempDir()
	if h, err := filepath.EvalSymlinks(f.home); err == nil {
		f.home = h
	}
	gittest.Write(t, f.home, map[string]string{".config/guard/config.toml": "", ".config/other/x": ""})
	files := map[string]string{
		".gitignore": "build/\n*.log\n", "README.md": "r\n",
		"src/a.go": "package a\n", "src/b.go": "package a\n", "src/lib/c.go": "package lib\n", "docs/x.md": "x\n",
	}
	for i := range 25 {
		files[fmt.Sprintf("many/f%02d.txt", i)] = "x\n"
	}
	f.dir = gittest.Repo(t, files)
	f.remote = t.TempDir()
	gittest.Git(t, f.remote, "init", "-q", "--bare", "-b", "main")
	gittest.Git(t, f.dir, "remote", "add", "origin", f.remote)
	gittest.Git(t, f.dir, "push", "-q", "-u", "origin", "main")
	return f
}

func (f *stateFixture) ctx(t *testing.T) Context {
	p := blast.New(f.home)
	if p.Git.Find() == "" {
		t.Skip("no git")
	}
	// The machine running the tests may be busy; a timeout would make
	// the state unknown, which is another test.
	p.Git.Timeout = time.Minute
	p.GlobLimit.Time, p.WalkLimit.Time = time.Minute, time.Minute
	return Context{Dir: f.dir, Home: f.home, Protected: ProtectedPaths(f.home, f.dir), State: p}
}

// check runs a command against the fixture and returns the rule ids of
// the findings and the blast summaries.
func (f *stateFixture) check(t *testing.T, s *Set, ctx Context, cmd string) (Decision, []string, string) {
	t.Helper()
	d := s.Check(cmd, ctx)
	var ids []string
	var blasts []string
	for _, x := range d.Findings {
		if x.Rule.ID == "self.maybe" {
			// The self-protection rules' own judgement of commands that
			// write where the project's hook settings may be.
			continue
		}
		ids = append(ids, x.Rule.ID)
		if l := x.Blast.Line(); l != "" && !slices.Contains(blasts, l) {
			blasts = append(blasts, l)
		}
	}
	return d, ids, strings.Join(blasts, " | ")
}

func TestStateRules(t *testing.T) {
	s, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	modify := func(files map[string]string) func(*testing.T, *stateFixture) {
		return func(t *testing.T, f *stateFixture) { gittest.Write(t, f.dir, files) }
	}
	tests := []struct {
		name  string
		setup func(*testing.T, *stateFixture)
		cmd   string
		rules []string // the rule ids expected, in order; nil means allow
		blast string   // a part of the blast summaries
	}{
		// Deletions, by git state.
		{"rm of a clean subdirectory", nil, "rm -rf src/lib", nil, ""},
		{"rm of ignored build output", modify(map[string]string{"build/o": "o", "src/x.log": "l"}), "rm -rf build src/x.log", nil, ""},
		{"Nextflow's work directory beside main.nf", modify(map[string]string{".gitignore": "work/\n", "main.nf": "x\n", "work/ab/12/out.txt": "o"}), "rm -rf work", nil, ""},
		{"rm of a clean top-level directory", nil, "rm -rf src", []string{"fs.rm-tracked"}, "src: 3 tracked files"},
		{"rm of many clean files", nil, "rm many/*", []string{"fs.rm-tracked"}, "25 tracked files"},
		{"rm of a modified file", modify(map[string]string{"src/lib/c.go": "edited\n"}), "rm src/lib/c.go", []string{"fs.rm-work"}, "1 modified"},
		{"the issue's example", modify(map[string]string{"src/a.go": "edited\n", "src/new.go": "n\n"}), "rm -rf src", []string{"fs.rm-work"}, "src: 3 tracked files, 1 modified, 1 untracked"},
		{"rm of a glob that matches work", modify(map[string]string{"src/new.go": "n\n"}), "rm -rf sr*", []string{"fs.rm-work"}, "src: 3 tracked files, 1 untracked"},
		{"rm without -r skips directories", modify(map[string]string{"src/new.go": "n\n"}), "rm src", nil, ""},
		{"cd to a glob, then rm *", modify(map[string]string{"src/lib/new.go": "n\n"}), "cd sr*/li? && rm -rf *", []string{"fs.rm-work"}, "1 untracked"},
		{"find -delete of work", modify(map[string]string{"src/lib/new.go": "n\n"}), "find src/lib -delete", []string{"fs.rm-work"}, "1 untracked"},
		{"find -exec rm of work", modify(map[string]string{"src/lib/new.go": "n\n"}), "find src/lib -type f -exec rm -f {} +", []string{"fs.rm-work"}, "1 untracked"},
		{"find with a filter", modify(map[string]string{"src/lib/new.go": "n\n"}), "find src -name '*.pyc' -delete", nil, ""},
		{"git ls-files | xargs rm", nil, "git ls-files | xargs rm -f", []string{"fs.xargs-tree", "fs.rm-tracked"}, "tracked files"},
		{"git ls-files -o | xargs rm", modify(map[string]string{"notes.txt": "n"}), "git ls-files -o --exclude-standard | xargs rm", []string{"fs.rm-work", "fs.xargs-tree"}, "1 untracked"},
		{"mv of work out of the project", modify(map[string]string{"src/new.go": "n\n"}), "mv src /tmp/src-old", []string{"fs.rm-work"}, "1 untracked"},
		{"mv inside the project", modify(map[string]string{"src/new.go": "n\n"}), "mv src lib", nil, ""},
		{"mv, then rm of where it went", modify(map[string]string{"src/new.go": "n\n"}), "mv src old && rm -rf old", []string{"fs.rm-work"}, "1 untracked"},
		{"mv onto a modified file", modify(map[string]string{"README.md": "edited\n", "draft.md": "d"}), "mv draft.md README.md", []string{"fs.rm-work"}, "1 modified"},
		{"mv over an existing backup", modify(map[string]string{"backups/app.sql": "old\n", "new.sql": "n\n"}), "mv new.sql backups/app.sql", []string{"backup.overwrite", "fs.rm-work"}, ""},
		{"mv of a new backup into the backup directory", modify(map[string]string{"backups/app.sql": "old\n", "new.sql": "n\n"}), "mv -f new.sql backups/", nil, ""},
		{"cp into a backup directory over the same name", modify(map[string]string{"backups/new.sql": "old\n", "new.sql": "n\n"}), "cp new.sql backups/", []string{"backup.overwrite"}, ""},
		{"rsync --delete into work", modify(map[string]string{"src/new.go": "n\n"}), "rsync -a --delete /tmp/x/ src/", []string{"fs.rm-work"}, "up to src"},
		{"git rm of a clean directory", nil, "git rm -r -q src", []string{"git.rm-tracked"}, "3 tracked files"},
		{"git rm refuses modified files", modify(map[string]string{"src/lib/c.go": "edited\n"}), "git rm src/lib/c.go", nil, ""},
		{"git rm -f of a modified file", modify(map[string]string{"src/lib/c.go": "edited\n"}), "git rm -f src/lib/c.go", []string{"git.rm-work"}, "1 modified"},
		{"git rm --cached", modify(map[string]string{"src/lib/c.go": "edited\n"}), "git rm --cached -r src", nil, ""},
		{"rm outside git says files and bytes", func(t *testing.T, f *stateFixture) {
			gittest.Write(t, f.home, map[string]string{"Documents/a.txt": "hello"})
		}, "rm -rf ~/Documents", []string{"fs.rm-outside"}, "~/Documents: 1 file, 5 B"},
		{"a deleted repository", func(t *testing.T, f *stateFixture) {
			gittest.Write(t, f.dir, map[string]string{"vendor/dep/x": "x"})
			gittest.Git(t, filepath.Join(f.dir, "vendor/dep"), "init", "-q")
		}, "rm -rf vendor/dep", []string{"fs.rm-work"}, "nested repository"},

		// Interpreter code deleting a glob or a path is judged as the rm
		// it stands for: untracked data files are work git cannot bring
		// back, ignored build output is not.
		{"perl unlink glob of untracked data", modify(map[string]string{"data/a.parquet": "p"}), `perl -e 'unlink glob "data/*.parquet"'`, []string{"fs.rm-work", "fs.rm-data-files"}, "1 untracked"},
		{"perl's <glob> of untracked data", modify(map[string]string{"data/a.parquet": "p"}), `perl -e 'unlink <data/*.parquet>'`, []string{"fs.rm-work", "fs.rm-data-files"}, "1 untracked"},
		{"python glob loop of untracked data", modify(map[string]string{"data/a.csv": "p"}), "python3 -c 'import glob, os\nfor f in glob.glob(\"data/*.csv\"):\n    os.remove(f)'", []string{"fs.rm-work", "fs.rm-data-files"}, "1 untracked"},
		{"ruby splat of Dir[]", modify(map[string]string{"data/a.db": "p"}), `ruby -e 'File.delete(*Dir["data/*.db"])'`, []string{"fs.rm-database-file", "fs.rm-work"}, "1 untracked"},
		{"node fs.globSync loop", modify(map[string]string{"data/a.parquet": "p"}), `node -e 'const fs = require("fs"); for (const f of fs.globSync("data/*.parquet")) fs.rmSync(f)'`, []string{"fs.rm-work", "fs.rm-data-files"}, "1 untracked"},
		{"python rmtree of its argument", modify(map[string]string{"data/a.parquet": "p"}), `python3 -c 'import shutil, sys; shutil.rmtree(sys.argv[1])' data`, []string{"fs.rm-work"}, "1 untracked"},
		{"find -name -delete of untracked data", modify(map[string]string{"data/2024/a.parquet": "p"}), "find data -name '*.parquet' -delete", []string{"fs.rm-work", "fs.find-data-files"}, "1 untracked"},
		{"find -iname -exec rm of untracked data", modify(map[string]string{"data/A.CSV": "p"}), "find . -iname '*.csv' -type f -exec rm -f {} +", []string{"fs.rm-work"}, "1 untracked"},
		{"find -name -delete of ignored logs", modify(map[string]string{"src/x.log": "l"}), "find . -name '*.log' -delete", nil, ""},
		{"rm of ignored data files", modify(map[string]string{".gitignore": "build/\n*.log\n*.npy\n", "src/features.npy": "p"}), "rm src/*.npy", []string{"fs.rm-work", "fs.rm-data-files"}, "1 ignored data file"},
		{"python rglob walks the tree", modify(map[string]string{"data/a.parquet": "p", "data/2024/01/b.parquet": "p"}), `python3 -c 'import pathlib; [p.unlink() for p in pathlib.Path("data").rglob("*.parquet")]'`, []string{"fs.rm-work", "fs.rm-data-files"}, "2 untracked"},
		{"python rglob of ignored output", modify(map[string]string{"build/x/y.o": "o"}), `python3 -c 'import pathlib; [p.unlink() for p in pathlib.Path("build").rglob("*.o")]'`, nil, ""},
		{"python rmtree of ignored output", modify(map[string]string{"build/o": "o"}), `python3 -c 'import shutil; shutil.rmtree("build")'`, nil, ""},
		{"perl unlink glob of ignored logs", modify(map[string]string{"src/x.log": "l"}), `perl -e 'unlink glob "src/*.log"'`, nil, ""},

		// Globs judged by what they match.
		{"a redirect to a glob that matches guard's config", nil, "echo x > ~/.config/gua*/config.toml", []string{"self.redirect"}, ""},
		{"rm of a glob that matches guard's config", nil, "rm -rf ~/.config/gu*", []string{"self.files", "fs.rm-outside"}, ""},

		// git commands that discard work.
		{"reset --hard with nothing to lose", nil, "git reset --hard", nil, ""},
		{"reset --hard with an edit", modify(map[string]string{"src/a.go": "package a\n\nfunc x() {}\n"}), "git reset --hard", []string{"git.reset-hard"}, "1 modified file, 2 lines"},
		{"reset --hard after git add", modify(map[string]string{"new.txt": "n"}), "git add -A && git reset --hard", []string{"git.reset-hard"}, ""},
		{"reset --hard in another repository", nil, "GIT_DIR=/elsewhere/.git git reset --hard", []string{"git.reset-hard"}, ""},
		{"checkout -- . with nothing to lose", nil, "git checkout -- .", nil, ""},
		{"checkout -- . with an edit", modify(map[string]string{"docs/x.md": "y\n"}), "git checkout -- .", []string{"git.discard-all"}, "1 modified file"},
		{"checkout -- PATH with an edit", modify(map[string]string{"docs/x.md": "y\n"}), "git checkout -- docs/x.md", []string{"git.checkout-paths"}, "1 modified file"},
		{"checkout -- PATH of another file", modify(map[string]string{"docs/x.md": "y\n"}), "git checkout -- README.md", nil, ""},
		{"checkout REF -- .", modify(map[string]string{"docs/x.md": "y\n"}), "git checkout HEAD -- .", []string{"git.discard-all"}, "1 modified file"},
		{"restore of an edit", modify(map[string]string{"docs/x.md": "y\n"}), "git restore docs", []string{"git.checkout-paths"}, "1 modified file"},
		{"restore --staged keeps the work tree", modify(map[string]string{"docs/x.md": "y\n"}), "git restore --staged docs", nil, ""},
		{"checkout -f", modify(map[string]string{"docs/x.md": "y\n"}), "git checkout -f main", []string{"git.checkout-force"}, "1 modified file"},
		{"checkout -f with nothing to lose", nil, "git checkout -f main", nil, ""},
		{"clean -fd with nothing untracked", modify(map[string]string{"build/o": "o"}), "git clean -fd", nil, ""},
		{"clean -fdx of build output only", modify(map[string]string{"build/o": "o"}), "git clean -fdx", nil, ""},
		{"clean -fd of new files", modify(map[string]string{"notes/a.txt": "a", "src/wip.go": "w"}), "git clean -fd", []string{"git.clean"}, "2 untracked entries"},
		{"clean -f leaves new directories", modify(map[string]string{"notes/a.txt": "a"}), "git clean -f", nil, ""},
		{"stash clear of an empty stash", nil, "git stash clear", nil, ""},
		{"stash clear", func(t *testing.T, f *stateFixture) {
			gittest.Write(t, f.dir, map[string]string{"docs/x.md": "y\n"})
			gittest.Git(t, f.dir, "stash", "-q")
		}, "git stash clear", []string{"git.stash-clear"}, "the stash holds 1 entry"},
		{"stash, then stash clear", modify(map[string]string{"docs/x.md": "y\n"}), "git stash && git stash clear", []string{"git.stash-clear"}, ""},
		{"branch -D of a merged branch", func(t *testing.T, f *stateFixture) {
			gittest.Git(t, f.dir, "branch", "done")
		}, "git branch -D done", nil, ""},
		{"branch -D of unmerged work", func(t *testing.T, f *stateFixture) {
			gittest.Git(t, f.dir, "checkout", "-q", "-b", "topic")
			gittest.Write(t, f.dir, map[string]string{"t": "t"})
			gittest.Commit(t, f.dir, "topic")
			gittest.Git(t, f.dir, "checkout", "-q", "main")
		}, "git branch -D topic", []string{"git.branch-force-delete"}, "topic: 1 commit no other branch holds"},
		{"worktree remove --force of a clean tree", func(t *testing.T, f *stateFixture) {
			gittest.Git(t, f.dir, "worktree", "add", "-q", filepath.Join(f.home, "wt"))
		}, "git worktree remove --force ~/wt", nil, ""},
		{"worktree remove --force with work", func(t *testing.T, f *stateFixture) {
			gittest.Git(t, f.dir, "worktree", "add", "-q", filepath.Join(f.home, "wt"))
			gittest.Write(t, f.home, map[string]string{"wt/new": "n"})
		}, "git worktree remove --force ~/wt", []string{"git.worktree-remove-force"}, "1 untracked"},

		// Force pushes, as of the last fetch.
		{"force push that loses nothing", func(t *testing.T, f *stateFixture) {
			gittest.Git(t, f.dir, "checkout", "-q", "-b", "feature")
			gittest.Git(t, f.dir, "push", "-q", "-u", "origin", "feature")
			gittest.Write(t, f.dir, map[string]string{"t": "t"})
			gittest.Commit(t, f.dir, "more")
		}, "git push --force origin feature", nil, ""},
		{"force push of the current branch that loses commits", func(t *testing.T, f *stateFixture) {
			gittest.Git(t, f.dir, "checkout", "-q", "-b", "feature")
			gittest.Write(t, f.dir, map[string]string{"t": "t"})
			gittest.Commit(t, f.dir, "one")
			gittest.Git(t, f.dir, "push", "-q", "-u", "origin", "feature")
			gittest.Git(t, f.dir, "reset", "-q", "--hard", "HEAD~1")
		}, "git push -f", []string{"git.push-force"}, "origin/feature would lose 1 commit, as of the last fetch"},
		{"force push to a shared branch always asks", nil, "git push --force origin main", []string{"git.push-force-protected"}, "origin/main would lose no commits, as of the last fetch"},
		{"deleting a feature branch whose commits are elsewhere", func(t *testing.T, f *stateFixture) {
			gittest.Git(t, f.dir, "push", "-q", "origin", "main:old")
			gittest.Git(t, f.dir, "fetch", "-q", "origin")
		}, "git push origin --delete old", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newStateFixture(t)
			if tt.setup != nil {
				tt.setup(t, f)
			}
			d, ids, blasts := f.check(t, s, f.ctx(t), tt.cmd)
			if !slices.Equal(ids, tt.rules) {
				t.Errorf("%s: rules %q, want %q (%s)", tt.cmd, ids, tt.rules, blasts)
			}
			if tt.rules == nil && len(ids) == 0 && d.Action != Allow && !slices.ContainsFunc(d.Findings, func(f Finding) bool { return f.Rule.ID == "self.maybe" }) {
				t.Errorf("%s: %s", tt.cmd, d.Action)
			}
			if !strings.Contains(blasts, tt.blast) {
				t.Errorf("%s: blast %q, want it to hold %q", tt.cmd, blasts, tt.blast)
			}
		})
	}
}

// TestStateUnknown checks that where the state cannot be read, the text
// rules decide as they did before state checks.
func TestStateUnknown(t *testing.T) {
	s, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	f := newStateFixture(t)
	gittest.Write(t, f.dir, map[string]string{"src/new.go": "n"})
	for _, tt := range []struct {
		name string
		ctx  func(Context) Context
	}{
		{"no probe (audit)", func(c Context) Context { c.State = nil; return c }},
		{"no git", func(c Context) Context { c.State.Git.Path = filepath.Join(f.home, "missing-git"); return c }},
		{"GIT_DIR in the environment", func(c Context) Context { c.State.ForeignGit = true; return c }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ctx := tt.ctx(f.ctx(t))
			if _, ids, _ := f.check(t, s, ctx, "git reset --hard"); !slices.Equal(ids, []string{"git.reset-hard"}) {
				t.Errorf("git reset --hard: %q, want the text rule", ids)
			}
			if _, ids, _ := f.check(t, s, ctx, "git stash clear"); !slices.Equal(ids, []string{"git.stash-clear"}) {
				t.Errorf("git stash clear: %q, want the text rule", ids)
			}
		})
	}
	ctx := f.ctx(t)
	ctx.State = nil
	// Without a probe, the text asks for a project directory that is not
	// build output (fs.rm-project), and passes build output.
	if d := s.Check("rm -rf src", ctx); d.Action != Confirm || ids(d) != "fs.rm-project" {
		t.Errorf("rm -rf src without a probe: %s %s, want fs.rm-project", d.Action, ids(d))
	}
	if d := s.Check("rm -rf build", ctx); d.Action != Allow {
		t.Errorf("rm -rf build without a probe: %s, want allow", d.Action)
	}
	// A command for another host is judged by its text.
	ctx = f.ctx(t)
	if _, ids, _ := f.check(t, s, ctx, "ssh host 'cd "+f.dir+" && git reset --hard'"); !slices.Contains(ids, "git.reset-hard") {
		t.Errorf("reset --hard on another host: %q", ids)
	}
}

// TestGlobOverLimit checks that a glob with more matches than guard
// expands counts as everything in its directory.
func TestGlobOverLimit(t *testing.T) {
	s, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	f := newStateFixture(t)
	ctx := f.ctx(t)
	ctx.State.GlobLimit.Entries = 1
	// Over the limit, ~/.config/* counts as everything under ~/.config,
	// which holds guard's files.
	_, ids, _ := f.check(t, s, ctx, "rm -rf ~/.config/[go]*")
	if !slices.Contains(ids, "self.parent") && !slices.Contains(ids, "self.files") {
		t.Errorf("a glob over the limit: %q", ids)
	}
	ctx = f.ctx(t)
	if _, ids, _ := f.check(t, s, ctx, "rm -rf ~/.config/o*"); slices.Contains(ids, "self.files") || slices.Contains(ids, "self.parent") {
		t.Errorf("a glob that matches only another directory: %q", ids)
	}
}

// TestBlastAllowList checks that a command the allow list lets through
// still carries its radius, for the checkpoint.
func TestBlastAllowList(t *testing.T) {
	f := newStateFixture(t)
	s, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := ParseFile("config.toml", []byte(`allow_commands = ["git reset --hard"]`))
	if err != nil {
		t.Fatal(err)
	}
	if errs := s.Apply(cfg, User); len(errs) > 0 {
		t.Fatal(errs)
	}
	gittest.Write(t, f.dir, map[string]string{"src/a.go": "edited"})
	d := s.Check("git reset --hard", f.ctx(t))
	if d.Action != Allow || len(d.Passed) != 1 || !d.Passed[0].Blast.Worktree {
		t.Errorf("allowed reset --hard: %s, passed %+v", d.Action, d.Passed)
	}
	if _, err := os.Stat(filepath.Join(f.dir, "src/a.go")); err != nil {
		t.Fatal(err)
	}
}
