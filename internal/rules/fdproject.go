package rules

import (
	"path"
	"strings"

	"github.com/guardsh/guard/internal/parse"
	"github.com/guardsh/guard/internal/wordlist"
)

// fd deletes as find does: fd -e php -X rm, fd -e py . src | xargs rm.
// This file lets the project-tree matcher read it.

// fdValueFlags are fd's options that take the next word.
const fdValueFlags = "-e --extension -t --type -d --max-depth --min-depth --exact-depth -E --exclude -S --size " +
	"--changed-within --changed-before -o --owner -j --threads --max-results -c --color " +
	"--base-directory --search-path --ignore-file --path-separator --format"

// fdRoots returns the directories fd searches: the operands after its
// pattern, and --search-path and --base-directory; "." when none is given.
func fdRoots(inv *parse.Invocation) []parse.Word {
	var roots []parse.Word
	args := inv.Args[1:]
	pattern := false
	for i := 0; i < len(args); i++ {
		a := args[i]
		s := a.Value
		switch {
		case s == "-x" || s == "-X" || s == "--exec" || s == "--exec-batch":
			i = len(args)
		case s == "--search-path" || s == "--base-directory":
			if i+1 < len(args) {
				roots = append(roots, args[i+1])
				i++
			}
		case wordlist.Has(fdValueFlags, s):
			i++
		case strings.HasPrefix(s, "-") && !a.Dynamic:
		case !pattern:
			pattern = true
		default:
			roots = append(roots, a)
		}
	}
	if len(roots) == 0 {
		roots = append(roots, parse.Word{Value: "."})
	}
	return roots
}

// fdSelects returns the first name fd selects (-e php is *.php) that is
// one of the source patterns, or "".
func fdSelects(inv *parse.Invocation, sources []string) string {
	for _, t := range fdTargets(inv) {
		for _, s := range sources {
			if ok, _ := path.Match(strings.ToLower(s), t); ok || strings.EqualFold(s, t) {
				return t
			}
		}
	}
	return ""
}

// fdDeletesSource says how an fd that deletes, or whose listing rm is
// fed, removes the project's source files: by a source extension under
// the working directory or a project directory. It returns "" otherwise.
func fdDeletesSource(fd *parse.Invocation, ctx *Context, sources, disposable []string) string {
	src := fdSelects(fd, sources)
	if src == "" {
		return ""
	}
	at := placeOf(fd, ctx)
	for _, r := range fdRoots(fd) {
		if !r.Dynamic && classify(r, at, ctx)&classCwd != 0 || projectPath(r, at, ctx, disposable) {
			return "fd deletes what " + parse.Quote(src) + " matches under " + parse.Quote(r.Value) + ", not build output"
		}
	}
	return ""
}
