package rules

import (
	"os"
	"path"
	"strings"

	"github.com/guardsh/guard/internal/disk"
	"github.com/guardsh/guard/internal/parse"
	"github.com/guardsh/guard/internal/wordlist"
)

// newGit matches git commands that discard work, read by gitCall (the
// subcommand's own options, aliases on the command line). kind is one of:
//
//   - discard: git checkout and git restore overwriting files in the
//     working tree; scope "all" for the whole tree (., :/, *), "paths"
//     for the files named;
//   - branch-delete: git branch deleting with --force (-D, -d -f, -df,
//     --delete --force and their abbreviations);
//   - rm: git rm of the whole tree (scope "all") or with --force (scope
//     "force"), but not --cached;
//   - submodule: git submodule deinit --force and update --force, which
//     throw away changes in submodules;
//   - alias: an alias defined on the command line (or, where the
//     repository can be read, in git's config) that stands for a git
//     command another rule of git asks about;
//   - branch-reset: git checkout -B, git switch -C and git branch
//     --force (with -m or -c too) pointing a branch elsewhere, for a state
//     check: the branch may exist and hold commits nothing else does;
//   - clean: git clean without --force where clean.requireForce is off,
//     so that it deletes.
//
// Where the repository can be read, the rules' state checks then decide
// whether anything would be lost.
func newGit(with map[string]any) (matchFunc, error) {
	p := newParams(with)
	kind := p.string("kind", "")
	scope := p.string("scope", "")
	if err := p.done(); err != nil {
		return nil, err
	}
	if err := oneOf([]string{kind}, "discard", "branch-delete", "rm", "submodule", "alias", "clean", "branch-reset"); err != nil {
		return nil, err
	}
	if err := oneOf([]string{scope}, "", "all", "paths", "force"); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		if kind == "alias" && gitBuiltinCall(inv) {
			// git ignores an alias that would hide one of its commands:
			// git status is no alias, whatever the config says.
			return "", false
		}
		c := readGit(inv)
		if kind == "alias" && c.alias == "" {
			c = readGitWith(inv, configAliases(inv, ctx))
		}
		if c.alias != "" && kind != "alias" {
			// The alias rule judges what an alias stands for.
			return "", false
		}
		switch kind {
		case "discard":
			return gitDiscard(c, inv, ctx, scope)
		case "branch-delete":
			return gitBranchForceDelete(c)
		case "rm":
			return gitRm(c, inv, scope)
		case "submodule":
			return gitSubmoduleForce(c)
		case "alias":
			return gitAlias(c, inv, v, ctx)
		case "clean":
			return gitCleanUnforced(c, inv, ctx)
		case "branch-reset":
			b, to, ok := gitBranchReset(c)
			switch {
			case !ok:
			case ancestorRev(to) && !gitReadable(inv, ctx):
				// With no repository to read, a branch moved back to an
				// ancestor (main to HEAD~3) loses what came after it.
				return "git " + c.sub + " moves the branch " + parse.Quote(b) + " back to " + to + ", off the commits after it", true
			case gitReadable(inv, ctx):
				// stateBranchReset counts what the move loses.
				return "git " + c.sub + " moves the existing branch " + parse.Quote(b) + " if there is one", true
			}
		}
		return "", false
	}, nil
}

// gitDiscard matches git checkout and git restore that overwrite files
// in the working tree.
func gitDiscard(c *gitCall, inv *parse.Invocation, ctx *Context, scope string) (string, bool) {
	var paths []parse.Word
	switch c.sub {
	case "restore":
		if c.has("patch") || c.has("staged") && !c.has("worktree") {
			// Interactive, or only the index.
			return "", false
		}
		paths = c.operands()
	case "checkout":
		if c.has("-b", "-B", "orphan", "patch", "detach") {
			return "", false
		}
		switch {
		case c.dash:
			paths = c.paths
		case len(c.args) >= 2:
			// git checkout REV PATH...: the first may be a revision, the
			// rest are paths either way.
			paths = c.args[1:]
			if gitPathLike(c.args[0], inv, ctx) {
				paths = c.args
			}
		case len(c.args) == 1 && gitPathLike(c.args[0], inv, ctx):
			paths = c.args
		}
	default:
		return "", false
	}
	if len(paths) == 0 && !c.has("pathspec-from-file") {
		if !inv.MoreArgs || c.sub == "checkout" && !c.dash || scope == "all" {
			return "", false
		}
		// xargs git restore: the files come from the input.
		return "git " + c.sub + " overwrites uncommitted changes to files only known at run time", true
	}
	all := c.has("pathspec-from-file")
	for _, p := range paths {
		if wholeTree(p) {
			all = true
		}
	}
	switch {
	case scope == "all" && !all, scope == "paths" && all:
		return "", false
	case all:
		return "git " + c.sub + " overwrites uncommitted changes in the whole working tree", true
	}
	var names []string
	for _, p := range paths {
		names = append(names, parse.Quote(p.Value))
	}
	return "git " + c.sub + " overwrites uncommitted changes to " + strings.Join(names, ", "), true
}

// wholeTree reports whether a pathspec covers the whole working tree.
func wholeTree(w parse.Word) bool {
	if w.Dynamic {
		return false
	}
	switch strings.TrimSuffix(w.Value, "/") {
	case ".", "", ":/", ":", ":/:", "*", ":(top)", ":(glob)**", "**":
		return true
	}
	return false
}

// gitPathLike reports whether git checkout's first operand names files
// rather than a branch or a commit. In a repository guard can read, a
// word that names a revision is one and an existing file is a path; git
// decides the same way. Otherwise the word's spelling decides: ., a glob,
// a path with a directory part that ends in a file name, or a file name
// with a known extension.
func gitPathLike(w parse.Word, inv *parse.Invocation, ctx *Context) bool {
	if w.Dynamic {
		return false
	}
	s := w.Value
	if p := ctx.gitProbe(inv); p != nil {
		if repo, err := p.Repo(inv.Dir); err == nil {
			if repo.RevParse(s) != "" {
				return false
			}
			if _, err := os.Lstat(resolvePath(s, inv.Dir)); err == nil {
				return true
			}
		}
	}
	switch {
	case wholeTree(w), w.Glob, disk.HasMeta(s), strings.HasPrefix(s, ":"):
		return true
	case strings.HasPrefix(s, "./"), strings.HasPrefix(s, "../"), strings.HasPrefix(s, "/"), strings.HasSuffix(s, "/"):
		return true
	}
	base := path.Base(s)
	if i := strings.LastIndexByte(base, '.'); i > 0 && isFileExt(base[i+1:]) {
		return true
	}
	switch base {
	case "Makefile", "Dockerfile", "LICENSE", "README", "Gemfile", "Rakefile", "Procfile", "Jenkinsfile", "Vagrantfile",
		"CODEOWNERS", ".gitignore", ".gitattributes", ".env", ".dockerignore", ".editorconfig":
		return true
	}
	return false
}

// gitBranchForceDelete matches git branch deleting with --force, which
// deletes unmerged branches too.
func gitBranchForceDelete(c *gitCall) (string, bool) {
	if c.sub != "branch" || !c.has("delete") || !c.has("force") {
		return "", false
	}
	var names []string
	scratch := len(c.args) > 0
	for _, a := range c.args {
		names = append(names, parse.Quote(a.Value))
		scratch = scratch && !a.Dynamic && !a.Glob && scratchBranch(a.Value)
	}
	if scratch {
		// tmp/bisect-scratch: named to be thrown away.
		return "", false
	}
	what := "force-deletes"
	if c.has("remotes") {
		what = "force-deletes the remote-tracking"
	}
	if len(names) == 0 {
		return "git branch " + what + " branches whatever they hold", true
	}
	return "git branch " + what + " " + strings.Join(names, ", ") + " whether merged or not", true
}

// scratchBranchWords are the words of a branch name that say it was
// made to be thrown away. test is not one: test-login-fix is work.
const scratchBranchWords = "tmp temp scratch throwaway bisect playground junk"

// scratchBranch reports whether a branch's name holds one of
// scratchBranchWords as a whole word, and no production or lasting word.
func scratchBranch(name string) bool {
	if hasProdWord(name) || keepName(name) {
		return false
	}
	for _, w := range strings.FieldsFunc(strings.ToLower(name), func(r rune) bool { return !isAlnum(byte(r)) || r > 127 }) {
		if wordlist.Has(scratchBranchWords, w) {
			return true
		}
	}
	return false
}

// gitRm matches git rm of the whole tree, or with --force, which deletes
// files with changes no commit holds. --cached keeps the files.
func gitRm(c *gitCall, inv *parse.Invocation, scope string) (string, bool) {
	if c.sub != "rm" || c.has("cached", "dry-run") {
		return "", false
	}
	ops := c.operands()
	switch scope {
	case "all":
		for _, o := range ops {
			// Without -r, git rm refuses a directory, but a pattern that
			// reaches git ('*') matches files at every depth.
			literal := !o.Glob && strings.ContainsAny(o.Value, "*")
			if wholeTree(o) && (c.has("-r") || literal) {
				return "git rm -r " + parse.Quote(o.Value) + " deletes every tracked file in the working tree", true
			}
		}
	case "force":
		if c.has("force") && (len(ops) > 0 || inv.MoreArgs) {
			return "git rm --force deletes files even with changes no commit holds", true
		}
	}
	return "", false
}

// gitSubmoduleForce matches git submodule deinit --force and git
// submodule update --force, which throw away the submodules' local
// changes.
func gitSubmoduleForce(c *gitCall) (string, bool) {
	if c.sub != "submodule" || len(c.args) == 0 || !c.has("force") {
		return "", false
	}
	switch c.args[0].Value {
	case "deinit":
		return "git submodule deinit --force removes the submodules' work trees with their local changes", true
	case "update":
		return "git submodule update --force throws away local changes in the submodules", true
	}
	return "", false
}

// priorConfig returns the value an earlier git config in the same
// command gives key (in lower case): git config alias.x 'reset --hard'
// && git x.
func (ctx *Context) priorConfig(key string) (string, bool) {
	val, found := "", false
	for _, prev := range ctx.prior {
		if v, ok := gitConfigSet(prev, key); ok {
			val, found = v, true
		}
	}
	return val, found
}

// configAliases returns a lookup of the aliases git's config files
// define, where the repository can be read: an alias the agent wrote with
// git config in an earlier command is the command it stands for.
func configAliases(inv *parse.Invocation, ctx *Context) func(string) string {
	p := ctx.gitProbe(inv)
	return func(name string) string {
		if v, ok := ctx.priorConfig("alias." + strings.ToLower(name)); ok {
			return v
		}
		if p == nil {
			return ""
		}
		repo, err := p.Repo(inv.Dir)
		if err != nil {
			return ""
		}
		return repo.Config("alias." + name)
	}
}

// matchRule is Set.matches, reached through a variable: the matcher
// table refers to newGit, which would otherwise refer back to it.
var matchRule func(s *Set, r *Rule, inv *parse.Invocation, v *view, ctx *Context) (string, bool)

func init() { matchRule = (*Set).matches }

// gitAlias matches an alias defined on the command line that stands for
// a git command one of the other git rules matches.
func gitAlias(c *gitCall, inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
	if c.alias == "" || v.set == nil {
		return "", false
	}
	words := append(append([]parse.Word(nil), inv.Args[:c.at]...), c.words...)
	exp := *inv
	exp.Args = words
	ev := v.set.view(&exp)
	for _, r := range v.set.programRules("git") {
		if r.Matcher == "git" {
			if k, _ := r.With["kind"].(string); k == "alias" {
				continue
			}
		}
		ev.facts = facts{}
		if d, ok := matchRule(v.set, r, &exp, ev, ctx); ok {
			v.facts.blast = ev.facts.blast
			var ws []string
			for _, w := range c.words {
				ws = append(ws, parse.Quote(w.Value))
			}
			s := "alias " + parse.Quote(c.alias) + " runs git " + strings.Join(ws, " ") + ": " + r.ID
			if d != "" {
				s += " (" + d + ")"
			}
			return s, true
		}
	}
	return "", false
}

// gitCleanUnforced matches git clean without --force when the command
// line, or the config where the repository can be read, turns
// clean.requireForce off: git clean then deletes without -f.
func gitCleanUnforced(c *gitCall, inv *parse.Invocation, ctx *Context) (string, bool) {
	if c.sub != "clean" || c.has("force", "dry-run", "interactive") {
		return "", false
	}
	val, ok := c.config["clean.requireforce"]
	if !ok {
		val, ok = ctx.priorConfig("clean.requireforce")
	}
	if !ok {
		p := ctx.gitProbe(inv)
		if p == nil {
			return "", false
		}
		repo, err := p.Repo(inv.Dir)
		if err != nil {
			return "", false
		}
		val = repo.Config("clean.requireForce")
	}
	if !falsy(val) {
		return "", false
	}
	return "clean.requireForce is off, so git clean deletes without -f", true
}

// gitBranchReset returns the branch that git checkout -B, git switch -C
// or git branch --force would point elsewhere, and the revision it would
// point at ("" when the branch's own commits do not move onto another
// name, as with git branch -M OLD NEW, which takes them along).
func gitBranchReset(c *gitCall) (branch, to string, ok bool) {
	start := func(i int) string {
		if len(c.args) > i && !c.args[i].Dynamic {
			return c.args[i].Value
		}
		if len(c.args) > i {
			return "-"
		}
		return "HEAD"
	}
	switch {
	case c.sub == "checkout" && c.has("-B"):
		return c.opts["-B"], start(0), c.opts["-B"] != ""
	case c.sub == "switch" && c.has("force-create"):
		return c.opts["force-create"], start(0), c.opts["force-create"] != ""
	case c.sub != "branch" || !c.has("force") || c.has("delete", "list", "remotes", "all"):
		return "", "", false
	case c.has("move", "copy"):
		// git branch -M [OLD] NEW replaces NEW.
		if len(c.args) == 0 || c.args[len(c.args)-1].Dynamic {
			return "", "", false
		}
		return c.args[len(c.args)-1].Value, "", true
	case len(c.args) > 0 && !c.args[0].Dynamic:
		return c.args[0].Value, start(1), true
	}
	return "", "", false
}

// ancestorRev reports whether a revision names an ancestor of another
// (HEAD~3, main^, @~2): a branch moved there goes back in history.
func ancestorRev(rev string) bool {
	return strings.ContainsAny(rev, "~^") && !strings.Contains(rev, "^{") && !strings.HasPrefix(rev, "^")
}

// gitReadable reports whether the repository a git invocation runs in
// can be read, so that a state check decides.
func gitReadable(inv *parse.Invocation, ctx *Context) bool {
	p := ctx.gitProbe(inv)
	if p == nil {
		return false
	}
	_, err := p.Repo(inv.Dir)
	return err == nil
}
