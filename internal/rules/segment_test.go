package rules

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// TestHasSegment compares hasSegment with the concatenating test it
// replaces, over the cache names and random paths made of their pieces.
func TestHasSegment(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	pieces := []string{"/", "a", "__pycache__", ".pytest_cache", "_", "cache", ".mypy_cache", "//", "x/"}
	names := append([]string{"a", "ab", "/"}, cacheNames...)
	for range 200000 {
		var b strings.Builder
		for range r.IntN(6) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		p := b.String()
		for _, n := range names {
			if got, want := hasSegment(p, n), strings.Contains(p+"/", "/"+n+"/"); got != want {
				t.Fatalf("hasSegment(%q, %q) = %v, want %v", p, n, got, want)
			}
		}
	}
}

// TestPathListsUnder checks that the lists classifyPath and isCache test
// with under hold no empty entry and no "/", for which under differs
// from the test it replaced (rel == s || strings.HasPrefix(rel, s+"/")).
func TestPathListsUnder(t *testing.T) {
	for _, list := range [][]string{secretDirs, homeCaches} {
		for _, s := range list {
			if s == "" || s == "/" {
				t.Errorf("entry %q", s)
			}
		}
	}
}
