package rules

import (
	"fmt"

	"github.com/guardsh/guard/internal/parse"
)

// newDispatch matches a CI/CD run that a command starts, when what it
// names says it destroys: gh workflow run destroy.yml, a pipeline started
// with ACTION=destroy, jenkins-cli build teardown-prod. The rule's
// command names the subcommand that starts a run; the matcher reads every
// operand and option value, split at / . = , : and the other separators,
// for the verbs the verb model reads in script names (delete, destroy,
// drop, teardown, ...).
func newDispatch(with map[string]any) (matchFunc, error) {
	if err := newParams(with).done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		if v.set == nil || v.set.verbs == nil {
			return "", false
		}
		m := v.set.verbs
		check := func(s string) (string, bool) { return namedVerb(m, s) }
		for i, a := range inv.Args[1:] {
			if verb, ok := check(a.Value); ok {
				return fmt.Sprintf("the run it starts is named for %s (%s)", verb, parse.Quote(inv.Args[i+1].Value)), true
			}
		}
		return "", false
	}, nil
}
