package rules

import (
	"fmt"
	"strings"

	"github.com/guardsh/guard/internal/parse"
)

// Trace is how guard reached a decision, for guard explain: each program
// the command would run, the rules considered for it, and for each rule
// whether it matched, the first condition that did not hold, and what
// became of a match. Explain builds it beside Decide and leaves Decide,
// the everyday path, as it is.
type Trace struct {
	// Decision is what Decide decides on the command.
	Decision Decision
	// Invocations are the programs found, in the order they would run.
	Invocations []InvocationTrace
	// Rules is the number of rules in the set.
	Rules int
}

// InvocationTrace is one program and the rules considered for it.
type InvocationTrace struct {
	Inv   *parse.Invocation
	Rules []RuleTrace
}

// RuleTrace is one rule considered for one program.
type RuleTrace struct {
	Rule *Rule
	// Matched reports that every condition held.
	Matched bool
	// Failed is the first condition that did not hold, for a rule that
	// did not match.
	Failed string
	// Detail is what matched, for a rule that did.
	Detail string
	// Outcome says what became of a match: "finding", "allowed by guard
	// allow #3", "allowed by allow_commands", "the rule's action is
	// allow", or "already found".
	Outcome string
}

// Explain parses a command, decides on it as Check does, and traces every
// rule considered for every program in it.
func (s *Set) Explain(text string, ctx Context) Trace {
	invs := parse.Command(text, parse.Options{Dir: ctx.Dir, Home: ctx.shellHome()})
	t := Trace{Decision: s.Decide(invs, text, ctx), Rules: len(s.Rules())}
	ctx.text = text
	for i, inv := range invs {
		ctx.before = invs[:i]
		if ctx.State != nil {
			inv = ctx.liveDir(inv, ctx.Dir)
			ctx.prior = invs[:i]
			ctx.prev = nil
			if i > 0 {
				ctx.prev = invs[i-1]
				ctx.dirty = ctx.dirty || !readOnly(invs[i-1])
			}
		}
		t.Invocations = append(t.Invocations, s.traceInvocation(inv, &ctx, t.Decision))
	}
	return t
}

// traceInvocation traces the rules considered for one invocation, as
// matchInvocation considers them.
func (s *Set) traceInvocation(inv *parse.Invocation, ctx *Context, d Decision) InvocationTrace {
	it := InvocationTrace{Inv: inv}
	outcome := func(r *Rule) string {
		for _, f := range d.Allowed {
			if f.Rule.ID == r.ID && f.Inv != nil && f.Inv.Text == inv.Text {
				return "allowed by " + f.AllowedBy
			}
		}
		for _, f := range d.Findings {
			if f.Rule.ID == r.ID && f.Inv != nil && f.Inv.Text == inv.Text {
				return "finding"
			}
		}
		if r.Action == Allow {
			return "the rule's action is allow (" + r.source + ")"
		}
		return "already found"
	}
	if inv.Problem != parse.NoProblem {
		for _, r := range s.problemRules(inv.Problem) {
			rt := RuleTrace{Rule: r, Matched: true, Detail: inv.Detail}
			rt.Outcome = outcome(r)
			it.Rules = append(it.Rules, rt)
		}
	}
	candidates, anyProgram := s.programRules(inv.Name), s.anyRules()
	if len(candidates) == 0 && len(anyProgram) == 0 {
		return it
	}
	v := s.view(inv)
	for _, list := range [2][]*Rule{candidates, anyProgram} {
		for _, r := range list {
			v.facts = facts{}
			rt := RuleTrace{Rule: r}
			if detail, ok := s.matches(r, inv, v, ctx); ok {
				rt.Matched, rt.Detail = true, detail
				rt.Outcome = outcome(r)
			} else {
				v.facts = facts{}
				rt.Failed = s.whyNot(r, inv, v, ctx)
			}
			it.Rules = append(it.Rules, rt)
		}
	}
	return it
}

// whyNot returns the first of a rule's conditions that does not hold for
// an invocation, in the order matches tests them, or "" when all hold.
func (s *Set) whyNot(r *Rule, inv *parse.Invocation, v *view, ctx *Context) string {
	why := ""
	s.evaluate(r, inv, v, ctx, &why)
	return why
}

// orList quotes words and joins them with commas and "or"; a long list
// is cut after six.
func orList(words []string) string {
	more := 0
	if len(words) > 6 {
		words, more = words[:6], len(words)-6
	}
	q := make([]string, len(words))
	for i, w := range words {
		q[i] = fmt.Sprintf("%q", w)
	}
	if more > 0 {
		return strings.Join(q, ", ") + fmt.Sprintf(" or %d more", more)
	}
	switch len(q) {
	case 0:
		return ""
	case 1:
		return q[0]
	}
	return strings.Join(q[:len(q)-1], ", ") + " or " + q[len(q)-1]
}
