package rules

import (
	"fmt"
	"slices"
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
// an invocation, in the order matches tests them, or "" when all hold. A
// test keeps it in step with matches.
func (s *Set) whyNot(r *Rule, inv *parse.Invocation, v *view, ctx *Context) string {
	if r.problem != 0 && parse.Problem(r.problem) != inv.Problem {
		return "needs the parser problem " + parse.Problem(r.problem).String()
	}
	if len(r.notPrograms) > 0 && slices.Contains(r.notPrograms, inv.Name) {
		return "the rule leaves out " + inv.Name
	}
	at := r.afterCommand(v)
	if at < 0 {
		return "the subcommand is not " + orList(r.Command)
	}
	if len(r.Flags) > 0 {
		if _, ok := v.hasFlag(r.Flags); !ok {
			return "none of the options " + orList(r.Flags)
		}
	}
	if len(r.AlsoFlags) > 0 {
		if _, ok := v.hasFlag(r.AlsoFlags); !ok {
			return "none of the options " + orList(r.AlsoFlags) + " as well"
		}
	}
	if len(r.NotFlags) > 0 {
		if f, ok := v.hasFlag(r.NotFlags); ok {
			return "the option " + parse.Quote(f) + " rules it out"
		}
	}
	if len(r.Args) > 0 || len(r.NotArgs) > 0 || len(r.AlsoArgs) > 0 {
		start := 1
		if at > 0 {
			start = v.opIndex[at-1] + 1
		}
		start = min(start, len(inv.Args))
		rest := v.lowerArgs(inv)[start:]
		if len(r.Args) > 0 && !slices.ContainsFunc(rest, func(a string) bool { return matchLower(r.args, a) }) {
			return "no argument matches " + orList(r.Args)
		}
		if len(r.AlsoArgs) > 0 && !slices.ContainsFunc(rest, func(a string) bool { return matchLower(r.alsoArgs, a) }) {
			return "no argument matches " + orList(r.AlsoArgs) + " as well"
		}
		if len(r.NotArgs) > 0 {
			if i := slices.IndexFunc(rest, func(a string) bool { return matchLower(r.notArgs, a) }); i >= 0 {
				return "the argument " + parse.Quote(inv.Args[start+i].Value) + " rules it out"
			}
		}
	}
	if r.classes != 0 {
		if _, ok := r.pathMatch(inv, v, at, ctx); !ok {
			return "no path operand is " + orList(r.Paths)
		}
	}
	if r.redirs != 0 {
		hit := false
		for _, rd := range inv.Redirs {
			if rd.Writes() && classify(rd.Target, inv.Dir, ctx)&r.redirs != 0 {
				hit = true
				break
			}
		}
		if !hit {
			return "no redirection writes to " + orList(r.Redirects)
		}
	}
	if r.reads != 0 {
		hit := false
		for _, rd := range inv.Redirs {
			if !rd.Writes() && (rd.Op == "<" || rd.Op == "<>") && classify(rd.Target, inv.Dir, ctx)&r.reads != 0 {
				hit = true
				break
			}
		}
		if !hit {
			return "no input redirection reads " + orList(r.Reads)
		}
	}
	if len(r.Env) > 0 {
		ok := false
		for _, a := range inv.Assigns {
			if matchLower(r.env, strings.ToLower(a.Name+"="+a.Value.Value)) {
				ok = true
			}
		}
		if !ok {
			return "no assignment " + orList(r.Env) + " before the program"
		}
	}
	switch r.Stdin {
	case "known":
		if inv.Stdin.Kind != parse.Known {
			return "its stdin is not known text"
		}
	case "unknown":
		if inv.Stdin.Kind != parse.Unknown {
			return "its stdin is not the output of another program or a file"
		}
	}
	if r.Remote && inv.Remote == "" {
		return "it runs on this machine"
	}
	if r.OnlyProd && prodMarker(inv, ctx) == "" {
		return "no production marker"
	}
	if m := r.matcher(); m != nil {
		if _, ok := m(inv, v, ctx); !ok {
			return "the " + r.Matcher + " matcher finds nothing"
		}
	}
	if r.State != "" {
		if ok, why := s.runState(r, inv, v, ctx); !ok {
			if why != "" {
				return "state (" + r.State + "): " + why
			}
			return "state (" + r.State + "): nothing at stake"
		}
	} else if r.StateOnly {
		return "it needs the disk, which is not read here"
	}
	return ""
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
