package rules

import (
	"fmt"

	"github.com/guardsh/guard/internal/parse"
	"github.com/guardsh/guard/internal/writes"
)

// ExampleContext is the context rule examples are checked in: a user whose
// home is /home/user, working in /home/user/project, with guard installed
// at /usr/local/bin/guard.
func ExampleContext() Context {
	home, dir := "/home/user", "/home/user/project"
	return Context{Home: home, Dir: dir, Protected: ProtectedPaths(home, dir, "/usr/local/bin/guard")}
}

// ProtectedPaths lists guard's own files and the agents' hook settings for
// a user with the given home, working in dir (which may be empty): those
// of every directory from dir up to the root, not only of the project's
// root, and any extra paths such as guard's own executable. Commands that
// arrive through guard may not change them. internal/writes keeps the
// list; this is its form for rule contexts.
func ProtectedPaths(home, dir string, extra ...string) []string {
	return writes.Protected(home, dir, nil, extra...)
}

// ExampleFailure is a rule example that did not behave as written.
type ExampleFailure struct {
	Rule    *Rule
	Command string
	// Want says whether the rule should have matched.
	Want bool
}

func (f ExampleFailure) Error() string {
	if f.Want {
		return fmt.Sprintf("%s: %s: example does not match", f.Rule.ID, parse.Quote(f.Command))
	}
	return fmt.Sprintf("%s: %s: counter-example matches", f.Rule.ID, parse.Quote(f.Command))
}

// TestExamples checks every rule's examples in ExampleContext: each match
// example must trigger its rule and no nomatch example may. It tests
// matching only, so a rule that a config file allows is still tested.
func (s *Set) TestExamples() (tested int, failures []ExampleFailure) {
	ctx := ExampleContext()
	for _, r := range s.Rules() {
		for _, want := range []bool{true, false} {
			examples := r.NoMatch
			if want {
				examples = r.Match
			}
			for _, ex := range examples {
				tested++
				if s.Triggers(r, ex, ctx) != want {
					failures = append(failures, ExampleFailure{Rule: r, Command: ex, Want: want})
				}
			}
		}
	}
	return tested, failures
}

// Triggers reports whether rule r matches any invocation of the command.
func (s *Set) Triggers(r *Rule, text string, ctx Context) bool {
	invs := parse.Command(text, parse.Options{Dir: ctx.Dir, Home: ctx.Home})
	// Matchers that read the whole command see it as Decide shows it.
	ctx.text = text
	hit := false
	for i, inv := range invs {
		ctx.before = invs[:i]
		if inv.Problem != parse.NoProblem && r.problem == uint8(inv.Problem) {
			return true
		}
		inv = foldName(inv)
		if r.problem != 0 || (!ruleNames(r, inv.Name)) {
			continue
		}
		v := s.view(inv)
		if _, ok := s.matches(r, inv, v, &ctx); ok {
			hit = true
		}
	}
	return hit
}

func ruleNames(r *Rule, name string) bool {
	for _, p := range r.programs {
		if p == "*" || p == name {
			return true
		}
	}
	return false
}
