package rules

import (
	"os"
	"path"
	"slices"
	"strings"

	"github.com/guardsh/guard/internal/blast"
	"github.com/guardsh/guard/internal/disk"
	"github.com/guardsh/guard/internal/parse"
	"github.com/guardsh/guard/internal/wordlist"
)

// This file holds the state checks of deletions: what rm, find, mv, git rm
// and their kind would delete, judged by what git holds of the targets.

// deletion is what one invocation deletes.
type deletion struct {
	paths []string
	mode  blast.DeleteMode
	// upTo reports that the command deletes some of what is under the
	// paths (rsync --delete), so the radius is the most it takes.
	upTo bool
}

const rmLike = "rm unlink rimraf del del-cli rmtrash premove shred srm wipe"

// deletes works out what an invocation deletes from the disk, with
// bash's glob expansion. ok is false when guard cannot say (a path only
// known at run time).
func deletes(inv *parse.Invocation, v *view, ctx *Context, p *blast.Probe) (deletion, bool) {
	var d deletion
	switch {
	case wordlist.Has(rmLike, inv.Name):
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
		paths, ok := expandPaths(p, codeWalks(words, inv), inv.Dir)
		if !ok {
			return d, false
		}
		paths, ok = walkPaths(p, paths, words, inv)
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
			d.paths, ok = findNamed(inv, p)
			return d, ok
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
const findFilters = "-name -iname -path -ipath -regex -iregex -newer -mtime -mmin -ctime -cmin -atime -amin -size " +
	"-user -group -empty -wholename -iwholename -lname -ilname -perm -links -inum -samefile -uid -gid " +
	"-nouser -nogroup -prune -not ! -o -or ( -newermt -used -readable -writable -executable -fstype " +
	"-context -xtype"

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
// a pipe: git ls-files | xargs rm, sudo find ... | xargs rm.
func pipedInto(text string, a, b *parse.Invocation) bool {
	if !wrappedOnly(a.Via) || a.Pos.Offset <= 0 && a.Pos.Line == 0 {
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

// plainWrappers run the program they are given as it is, in the same
// statement: what the program writes is what the wrapper writes.
var plainWrappers = []string{"sudo", "doas", "env", "nice", "ionice", "timeout", "nohup", "stdbuf", "time", "command", "chrt", "taskset", "runuser", "sudo -u", "setpriv"}

// wrappedOnly reports whether an invocation is at the top of its
// statement or only inside plain wrappers (sudo find), so that its text
// and position are the statement's.
func wrappedOnly(via []string) bool {
	for _, v := range via {
		name, _, _ := strings.Cut(v, " ")
		if !slices.Contains(plainWrappers, path.Base(name)) {
			return false
		}
	}
	return true
}
