package rules

import (
	"path"
	"strings"

	"github.com/guardsh/guard/internal/parse"
	"github.com/guardsh/guard/internal/wordlist"
)

// cleaningWords are the parts of a target's name that say it removes
// what the build or the stack left behind (clean-all, distclean,
// reset_data).
const cleaningWords = "clean cleanup distclean mrproper clobber clear wipe reset purge nuke destroy erase scrub prune"

// makeValueOptions are the options of make-like tools that take a value
// as the next word.
const makeValueOptions = "-C -f -j -l -o -W -I --directory --file --makefile --jobs --load-average --old-file --what-if --include-dir -d --justfile --working-directory --dir -t --taskfile"

// newCleanTargetPaths matches a build tool run with a cleaning target and
// a variable (NAME=VALUE) whose value is a path in one of the classes:
// the recipe is not read, but the variable is where it reaches.
func newCleanTargetPaths(with map[string]any) (matchFunc, error) {
	classes, err := onlyPaths(with)
	if err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		target := ""
		var assigns []parse.Word
		args := inv.Args
		for i := 1; i < len(args); i++ {
			s := args[i].Value
			switch {
			case strings.HasPrefix(s, "-"):
				if wordlist.Has(makeValueOptions, s) {
					i++
				}
			case strings.Contains(s, "=") && !strings.HasPrefix(s, "="):
				assigns = append(assigns, args[i])
			case target == "" && cleaningTarget(s):
				target = s
			}
		}
		if target == "" {
			return "", false
		}
		at := placeOf(inv, ctx)
		for _, a := range assigns {
			name, value, _ := strings.Cut(a.Value, "=")
			if value == "" || !(strings.HasPrefix(value, "/") || strings.HasPrefix(value, "~") || a.Dynamic) {
				continue
			}
			w := a
			w.Value = value
			if (value == "~" || strings.HasPrefix(value, "~/")) && ctx.Home != "" {
				// bash expands a tilde after the = of an argument
				// that looks like an assignment.
				w.Value = ctx.Home + value[1:]
			}
			if c := classify(w, at, ctx); c&classes != 0 {
				return path.Base(inv.Name) + " " + target + " is pointed at " + parse.Quote(value) + " by " + name + ", which " + describe(c, classes), true
			}
		}
		return "", false
	}, nil
}

// cleaningTarget reports whether a target's name has a part that says it
// cleans (clean-all, purge_data, db:reset).
func cleaningTarget(s string) bool {
	for part := range strings.FieldsFuncSeq(strings.ToLower(s), func(r rune) bool {
		return r == '-' || r == '_' || r == ':' || r == '.' || r == '/'
	}) {
		if wordlist.Has(cleaningWords, part) {
			return true
		}
	}
	return false
}
