package rules

import (
	"os"
	"path"
	"slices"
	"strings"

	"github.com/guardsh/guard/internal/parse"
	"github.com/guardsh/guard/internal/wordlist"
	"github.com/guardsh/guard/internal/writes"
)

// This file holds the matchers and state checks for deletion and
// emptying inside the project: a recursive deletion of a project
// directory that is not build output, a find that deletes source files,
// a file emptied in place, a redirect that empties the file its own
// command reads, a find that selects .git directories to delete, rm fed
// by ls through xargs, and a download that overwrites a system file.

// disposable reports whether a path inside the project is, or is under,
// something the rule's list names as build output or a cache
// (node_modules, dist, *.pyc): a pattern matches any component, a name
// with a slash a directory of that name and a component in it matching
// what follows the slash (charts/*.tgz).
func disposable(p string, names []string) bool {
	parts := strings.Split(path.Clean(p), "/")
	for i, part := range parts {
		for _, n := range names {
			if part == n {
				return true
			}
			if dir, base, two := strings.Cut(n, "/"); two {
				// charts/*.tgz: two consecutive components.
				if i+1 < len(parts) && part == dir {
					if ok, _ := path.Match(base, parts[i+1]); ok {
						return true
					}
				}
				continue
			}
			if ok, _ := path.Match(n, part); ok && strings.ContainsAny(n, "*?[") {
				return true
			}
		}
	}
	return false
}

// looksLikeFile reports whether a path's last component has an extension
// (notes.txt, app.tar.gz), so that rm -r of it most likely removes one file.
func looksLikeFile(p string) bool {
	b := path.Base(path.Clean(p))
	i := strings.LastIndexByte(b, '.')
	return i > 0 && i < len(b)-1 && !strings.ContainsAny(b, "*?[")
}

// projectPath reports whether an operand is a path under the working
// directory, by its text, that is not disposable: not a cache, a
// temporary file, a .git (other rules judge those) or a name in names.
func projectPath(w parse.Word, at place, ctx *Context, names []string) bool {
	if w.Dynamic || w.Value == "" {
		return false
	}
	c := classify(w, at, ctx)
	if c&classInside != 0 && at.base != "" && !isTempRoot(path.Clean(at.base)) {
		// A project kept under /tmp is a project all the same.
		c &^= classTemp
	}
	if c&classInside == 0 || c&(classTemp|classCache|classGitDir|classOutside|classSystem|classDynamic) != 0 {
		return false
	}
	rel := w.Value
	if abs, ok := resolve(w.Value, at.dir); ok && at.base != "" {
		r, ok := strings.CutPrefix(abs, path.Clean(at.base)+"/")
		if !ok {
			return false
		}
		rel = r
	}
	return !disposable(rel, names) && !engineOutput(w, at, ctx)
}

// newProjectTree matches a deletion of a whole project directory by the
// command's text: rm -r (and rimraf and the like) of a relative path that
// is not build output, or a find under the project that deletes source
// files (-name '*.go') or everything under a directory.
func newProjectTree(with map[string]any) (matchFunc, error) {
	p := newParams(with)
	names := p.strings("disposable")
	sources := p.strings("sources")
	recursive := p.strings("recursive")
	code := p.strings("code")
	if err := p.done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		if inv.Remote != "" {
			return "", false
		}
		at := placeOf(inv, ctx)
		switch {
		case v.name == "find" || v.name == "gfind":
			roots, del, filtered := findScan(inv)
			if !del {
				return "", false
			}
			src := findSelects(inv, sources)
			if src == "" {
				src = findDirs(inv, names)
			}
			tested := filtered
			if findNegates(inv) {
				// find ! -name keep.txt -delete deletes all but a few.
				filtered, src = false, ""
			}
			if filtered && src == "" {
				return "", false
			}
			for _, r := range roots {
				c := classify(r, at, ctx)
				if c&classCwd != 0 && !tested {
					// fs.find-delete-all asks for find . -delete.
					continue
				}
				if c&classCwd != 0 && !r.Dynamic || projectPath(r, at, ctx, names) {
					if src != "" {
						return "find deletes what " + parse.Quote(src) + " matches under " + parse.Quote(r.Value) + ", not build output", true
					}
					return "find deletes everything under the project directory " + parse.Quote(r.Value), true
				}
			}
		case v.name == "fd" || v.name == "fdfind":
			if fdRemoves(inv) {
				if d := fdDeletesSource(inv, ctx, sources, names); d != "" {
					return d, true
				}
			}
		case v.name == "mv":
			// Moved into a temporary directory, a project directory is
			// deleted later, at the next clean-up or reboot.
			sources, dest, ok := transferOperands(inv, v)
			if !ok || dest.Dynamic {
				return "", false
			}
			if dc := classify(dest, at, ctx); dc&classTemp == 0 || dc&(classInside|classCwd) != 0 {
				return "", false
			}
			for _, w := range sources {
				if !looksLikeFile(w.Value) && projectPath(w, at, ctx, names) {
					return "mv moves the project directory " + parse.Quote(w.Value) + " into the temporary " + parse.Quote(dest.Value), true
				}
			}
		case wordlist.Has(rmLike, v.name):
			if l := ctx.lister(inv); l != nil && (l.Name == "fd" || l.Name == "fdfind") {
				if d := fdDeletesSource(l, ctx, sources, names); d != "" {
					return "xargs " + v.name + ": " + d, true
				}
			}
			if l := ctx.lister(inv); l != nil && (l.Name == "find" || l.Name == "gfind") {
				roots, _, filtered := findScan(l)
				src := findSelects(l, sources)
				lat := placeOf(l, ctx)
				for _, r := range roots {
					if src != "" && (classify(r, lat, ctx)&classCwd != 0 && !r.Dynamic || projectPath(r, lat, ctx, names)) {
						return "xargs " + v.name + " deletes the source files " + parse.Quote(src) + " find lists under " + parse.Quote(r.Value), true
					}
					if !filtered && classify(r, lat, ctx)&classCwd != 0 && !r.Dynamic {
						return "xargs " + v.name + " deletes every file find lists under the working directory " + parse.Quote(r.Value), true
					}
					if !filtered && projectPath(r, lat, ctx, names) {
						return "xargs " + v.name + " deletes what find lists under the project directory " + parse.Quote(r.Value), true
					}
				}
			}
			for _, w := range v.operands {
				if w.Glob && !w.Dynamic && sourceName(path.Base(w.Value), code) && projectPath(w, at, ctx, names) {
					return parse.Quote(w.Value) + " matches the project's source files; nothing brings them back without git", true
				}
				if w.Glob && !w.Dynamic && treeGlob(path.Base(w.Value)) && path.Dir(path.Clean(w.Value)) != "." && projectPath(w, at, ctx, names) {
					return parse.Quote(w.Value) + " matches every file of a project directory; nothing brings them back without git", true
				}
			}
			if v.name == "rm" && !hasOpt(v.flagWords(), "-r", "-R", "--recursive") {
				return "", false
			}
			if v.name != "rm" && !slices.Contains(recursive, v.name) {
				return "", false
			}
			for _, w := range v.operands {
				if strings.Contains(w.Value, "{}") || looksLikeFile(w.Value) {
					continue
				}
				if projectPath(w, at, ctx, names) {
					return parse.Quote(w.Value) + " is a project directory that is not build output; nothing brings it back without git", true
				}
			}
		}
		return "", false
	}, nil
}

// findDirs returns the name pattern of a find that deletes whole
// directories (-type d) by a name that is not disposable
// (-name 'test*'), or "": -name __pycache__ passes.
func findDirs(inv *parse.Invocation, names []string) string {
	args := inv.Args[1:]
	dirs := false
	for i := 0; i+1 < len(args); i++ {
		if args[i].Value == "-type" && strings.Contains(args[i+1].Value, "d") {
			dirs = true
		}
	}
	if !dirs {
		return ""
	}
	for i := 0; i+1 < len(args); i++ {
		switch args[i].Value {
		case "-name", "-iname":
			if i > 0 && (args[i-1].Value == "!" || args[i-1].Value == "-not") {
				continue
			}
			pat := args[i+1].Value
			if !args[i+1].Dynamic && !disposable(pat, names) && !wordlist.Has(protectedDirNames, pat) {
				return pat
			}
		}
	}
	return ""
}

// protectedDirNames are judged by fs.find-delete-history, not here.
const protectedDirNames = ".git .hg .svn"

// findNegates reports whether a find's name tests are all negated
// (! -name keep.txt), so that it deletes everything but what they name.
// One name test that is not negated (! -path './.git/*' -name '*.pyc')
// narrows the find again.
func findNegates(inv *parse.Invocation) bool {
	args := inv.Args[1:]
	neg := false
	for i, a := range args {
		switch a.Value {
		case "-name", "-iname", "-path", "-ipath", "-wholename", "-regex", "-iregex":
			if i > 0 && (args[i-1].Value == "!" || args[i-1].Value == "-not") {
				neg = true
			} else {
				return false
			}
		}
	}
	return neg
}

// sourceName reports whether a file name or pattern (*.go, main.py)
// ends in one of the code patterns.
func sourceName(base string, code []string) bool {
	for _, c := range code {
		if strings.HasSuffix(strings.ToLower(base), strings.TrimPrefix(c, "*")) {
			return true
		}
	}
	return false
}

// findSelects returns the name pattern of a find that selects source
// files by a pattern in sources (*.go), or "".
func findSelects(inv *parse.Invocation, sources []string) string {
	args := inv.Args[1:]
	for i := 0; i+1 < len(args); i++ {
		switch args[i].Value {
		case "-regex", "-iregex":
			if i > 0 && (args[i-1].Value == "!" || args[i-1].Value == "-not") {
				continue
			}
			// .*\.go$ ends in a source extension.
			re := strings.TrimSuffix(strings.ReplaceAll(args[i+1].Value, "\\.", "."), "$")
			for _, s := range sources {
				if strings.HasSuffix(strings.ToLower(re), strings.TrimPrefix(s, "*")) {
					return args[i+1].Value
				}
			}
		case "-name", "-iname", "-path", "-ipath", "-wholename":
			if i > 0 && (args[i-1].Value == "!" || args[i-1].Value == "-not") {
				continue
			}
			pat := args[i+1].Value
			base := path.Base(pat)
			if base == "*" || base == "*.*" {
				return pat
			}
			for _, s := range sources {
				if strings.EqualFold(base, s) {
					return pat
				}
				if ok, _ := path.Match(base, "x"+strings.TrimPrefix(s, "*")); ok && strings.HasPrefix(base, "*") {
					return pat
				}
			}
		}
	}
	return ""
}

// emptied returns the files an invocation empties in place, and how: a
// redirect of no output (: > f, cat /dev/null > f; a bare > f only with
// bare), truncate to size 0, cp /dev/null f.
func emptied(inv *parse.Invocation, v *view, bare bool) (files []parse.Word, how string) {
	if silent(inv, v) && (bare || v.name != "") {
		for _, rd := range inv.Redirs {
			if rd.Truncates() && !strings.HasPrefix(rd.Target.Value, "/dev/") && !strings.HasPrefix(rd.Target.Value, "&") && rd.Target.Value != "" {
				files = append(files, rd.Target)
			}
		}
		if len(files) > 0 {
			return files, "it empties"
		}
	}
	if fs, how := inPlaceEmpties(inv); fs != nil {
		return fs, how
	}
	switch v.name {
	case "truncate":
		if fs, ok := truncateFiles(inv); ok {
			return fs, "truncate empties"
		}
	case "cp":
		if len(v.operands) == 2 && v.operands[0].Value == "/dev/null" && (bare || !placeholder(v.operands[1].Value)) {
			return v.operands[1:], "cp /dev/null empties"
		}
	case "dd":
		var of []parse.Word
		null, notrunc := false, false
		for _, a := range inv.Args[1:] {
			switch {
			case a.Value == "if=/dev/null":
				null = true
			case strings.HasPrefix(a.Value, "of="):
				of = append(of, parse.Word{Value: a.Value[3:], Dynamic: a.Dynamic, Glob: a.Glob})
			case strings.HasPrefix(a.Value, "conv=") && strings.Contains(a.Value, "notrunc"):
				notrunc = true
			}
		}
		if null && !notrunc {
			return of, "dd if=/dev/null empties"
		}
	case "tee":
		if slices.ContainsFunc(inv.Redirs, func(r parse.Redirect) bool { return r.Op == "<" && r.Target.Value == "/dev/null" }) && !slices.Contains(v.flags, "-a") && !slices.Contains(v.flags, "--append") {
			return v.operands, "tee of no input empties"
		}
	}
	return nil, ""
}

// placeholder reports whether a file name is one people make empty on
// purpose (.gitkeep, empty.txt), so that cp /dev/null to it makes rather
// than empties it.
func placeholder(p string) bool {
	b := strings.ToLower(path.Base(p))
	return b == ".gitkeep" || b == ".keep" || b == "__init__.py" || strings.HasPrefix(b, "empty") || strings.HasPrefix(b, "placeholder")
}

// newProjectEmpties matches emptying a file under the working directory
// that is not disposable (a log, build output).
func newProjectEmpties(with map[string]any) (matchFunc, error) {
	p := newParams(with)
	names := p.strings("disposable")
	code := p.strings("code")
	if err := p.done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		if inv.Remote != "" {
			return "", false
		}
		files, how := emptied(inv, v, true)
		explicit, _ := emptied(inv, v, false)
		at := placeOf(inv, ctx)
		for _, w := range files {
			if ctx.State == nil && !slices.Contains(explicit, w) && (placeholder(w.Value) || !sourceName(path.Base(w.Value), code)) {
				// > f and cp /dev/null f mostly make an empty file: without
				// the state, only a source file's name makes them ask.
				continue
			}
			if projectPath(w, at, ctx, names) {
				return how + " " + parse.Quote(w.Value) + ", a project file", true
			}
		}
		return "", false
	}, nil
}

// stateEmptyWork matches emptying a file whose content git cannot bring
// back: outside a repository, untracked or with uncommitted changes. A
// file that is not there loses nothing.
func stateEmptyWork(r *Rule, inv *parse.Invocation, v *view, ctx *Context) stateResult {
	p := ctx.probe(inv)
	if p == nil {
		return stateResult{}
	}
	files, _ := emptied(inv, v, true)
	var paths []string
	for _, w := range files {
		if w.Dynamic || w.Glob {
			return stateResult{}
		}
		q := resolvePath(w.Value, inv.Dir)
		if st, err := os.Stat(q); err == nil && st.Mode().IsRegular() && st.Size() > 0 {
			paths = append(paths, q)
		}
	}
	if len(paths) == 0 {
		return stateResult{known: true}
	}
	verdict := p.Delete(paths, inv.Dir, 0)
	if !verdict.Known {
		return stateResult{blast: verdict.Radius}
	}
	lost := verdict.Work || !verdict.InRepo && verdict.Radius.Files > 0
	return stateResult{known: true, match: lost, detail: verdict.Radius.Summary, blast: verdict.Radius}
}

// stateDeleteDisk matches a deletion of files outside any git repository,
// which nothing brings back. A target that is not there is judged by the
// text, as when the state cannot be read.
func stateDeleteDisk(r *Rule, inv *parse.Invocation, v *view, ctx *Context) stateResult {
	verdict, ok := v.deleteVerdict(inv, ctx)
	if !ok {
		return stateResult{}
	}
	if !verdict.Known {
		return stateResult{blast: verdict.Radius}
	}
	if rd := verdict.Radius; int(rd.Files)+rd.Nested+rd.Tracked+rd.Untracked+rd.Modified+rd.Staged+rd.Ignored == 0 {
		for _, q := range verdict.Radius.Paths {
			if _, err := os.Lstat(q); err != nil {
				return stateResult{blast: verdict.Radius}
			}
		}
	}
	// In a repository, the git rules (fs.rm-work, fs.rm-tracked) judge the
	// deletion, also after an earlier part of the command changed it.
	return stateResult{known: true, match: verdict.Radius.Files > 0, final: verdict.Radius.Files == 0, detail: verdict.Radius.Summary, blast: verdict.Radius}
}

// newClobbersInput matches a command whose redirect empties a file the
// same command reads: sort f > f, jq . x.json > x.json. The shell empties
// the file before the program starts, so the program reads nothing and
// the content is gone.
func newClobbersInput(with map[string]any) (matchFunc, error) {
	if err := newParams(with).done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		switch v.name {
		case "", "echo", "printf", ":", "true", "false", "touch", "mkdir", "test", "[":
			return "", false
		}
		var reads []string
		for _, w := range v.operands {
			if !w.Dynamic && w.Value != "" && !strings.HasPrefix(w.Value, "/dev/") {
				reads = append(reads, path.Clean(w.Value))
			}
		}
		for _, rd := range inv.Redirs {
			if rd.Op == "<" && !rd.Target.Dynamic {
				reads = append(reads, path.Clean(rd.Target.Value))
			}
		}
		// cat f | jq . > f: the programs earlier in the pipe read while
		// the shell empties the file.
		next := inv
		for i := len(ctx.before) - 1; i >= 0 && pipedInto(ctx.text, ctx.before[i], next); i-- {
			next = ctx.before[i]
			for _, w := range next.Args[min(1, len(next.Args)):] {
				if !w.Dynamic && w.Value != "" && !strings.HasPrefix(w.Value, "-") && !strings.HasPrefix(w.Value, "/dev/") {
					reads = append(reads, path.Clean(w.Value))
				}
			}
			for _, rd := range next.Redirs {
				if rd.Op == "<" && !rd.Target.Dynamic {
					reads = append(reads, path.Clean(rd.Target.Value))
				}
			}
		}
		for _, rd := range inv.Redirs {
			t := rd.Target
			if !rd.Truncates() || t.Dynamic || t.Value == "" || strings.HasPrefix(t.Value, "/dev/") || strings.HasPrefix(t.Value, "&") {
				continue
			}
			if slices.Contains(reads, path.Clean(t.Value)) {
				return "the redirect empties " + parse.Quote(t.Value) + " before " + v.name + " reads it", true
			}
		}
		return "", false
	}, nil
}

// newFindRemovesNamed matches a find that deletes what it finds when a
// name test selects one of names (.git): find . -name .git -exec rm -rf.
func newFindRemovesNamed(with map[string]any) (matchFunc, error) {
	p := newParams(with)
	names := p.strings("names")
	if err := p.done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		if _, del, _ := findScan(inv); !del {
			return "", false
		}
		args := inv.Args[1:]
		for i := 0; i+1 < len(args); i++ {
			switch args[i].Value {
			case "-name", "-iname", "-path", "-ipath", "-wholename", "-regex":
				pat := strings.Trim(path.Base(args[i+1].Value), "^$\\")
				for _, n := range names {
					if strings.EqualFold(pat, n) || strings.EqualFold(strings.ReplaceAll(pat, "\\.", "."), n) {
						return "find selects " + parse.Quote(n) + " to delete", true
					}
				}
			}
		}
		return "", false
	}, nil
}

// listers are programs whose output names paths, one per line.
const listers = "ls find gfind printf echo fd fdfind"

// lineFilters pass on some of the lines they read: ls | tail -n +5 |
// xargs rm deletes some of what ls lists.
const lineFilters = "tail head sort grep egrep fgrep rg uniq awk sed cut tr cat tac shuf"

// lister returns, for a program run by xargs at the end of a pipe, the
// lister at the start of the pipe (ls, find, printf), through filters
// that pass on some lines (tail, grep, sort), or nil.
func (ctx *Context) lister(inv *parse.Invocation) *parse.Invocation {
	if !slices.ContainsFunc(inv.Via, func(s string) bool { return strings.HasPrefix(s, "xargs") }) && !readsLines(inv) {
		return nil
	}
	return ctx.pipeLister(inv)
}

// pipeLister returns the lister at the start of the pipe that feeds inv,
// through filters that pass on some lines, or nil.
func (ctx *Context) pipeLister(inv *parse.Invocation) *parse.Invocation {
	next := inv
	for i := len(ctx.before) - 1; i >= 0; i-- {
		prev := ctx.before[i]
		if next == inv && prev.Pos == inv.Pos && readsLines(inv) {
			// The interpreter whose code deletes: its own stdin.
			next = prev
			continue
		}
		if !pipedInto(ctx.text, prev, next) {
			return nil
		}
		name := path.Base(prev.Name)
		if wordlist.Has(listers, name) || treeLister(prev) != "" || lustreFind(prev) {
			return prev
		}
		if !wordlist.Has(lineFilters, name) {
			return nil
		}
		next = prev
	}
	return nil
}

// lustreFind reports whether inv is Lustre's `lfs find`, which takes
// find's grammar and lists what it finds.
func lustreFind(inv *parse.Invocation) bool {
	return path.Base(inv.Name) == "lfs" && len(inv.Args) > 1 && inv.Args[1].Value == "find"
}

// onlyPaths reads the parameters of a matcher that takes nothing but a
// list of path classes, `paths`.
func onlyPaths(with map[string]any) (classSet, error) {
	p := newParams(with)
	classes, err := parseClasses(p.strings("paths"))
	if err != nil {
		return 0, err
	}
	return classes, p.done()
}

// newListedDeletes matches rm run by xargs on what ls, find or printf
// lists, when a listed path is in one of the classes: ls /var/backups/*.dump
// | xargs rm deletes what the pattern matches.
func newListedDeletes(with map[string]any) (matchFunc, error) {
	classes, err := onlyPaths(with)
	if err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		prev := ctx.lister(inv)
		if prev == nil {
			return "", false
		}
		var listed []parse.Word
		switch path.Base(prev.Name) {
		case "find", "gfind":
			listed, _, _ = findScan(prev)
		case "lfs":
			shifted := *prev
			shifted.Args = prev.Args[1:]
			listed, _, _ = findScan(&shifted)
		case "printf":
			if len(prev.Args) > 2 {
				listed = prev.Args[2:]
			}
		default:
			for _, a := range prev.Args[1:] {
				if !strings.HasPrefix(a.Value, "-") || a.Dynamic {
					listed = append(listed, a)
				}
			}
		}
		at := placeOf(prev, ctx)
		for _, w := range listed {
			if c := classify(w, at, ctx); c&classes != 0 {
				return "xargs " + inv.Name + " deletes what " + prev.Name + " lists: " + parse.Quote(w.Value) + " " + describe(c, classes), true
			}
		}
		return "", false
	}, nil
}

// newDownloadsTo matches a download (curl -o, wget -O) whose output file
// is in one of the classes: sudo wget -O /etc/nginx/nginx.conf URL.
func newDownloadsTo(with map[string]any) (matchFunc, error) {
	classes, err := onlyPaths(with)
	if err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		at := placeOf(inv, ctx)
		for _, t := range writes.Program(inv, ctx.Home) {
			if t.Source == writes.ByRedirect || t.Path.Value == "-" || strings.HasPrefix(t.Path.Value, "/dev/") {
				continue
			}
			if c := classify(t.Path, at, ctx); c&classes != 0 {
				return "the " + t.What + " " + parse.Quote(t.Path.Value) + " " + describe(c, classes), true
			}
		}
		return "", false
	}, nil
}
