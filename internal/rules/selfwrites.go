package rules

import (
	"sync"

	"github.com/guardsh/guard/internal/parse"
	"github.com/guardsh/guard/internal/writes"
)

// newSelfWrites matches a write that lands on or above one of guard's
// protected paths (Context.Protected), by the write-target model of
// internal/writes: what each program writes, not the words it uses.
//
// with.source is "redirect" (the shell's redirections), "program" (the
// program's operands, options and interpreter code) or "any"; with.certain
// selects writes that land there as the command says (true, the default)
// or those that may, because a part of the path is only known at run time
// or an archive of unknown content is unpacked into a project (false).
func newSelfWrites(with map[string]any) (matchFunc, error) {
	p := newParams(with)
	source := p.string("source", "any")
	certain := p.bool("certain", true)
	if err := oneOf([]string{source}, "redirect", "program", "any"); err != nil {
		return nil, err
	}
	if err := p.done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		if len(ctx.Protected) == 0 {
			return "", false
		}
		var targets []writes.Target
		if source != "program" {
			targets = writes.Redirects(inv)
		}
		if source != "redirect" {
			targets = append(targets, programTargets(inv, ctx.shellHome())...)
		}
		if len(targets) == 0 {
			return "", false
		}
		c := writes.Checker{Dir: ctx.Dir, Home: ctx.Home, Protected: ctx.Protected}
		for _, t := range targets {
			h, ok := c.Lands(t, inv.Dir)
			if ok && h.Certain == certain {
				return describeHit(h), true
			}
		}
		return "", false
	}, nil
}

// lastProgram remembers the program targets of the last invocation: the
// rules self.files and self.maybe both ask for them. The entry holds the
// invocation, so its address cannot be reused while it is remembered.
var lastProgram struct {
	sync.Mutex
	inv     *parse.Invocation
	home    string
	targets []writes.Target
}

func programTargets(inv *parse.Invocation, home string) []writes.Target {
	lastProgram.Lock()
	defer lastProgram.Unlock()
	if lastProgram.inv != inv || lastProgram.home != home {
		lastProgram.inv, lastProgram.home, lastProgram.targets = inv, home, writes.Program(inv, home)
	}
	return lastProgram.targets
}

// describeHit says what a write lands on, for a finding's detail.
func describeHit(h writes.Hit) string {
	what := h.Target.What
	where := parse.Quote(h.Where)
	if h.Target.Path.Dynamic || h.Target.Path.Glob {
		where = parse.Quote(h.Target.Path.Value)
	}
	desc := writes.Describe(h.Protected)
	verb := "writes"
	switch {
	case h.Target.Link:
		verb = "links to"
	case h.Target.Remove:
		verb = "removes"
	case h.Target.Kind == writes.Tree:
		verb = "writes into"
	case h.Target.Kind == writes.Replace:
		verb = "replaces"
	}
	s := what + " " + verb + " " + where
	if h.Above {
		return s + ", which holds " + desc + " (" + parse.Quote(h.Protected) + ")"
	}
	if !h.Certain {
		s += ", which may be " + desc + " (" + parse.Quote(h.Protected) + ")"
		return s
	}
	if h.Where != h.Protected {
		return s + ", which is under " + desc + " (" + parse.Quote(h.Protected) + ")"
	}
	return s + ", which is " + desc
}
