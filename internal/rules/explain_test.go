package rules

import (
	"strings"
	"testing"

	"github.com/guardsh/guard/internal/parse"
)

// TestWhyNotKeepsStepWithMatches runs every rule against every rule's
// examples: whyNot must name a condition exactly when matches says no.
// A condition added to matches and not to whyNot fails here.
func TestWhyNotKeepsStepWithMatches(t *testing.T) {
	set, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	ctx := Context{Dir: "/home/user/project", Home: "/home/user", Protected: []string{"/home/user/.config/guard", "/home/user/.claude/settings.json"}}
	var examples []string
	for _, r := range set.Rules() {
		examples = append(examples, r.Match...)
		examples = append(examples, r.NoMatch...)
	}
	checked := 0
	for _, ex := range examples {
		for _, inv := range parse.Command(ex, parse.Options{Dir: ctx.Dir, Home: ctx.Home}) {
			for _, list := range [2][]*Rule{set.programRules(inv.Name), set.anyRules()} {
				for _, r := range list {
					_, ok := set.matches(r, inv, set.view(inv), &ctx)
					why := set.whyNot(r, inv, set.view(inv), &ctx)
					if ok != (why == "") {
						t.Errorf("%s on %q: matches %v, whyNot %q", r.ID, inv.Text, ok, why)
					}
					checked++
				}
			}
		}
	}
	if checked < 1000 {
		t.Errorf("only %d rule-invocation pairs checked", checked)
	}
}

func TestExplain(t *testing.T) {
	set, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	ctx := Context{Dir: "/home/user/project", Home: "/home/user"}
	tr := set.Explain(`sudo bash -c "git push --force origin main" && ls`, ctx)
	if tr.Decision.Action != Confirm || len(tr.Invocations) < 2 {
		t.Fatalf("decision %s, %d invocations", tr.Decision.Action, len(tr.Invocations))
	}
	var push *InvocationTrace
	for i := range tr.Invocations {
		if tr.Invocations[i].Inv.Name == "git" {
			push = &tr.Invocations[i]
		}
	}
	if push == nil || strings.Join(push.Inv.Via, " > ") != "sudo > bash -c" {
		t.Fatalf("git push not found with its nesting: %+v", push)
	}
	var matched, failed int
	for _, rt := range push.Rules {
		switch {
		case rt.Matched && rt.Rule.ID == "git.push-force-protected":
			matched++
			if rt.Outcome != "finding" {
				t.Errorf("outcome %q", rt.Outcome)
			}
		case !rt.Matched:
			failed++
			if rt.Failed == "" {
				t.Errorf("%s did not match and names no condition", rt.Rule.ID)
			}
		}
	}
	if matched != 1 || failed == 0 {
		t.Errorf("matched %d, failed %d", matched, failed)
	}
	// An allowed command is explained too, with what let it pass.
	ctx.Allow = &allowAll{}
	tr = set.Explain("git push --force origin main", ctx)
	found := false
	for _, rt := range tr.Invocations[0].Rules {
		if rt.Matched && rt.Outcome == "allowed by guard allow #7" {
			found = true
		}
	}
	if tr.Decision.Action != Allow || !found {
		t.Errorf("allowed push: %s, allow entry not named", tr.Decision.Action)
	}
}
