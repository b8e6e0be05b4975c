package rules

import (
	"path"
	"strings"

	"github.com/guardsh/guard/internal/parse"
)

// A repository cloned earlier in the same command, and reached from the
// clone by && only, holds nothing but what the clone fetched: git reset
// --hard, git clean or git checkout in it throws away no one's work
// (cd "$(mktemp -d)" && git clone -q URL . && git reset --hard v1.2.0).

// cloneValueOptions are git clone's options that take the next word.
const cloneValueOptions = "-b --branch -o --origin -c --config --depth --reference --reference-if-able " +
	"--separate-git-dir -j --jobs --filter -u --upload-pack --template --shallow-since --shallow-exclude --server-option --bundle-uri"

// freshClone reports whether inv runs, with no other repository named, in
// the directory a git clone made earlier in the command.
func freshClone(inv *parse.Invocation, ctx *Context) bool {
	if inv.Remote != "" || inv.MoreArgs || !path.IsAbs(inv.Dir) {
		return false
	}
	for _, a := range inv.Assigns {
		if strings.HasPrefix(a.Name, "GIT_") {
			return false
		}
	}
	for _, a := range inv.Args[1:] {
		if a.Value == "-C" || a.Value == "--git-dir" || a.Value == "--work-tree" || strings.HasPrefix(a.Value, "--git-dir=") || strings.HasPrefix(a.Value, "--work-tree=") {
			return false
		}
	}
	for i := len(ctx.before) - 1; i >= 0; i-- {
		c := ctx.before[i]
		if c.Name != "git" || c.Remote != "" {
			continue
		}
		if sub, _ := gitCommand(c); sub != "clone" {
			continue
		}
		if d, ok := cloneDir(c); ok && d == path.Clean(inv.Dir) && linkedByAnd(ctx, i, inv) {
			return true
		}
	}
	return false
}

// cloneDir returns the directory a git clone makes: its second operand,
// or the repository's name from its URL, resolved in its directory.
func cloneDir(c *parse.Invocation) (string, bool) {
	_, rest := gitCommand(c)
	var ops []parse.Word
	for i := 0; i < len(rest); i++ {
		s := rest[i].Value
		switch {
		case s == "--":
			ops = append(ops, rest[i+1:]...)
			i = len(rest)
		case strings.HasPrefix(s, "-"):
			if !strings.Contains(s, "=") && strings.Contains(" "+cloneValueOptions+" ", " "+s+" ") {
				i++
			}
		default:
			ops = append(ops, rest[i])
		}
	}
	if len(ops) == 0 || len(ops) > 2 || !path.IsAbs(c.Dir) {
		return "", false
	}
	var dir string
	if len(ops) == 2 {
		if ops[1].Dynamic || ops[1].Glob {
			return "", false
		}
		dir = ops[1].Value
	} else {
		if ops[0].Dynamic {
			return "", false
		}
		u := strings.TrimSuffix(strings.TrimRight(ops[0].Value, "/"), ".git")
		if j := strings.LastIndexAny(u, "/:"); j >= 0 {
			u = u[j+1:]
		}
		if u == "" || u == "." || u == ".." {
			return "", false
		}
		dir = u
	}
	if !path.IsAbs(dir) {
		dir = path.Join(c.Dir, dir)
	}
	return path.Clean(dir), true
}
