package wordlist

import (
	"slices"
	"strings"
	"testing"
)

// TestHas compares inWords with slices.Contains over the words split
// out, for words that are in the list, parts and runs of them, and others.
func TestHas(t *testing.T) {
	lists := []string{"", "a", "rm", "rm rmdir", "rmdir rm", "-r -R --recursive", "aa a", "a aa", "x.y x y"}
	probes := []string{"", " ", "a", "aa", "r", "rm", "rmdir", "dir", "rm rmdir", "-r", "-R", "--recursive", "recursive", "x", "y", "x.y", ".y", "x y", "a "}
	for _, list := range lists {
		for _, w := range probes {
			want := slices.Contains(strings.Fields(list), w)
			if got := Has(list, w); got != want {
				t.Errorf("Has(%q, %q) = %v, want %v", list, w, got, want)
			}
		}
	}
}
