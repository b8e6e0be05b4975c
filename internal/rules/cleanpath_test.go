package rules

import (
	"slices"
	"strings"
	"testing"
)

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
