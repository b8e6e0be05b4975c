package rules

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/guardsh/guard/internal/corpus"
	"github.com/guardsh/guard/internal/parse"
)

// plainLoop returns a plainRules over the set's rules: every rule, tried
// when it catches the invocation's problem, names the program or any
// program ("*").
func plainLoop(all []*Rule) func(s *Set, inv *parse.Invocation, name string) (problems, named, anyProgram []*Rule) {
	return func(s *Set, inv *parse.Invocation, name string) (problems, named, anyProgram []*Rule) {
		return plainOver(all, inv, name)
	}
}

func plainOver(all []*Rule, inv *parse.Invocation, name string) (problems, named, anyProgram []*Rule) {
	for _, r := range all {
		if r.problem != 0 {
			if parse.Problem(r.problem) == inv.Problem {
				problems = append(problems, r)
			}
			continue
		}
		if name != "" && slices.Contains(r.programs, name) {
			named = append(named, r)
		}
		if slices.Contains(r.programs, "*") {
			anyProgram = append(anyProgram, r)
		}
	}
	return problems, named, anyProgram
}

// decisionText is everything a decision says, for comparing two.
func decisionText(d Decision) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%v\n", d.Action)
	for _, list := range [][]Finding{d.Findings, d.Passed, d.Allowed} {
		for _, f := range list {
			fmt.Fprintf(&b, "%s %v %v %q %q %q %q\n", f.Rule.ID, f.Severity, f.Action, f.Detail, f.Prod, f.AllowedBy, f.Inv.Text)
		}
		b.WriteString("--\n")
	}
	return b.String()
}

// TestIndexEquivalent checks that the rules the index gives an
// invocation (by its program and first operand, plus the rules for any
// program and for parser problems) decide every line of the corpus and of
// the holdout corpora as trying every rule that names the program does,
// in a known directory and in none (audit's), and so for the same lines
// with the program's name in upper case or with a directory before it
// (/usr/bin/RM), which the index must not lose.
func TestIndexEquivalent(t *testing.T) {
	cmds, err := corpus.Texts("../../testdata/corpus/*.txt", "../../testdata/holdout*/*.txt")
	if err != nil {
		t.Fatal(err)
	}
	if len(cmds) < 10000 {
		t.Fatalf("only %d commands", len(cmds))
	}
	if testing.Short() {
		cmds = cmds[:len(cmds)/10]
	}
	var variants []string
	for i, c := range cmds {
		variants = append(variants, c)
		first, rest, _ := strings.Cut(c, " ")
		// Every fourth line also as its variants, to keep the test short.
		if i%4 != 0 || first == "" || strings.ContainsAny(first, "=$'\"\\`/(){}<>|&;") {
			continue
		}
		variants = append(variants, strings.ToUpper(first)+" "+rest, "/usr/bin/"+first+" "+rest)
	}
	s, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	ctxs := []Context{ExampleContext(), {Home: "/root", Protected: ProtectedPaths("/root", "", "/usr/local/bin/guard")}}
	plain := plainLoop(s.Rules())
	defer func() { plainRules = nil }()
	differ := 0
	for _, c := range variants {
		for _, ctx := range ctxs {
			plainRules = nil
			indexed := decisionText(s.Check(c, ctx))
			plainRules = plain
			byLoop := decisionText(s.Check(c, ctx))
			if indexed != byLoop {
				differ++
				if differ <= 10 {
					t.Errorf("%q in %q:\nindexed: %s\nplain:   %s", c, ctx.Dir, indexed, byLoop)
				}
			}
		}
	}
	if differ > 0 {
		t.Errorf("%d of %d decisions differ", differ, 2*len(variants))
	}
}
