package rules

import (
	"reflect"
	"testing"

	"github.com/guardsh/guard/internal/parse"
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
		// A generated rule makes its matcher when first needed.
		if got.match != nil {
			t.Errorf("%s: a generated rule comes with its matcher made", want.ID)
		}
		if (got.matcher() == nil) != (want.matcher() == nil) {
			t.Errorf("%s: matcher %v, want %v", want.ID, got.matcher() != nil, want.matcher() != nil)
		}
		g, w := *got, *want
		g.match, w.match = nil, nil
		g.lazy = nil
		g.shared = false
		if !reflect.DeepEqual(g, w) {
			t.Errorf("%s: generated rule differs from its TOML:\n got %+v\nwant %+v", want.ID, g, w)
		}
	}
}

// TestGeneratedIndex checks that the generated index holds what indexing
// the TOML packs gives: the same rules for every program, problem and
// any program, in the same order, the same ids and option grammars.
func TestGeneratedIndex(t *testing.T) {
	files, err := Packs()
	if err != nil {
		t.Fatal(err)
	}
	toml, err := fromFiles(files)
	if err != nil {
		t.Fatal(err)
	}
	ids := func(rules []*Rule) []string {
		var out []string
		for _, r := range rules {
			out = append(out, r.ID)
		}
		return out
	}
	g, w := &generatedIndex, toml.idx
	if !reflect.DeepEqual(ids(g.rules), ids(w.rules)) {
		t.Errorf("rules: got %v\nwant %v", ids(g.rules), ids(w.rules))
	}
	if len(g.programs) != len(w.programs) {
		t.Errorf("%d programs, want %d", len(g.programs), len(w.programs))
	}
	for _, p := range w.programs {
		if got, want := ids(g.program(p.name)), ids(p.rules); !reflect.DeepEqual(got, want) {
			t.Errorf("program %s: %v, want %v", p.name, got, want)
		}
	}
	if !reflect.DeepEqual(ids(g.any), ids(w.any)) {
		t.Errorf("any: %v, want %v", ids(g.any), ids(w.any))
	}
	if len(g.problems) != len(w.problems) {
		t.Errorf("%d problems, want %d", len(g.problems), len(w.problems))
	}
	for p := range w.problems {
		if got, want := ids(g.problem(parse.Problem(p))), ids(w.problems[p]); !reflect.DeepEqual(got, want) {
			t.Errorf("problem %d: %v, want %v", p, got, want)
		}
	}
	if !reflect.DeepEqual(ids(g.ids), ids(w.ids)) {
		t.Errorf("ids: %v, want %v", ids(g.ids), ids(w.ids))
	}
	if len(g.tools) != len(w.tools) {
		t.Errorf("%d tools, want %d", len(g.tools), len(w.tools))
	}
	for _, tl := range w.tools {
		if got := g.tool(tl.name); !reflect.DeepEqual(got, tl.tool) {
			t.Errorf("tool %s: %+v, want %+v", tl.name, got, tl.tool)
		}
	}
	for i, r := range g.rules {
		if r != &generatedRules[i] {
			t.Fatalf("generatedIndex.rules[%d] is not generatedRules[%d]", i, i)
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

// TestAddedRulesBesideGenerated checks that rules a config file adds are
// found after the generated ones for their program, for any program and
// for a parser problem, that changed generated rules are found as
// changed, and that other sets see none of it.
func TestAddedRulesBesideGenerated(t *testing.T) {
	s, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	f, err := ParseFile("user.toml", []byte(`
[[rule]]
id = "user.git-status"
programs = ["git"]
command = ["status"]
severity = "low"
reason = "the test says so"

[[rule]]
id = "user.any-secret"
programs = ["*"]
args = ["--secret"]
severity = "low"
reason = "the test says so"

[[rule]]
id = "user.parse-error"
problem = "parse-error"
severity = "high"
action = "deny"
reason = "the test says so"

[rules."git.push-force"]
action = "deny"
`))
	if err != nil {
		t.Fatal(err)
	}
	if errs := s.Apply(f, User); len(errs) > 0 {
		t.Fatal(errs)
	}
	ctx := ExampleContext()
	has := func(d Decision, id string) bool {
		for _, f := range d.Findings {
			if f.Rule.ID == id {
				return true
			}
		}
		return false
	}
	if d := s.Check("git status", ctx); !has(d, "user.git-status") {
		t.Errorf("git status: %+v", d.Findings)
	}
	if d := s.Check("ls --secret", ctx); !has(d, "user.any-secret") {
		t.Errorf("ls --secret: %+v", d.Findings)
	}
	if d := s.Check("echo $((", ctx); d.Action != Deny || !has(d, "user.parse-error") || !has(d, "analysis.parse-error") {
		t.Errorf("parse error: %s %+v", d.Action, d.Findings)
	}
	if d := s.Check("git push --force origin feature", ctx); d.Action != Deny {
		t.Errorf("git push --force: %s", d.Action)
	}
	names := s.programRules("git")
	if last := names[len(names)-1]; last.ID != "user.git-status" {
		t.Errorf("the added rule is not last for git: %s", last.ID)
	}
	if r, ok := s.Rule("user.git-status"); !ok || r.Severity != Low {
		t.Errorf("Rule(user.git-status) = %v, %v", r, ok)
	}
	if n := len(s.Rules()); n != len(generatedRules)+3 {
		t.Errorf("%d rules, want %d", n, len(generatedRules)+3)
	}
	o := defaultSet(t)
	if d := o.Check("git status", ctx); d.Action != Allow {
		t.Errorf("another set: git status is %s", d.Action)
	}
	if d := o.Check("git push --force origin feature", ctx); d.Action != Confirm {
		t.Errorf("another set: git push --force is %s", d.Action)
	}
	if len(o.Rules()) != len(generatedRules) {
		t.Errorf("another set has %d rules", len(o.Rules()))
	}
}
