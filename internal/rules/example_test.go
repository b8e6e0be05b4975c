package rules

import "testing"

func TestPackExamples(t *testing.T) {
	s, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	n, failures := s.TestExamples()
	for _, f := range failures {
		t.Error(f)
	}
	if n < 300 {
		t.Errorf("only %d examples; every rule needs examples both ways", n)
	}
	for _, r := range s.Rules() {
		// A rule that matches only by the disk's state is tested against
		// temporary repositories (state_test.go).
		if len(r.Match) == 0 && r.Problem == "" && !r.StateOnly {
			t.Errorf("%s: no match examples", r.ID)
		}
	}
}

func BenchmarkDefault(b *testing.B) {
	for b.Loop() {
		if _, err := Default(); err != nil {
			b.Fatal(err)
		}
	}
}
