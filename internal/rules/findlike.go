package rules

import (
	"errors"
	"path"
	"slices"
	"strings"

	"github.com/guardsh/guard/internal/parse"
	"github.com/guardsh/guard/internal/wordlist"
)

// A find that deletes by name (find . -name '*.sqlite3' -delete, -exec rm,
// or a listing piped to xargs rm) deletes what rm of the same names would.
// The find-names matcher turns find's name tests into the paths they stand
// for under its starting points (./*.sqlite3, data/*.csv) and judges them
// by the patterns of the rm rule they mirror (fs.rm-database-file,
// fs.rm-data-files, backup.files), so that `find -name '*.db' -delete`
// asks where `rm *.db` does, and `find -name '*.pyc' -delete` passes.

// newFindNames matches find deleting what its name tests select, and rm
// run by xargs on such a find's listing, when a selected path matches one
// of with.names and none of with.not. Negated tests (! -name keep) are
// left out; a pattern as wide as * is judged by the other find rules.
func newFindNames(with map[string]any) (matchFunc, error) {
	p := newParams(with)
	names := lowerAll(p.strings("names"))
	not := lowerAll(p.strings("not"))
	if err := p.done(); err != nil {
		return nil, err
	}
	if len(names) == 0 {
		return nil, errors.New("find-names needs names")
	}
	samples := make([]string, len(names))
	for i, n := range names {
		samples[i] = strings.NewReplacer("*", "x", "?", "x").Replace(n)
	}
	judge := func(t string) (string, bool) {
		if matchLower(not, t) || wordlist.Has(findCleanups, path.Base(t)) {
			return "", false
		}
		for i, n := range names {
			if globLower(n, t) || hasGlob(t) && wideEnough(t) && strings.Count(t, "/") == strings.Count(n, "/") && globLower(t, samples[i]) {
				return names[i], true
			}
		}
		return "", false
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		finder, how := inv, "find"
		if wordlist.Has(rmLike, v.name) {
			l := finderOf(inv, ctx)
			if l == nil {
				return "", false
			}
			finder, how = l, v.name+" of what "+path.Base(l.Name)+" finds"
		}
		var hit, name string
		switch path.Base(finder.Name) {
		case "find", "gfind":
			if finder == inv && !findRemoves(inv) {
				return "", false
			}
			eachFindTarget(finder, func(t string) bool {
				n, ok := judge(t)
				if ok {
					hit, name = t, n
				}
				return ok
			})
		case "fd", "fdfind":
			if finder == inv && !fdRemoves(inv) {
				return "", false
			}
			for _, t := range fdTargets(finder) {
				if n, ok := judge(t); ok {
					hit, name = t, n
					break
				}
			}
		}
		if hit == "" {
			return "", false
		}
		return how + " deletes " + parse.Quote(hit) + ", which can match " + name, true
	}, nil
}

// wideEnough reports whether a pattern's last part names something more
// than everything (*, *.*), so that it is compared with a rule's names.
func wideEnough(p string) bool {
	return len(strings.Trim(path.Base(p), "*?[]!.")) >= 2
}

// findRemoves reports whether a find deletes what it finds: -delete, or
// -exec rm and the like.
func findRemoves(inv *parse.Invocation) bool {
	args := inv.Args[1:]
	for i, a := range args {
		switch a.Value {
		case "-delete":
			return true
		case "-exec", "-execdir", "-ok", "-okdir":
			if i+1 < len(args) && wordlist.Has(rmLike, path.Base(args[i+1].Value)) {
				return true
			}
		}
	}
	return false
}

// findTargets returns the paths a find's name tests select, in lower
// case, as eachFindTarget gives them.
func findTargets(inv *parse.Invocation) []string {
	var out []string
	eachFindTarget(inv, func(t string) bool { out = append(out, t); return false })
	return out
}

// eachFindTarget calls f with each path a find's name tests select, in
// lower case, until f returns true: -name P under each starting point as
// ROOT/P (P itself under .), -path P as P, and -regex written as a glob
// (.*\.db$ is *.db); with no name test, each starting point. Tests after
// ! or -not are left out.
func eachFindTarget(inv *parse.Invocation, f func(string) bool) {
	args := inv.Args[1:]
	nroots := 0
	for nroots < len(args) && !strings.HasPrefix(args[nroots].Value, "-") && args[nroots].Value != "(" && args[nroots].Value != "!" {
		nroots++
	}
	named := false
	defer func() {
		if !named {
			// No name test: find deletes what is under its starting
			// points, judged as rm -r of them (find pgdata -delete).
			for _, r := range args[:nroots] {
				if !r.Dynamic && f(path.Clean(strings.ToLower(r.Value))) {
					return
				}
			}
		}
	}()
	for i := nroots; i+1 < len(args); i++ {
		a := args[i].Value
		neg := i > 0 && (args[i-1].Value == "!" || args[i-1].Value == "-not")
		switch a {
		case "-exec", "-execdir", "-ok", "-okdir":
			for i < len(args) && args[i].Value != ";" && args[i].Value != "+" {
				i++
			}
			continue
		case "-name", "-iname", "-path", "-ipath", "-wholename", "-iwholename", "-regex", "-iregex":
		default:
			continue
		}
		i++
		named = true
		if neg || args[i].Dynamic {
			continue
		}
		pat := strings.ToLower(args[i].Value)
		switch a {
		case "-name", "-iname":
			if nroots == 0 && f(pat) {
				return
			}
			for _, r := range args[:nroots] {
				t := pat
				if rv := r.Value; rv != "." && rv != "./" {
					t = path.Clean(strings.ToLower(rv) + "/" + pat)
				}
				if f(t) {
					return
				}
			}
		case "-path", "-ipath", "-wholename", "-iwholename":
			if f(path.Clean(pat)) {
				return
			}
		default:
			if f(regexGlob(pat)) {
				return
			}
		}
	}
}

// regexGlob writes a find -regex as the glob it most likely means:
// .*/data/.*\.csv$ is */data/*.csv.
func regexGlob(re string) string {
	re = strings.TrimSuffix(strings.TrimPrefix(re, "^"), "$")
	re = strings.NewReplacer(".*", "*", `\.`, ".", ".+", "*").Replace(re)
	return path.Clean(re)
}

// fdRemoves reports whether fd runs rm on what it finds (-x rm, -X rm).
func fdRemoves(inv *parse.Invocation) bool {
	args := inv.Args[1:]
	for i, a := range args {
		if (a.Value == "-x" || a.Value == "-X" || a.Value == "--exec" || a.Value == "--exec-batch") && i+1 < len(args) {
			if wordlist.Has(rmLike, path.Base(args[i+1].Value)) {
				return true
			}
		}
	}
	return false
}

// fdTargets returns the names fd selects by extension (-e db is *.db) or
// by glob (-g '*.sqlite3', --glob), in lower case.
func fdTargets(inv *parse.Invocation) []string {
	var out []string
	args := inv.Args[1:]
	glob := slices.ContainsFunc(args, func(w parse.Word) bool { return w.Value == "-g" || w.Value == "--glob" })
	for i := 0; i < len(args); i++ {
		a := args[i].Value
		switch {
		case a == "-x" || a == "-X" || a == "--exec" || a == "--exec-batch":
			return out
		case (a == "-e" || a == "--extension") && i+1 < len(args):
			out = append(out, "*."+strings.ToLower(strings.TrimPrefix(args[i+1].Value, ".")))
			i++
		case strings.HasPrefix(a, "--extension="):
			out = append(out, "*."+strings.ToLower(strings.TrimPrefix(a[len("--extension="):], ".")))
		case glob && !strings.HasPrefix(a, "-") && !args[i].Dynamic:
			out = append(out, strings.ToLower(a))
		}
	}
	return out
}

// finderOf returns, for rm run on what a find lists, that find: through
// xargs or parallel at the end of a pipe (with filters between), or from
// find's own -exec running a shell (find -exec sh -c 'rm "$1"' _ {} \;).
func finderOf(inv *parse.Invocation, ctx *Context) *parse.Invocation {
	if l := ctx.lister(inv); l != nil {
		return l
	}
	if len(inv.Via) == 0 || len(ctx.before) == 0 {
		return nil
	}
	if strings.HasPrefix(inv.Via[0], "find -exec") || strings.HasPrefix(inv.Via[0], "find -execdir") {
		if len(inv.Via) == 1 {
			// find -exec rm: the find itself is judged.
			return nil
		}
		for i := len(ctx.before) - 1; i >= 0; i-- {
			if b := ctx.before[i]; path.Base(b.Name) == "find" || path.Base(b.Name) == "gfind" {
				return b
			}
		}
		return nil
	}
	if !strings.HasPrefix(inv.Via[len(inv.Via)-1], "parallel") {
		return nil
	}
	return ctx.pipeLister(inv)
}
