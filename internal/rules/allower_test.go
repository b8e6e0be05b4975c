package rules

import (
	"testing"

	"github.com/guardsh/guard/internal/parse"
)

// allowAll lets every finding pass, and counts the questions.
type allowAll struct{ asked int }

func (a *allowAll) Allows(rule string, inv *parse.Invocation, dir string) string {
	a.asked++
	return "guard allow #7"
}

// TestAllowerNeverLowersSelfProtection checks that standing exceptions
// let ordinary findings pass, are named in the decision, and never lower
// a rule of guard's self-protection.
func TestAllowerNeverLowersSelfProtection(t *testing.T) {
	set, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	a := &allowAll{}
	ctx := Context{Dir: "/home/u/src", Home: "/home/u", Protected: []string{"/home/u/.config/guard"}, Allow: a}
	d := set.Check("git push --force origin main", ctx)
	if d.Action != Allow || len(d.Allowed) == 0 || d.Allowed[0].AllowedBy != "guard allow #7" {
		t.Errorf("force push: %s, allowed %v", d.Action, d.Allowed)
	}
	for _, cmd := range []string{"rm -rf ~/.config/guard", "guard approve", "guard allow fs.rm-root", "echo x > ~/.config/guard/allow.json"} {
		d := set.Check(cmd, ctx)
		if d.Action != Deny {
			t.Errorf("%s: %s through a standing exception, want deny", cmd, d.Action)
		}
	}
	// Safe commands never ask.
	a.asked = 0
	set.Check("git status && ls -la", ctx)
	if a.asked != 0 {
		t.Errorf("the allow list was asked %d times about a safe command", a.asked)
	}
}
