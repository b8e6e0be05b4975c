package main

import (
	"strings"
	"testing"
)

func TestRead(t *testing.T) {
	in := "# comment\n\nallow\tgit status\nblock  rm -rf /\nconfirm\tpsql <<'SQL'\n>>DROP TABLE t;\n>>SQL\n"
	got, err := read(strings.NewReader(in), "fam")
	if err != nil {
		t.Fatal(err)
	}
	want := []item{
		{"fam", 3, "allow", "git status"},
		{"fam", 4, "block", "rm -rf /"},
		{"fam", 5, "confirm", "psql <<'SQL'\nDROP TABLE t;\nSQL"},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d items, want %d: %+v", len(got), len(want), got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("item %d: got %+v, want %+v", i, got[i], want[i])
		}
	}
}

func TestReadErrors(t *testing.T) {
	for _, in := range []string{">>orphan\n", "maybe rm -rf /\n", "allow\n"} {
		if _, err := read(strings.NewReader(in), "fam"); err == nil {
			t.Errorf("%q: no error", in)
		}
	}
}
