package rules

import (
	"reflect"
	"testing"
)

// TestGeneratedCompiled checks that every generated rule holds exactly the
// compiled state that compiling its TOML gives.
func TestGeneratedCompiled(t *testing.T) {
	gen, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	toml, err := DefaultFromTOML()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range toml.Rules() {
		got, ok := gen.Rule(want.ID)
		if !ok {
			t.Errorf("%s: not generated", want.ID)
			continue
		}
		if (got.match == nil) != (want.match == nil) {
			t.Errorf("%s: matcher prepared %v, want %v", want.ID, got.match != nil, want.match != nil)
		}
		g, w := *got, *want
		g.match, w.match = nil, nil
		g.shared = false
		if !reflect.DeepEqual(g, w) {
			t.Errorf("%s: generated rule differs from its TOML:\n got %+v\nwant %+v", want.ID, g, w)
		}
	}
}

// TestApplyCopiesSharedRules checks that changing a rule in one set leaves
// the generated rule, and so every other set, as it was.
func TestApplyCopiesSharedRules(t *testing.T) {
	a, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	f, err := ParseFile("user.toml", []byte("allow_rules = [\"git.reset-hard\"]\n[rules.\"fs.rm-home\"]\naction = \"deny\"\n"))
	if err != nil {
		t.Fatal(err)
	}
	if errs := a.Apply(f, User); len(errs) > 0 {
		t.Fatal(errs)
	}
	b, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	ra, _ := a.Rule("git.reset-hard")
	rb, _ := b.Rule("git.reset-hard")
	if ra.Action != Allow || rb.Action != Confirm {
		t.Errorf("git.reset-hard: %s in the changed set, %s in a new one", ra.Action, rb.Action)
	}
	ha, _ := a.Rule("fs.rm-home")
	hb, _ := b.Rule("fs.rm-home")
	if ha.Action != Deny || hb.Action != Confirm {
		t.Errorf("fs.rm-home: %s in the changed set, %s in a new one", ha.Action, hb.Action)
	}
	if d := a.Check("rm -rf ~", ExampleContext()); d.Action != Deny {
		t.Errorf("the changed set decides %s on rm -rf ~", d.Action)
	}
	if d := a.Check("git reset --hard", ExampleContext()); d.Action != Allow {
		t.Errorf("the changed set decides %s on git reset --hard", d.Action)
	}
}
