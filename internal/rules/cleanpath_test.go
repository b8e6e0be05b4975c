package rules

import (
	"path"
	"slices"
	"strings"
	"testing"
)

// TestCleanPath checks cleanPath against path.Clean on paths made of
// every kind of component.
func TestCleanPath(t *testing.T) {
	parts := []string{"", "/", "a", ".", "..", "//", "a/", "/.", "./", "../", ".a", "a.", "..a", "b/c"}
	for _, a := range parts {
		for _, b := range parts {
			for _, c := range parts {
				p := a + b + c
				if got, want := cleanPath(p), path.Clean(p); got != want {
					t.Errorf("cleanPath(%q) = %q, want %q", p, got, want)
				}
			}
		}
	}
}

// TestSubcommandParts checks subcommandParts against strings.FieldsFunc.
func TestSubcommandParts(t *testing.T) {
	for _, s := range []string{"", "-", "a", "Update-Certificate", "set::x__y", "--a-", "ÄB-c", "x:y_z-w", "__", "SET"} {
		want := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return r == '-' || r == '_' || r == ':' })
		got := slices.Collect(subcommandParts(s))
		if !slices.Equal(got, want) {
			t.Errorf("subcommandParts(%q) = %q, want %q", s, got, want)
		}
	}
}
