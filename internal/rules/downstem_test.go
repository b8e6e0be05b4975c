package rules

import (
	"math/rand"
	"strings"
	"testing"
)

// TestHasDownStem compares hasDownStem with lowering the word and looking
// for each stem, on words made of the stems' pieces, in both cases and
// with letters that lower to ASCII ones (the Kelvin sign lowers to k).
func TestHasDownStem(t *testing.T) {
	want := func(s string) bool {
		l := strings.ToLower(s)
		for _, stem := range downStems {
			if strings.Contains(l, stem) {
				return true
			}
		}
		return false
	}
	pieces := []string{"d", "o", "w", "n", "D", "OWN", "roll", "BACK", "bac", "\u212a", "re", "vert", "un", "do", "Do", "apply", "pr", "EV", "-", "_", "/", "x", "é", "İ", "down", "undo", "redo"}
	rng := rand.New(rand.NewSource(1))
	for i := 0; i < 20000; i++ {
		var b strings.Builder
		for n := rng.Intn(7); n > 0; n-- {
			b.WriteString(pieces[rng.Intn(len(pieces))])
		}
		s := b.String()
		if got := hasDownStem(s); got != want(s) {
			t.Errorf("hasDownStem(%q) = %v, want %v", s, got, !got)
		}
	}
	for _, s := range []string{"", "dow", "down", "DOWN", "rollbac\u212a", "--prev", "migrate:rollback", "unapply", "Revert"} {
		if got := hasDownStem(s); got != want(s) {
			t.Errorf("hasDownStem(%q) = %v, want %v", s, got, !got)
		}
	}
}
