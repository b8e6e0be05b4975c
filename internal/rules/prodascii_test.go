package rules

import "testing"

// TestProdWordsASCII checks that the production words are ASCII, which
// hasProdWord's length test relies on: an ASCII word folds only to one of
// its own length.
func TestProdWordsASCII(t *testing.T) {
	for _, w := range prodWords {
		for i := 0; i < len(w); i++ {
			if w[i] >= 0x80 {
				t.Errorf("production word %q is not ASCII", w)
			}
		}
	}
}
