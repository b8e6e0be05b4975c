package rules

import (
	"errors"
	"path"
	"strconv"
	"strings"

	"github.com/guardsh/guard/internal/parse"
)

// Matchers for version control systems other than git (vcs.toml): a
// restore of the whole tree, a Jujutsu push that deletes or rewinds
// bookmarks, a Perforce file type that purges old revisions, and a
// Perforce submit of a tree deleted earlier in the command.

// newWholeTree matches a command whose subcommand, its first with.words
// operands, is followed by no path at all or by one that names the whole
// tree (., ./, root:): jj restore with no paths restores every file.
func newWholeTree(with map[string]any) (matchFunc, error) {
	p := newParams(with)
	words, err := strconv.Atoi(p.string("words", "1"))
	if err != nil || words < 0 {
		return nil, errors.New("vcs-whole-tree: words must be a count")
	}
	if err := p.done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		if inv.MoreArgs || len(v.operands) < words {
			return "", false
		}
		rest := v.operands[words:]
		if len(rest) == 0 {
			return "it names no paths, so it acts on every file", true
		}
		for _, w := range rest {
			if !w.Dynamic && wholeTreePath(w.Value) {
				return "it names the whole tree (" + parse.Quote(w.Value) + ")", true
			}
		}
		return "", false
	}, nil
}

// wholeTreePath reports whether a path operand names the root of the
// working copy: ., ./, root:, or a pattern that matches every file.
func wholeTreePath(s string) bool {
	switch s {
	case "root:", "root:.", "glob:**", "glob:**/*", "*", "**", ":/", "...", "//...":
		return true
	}
	return path.Clean(s) == "."
}

// newJjPushRewinds matches jj git push when what it pushes deletes or
// rewinds a bookmark on the remote: --deleted, or a bookmark deleted, or
// moved backwards with --allow-backwards, earlier in the same command.
func newJjPushRewinds(with map[string]any) (matchFunc, error) {
	if err := newParams(with).done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		if _, ok := v.hasFlagExact([]string{"--deleted"}); ok {
			return "--deleted pushes every bookmark deleted here as a deletion on the remote", true
		}
		for i := len(ctx.before) - 1; i >= 0; i-- {
			c := ctx.before[i]
			if c.Name != inv.Name || c.Remote != inv.Remote {
				continue
			}
			b := v.set.view(c)
			if len(b.operands) < 2 {
				continue
			}
			noun, verb := b.operands[0].Value, b.operands[1].Value
			if noun != "bookmark" && noun != "branch" && noun != "b" {
				continue
			}
			switch verb {
			case "delete", "d":
				return "a bookmark deleted earlier in the command (" + parse.Quote(c.Args[0].Value+" "+noun+" "+verb) + ") is pushed as a deletion", true
			case "set", "s", "move", "m":
				if _, ok := b.hasFlagExact([]string{"--allow-backwards", "-B"}); ok {
					return "a bookmark moved backwards earlier in the command is pushed over the remote's", true
				}
			}
		}
		return "", false
	}, nil
}

// newP4HeadOnly matches a Perforce command that gives files a type with
// the +S modifier (or an old type that implies it, such as tempobj): the
// server keeps only the newest revisions of them and purges the rest.
// p4 typemap -i matches when its input holds such a type, or is not known.
func newP4HeadOnly(with map[string]any) (matchFunc, error) {
	if err := newParams(with).done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		if len(v.operands) > 0 && v.operands[0].Value == "typemap" {
			if _, ok := v.hasFlagExact([]string{"-i"}); !ok {
				return "", false
			}
			if inv.Stdin.Kind != parse.Known {
				return "it replaces the server's typemap with one guard cannot read", true
			}
			for line := range strings.SplitSeq(inv.Stdin.Text, "\n") {
				if f := strings.Fields(line); len(f) >= 2 && headOnlyType(f[0]) {
					return "the typemap gives " + parse.Quote(f[1]) + " the type " + parse.Quote(f[0]), true
				}
			}
			return "", false
		}
		args := inv.Args
		if inv.OwnArgs > 0 {
			args = args[:inv.OwnArgs]
		}
		for i := 1; i < len(args); i++ {
			a := args[i]
			var t parse.Word
			switch {
			case a.Value == "-t" && i+1 < len(args):
				t = args[i+1]
				i++
			case strings.HasPrefix(a.Value, "-t") && len(a.Value) > 2:
				t = parse.Word{Value: a.Value[2:], Dynamic: a.Dynamic}
			default:
				continue
			}
			if t.Dynamic || headOnlyType(t.Value) {
				return "the file type " + parse.Quote(t.Value) + " keeps only the newest revisions", true
			}
		}
		return "", false
	}, nil
}

// headOnlyType reports whether a Perforce file type stores only the
// newest revisions: a modifier +S or +Sn, or an old type that implies it.
func headOnlyType(t string) bool {
	switch strings.ToLower(t) {
	case "tempobj", "ctempobj", "xtempobj":
		return true
	}
	_, mods, ok := strings.Cut(t, "+")
	return ok && strings.Contains(mods, "S")
}

// newP4DeletedTree matches p4 submit after an earlier p4 delete of a
// wildcard path (//depot/proj/..., src/*.c) in the same command: the
// submit takes the whole tree out of the depot's head.
func newP4DeletedTree(with map[string]any) (matchFunc, error) {
	if err := newParams(with).done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		for i := len(ctx.before) - 1; i >= 0; i-- {
			c := ctx.before[i]
			if c.Name != inv.Name || c.Remote != inv.Remote {
				continue
			}
			b := v.set.view(c)
			if len(b.operands) < 2 || b.operands[0].Value != "delete" {
				continue
			}
			if _, ok := b.hasFlagExact([]string{"-n"}); ok {
				continue
			}
			for _, w := range b.operands[1:] {
				if w.Dynamic || strings.Contains(w.Value, "...") || strings.ContainsAny(w.Value, "*?") {
					return "p4 delete " + parse.Quote(w.Value) + " earlier in the command opened a whole tree for deletion", true
				}
			}
		}
		return "", false
	}, nil
}
