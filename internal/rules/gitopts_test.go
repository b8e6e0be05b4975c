package rules

import (
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/guardsh/guard/internal/parse"
)

func TestReadGit(t *testing.T) {
	for _, tt := range []struct {
		cmd   string
		sub   string
		opts  string // the options, sorted, name=value
		args  string
		paths string
	}{
		{"git branch -D x", "branch", "delete force", "x", ""},
		{"git branch -df x", "branch", "delete force", "x", ""},
		{"git branch --del --forc x", "branch", "delete force", "x", ""},
		{"git branch --for x", "branch", "force format", "x", ""},
		{"git branch -d --no-force x", "branch", "delete", "x", ""},
		{"git branch --no-merged main", "branch", "no-merged=main", "", ""},
		{"git branch -u origin/x -d y", "branch", "delete set-upstream-to=origin/x", "y", ""},
		{"git checkout -bfeature", "checkout", "-b=feature", "", ""},
		{"git checkout -b feature origin/main", "checkout", "-b=feature", "origin/main", ""},
		{"git checkout --track origin/x", "checkout", "track", "origin/x", ""},
		{"git checkout -q HEAD -- a b", "checkout", "quiet", "HEAD", "a b"},
		{"git restore --source HEAD~1 -SW f", "restore", "source=HEAD~1 staged worktree", "f", ""},
		{"git restore -sHEAD --wor f", "restore", "source=HEAD worktree", "f", ""},
		{"git -C ../x -c a.b=c --git-dir .git rm -rf .", "rm", "-r force", ".", ""},
		{"git -c alias.nuke='reset --hard' nuke HEAD~1", "reset", "hard", "HEAD~1", ""},
		{"git -c alias.a=b -c alias.b='branch -D' a x", "branch", "delete force", "x", ""},
		{"git -c alias.branch=status branch -D x", "branch", "delete force", "x", ""},
		{"git -c alias.x='!rm -rf /' x", "x", "", "", ""},
		{"git submodule deinit -f --all", "submodule", "all force", "deinit", ""},
		{"git push -nf origin main", "push", "dry-run force", "origin main", ""},
		{"git clean -fdxe '*.env' src", "clean", "-d -x exclude=*.env force", "src", ""},
		{"git clean --dry -ff", "clean", "dry-run force", "", ""},
		{"GIT_CONFIG_PARAMETERS=\"'alias.x=clean -f'\" git x", "clean", "force", "", ""},
		{"GIT_CONFIG_COUNT=1 GIT_CONFIG_KEY_0=alias.y GIT_CONFIG_VALUE_0='rm -r' git y .", "rm", "-r", ".", ""},
		{"git checkout $REF -- $FILE", "checkout", "", "$REF", "$FILE"},
	} {
		invs := parse.Command(tt.cmd, parse.Options{Dir: "/p"})
		var inv *parse.Invocation
		for _, x := range invs {
			if x.Name == "git" {
				inv = x
			}
		}
		if inv == nil {
			t.Fatalf("%s: no git invocation", tt.cmd)
		}
		c := readGit(inv)
		var opts []string
		for _, k := range slices.Sorted(maps.Keys(c.opts)) {
			if v := c.opts[k]; v != "" {
				k += "=" + v
			}
			opts = append(opts, k)
		}
		words := func(ws []parse.Word) string {
			var out []string
			for _, w := range ws {
				out = append(out, w.Value)
			}
			return strings.Join(out, " ")
		}
		got := []string{c.sub, strings.Join(opts, " "), words(c.args), words(c.paths)}
		want := []string{tt.sub, tt.opts, tt.args, tt.paths}
		if !slices.Equal(got, want) {
			t.Errorf("%s: got %q, want %q", tt.cmd, got, want)
		}
	}
}

func TestSplitAlias(t *testing.T) {
	got := splitAlias(`log --format='%h %s' "a b" c\ d`)
	want := []string{"log", "--format=%h %s", "a b", "c d"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestGitConfigSet(t *testing.T) {
	for _, tt := range []struct {
		cmd, key, want string
		ok             bool
	}{
		{"git config alias.x 'reset --hard'", "alias.x", "reset --hard", true},
		{"git config --local Alias.X status", "alias.x", "status", true},
		{"git config -f other.cfg alias.x status", "alias.x", "status", true},
		{"git config set clean.requireForce false", "clean.requireforce", "false", true},
		{"git config --get alias.x", "alias.x", "", false},
		{"git config alias.y status", "alias.x", "", false},
		{"git status", "alias.x", "", false},
	} {
		invs := parse.Command(tt.cmd, parse.Options{Dir: "/p"})
		got, ok := gitConfigSet(invs[0], tt.key)
		if got != tt.want || ok != tt.ok {
			t.Errorf("%s: %q %v, want %q %v", tt.cmd, got, ok, tt.want, tt.ok)
		}
	}
}
