package main

import (
	"bytes"
	"os"
	"testing"

	"github.com/guardsh/guard/internal/rules"
)

// TestGeneratedPacks checks that packs_gen.go matches packs/*.toml, and
// that both give the same rules.
func TestGeneratedPacks(t *testing.T) {
	files, err := rules.Packs()
	if err != nil {
		t.Fatal(err)
	}
	want, err := goSource(files)
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("../packs_gen.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatal("packs_gen.go is out of date: run go generate ./internal/rules")
	}
	a, err := rules.Default()
	if err != nil {
		t.Fatal(err)
	}
	b, err := rules.DefaultFromTOML()
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Rules()) != len(b.Rules()) {
		t.Fatalf("generated packs have %d rules, TOML %d", len(a.Rules()), len(b.Rules()))
	}
	for _, r := range b.Rules() {
		g, ok := a.Rule(r.ID)
		if !ok || g.Summary() != r.Summary() || g.Action != r.Action || g.Severity != r.Severity {
			t.Errorf("rule %s differs between packs_gen.go and the TOML", r.ID)
		}
	}
}
