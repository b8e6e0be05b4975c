package rules

import (
	"path"
	"slices"
	"strings"

	"github.com/guardsh/guard/internal/parse"
	"github.com/guardsh/guard/internal/wordlist"
)

// A listing of build output fed to rm (ls -d build/*/ | xargs rm -rf,
// find dist -mindepth 1 -maxdepth 1 | xargs rm -rf) names only paths
// under that build output directory, so the removal is judged as the
// pattern written out would be (rm -rf build/*/), which passes, and not
// as input only known at run time. The listing must print whole paths
// (ls -d of its operands, or find, without following links), every
// operand must be a relative path in the working tree with a build
// output directory among its names, and only filters that pass lines on
// unchanged (grep, head, sort) may stand between it and xargs. A listing
// of anything else (ls ~, ls /srv, cat list.txt) stays run-time input.

// passFilters pass on some of the lines they read without changing them.
const passFilters = "grep egrep fgrep rg head tail sort uniq tac shuf cat"

// listedBuildOutput reports whether rm, run by xargs at the end of a pipe,
// removes only what a listing of build output at the start of it names.
func listedBuildOutput(inv *parse.Invocation, ctx *Context) bool {
	replace := slices.ContainsFunc(inv.Via, func(v string) bool { return strings.Contains(v, "-I{}") || strings.Contains(v, "-I {}") })
	if !inv.MoreArgs && !replace || !slices.ContainsFunc(inv.Via, func(s string) bool { return strings.HasPrefix(s, "xargs") }) {
		return false
	}
	next := inv
	for i := len(ctx.before) - 1; i >= 0; i-- {
		prev := ctx.before[i]
		if !pipedInto(ctx.text, prev, next) {
			return false
		}
		switch path.Base(prev.Name) {
		case "ls", "find", "gfind", "printf", "echo":
			if !inProject(prev, ctx) || !inProject(inv, ctx) {
				// build/ of another directory is not this tree's output.
				return false
			}
		}
		switch path.Base(prev.Name) {
		case "ls":
			return !replace && buildListing(prev, true) || replace && namesJoined(prev, inv)
		case "find", "gfind":
			return !replace && (buildListing(prev, false) || prev.Remote == "" && findsCleanup(prev.Args[1:]))
		case "printf", "echo":
			return !replace && printsBuild(prev)
		}
		if !wordlist.Has(passFilters, path.Base(prev.Name)) {
			return false
		}
		next = prev
	}
	return false
}

// buildListing reports whether an ls (with -d) or a find lists only paths
// under build output in the working tree.
func buildListing(l *parse.Invocation, ls bool) bool {
	if l.Remote != "" {
		return false
	}
	args := l.Args[1:]
	if !ls {
		return findsBuild(args)
	}
	dashD, n := false, 0
	for _, a := range args {
		s := a.Value
		switch {
		case a.Dynamic:
			return false
		case s == "--directory":
			dashD = true
		case strings.HasPrefix(s, "-") && len(s) > 1:
			// -d, -1, -a, -A: anything else may print more than paths.
			if strings.HasPrefix(s, "--") || strings.Trim(s[1:], "d1aA") != "" {
				return false
			}
			dashD = dashD || strings.Contains(s, "d")
		case underBuildOutput(s):
			n++
		default:
			return false
		}
	}
	return n > 0 && dashD
}

// namesJoined reports whether ls of one build output directory, without
// -d, prints the names in it and rm, run by xargs -I{}, joins each to the
// same directory: ls build/ | xargs -I{} rm -rf build/{}.
func namesJoined(l, rm *parse.Invocation) bool {
	dir := ""
	for _, a := range l.Args[1:] {
		switch {
		case a.Dynamic:
			return false
		case strings.HasPrefix(a.Value, "-"):
			if strings.HasPrefix(a.Value, "--") || strings.Trim(a.Value[1:], "1aA") != "" {
				return false
			}
		case dir != "" || !underBuildOutput(a.Value):
			return false
		default:
			dir = path.Clean(a.Value)
		}
	}
	if dir == "" || !slices.ContainsFunc(rm.Via, func(v string) bool { return strings.Contains(v, "-I{}") || strings.Contains(v, "-I {}") }) {
		return false
	}
	n := 0
	for _, a := range rm.Args[1:] {
		if strings.HasPrefix(a.Value, "-") && !a.Dynamic {
			continue
		}
		if a.Value != dir+"/{}" {
			return false
		}
		n++
	}
	return n > 0
}

// printsBuild reports whether echo or printf '%s\n' prints only paths
// under build output: echo dist/*, printf '%s\n' build/*/.
func printsBuild(l *parse.Invocation) bool {
	args := l.Args[1:]
	if path.Base(l.Name) == "printf" {
		if len(args) == 0 || args[0].Dynamic || (args[0].Value != "%s\\n" && args[0].Value != "%s\\0" && args[0].Value != "%s ") {
			return false
		}
		args = args[1:]
	}
	for _, a := range args {
		if a.Dynamic || strings.HasPrefix(a.Value, "-") || !underBuildOutput(a.Value) {
			return false
		}
	}
	return len(args) > 0
}

// findsBuild reports whether find's arguments start only under build
// output, follow no links and run or delete nothing themselves.
func findsBuild(args []parse.Word) bool {
	n, expr := 0, false
	for _, a := range args {
		s := a.Value
		if a.Dynamic {
			return false
		}
		if !expr && (strings.HasPrefix(s, "-") || s == "(" || s == "!") {
			if s == "-P" {
				continue
			}
			expr = true
		}
		if !expr {
			if !underBuildOutput(s) {
				return false
			}
			n++
			continue
		}
		switch {
		case s == "-L", s == "-H", s == "-follow", s == "-delete", s == "-printf", s == "-fls",
			strings.HasPrefix(s, "-exec"), strings.HasPrefix(s, "-ok"), strings.HasPrefix(s, "-fprint"):
			return false
		}
	}
	return n > 0
}

// underBuildOutput reports whether a path (a pattern allowed) is relative,
// stays in the working tree, and has a build output directory among its
// names before or at its last one: build/*/, packages/*/dist, out.
func underBuildOutput(p string) bool {
	if p == "" || path.IsAbs(p) || strings.HasPrefix(p, "~") || strings.ContainsAny(p, "$`{}\\") {
		return false
	}
	clean := path.Clean(p)
	if clean == "." || clean == ".." || strings.HasPrefix(clean, "../") {
		return false
	}
	for _, seg := range strings.Split(clean, "/") {
		if seg == ".." {
			return false
		}
		if guardedOutputs.Get()[seg] {
			return true
		}
	}
	return false
}

// findsCleanup reports whether find's arguments list, under relative
// paths in the working tree, only what findCleanups names (find .
// -name __pycache__ -type d -print0): the build output and leftovers that
// find -name ... -delete removes every day, fed to xargs rm instead.
func findsCleanup(args []parse.Word) bool {
	return findsOnly(args, findCleanups, false)
}

// junkNames are files that are leftovers wherever they are: partial
// downloads, editors' swap and backup copies, a desktop's metadata and
// Python's bytecode. None of them is anyone's data, in the project or
// out of it.
const junkNames = "*.crdownload *.part *.partial *.download *.!qB *.swp *.swo *~ .DS_Store ._* Thumbs.db desktop.ini " +
	"*.pyc *.pyo __pycache__"

// findsJunk reports whether find's arguments select only what junkNames
// names, from any starting point that is written out (find ~/Downloads
// -name '*.crdownload' -delete).
func findsJunk(args []parse.Word) bool {
	return findsOnly(args, junkNames, true)
}

// findsOnly reports whether find's arguments select by one -name test
// from names (separated by spaces), beside at most -type f|d, depth
// limits and output or removal actions. Starting points must be relative
// paths in the working tree unless anyRoot is set; none may be known only
// at run time.
func findsOnly(args []parse.Word, names string, anyRoot bool) bool {
	named, expr := false, false
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a.Dynamic {
			return false
		}
		s := a.Value
		if !expr && !strings.HasPrefix(s, "-") && s != "(" && s != "!" {
			// A starting point: relative, in the working tree.
			c := path.Clean(s)
			if strings.ContainsAny(s, "$`*?[{") || !anyRoot && (path.IsAbs(s) || strings.HasPrefix(s, "~") || c == ".." || strings.HasPrefix(c, "../")) {
				return false
			}
			continue
		}
		expr = true
		switch s {
		case "-name", "-iname":
			if named || i+1 >= len(args) || args[i+1].Dynamic || !wordlist.Has(names, args[i+1].Value) {
				return false
			}
			named = true
			i++
		case "-type":
			if i+1 >= len(args) || args[i+1].Value != "f" && args[i+1].Value != "d" {
				return false
			}
			i++
		case "-maxdepth", "-mindepth":
			if i+1 >= len(args) || args[i+1].Dynamic {
				return false
			}
			i++
		case "-print", "-print0", "-prune":
		case "-delete":
			if !anyRoot {
				return false
			}
		default:
			return false
		}
	}
	return named
}
