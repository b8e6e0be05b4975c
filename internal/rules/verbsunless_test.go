package rules

import (
	"strings"
	"testing"
)

// TestVerbUnless checks verbs.unless from config files: a project file
// may add options, or an operand, that void an exception, the options
// keep their case, and an entry that is only one word is refused.
func TestVerbUnless(t *testing.T) {
	ctx := ExampleContext()
	s := defaultSet(t)
	u, err := ParseFile("user.toml", []byte("[verbs.allow]\nacmectl = [\"sandbox\"]\n"))
	if err != nil {
		t.Fatal(err)
	}
	if errs := s.Apply(u, User); len(errs) > 0 {
		t.Fatal(errs)
	}
	p, err := ParseFile(".guard.toml", []byte("[verbs.unless]\nacmectl = [\"sandbox delete -F --everything\", \"sandbox delete all\"]\n[verbs]\nnegators = [\"unarmed\"]\n"))
	if err != nil {
		t.Fatal(err)
	}
	if errs := s.Apply(p, Project); len(errs) > 0 {
		t.Fatalf("a project file adding verbs.unless: %v", errs)
	}
	for cmd, want := range map[string]Action{
		"acmectl sandbox delete x":               Allow,
		"acmectl sandbox delete -F x":            Confirm,
		"acmectl sandbox delete -f x":            Allow,
		"acmectl sandbox delete --everything":    Confirm,
		"acmectl sandbox delete all":             Confirm,
		"acmectl sandbox delete allotment":       Allow,
		"acmectl db delete-protection unarmed x": Confirm,
		"acmectl db delete-protection enable x":  Allow,
	} {
		if d := s.Check(cmd, ctx); d.Action != want {
			t.Errorf("%s: %s %s, want %s", cmd, d.Action, ids(d), want)
		}
	}
	bad, err := ParseFile("user.toml", []byte("[verbs.unless]\nacmectl = [\"sandbox\"]\n"))
	if err == nil {
		if errs := defaultSet(t).Apply(bad, User); len(errs) == 1 {
			err = errs[0]
		}
	}
	if err == nil || !strings.Contains(err.Error(), "needs a path and an option") {
		t.Errorf("an unless entry without an option: %v", err)
	}
	r, err := ParseFile(".guard.toml", []byte("[verbs]\nsafeguards = [\"shield\"]\n"))
	if err != nil {
		t.Fatal(err)
	}
	if errs := defaultSet(t).Apply(r, Project); len(errs) != 1 {
		t.Errorf("a project file adding safeguards, which relaxes the model: %v", errs)
	}
}
