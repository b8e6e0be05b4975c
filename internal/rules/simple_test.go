package rules

import (
	"testing"

	"github.com/guardsh/guard/internal/corpus"
	"github.com/guardsh/guard/internal/parse"
)

// TestSimpleParseDecisions checks that the fast parser for plain
// commands changes no decision: every line of the corpus and holdout
// files, and each line's command without its verdict column, gets the
// same action, severity and rules with it as without it.
func TestSimpleParseDecisions(t *testing.T) {
	s, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	cmds, err := corpus.Texts("../../testdata/corpus/*.txt", "../../testdata/holdout*/*.txt")
	if err != nil {
		t.Fatal(err)
	}
	if len(cmds) < 1000 {
		t.Fatalf("found %d lines", len(cmds))
	}
	ctx := ExampleContext()
	decide := func(on bool, c string) string {
		defer parse.SetSimple(parse.SetSimple(on))
		d := s.Check(c, ctx)
		return d.Action.String() + " " + d.Severity().String() + " " + ids(d)
	}
	for _, c := range cmds {
		if fast, full := decide(true, c), decide(false, c); fast != full {
			t.Errorf("%q: %s with the fast parser, %s without", c, fast, full)
		}
	}
}
