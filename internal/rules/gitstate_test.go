package rules

import (
	"slices"
	"strings"
	"testing"

	"github.com/guardsh/guard/internal/gitstate/gittest"
)

// TestGitStateDiscards checks the git rules that discard work against
// real repositories: a command passes when nothing would be lost and asks,
// saying what, when something would.
func TestGitStateDiscards(t *testing.T) {
	s, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	modify := func(files map[string]string) func(*testing.T, *stateFixture) {
		return func(t *testing.T, f *stateFixture) { gittest.Write(t, f.dir, files) }
	}
	topic := func(t *testing.T, f *stateFixture) {
		gittest.Git(t, f.dir, "checkout", "-q", "-b", "topic")
		gittest.Write(t, f.dir, map[string]string{"t": "t"})
		gittest.Commit(t, f.dir, "topic")
		gittest.Git(t, f.dir, "checkout", "-q", "main")
	}
	tests := []struct {
		name  string
		setup func(*testing.T, *stateFixture)
		cmd   string
		rules []string // nil means allow
		blast string
	}{
		{"restore of a clean file", nil, "git restore src/a.go", nil, ""},
		{"restore of a modified file", modify(map[string]string{"src/a.go": "edited\n"}), "git restore src/a.go", []string{"git.checkout-paths"}, "1 modified file"},
		{"restore from a commit of a clean tree", nil, "git restore --source=HEAD --staged --worktree -- src/", nil, ""},
		{"restore from a commit of a staged edit", func(t *testing.T, f *stateFixture) {
			gittest.Write(t, f.dir, map[string]string{"src/b.go": "staged\n"})
			gittest.Git(t, f.dir, "add", "src/b.go")
		}, "git restore --source=HEAD --staged --worktree -- src/", []string{"git.checkout-paths"}, "1 staged"},
		{"restore with abbreviated options of a staged edit", func(t *testing.T, f *stateFixture) {
			gittest.Write(t, f.dir, map[string]string{"src/b.go": "staged\n"})
			gittest.Git(t, f.dir, "add", "src/b.go")
		}, "git restore --stag --work -sHEAD src/b.go", []string{"git.checkout-paths"}, "1 staged"},
		{"restore --staged keeps the edit", modify(map[string]string{"src/a.go": "edited\n"}), "git restore --staged src/a.go", nil, ""},
		{"checkout REV -- PATH of a clean file", nil, "git checkout HEAD -- src/a.go", nil, ""},
		{"checkout REV -- PATH of an edit", modify(map[string]string{"src/a.go": "edited\n"}), "git checkout HEAD -- src/a.go", []string{"git.checkout-paths"}, "1 modified file"},
		{"checkout of a directory named like a branch", modify(map[string]string{"docs/x.md": "y\n"}), "git checkout docs", []string{"git.checkout-paths"}, "1 modified file"},
		{"checkout of a branch", func(t *testing.T, f *stateFixture) {
			topic(t, f)
			gittest.Write(t, f.dir, map[string]string{"docs/x.md": "y\n"})
		}, "git checkout topic", nil, ""},
		{"checkout of a branch named like a file", func(t *testing.T, f *stateFixture) {
			gittest.Git(t, f.dir, "branch", "fix.go")
		}, "git checkout fix.go", nil, ""},
		{"branch --delete --force of a merged branch", func(t *testing.T, f *stateFixture) {
			gittest.Git(t, f.dir, "branch", "done")
		}, "git branch --delete --force done", nil, ""},
		{"branch -d -f of unmerged work", topic, "git branch -d -f topic", []string{"git.branch-force-delete"}, "topic: 1 commit no other branch holds"},
		{"branch --del --for of unmerged work", topic, "git branch --del --for topic", []string{"git.branch-force-delete"}, "1 commit"},
		{"checkout -B of a new branch", nil, "git checkout -B fresh origin/main", nil, ""},
		{"checkout -B over a merged branch", func(t *testing.T, f *stateFixture) {
			gittest.Git(t, f.dir, "branch", "done")
		}, "git checkout -B done origin/main", nil, ""},
		{"checkout -B over unmerged work", topic, "git checkout -B topic origin/main", []string{"git.branch-reset"}, "topic would lose 1 commit"},
		{"switch -C over unmerged work", topic, "git switch -C topic main", []string{"git.branch-reset"}, "topic would lose 1 commit"},
		{"branch -f over unmerged work", topic, "git branch -f topic main", []string{"git.branch-reset"}, "topic would lose 1 commit"},
		{"branch -f forward", func(t *testing.T, f *stateFixture) {
			gittest.Git(t, f.dir, "branch", "behind", "HEAD")
			gittest.Write(t, f.dir, map[string]string{"n": "n"})
			gittest.Commit(t, f.dir, "ahead")
		}, "git branch -f behind main", nil, ""},
		{"branch -M onto unmerged work", topic, "git branch -M main topic", []string{"git.branch-reset"}, "topic would lose 1 commit"},
		{"branch -M to a new name", nil, "git branch -M trunk", nil, ""},
		{"git rm -f of a clean file", nil, "git rm -f src/lib/c.go", nil, ""},
		{"git rm -rf . always asks", nil, "git rm -rf .", []string{"git.rm-all", "git.rm-tracked"}, "tracked files"},
		{"push --dry-run --force", nil, "git push --dry-run --force origin main", nil, ""},
		{"an alias for reset --hard with nothing to lose", nil, "git -c alias.nuke='reset --hard' nuke", nil, ""},
		{"an alias in the repository's config", func(t *testing.T, f *stateFixture) {
			gittest.Git(t, f.dir, "config", "alias.nuke", "reset --hard")
			gittest.Write(t, f.dir, map[string]string{"src/a.go": "edited\n"})
		}, "git nuke", []string{"git.alias"}, "1 modified file"},
		{"an alias in the config with nothing to lose", func(t *testing.T, f *stateFixture) {
			gittest.Git(t, f.dir, "config", "alias.nuke", "reset --hard")
		}, "git nuke", nil, ""},
		{"git clean without -f where the config allows it", func(t *testing.T, f *stateFixture) {
			gittest.Git(t, f.dir, "config", "clean.requireForce", "false")
			gittest.Write(t, f.dir, map[string]string{"notes/a.txt": "a"})
		}, "git clean -d", []string{"git.clean-unforced"}, "1 untracked"},
		{"an alias set earlier in the same command", nil, "git config alias.nuke 'clean -fdx' && git nuke", []string{"git.alias"}, ""},
		{"an alias set earlier in the same command, with work", modify(map[string]string{"notes.txt": "n"}), "git config --local alias.nuke 'clean -fdx'; git nuke", []string{"git.alias"}, "1 untracked"},
		{"clean.requireForce turned off earlier in the same command", modify(map[string]string{"notes/a.txt": "a"}), "git config set clean.requireForce false && git clean -d", []string{"git.clean-unforced", "safeguard.git-config-off"}, "1 untracked"},
		{"another setting earlier in the same command", modify(map[string]string{"notes/a.txt": "a"}), "git config user.name bob && git clean -d", nil, ""},
		{"git clean without -f as git refuses it", modify(map[string]string{"notes/a.txt": "a"}), "git clean -d", nil, ""},
		{"an alias for reset --hard with an edit", modify(map[string]string{"src/a.go": "edited\n"}), "git -c alias.nuke='reset --hard' nuke", []string{"git.alias"}, "1 modified file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f := newStateFixture(t)
			if tt.setup != nil {
				tt.setup(t, f)
			}
			d, ids, blasts := f.check(t, s, f.ctx(t), tt.cmd)
			if !slices.Equal(ids, tt.rules) {
				t.Errorf("%s: rules %q, want %q (%s)", tt.cmd, ids, tt.rules, blasts)
			}
			if tt.rules == nil && len(ids) == 0 && d.Action != Allow {
				t.Errorf("%s: %s", tt.cmd, d.Action)
			}
			if !strings.Contains(blasts, tt.blast) {
				t.Errorf("%s: blast %q, want it to hold %q", tt.cmd, blasts, tt.blast)
			}
		})
	}
}

// TestGitStateUnknownAsks checks that where the repository cannot be
// read, the git rules that discard work ask by their text.
func TestGitStateUnknownAsks(t *testing.T) {
	s, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	f := newStateFixture(t)
	foreign := f.ctx(t)
	foreign.State.ForeignGit = true
	audit := f.ctx(t)
	audit.State = nil
	for cmd, want := range map[string]string{
		"git restore src/a.go":               "git.checkout-paths",
		"git checkout HEAD -- src/a.go":      "git.checkout-paths",
		"git branch --delete --force done":   "git.branch-force-delete",
		"git rm -f src/lib/c.go":             "git.rm-work",
		"git submodule deinit -f --all":      "git.submodule-force",
		"git -c alias.x='clean -fdx' x":      "git.alias",
		"git checkout -- .":                  "git.discard-all",
		"git worktree remove --force ../wt":  "git.worktree-remove-force",
		"git push --force origin feature/ok": "git.push-force",
	} {
		for _, ctx := range []Context{foreign, audit} {
			if cmd == "git rm -f src/lib/c.go" && ctx.State != nil {
				// A deletion is judged by the files, wherever GIT_DIR points.
				continue
			}
			if _, ids, _ := f.check(t, s, ctx, cmd); !slices.Contains(ids, want) {
				t.Errorf("%s (probe %v): %q, want %s", cmd, ctx.State != nil, ids, want)
			}
		}
	}
}

// TestGitStateSubmodule checks git submodule deinit --force against a
// repository with a submodule.
func TestGitStateSubmodule(t *testing.T) {
	s, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	f := newStateFixture(t)
	lib := gittest.Repo(t, map[string]string{"lib.go": "package lib\n"})
	gittest.Git(t, f.dir, "-c", "protocol.file.allow=always", "submodule", "add", "-q", lib, "libs/lib")
	gittest.Commit(t, f.dir, "submodule")
	ctx := f.ctx(t)
	for _, cmd := range []string{"git submodule deinit -f --all", "git submodule deinit --force libs/lib", "git submodule update --force"} {
		if _, ids, blasts := f.check(t, s, ctx, cmd); len(ids) != 0 {
			t.Errorf("%s of a clean submodule: %q (%s)", cmd, ids, blasts)
		}
	}
	gittest.Write(t, f.dir, map[string]string{"libs/lib/new.go": "n", "libs/lib/lib.go": "edited"})
	ctx = f.ctx(t)
	for cmd, want := range map[string]string{
		"git submodule deinit -f --all":          "libs/lib: 1 modified file, 1 untracked file",
		"git submodule deinit --force libs/lib/": "libs/lib: 1 modified file, 1 untracked file",
		"git submodule update --init --force":    "libs/lib: 1 modified file",
	} {
		_, ids, blasts := f.check(t, s, ctx, cmd)
		if !slices.Equal(ids, []string{"git.submodule-force"}) || blasts != want {
			t.Errorf("%s: %q (%s), want %q", cmd, ids, blasts, want)
		}
	}
	if _, ids, _ := f.check(t, s, ctx, "git submodule deinit -f docs"); len(ids) != 0 {
		t.Errorf("deinit of a path without submodules: %q", ids)
	}
}

// TestGitStateForeach checks that git submodule foreach CMD is judged
// as run in the submodules, not by the superproject's state.
func TestGitStateForeach(t *testing.T) {
	s, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	f := newStateFixture(t)
	lib := gittest.Repo(t, map[string]string{"lib.go": "package lib\n"})
	gittest.Git(t, f.dir, "-c", "protocol.file.allow=always", "submodule", "add", "-q", lib, "libs/lib")
	gittest.Commit(t, f.dir, "submodule")
	gittest.Write(t, f.dir, map[string]string{"libs/lib/lib.go": "edited"})
	ctx := f.ctx(t)
	for cmd, want := range map[string]string{
		"git submodule foreach git reset --hard":           "git.reset-hard",
		"git submodule foreach 'git checkout -- .'":        "git.discard-all",
		"git submodule foreach --recursive git clean -fdx": "git.clean",
	} {
		if _, ids, _ := f.check(t, s, ctx, cmd); !slices.Contains(ids, want) {
			t.Errorf("%s: %q, want %s", cmd, ids, want)
		}
	}
}
