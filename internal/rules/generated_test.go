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
	g, w := generatedIndex{}, toml.idx.(*index)
	if !reflect.DeepEqual(ids(g.all()), ids(w.rules)) {
		t.Errorf("rules: got %v\nwant %v", ids(g.all()), ids(w.rules))
	}
	for _, p := range w.programs {
		if got, want := ids(g.program(p.name)), ids(p.rules); !reflect.DeepEqual(got, want) {
			t.Errorf("program %s: %v, want %v", p.name, got, want)
		}
	}
	if got := g.program("no-such-program"); got != nil {
		t.Errorf("no-such-program: %v", ids(got))
	}
	if !reflect.DeepEqual(ids(g.any()), ids(w.anyRules)) {
		t.Errorf("any: %v, want %v", ids(g.any()), ids(w.anyRules))
	}
	for p := 0; p < 256; p++ {
		if got, want := ids(g.problem(parse.Problem(p))), ids(w.problem(parse.Problem(p))); !reflect.DeepEqual(got, want) {
			t.Errorf("problem %d: %v, want %v", p, got, want)
		}
	}
	for _, r := range w.rules {
		got, ok := g.rule(r.ID)
		if !ok || got.ID != r.ID {
			t.Errorf("rule %s: %v, %v", r.ID, got, ok)
		}
		if again, _ := g.rule(r.ID); again != got {
			t.Errorf("rule %s is made twice", r.ID)
		}
	}
	if _, ok := g.rule("no.such-rule"); ok {
		t.Error("no.such-rule found")
	}
	tools := generatedTools()
	if len(tools) != len(w.tools) {
		t.Errorf("%d tools, want %d", len(tools), len(w.tools))
	}
	for _, tl := range w.tools {
		if got := g.tool(tl.name); !reflect.DeepEqual(got, tl.tool) || got != g.tool(tl.name) {
			t.Errorf("tool %s: %+v, want %+v", tl.name, got, tl.tool)
		}
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
	if n := len(s.Rules()); n != generatedCount+3 {
		t.Errorf("%d rules, want %d", n, generatedCount+3)
	}
	o := defaultSet(t)
	if d := o.Check("git status", ctx); d.Action != Allow {
		t.Errorf("another set: git status is %s", d.Action)
	}
	if d := o.Check("git push --force origin feature", ctx); d.Action != Confirm {
		t.Errorf("another set: git push --force is %s", d.Action)
	}
	if len(o.Rules()) != generatedCount {
		t.Errorf("another set has %d rules", len(o.Rules()))
	}
}

// TestGeneratedCommand checks that the rules the generated index gives a
// program for a first operand are, in order, its rules that have no
// subcommand or one that starts with that word: the others cannot match.
func TestGeneratedCommand(t *testing.T) {
	x := generatedIndex{}
	if n, all := len(x.command("git", "status")), len(x.program("git")); n >= all {
		t.Errorf("git status meets %d of git's %d rules", n, all)
	}
	for _, r := range x.all() {
		for _, name := range r.programs {
			if name == "*" {
				continue
			}
			all := x.program(name)
			words := []string{"", "no-such-subcommand"}
			for _, o := range all {
				for _, c := range o.commands {
					words = append(words, c[0])
				}
			}
			for _, w := range words {
				var want []*Rule
				for _, o := range all {
					ok := len(o.commands) == 0
					for _, c := range o.commands {
						ok = ok || c[0] == w
					}
					if ok {
						want = append(want, o)
					}
				}
				if got := x.command(name, w); !reflect.DeepEqual(got, want) && !(len(got) == 0 && len(want) == 0) {
					if w == "" || w == "no-such-subcommand" {
						// Rules with a subcommand cannot match without
						// one; a program not indexed gives them all.
						if reflect.DeepEqual(got, all) {
							continue
						}
					}
					if reflect.DeepEqual(got, all) {
						continue
					}
					t.Errorf("%s %q: %d rules, want %d", name, w, len(got), len(want))
				}
			}
		}
	}
}
