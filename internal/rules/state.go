package rules

import (
	"fmt"
	"os"
	"path"
	"slices"
	"strings"

	"github.com/guardsh/guard/internal/blast"
	"github.com/guardsh/guard/internal/disk"
	"github.com/guardsh/guard/internal/parse"
)

// This file judges commands by the state of the disk and of the git
// repositories they touch, when the context carries a probe (Context.State):
// glob patterns are expanded as bash would expand them, deletions are
// judged by what git holds of their targets, and git commands that discard
// work by what they would discard. Findings get a blast radius.
//
// A rule names a state check with state = "NAME". When the state can be
// read, the check decides whether the rule matches; when it cannot (no
// probe, as in guard audit; a command for another host; a directory only
// known at run time; git failing), the rule is judged by its text alone,
// or, with state_only = true, does not match at all, as before state
// checks existed.

// stateResult is what a state check found.
type stateResult struct {
	// known reports that the state was read.
	known bool
	// match reports that the rule matches, when known.
	match bool
	// final reports that the state decides even when an earlier part of
	// the command may change it, because another rule judges what that
	// part changes.
	final  bool
	detail string
	blast  *blast.Radius
}

// stateFunc is a state check.
type stateFunc func(r *Rule, inv *parse.Invocation, v *view, ctx *Context) stateResult

// stateCheck returns the check a rule names, or nil. A switch, not a
// map: a map would be built at every start of guard.
func stateCheck(name string) stateFunc {
	switch name {
	case "delete-work":
		return stateDeleteWork
	case "delete-many":
		return stateDeleteMany
	case "delete-disk":
		return stateDeleteDisk
	case "empty-work":
		return stateEmptyWork
	case "reset-hard":
		return stateResetHard
	case "checkout":
		return stateCheckout
	case "restore":
		return stateRestore
	case "checkout-force":
		return stateCheckoutForce
	case "clean":
		return stateClean
	case "stash":
		return stateStash
	case "branch-delete":
		return stateBranchDelete
	case "worktree-remove":
		return stateWorktreeRemove
	case "push":
		return statePush
	}
	return gitStateCheck(name)
}

// destroyKinds are the values of a rule's destroys key.
var destroyKinds = []string{"", "files", "git"}

// checkState validates a rule's state and destroys keys.
func (r *Rule) checkState() error {
	if r.State != "" && stateCheck(r.State) == nil {
		return &keyError{"state", fmt.Errorf("unknown state check %q", r.State)}
	}
	if r.StateOnly && r.State == "" {
		return &keyError{"state_only", fmt.Errorf("state_only needs a state check")}
	}
	if !slices.Contains(destroyKinds, r.Destroys) {
		return &keyError{"destroys", fmt.Errorf("destroys must be files or git, not %q", r.Destroys)}
	}
	return nil
}

// probe returns the probe for an invocation whose state may be read: one
// that runs on this machine, in a directory known now.
func (ctx *Context) probe(inv *parse.Invocation) *blast.Probe {
	if ctx.State == nil || inv.Remote != "" || !path.IsAbs(inv.Dir) {
		return nil
	}
	return ctx.State
}

// stale reports that an earlier part of the command may change the state
// before inv runs, so that what the disk says now cannot clear it.
func (ctx *Context) stale() bool { return ctx.dirty }

// gitProbe returns the probe for a git invocation whose repository is the
// one its directory holds: no GIT_DIR or --git-dir points elsewhere.
func (ctx *Context) gitProbe(inv *parse.Invocation) *blast.Probe {
	p := ctx.probe(inv)
	if p == nil || p.Foreign() {
		return nil
	}
	for _, a := range inv.Assigns {
		if strings.HasPrefix(a.Name, "GIT_") {
			return nil
		}
	}
	for _, a := range inv.Args[1:] {
		v := a.Value
		if !strings.HasPrefix(v, "-") {
			break
		}
		if strings.HasPrefix(v, "--git-dir") || strings.HasPrefix(v, "--work-tree") || strings.HasPrefix(v, "--namespace") {
			return nil
		}
	}
	return p
}

// runState runs the rule's state check and says whether the rule matches.
func (s *Set) runState(r *Rule, inv *parse.Invocation, v *view, ctx *Context) (bool, string) {
	check := stateCheck(r.State)
	if check == nil {
		return !r.StateOnly, ""
	}
	res := check(r, inv, v, ctx)
	if res.blast != nil {
		v.facts.blast = res.blast
	}
	if !res.known {
		return !r.StateOnly, res.detail
	}
	if !res.match && !res.final && ctx.stale() && !r.StateOnly {
		// The state says nothing is lost, but an earlier part of the
		// command may change that: the text decides.
		return true, res.detail
	}
	return res.match, res.detail
}

// gitCommand splits a git invocation into its subcommand and the words
// after it, skipping git's own options.
func gitCommand(inv *parse.Invocation) (string, []parse.Word) {
	args := inv.Args
	for i := 1; i < len(args); i++ {
		a := args[i].Value
		switch {
		case a == "-C" || a == "-c" || a == "--git-dir" || a == "--work-tree" || a == "--namespace" || a == "--exec-path" || a == "--config-env":
			i++
		case strings.HasPrefix(a, "-"):
		default:
			return a, args[i+1:]
		}
	}
	return "", nil
}

// splitDash splits words at the first --: options and revisions before,
// paths after. dash reports whether there was one.
func splitDash(words []parse.Word) (before, after []parse.Word, dash bool) {
	for i, w := range words {
		if w.Value == "--" && !w.Dynamic {
			return words[:i], words[i+1:], true
		}
	}
	return words, nil, false
}

// hasOpt reports whether words hold one of the options, also inside a
// cluster of short options (-fd holds -f and -d).
func hasOpt(words []parse.Word, names ...string) bool {
	for _, w := range words {
		a := w.Value
		for _, n := range names {
			if a == n || len(n) > 2 && strings.HasPrefix(a, n+"=") {
				return true
			}
			if len(n) == 2 && n[0] == '-' && n[1] != '-' && len(a) > 2 && a[0] == '-' && a[1] != '-' && isLetters(a[1:]) && strings.IndexByte(a[1:], n[1]) >= 0 {
				return true
			}
		}
	}
	return false
}

// plainOperands returns the words that are not options, failing on words
// only known at run time.
func plainOperands(words []parse.Word, valueOpts ...string) ([]string, bool) {
	var out []string
	for i := 0; i < len(words); i++ {
		w := words[i]
		if w.Dynamic {
			return nil, false
		}
		if strings.HasPrefix(w.Value, "-") && len(w.Value) > 1 {
			if slices.Contains(valueOpts, w.Value) {
				i++
			}
			continue
		}
		out = append(out, w.Value)
	}
	return out, true
}

// expandPaths expands path operands as bash would, against the disk: a
// pattern with no match stays as written; one over the limit stands for
// its whole directory, the most it could match.
func expandPaths(p *blast.Probe, words []parse.Word, dir string) ([]string, bool) {
	var out []string
	for _, w := range words {
		if w.Dynamic {
			return nil, false
		}
		if !w.Glob {
			out = append(out, resolvePath(w.Value, dir))
			continue
		}
		e := p.Glob(w.Value, dir)
		switch {
		case e.Over:
			out = append(out, resolvePath(staticDir(w.Value), dir))
		case len(e.Paths) == 0:
			out = append(out, resolvePath(w.Value, dir))
		default:
			out = append(out, e.Paths...)
		}
	}
	return out, true
}

// staticDir returns the directory part of a pattern before its first
// pattern character: src for src/*.go, . for *.
func staticDir(pattern string) string {
	i := strings.IndexAny(pattern, "*?[")
	if i < 0 {
		return pattern
	}
	d := path.Dir(pattern[:i] + "x")
	return d
}

func resolvePath(p, dir string) string {
	if path.IsAbs(p) {
		return path.Clean(p)
	}
	return path.Join(dir, p)
}

// globClasses returns the classes of what a glob pattern matches on the
// disk, or, over the limit, those of everything in its directory. The
// pattern's own classes are added by the caller: what the disk holds can
// only make a decision stricter.
func (ctx *Context) globClasses(pattern string, at place) classSet {
	dir := at.dir
	if ctx.State == nil || !path.IsAbs(dir) && !path.IsAbs(pattern) {
		return 0
	}
	e := ctx.State.Glob(pattern, dir)
	var set classSet
	if e.Over {
		d := staticDir(pattern)
		set |= classifyWord(parse.Word{Value: strings.TrimSuffix(d, "/") + "/*", Glob: true}, at, ctx)
	}
	for _, m := range e.Paths {
		set |= classifyPath(m, at, ctx)
	}
	return set
}

// liveDir expands glob patterns in a directory that a cd took the command
// to (cd sr*): bash changes to the one match; with none or several, cd
// fails and the directory is not known.
func (ctx *Context) liveDir(inv *parse.Invocation, top string) *parse.Invocation {
	if ctx.State == nil || inv.Dir == "" || !disk.HasMeta(inv.Dir) {
		return inv
	}
	rest := inv.Dir
	base := "/"
	if top != "" && strings.HasPrefix(inv.Dir, top) {
		rest, base = strings.TrimPrefix(inv.Dir[len(top):], "/"), top
		if !disk.HasMeta(rest) {
			return inv
		}
	}
	e := ctx.State.Glob(rest, base)
	c := *inv
	switch {
	case len(e.Paths) == 1 && !e.Over:
		c.Dir = e.Paths[0]
	case len(e.Paths) == 0 && !e.Over:
		// Unmatched, the pattern is a literal name; cd to it works only if
		// it is there.
		if st, err := os.Stat(inv.Dir); err == nil && st.IsDir() {
			return inv
		}
		c.Dir = ""
	default:
		c.Dir = ""
	}
	return &c
}

// readOnly reports whether an invocation leaves files and repositories as
// they are, so that what the disk says before the command is still true
// after it.
func readOnly(inv *parse.Invocation) bool {
	if inv.Problem != parse.NoProblem {
		return false
	}
	for _, rd := range inv.Redirs {
		if rd.Writes() && rd.Target.Value != "/dev/null" && rd.Target.Value != "/dev/stderr" && rd.Target.Value != "/dev/stdout" && !strings.HasPrefix(rd.Target.Value, "&") {
			return false
		}
	}
	switch inv.Name {
	case "cd", "pushd", "popd", "pwd", "echo", "printf", "true", "false", "test", "[", "[[", "ls", "cat", "head", "tail",
		"wc", "grep", "egrep", "fgrep", "rg", "which", "type", "command", "sleep", "date", "exit", ":", "basename", "dirname",
		"realpath", "readlink", "stat", "file", "du", "df", "tree", "sort", "uniq", "diff", "cmp", "jq", "whoami", "id",
		"uname", "hostname", "env", "printenv", "set", "export", "local", "declare", "shopt", "source", ".":
		return inv.Name != "env" || len(inv.Args) == 1
	case "git":
		sub, rest := gitCommand(inv)
		switch sub {
		case "status", "log", "diff", "show", "rev-parse", "ls-files", "ls-tree", "describe", "blame", "grep",
			"shortlog", "cat-file", "rev-list", "for-each-ref", "show-ref", "whatchanged", "name-rev", "merge-base", "help", "version":
			return true
		case "branch", "tag", "remote", "stash", "worktree":
			ops, _ := plainOperands(rest)
			switch {
			case sub == "stash":
				// git stash alone pushes.
				return len(ops) > 0 && (ops[0] == "list" || ops[0] == "show")
			case sub == "worktree":
				return len(ops) > 0 && ops[0] == "list"
			}
			return len(ops) == 0
		}
	}
	return false
}
