package rules

import (
	"bytes"
	"os"
	"testing"
)

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
		if len(r.Match) == 0 && r.Problem == "" {
			t.Errorf("%s: no match examples", r.ID)
		}
	}
}

// TestGeneratedPacks checks that packs_gen.go matches packs/*.toml.
func TestGeneratedPacks(t *testing.T) {
	files, err := Packs()
	if err != nil {
		t.Fatal(err)
	}
	want, err := GoSource(files)
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("packs_gen.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatal("packs_gen.go is out of date: run go generate ./internal/rules")
	}
	a, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	b, err := DefaultFromTOML()
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Rules()) != len(b.Rules()) {
		t.Fatalf("generated packs have %d rules, TOML %d", len(a.Rules()), len(b.Rules()))
	}
}

func BenchmarkDefault(b *testing.B) {
	for b.Loop() {
		if _, err := Default(); err != nil {
			b.Fatal(err)
		}
	}
}
