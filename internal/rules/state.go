package rules

import (
	"fmt"
	"os"
	"path"
	"slices"
	"strconv"
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
	match  bool
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
	if !res.match && ctx.stale() && !r.StateOnly {
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

// --- deletions ---

// deletion is what one invocation deletes.
type deletion struct {
	paths []string
	mode  blast.DeleteMode
	// upTo reports that the command deletes some of what is under the
	// paths (rsync --delete), so the radius is the most it takes.
	upTo bool
}

var rmLike = []string{"rm", "unlink", "rimraf", "del", "del-cli", "rmtrash", "premove", "shred", "srm", "wipe"}

// deletes works out what an invocation deletes from the disk, with
// bash's glob expansion. ok is false when guard cannot say (a path only
// known at run time).
func deletes(inv *parse.Invocation, v *view, ctx *Context, p *blast.Probe) (deletion, bool) {
	var d deletion
	switch {
	case slices.Contains(rmLike, inv.Name):
		if inv.MoreArgs {
			return gitListDeletes(inv, ctx, p)
		}
		var words []parse.Word
		for _, w := range v.operands {
			if strings.Contains(w.Value, "{}") && len(inv.Via) > 0 && strings.HasPrefix(inv.Via[len(inv.Via)-1], "find") {
				// find -exec rm {}: the find invocation says what goes.
				continue
			}
			words = append(words, w)
		}
		paths, ok := expandPaths(p, words, inv.Dir)
		if !ok {
			return d, false
		}
		if inv.Name == "rm" && !hasOpt(v.flagWords(), "-r", "-R", "--recursive", "-d", "--dir") {
			// rm without -r removes no directory.
			paths = slices.DeleteFunc(paths, func(q string) bool {
				st, err := os.Lstat(q)
				return err == nil && st.IsDir()
			})
		}
		d.paths = paths
	case inv.Name == "find" || inv.Name == "gfind":
		roots, ok := findDeletes(inv)
		if !ok {
			return d, false
		}
		paths, ok := expandPaths(p, roots, inv.Dir)
		if !ok {
			return d, false
		}
		d.paths = paths
	case inv.Name == "mv":
		return mvDeletes(inv, v, p)
	case inv.Name == "rsync":
		if !slices.ContainsFunc(v.flags, func(f string) bool { return strings.HasPrefix(f, "--delete") }) || hasOpt(v.flagWords(), "-n", "--dry-run") {
			return d, false
		}
		if len(v.operands) < 2 {
			return d, false
		}
		dst := v.operands[len(v.operands)-1]
		if strings.Contains(dst.Value, ":") {
			return d, false
		}
		paths, ok := expandPaths(p, []parse.Word{dst}, inv.Dir)
		if !ok {
			return d, false
		}
		d.paths, d.upTo = paths, true
	case inv.Name == "git":
		sub, rest := gitCommand(inv)
		if sub != "rm" || hasOpt(rest, "--cached", "-n", "--dry-run") {
			return d, false
		}
		before, after, _ := splitDash(rest)
		var words []parse.Word
		for _, w := range append(append([]parse.Word(nil), before...), after...) {
			if !strings.HasPrefix(w.Value, "-") || w.Dynamic {
				words = append(words, w)
			}
		}
		paths, ok := expandPaths(p, words, inv.Dir)
		if !ok {
			return d, false
		}
		d.paths, d.mode = paths, blast.GitRm
		if hasOpt(rest, "-f", "--force") {
			d.mode = blast.GitRmForce
		}
	default:
		return d, false
	}
	return d, true
}

// flagWords returns the view's options as words.
func (v *view) flagWords() []parse.Word {
	out := make([]parse.Word, len(v.flags))
	for i, f := range v.flags {
		out[i] = parse.Word{Value: f}
	}
	return out
}

// findFilters are find's tests that choose some files: a find with one of
// them deletes only part of its starting points.
var findFilters = []string{"-name", "-iname", "-path", "-ipath", "-regex", "-iregex", "-newer", "-mtime", "-mmin", "-ctime",
	"-cmin", "-atime", "-amin", "-size", "-user", "-group", "-empty", "-wholename", "-iwholename", "-lname", "-ilname",
	"-perm", "-links", "-inum", "-samefile", "-uid", "-gid", "-nouser", "-nogroup", "-prune", "-not", "!", "-o", "-or", "(", "-newermt", "-used", "-readable", "-writable", "-executable", "-fstype", "-context", "-xtype"}

// findDeletes returns the starting points of a find that deletes
// everything under them: -delete, or -exec rm, with no test that chooses
// files. ok is false for a find that deletes nothing or only some files.
func findDeletes(inv *parse.Invocation) ([]parse.Word, bool) {
	roots, del, filtered := findScan(inv)
	if !del || filtered {
		return nil, false
	}
	return roots, true
}

// mvDeletes works out what a mv takes away from a repository: sources
// moved out of the work tree that holds them, and an existing file it
// replaces.
func mvDeletes(inv *parse.Invocation, v *view, p *blast.Probe) (deletion, bool) {
	var d deletion
	ops := v.operands
	target := ""
	flags := v.flagWords()
	for i, a := range inv.Args {
		if (a.Value == "-t" || a.Value == "--target-directory") && i+1 < len(inv.Args) {
			target = inv.Args[i+1].Value
		} else if t, ok := strings.CutPrefix(a.Value, "--target-directory="); ok {
			target = t
		}
	}
	if target == "" {
		if len(ops) < 2 {
			return d, false
		}
		target = ops[len(ops)-1].Value
		ops = ops[:len(ops)-1]
	} else {
		ops = slices.DeleteFunc(slices.Clone(ops), func(w parse.Word) bool { return w.Value == target })
	}
	srcs, ok := expandPaths(p, ops, inv.Dir)
	if !ok || disk.HasMeta(target) {
		return d, false
	}
	dst := resolvePath(target, inv.Dir)
	st, err := os.Stat(dst)
	dstDir := err == nil && st.IsDir()
	for _, src := range srcs {
		final := dst
		if dstDir {
			final = path.Join(dst, path.Base(src))
		}
		top := repoTop(src)
		if top == "" {
			continue
		}
		if final == "/dev/null" || !under(final, top) {
			d.paths = append(d.paths, src)
		}
	}
	if !dstDir && err == nil && !hasOpt(flags, "-n", "--no-clobber", "-b", "--backup") {
		// mv onto an existing file replaces it.
		d.paths = append(d.paths, dst)
	}
	return d, len(d.paths) > 0
}

// repoTop returns the nearest directory above p holding a .git, or "".
func repoTop(p string) string {
	for d := path.Dir(p); ; d = path.Dir(d) {
		if _, err := os.Lstat(path.Join(d, ".git")); err == nil {
			return d
		}
		if d == "/" || d == "." {
			return ""
		}
	}
}

// gitListDeletes handles rm run by xargs on the output of git ls-files:
// the files git lists go.
func gitListDeletes(inv *parse.Invocation, ctx *Context, p *blast.Probe) (deletion, bool) {
	var d deletion
	prev := ctx.prev
	if prev == nil || prev.Name != "git" || len(inv.Via) == 0 || !strings.HasPrefix(inv.Via[len(inv.Via)-1], "xargs") {
		return d, false
	}
	sub, rest := gitCommand(prev)
	if sub != "ls-files" || !pipedInto(ctx.text, prev, inv) {
		return d, false
	}
	before, after, _ := splitDash(rest)
	var words []parse.Word
	for _, w := range append(append([]parse.Word(nil), before...), after...) {
		if w.Dynamic {
			return d, false
		}
		if !strings.HasPrefix(w.Value, "-") {
			words = append(words, w)
		}
	}
	switch {
	case hasOpt(rest, "-o", "--others"):
		d.mode = blast.UntrackedOnly
	case hasOpt(rest, "-m", "--modified", "-d", "--deleted", "-i", "--ignored", "-u", "--unmerged", "-k", "--killed"):
		// Only some files: the radius would not be right.
		return d, false
	default:
		d.mode = blast.TrackedOnly
	}
	if len(words) == 0 {
		words = []parse.Word{{Value: "."}}
	}
	paths, ok := expandPaths(p, words, prev.Dir)
	if !ok {
		return d, false
	}
	d.paths = paths
	return d, true
}

// pipedInto reports whether the command text between two invocations is
// a pipe: git ls-files | xargs rm.
func pipedInto(text string, a, b *parse.Invocation) bool {
	if len(a.Via) > 0 || a.Pos.Offset <= 0 && a.Pos.Line == 0 {
		return false
	}
	start := a.Pos.Offset + len(a.Text)
	end := b.Pos.Offset
	if start > end || end > len(text) || start < 0 {
		return false
	}
	return strings.TrimSpace(text[start:end]) == "|"
}

// movedHere returns, for a target that is not there yet, the sources an
// earlier mv in the same command moves there: mv src old && rm -rf old
// deletes what src holds.
func (ctx *Context) movedHere(target string) []string {
	var out []string
	for _, prev := range ctx.prior {
		if prev.Name != "mv" || len(prev.Args) < 3 || prev.Dir == "" {
			continue
		}
		var ops []string
		for _, a := range prev.Args[1:] {
			if !strings.HasPrefix(a.Value, "-") && !a.Dynamic {
				ops = append(ops, resolvePath(a.Value, prev.Dir))
			}
		}
		if len(ops) < 2 {
			continue
		}
		dst := ops[len(ops)-1]
		for _, src := range ops[:len(ops)-1] {
			for _, final := range []string{dst, path.Join(dst, path.Base(src))} {
				if under(target, final) {
					out = append(out, src+strings.TrimPrefix(target, final))
				}
			}
		}
	}
	return out
}

// deleteVerdict judges what an invocation deletes, once per invocation.
func (v *view) deleteVerdict(inv *parse.Invocation, ctx *Context) (blast.Verdict, bool) {
	if v.deleted != nil {
		return *v.deleted, true
	}
	p := ctx.probe(inv)
	if p == nil {
		return blast.Verdict{}, false
	}
	d, ok := deletes(inv, v, ctx, p)
	if !ok || len(d.paths) == 0 {
		return blast.Verdict{}, false
	}
	if len(ctx.prior) > 0 {
		var more []string
		for _, t := range d.paths {
			if _, err := os.Lstat(t); err != nil {
				more = append(more, ctx.movedHere(t)...)
			}
		}
		d.paths = append(d.paths, more...)
	}
	verdict := p.Delete(d.paths, inv.Dir, d.mode)
	if d.upTo && verdict.Radius != nil {
		verdict.Radius.Summary = "up to " + verdict.Radius.Summary
	}
	if verdict.Radius != nil && (inv.Name == "shred" || inv.Name == "wipe" || inv.Name == "srm") {
		verdict.Radius.InPlace = true
	}
	v.deleted = &verdict
	return verdict, true
}

// stateDeleteWork matches a deletion that takes work git cannot bring
// back: uncommitted changes, untracked files, a repository's history.
func stateDeleteWork(r *Rule, inv *parse.Invocation, v *view, ctx *Context) stateResult {
	verdict, ok := v.deleteVerdict(inv, ctx)
	if !ok || !verdict.Known {
		return stateResult{blast: verdict.Radius}
	}
	return stateResult{known: true, match: verdict.Work, detail: verdict.Radius.Summary, blast: verdict.Radius}
}

// stateDeleteMany matches a deletion of clean tracked files that git
// could bring back, but of a whole top-level directory or many files.
func stateDeleteMany(r *Rule, inv *parse.Invocation, v *view, ctx *Context) stateResult {
	verdict, ok := v.deleteVerdict(inv, ctx)
	if !ok || !verdict.Known {
		return stateResult{blast: verdict.Radius}
	}
	return stateResult{known: true, match: !verdict.Work && verdict.Many, detail: verdict.Radius.Summary, blast: verdict.Radius}
}

// fileBlast gives a finding of a rule that destroys files its radius,
// for rules that have no state check of their own.
func fileBlast(inv *parse.Invocation, v *view, ctx *Context) *blast.Radius {
	verdict, ok := v.deleteVerdict(inv, ctx)
	if !ok {
		return nil
	}
	return verdict.Radius
}

// --- git commands that discard work ---

func fromVerdict(verdict blast.Verdict) stateResult {
	if !verdict.Known {
		return stateResult{}
	}
	return stateResult{known: true, match: verdict.Lost, detail: verdict.Radius.Summary, blast: verdict.Radius}
}

// stateResetHard: git reset --hard [REV] loses uncommitted changes to
// tracked files, and commits only the current branch holds when REV is
// behind it.
func stateResetHard(r *Rule, inv *parse.Invocation, v *view, ctx *Context) stateResult {
	p := ctx.gitProbe(inv)
	if p == nil {
		return stateResult{}
	}
	_, rest := gitCommand(inv)
	before, _, _ := splitDash(rest)
	ops, ok := plainOperands(before)
	if !ok {
		return stateResult{}
	}
	res := fromVerdict(p.Discard(inv.Dir, nil, blast.WorkTreeAndIndex))
	if !res.known || len(ops) == 0 {
		return res
	}
	n, ref, ok := p.ResetCommits(inv.Dir, ops[0])
	if !ok {
		return stateResult{blast: res.blast}
	}
	res.blast.Refs = append(res.blast.Refs, ref)
	if n > 0 {
		s := strings.TrimPrefix(ref.Name, "refs/heads/") + " would lose " + commits(n) + " no other branch holds (the reflog keeps them for a while)"
		if res.match {
			s = res.blast.Summary + "; " + s
		}
		res.blast.Summary, res.blast.Commits, res.detail, res.match = s, n, s, true
	}
	return res
}

func commits(n int) string {
	if n == 1 {
		return "1 commit"
	}
	return strconv.Itoa(n) + " commits"
}

// stateCheckout: git checkout [REV] -- PATHS overwrites the paths'
// uncommitted changes, from the index or, with REV, from that commit.
func stateCheckout(r *Rule, inv *parse.Invocation, v *view, ctx *Context) stateResult {
	p := ctx.gitProbe(inv)
	if p == nil {
		return stateResult{}
	}
	sub, rest := gitCommand(inv)
	before, after, dash := splitDash(rest)
	ops, ok := plainOperands(before, "-b", "-B", "--orphan", "--conflict", "--pathspec-from-file")
	if !ok || hasOpt(before, "-b", "-B", "--orphan", "--pathspec-from-file", "-p", "--patch") {
		return stateResult{}
	}
	paths, ok := plainOperands(after)
	if !ok {
		return stateResult{}
	}
	mode := blast.WorkTree
	switch {
	case sub == "restore":
		return stateRestore(r, inv, v, ctx)
	case dash && len(ops) > 0:
		mode = blast.WorkTreeAndIndex
	case dash:
	case len(ops) == 0:
		return stateResult{}
	default:
		// No --: git takes a first word that names a revision as one.
		repo, err := p.Repo(inv.Dir)
		if err != nil {
			return stateResult{}
		}
		if repo.RevParse(ops[0]) != "" {
			if len(ops) == 1 {
				// A switch to another branch carries changes along.
				return stateResult{known: true}
			}
			mode, paths = blast.WorkTreeAndIndex, ops[1:]
		} else {
			paths = ops
		}
	}
	if len(paths) == 0 {
		return stateResult{}
	}
	expanded, ok := gitPaths(p, after, paths, inv.Dir)
	if !ok {
		return stateResult{}
	}
	return fromVerdict(p.Discard(inv.Dir, expanded, mode))
}

// gitPaths expands glob words among git path operands.
func gitPaths(p *blast.Probe, words []parse.Word, paths []string, dir string) ([]string, bool) {
	var out []string
	for _, s := range paths {
		w := parse.Word{Value: s}
		for _, x := range words {
			if x.Value == s {
				w = x
			}
		}
		if w.Glob {
			e := p.Glob(s, dir)
			if e.Over {
				return nil, false
			}
			if len(e.Paths) > 0 {
				out = append(out, e.Paths...)
				continue
			}
		}
		out = append(out, s)
	}
	return out, true
}

// stateRestore: git restore PATHS overwrites work-tree changes from the
// index; with --source, --staged and --worktree, both from a commit.
func stateRestore(r *Rule, inv *parse.Invocation, v *view, ctx *Context) stateResult {
	p := ctx.gitProbe(inv)
	if p == nil {
		return stateResult{}
	}
	// git restore's own options, read as git reads them (gitopts.go):
	// clusters, abbreviations, values.
	c := readGit(inv)
	if c.sub != "restore" || c.dynamic || c.has("patch", "pathspec-from-file") {
		return stateResult{}
	}
	staged := c.has("staged")
	if staged && !c.has("worktree") {
		return stateResult{known: true}
	}
	mode := blast.WorkTree
	if staged || c.has("source") {
		mode = blast.WorkTreeAndIndex
	}
	words := c.operands()
	var ops []string
	for _, w := range words {
		if w.Dynamic {
			return stateResult{}
		}
		ops = append(ops, w.Value)
	}
	if len(ops) == 0 {
		return stateResult{}
	}
	paths, ok := gitPaths(p, words, ops, inv.Dir)
	if !ok {
		return stateResult{}
	}
	return fromVerdict(p.Discard(inv.Dir, paths, mode))
}

// stateCheckoutForce: git checkout -f and git switch --discard-changes
// throw away every uncommitted change to tracked files.
func stateCheckoutForce(r *Rule, inv *parse.Invocation, v *view, ctx *Context) stateResult {
	p := ctx.gitProbe(inv)
	if p == nil {
		return stateResult{}
	}
	return fromVerdict(p.Discard(inv.Dir, nil, blast.WorkTreeAndIndex))
}

// stateClean: git clean -f deletes untracked files, worked out from git
// status without running git clean.
func stateClean(r *Rule, inv *parse.Invocation, v *view, ctx *Context) stateResult {
	p := ctx.gitProbe(inv)
	if p == nil {
		return stateResult{}
	}
	_, rest := gitCommand(inv)
	if hasOpt(rest, "-i", "--interactive") {
		return stateResult{}
	}
	c := blast.Clean{Dirs: hasOpt(rest, "-d"), Ignored: hasOpt(rest, "-x"), OnlyIgnored: hasOpt(rest, "-X")}
	before, after, _ := splitDash(rest)
	ops, ok := plainOperands(append(append([]parse.Word(nil), before...), after...), "-e", "--exclude")
	if !ok {
		return stateResult{}
	}
	paths, ok := gitPaths(p, rest, ops, inv.Dir)
	if !ok {
		return stateResult{}
	}
	return fromVerdict(p.Clean(inv.Dir, paths, c))
}

// stateStash: git stash clear drops every entry, git stash drop one.
func stateStash(r *Rule, inv *parse.Invocation, v *view, ctx *Context) stateResult {
	p := ctx.gitProbe(inv)
	if p == nil {
		return stateResult{}
	}
	_, rest := gitCommand(inv)
	ops, ok := plainOperands(rest)
	if !ok || len(ops) == 0 {
		return stateResult{}
	}
	switch ops[0] {
	case "clear":
		return fromVerdict(p.Stash(inv.Dir, true, 0))
	case "drop":
		n := 0
		if len(ops) > 1 {
			s := strings.TrimSuffix(strings.TrimPrefix(ops[1], "stash@{"), "}")
			var err error
			if n, err = strconv.Atoi(s); err != nil || n < 0 {
				return stateResult{}
			}
		}
		return fromVerdict(p.Stash(inv.Dir, false, n))
	}
	return stateResult{}
}

// stateBranchDelete: git branch -D loses the commits no other branch,
// tag or remote-tracking ref holds.
func stateBranchDelete(r *Rule, inv *parse.Invocation, v *view, ctx *Context) stateResult {
	p := ctx.gitProbe(inv)
	if p == nil || hasOpt(inv.Args, "-r", "--remotes") {
		return stateResult{}
	}
	_, rest := gitCommand(inv)
	names, ok := plainOperands(rest)
	if !ok || len(names) == 0 {
		return stateResult{}
	}
	return fromVerdict(p.Branches(inv.Dir, names))
}

// stateWorktreeRemove: git worktree remove --force loses the work tree's
// uncommitted changes and untracked files.
func stateWorktreeRemove(r *Rule, inv *parse.Invocation, v *view, ctx *Context) stateResult {
	p := ctx.gitProbe(inv)
	if p == nil {
		return stateResult{}
	}
	_, rest := gitCommand(inv)
	ops, ok := plainOperands(rest)
	if !ok || len(ops) != 2 || ops[0] != "remove" {
		return stateResult{}
	}
	return fromVerdict(p.WorktreeRemove(resolvePath(ops[1], inv.Dir)))
}

// --- git push ---

// resolvePushTargets fills in, from the repository, the remote and the
// remote branch of targets that name neither: git push -f pushes the
// current branch to its upstream.
func resolvePushTargets(inv *parse.Invocation, ctx *Context, ps *pushSpec) {
	p := ctx.gitProbe(inv)
	if p == nil || ps.all || ps.mirror {
		return
	}
	repo, err := p.Repo(inv.Dir)
	if err != nil {
		return
	}
	cur := ""
	for i := range ps.targets {
		t := &ps.targets[i]
		if t.branch != "" || t.src == "-" {
			continue
		}
		if cur == "" {
			if cur = repo.CurrentBranch(); cur == "" {
				return
			}
		}
		if t.src != "" && t.src != "HEAD" && t.src != "@" {
			// git push origin topic:HEAD and the like: leave it unknown.
			continue
		}
		dst := cur
		if m := repo.Config("branch." + cur + ".merge"); m != "" && repo.Config("push.default") == "upstream" {
			dst = strings.TrimPrefix(m, "refs/heads/")
		}
		t.branch = dst
		t.src = cur
	}
	if ps.remote == "" {
		if cur == "" {
			cur = repo.CurrentBranch()
		}
		for _, key := range []string{"branch." + cur + ".pushRemote", "remote.pushDefault", "branch." + cur + ".remote"} {
			if cur == "" && strings.HasPrefix(key, "branch.") {
				continue
			}
			if r := repo.Config(key); r != "" {
				ps.remote = r
				break
			}
		}
		if ps.remote == "" {
			ps.remote = "origin"
		}
	}
}

// statePush says what a force push or a remote branch deletion takes
// from the remote, as of the last fetch. A rule for protected branches
// always matches and only adds that; the others match when commits would
// be lost.
func statePush(r *Rule, inv *parse.Invocation, v *view, ctx *Context) stateResult {
	p := ctx.gitProbe(inv)
	if p == nil {
		return stateResult{}
	}
	kind, _ := r.With["kind"].(string)
	scope, _ := r.With["scope"].(string)
	lease := true
	if l, ok := r.With["lease"].(bool); ok {
		lease = l
	}
	protected := defaultProtected
	if list, ok := r.With["protected"].([]any); ok {
		protected = nil
		for _, x := range list {
			if s, ok := x.(string); ok {
				protected = append(protected, s)
			}
		}
	}
	if kind == "" {
		kind = "force"
	}
	if scope == "" {
		scope = "protected"
	}
	ps, ok := parsePush(v, lease)
	if !ok || ps.all || ps.mirror || kind == "mirror" {
		return stateResult{}
	}
	resolvePushTargets(inv, ctx, &ps)
	total := &blast.Radius{}
	lost := false
	seen := false
	for _, t := range ps.targets {
		if !(kind == "force" && t.force || kind == "delete" && t.del) {
			continue
		}
		isProtected := t.branch == "" || matchAny(protected, t.branch)
		if scope == "protected" && !isProtected || scope == "other" && isProtected {
			continue
		}
		if t.branch == "" || t.src == "-" {
			return stateResult{}
		}
		src := t.src
		if src == "" {
			src = t.branch
		}
		verdict := p.Push(inv.Dir, ps.remote, t.branch, src, t.del)
		if !verdict.Known {
			return stateResult{}
		}
		seen = true
		lost = lost || verdict.Lost
		total.Merge(verdict.Radius)
	}
	if !seen {
		return stateResult{}
	}
	match := lost || scope != "other"
	return stateResult{known: true, match: match, detail: total.Summary, blast: total}
}
