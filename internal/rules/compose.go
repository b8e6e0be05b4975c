package rules

import (
	"path"
	"strings"

	"github.com/guardsh/guard/internal/parse"
)

// newNotThrowawayCompose matches a compose command unless the stack it
// acts on is named as throwaway: its project (-p, --project-name, an
// inline COMPOSE_PROJECT_NAME) is, or every compose file it names (-f,
// --file) is (docker-compose.test.yml, compose.e2e.yaml, ci/compose.yml).
// The volumes of a test stack hold what its tests wrote. A production or
// lasting marker anywhere in the command, or a name only known at run
// time, makes it match.
func newNotThrowawayCompose(with map[string]any) (matchFunc, error) {
	if err := newParams(with).done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		return "", !throwawayCompose(inv, ctx)
	}, nil
}

// throwawayCompose reports whether a compose command names its stack as
// throwaway (see newNotThrowawayCompose).
func throwawayCompose(inv *parse.Invocation, ctx *Context) bool {
	if inv.MoreArgs || keepMarker(inv, ctx) != "" {
		return false
	}
	project, files, ok := false, 0, true
	name := func(w parse.Word) {
		project = true
		ok = ok && (runScoped(w.Value) && !hasProdWord(w.Value) || namedOne(w) && testDBName(w.Value))
	}
	for _, a := range inv.Assigns {
		if a.Name == "COMPOSE_PROJECT_NAME" {
			name(a.Value)
		}
		if a.Name == "COMPOSE_FILE" {
			return false
		}
	}
	args := inv.Own()
	for i := 1; i < len(args); i++ {
		s := args[i].Value
		if s == "down" || s == "rm" {
			break // after the subcommand, -f is --force
		}
		opt, val, has := strings.Cut(s, "=")
		if opt != "-f" && opt != "--file" && opt != "-p" && opt != "--project-name" {
			continue
		}
		w := parse.Word{Value: val}
		if !has {
			if i+1 >= len(args) {
				return false
			}
			i++
			w = args[i]
		}
		if opt == "-p" || opt == "--project-name" {
			name(w)
			continue
		}
		files++
		base := path.Base(w.Value)
		ok = ok && namedOne(w) && (testDBName(strings.TrimSuffix(base, path.Ext(base))) || testDBName(path.Dir(w.Value)))
	}
	return ok && (project || files > 0)
}
