package rules_test

import (
	"fmt"
	"testing"

	"github.com/guardsh/guard/internal/corpus"

	"github.com/guardsh/guard/internal/parse"
	"github.com/guardsh/guard/internal/rules"
)

func readCorpus(t testing.TB) []corpus.Case {
	t.Helper()
	cases, err := corpus.ReadDir("../../testdata/corpus")
	if err != nil {
		t.Fatal(err)
	}
	return cases
}

func TestCorpus(t *testing.T) {
	set, err := rules.Default()
	if err != nil {
		t.Fatal(err)
	}
	ctx := rules.ExampleContext()
	cases := readCorpus(t)
	if len(cases) < 400 {
		t.Errorf("the corpus has %d commands; it should have at least 400", len(cases))
	}
	for _, c := range cases {
		d := set.Check(c.Text, ctx)
		got := d.Action.String()
		ok := got == c.Expect || c.Expect == "block" && d.Action != rules.Allow
		if !ok {
			var ids []string
			for _, f := range d.Findings {
				ids = append(ids, f.Rule.ID)
			}
			t.Errorf("%s:%d: %s: got %s %v, want %s", c.File, c.Line, parse.Quote(c.Text), got, ids, c.Expect)
		}
	}
}

// TestCorpusCounts reports how the corpus divides, to keep it balanced.
func TestCorpusCounts(t *testing.T) {
	counts := map[string]int{}
	for _, c := range readCorpus(t) {
		counts[c.Expect]++
	}
	t.Log(fmt.Sprint(counts))
}

// TestCorpusFamilies checks that the families of issue 10 section 5, and
// the verb model's own, have enough commands on both sides to say
// something about them.
func TestCorpusFamilies(t *testing.T) {
	type side struct{ destructive, everyday int }
	counts := map[string]*side{}
	for _, c := range readCorpus(t) {
		s := counts[c.Family()]
		if s == nil {
			s = &side{}
			counts[c.Family()] = s
		}
		if c.Destructive() {
			s.destructive++
		} else {
			s.everyday++
		}
	}
	for _, fam := range []string{"secrets", "brokers", "search", "cicd", "backups", "orm", "gitops", "cloud-longtail", "stores", "unknown-cli", "spelling", "heldout"} {
		s := counts[fam]
		if s == nil {
			s = &side{}
		}
		if s.destructive < 30 || s.everyday < 30 {
			t.Errorf("family %s: %d destructive and %d everyday commands; want at least 30 of each", fam, s.destructive, s.everyday)
		}
	}
}
