package rules

import (
	"math/rand"
	"path"
	"strings"
	"testing"
)

// globLowerFull is globLower without its first- and last-byte test: the
// test below checks that the shortcut changes no answer.
func globLowerFull(pattern, s string) bool {
	if !strings.ContainsAny(pattern, "*?[") {
		return pattern == s
	}
	if !strings.ContainsAny(pattern, "?[\\") {
		return starMatch(pattern, s)
	}
	ok, _ := path.Match(pattern, s)
	if ok {
		return true
	}
	if strings.Contains(s, "/") && strings.Contains(pattern, "*") {
		return starMatch(pattern, s)
	}
	return false
}

// TestGlobLowerShortcut compares globLower with globLowerFull on the
// packs' argument patterns against words made of their pieces, and on
// random patterns.
func TestGlobLowerShortcut(t *testing.T) {
	var patterns []string
	for _, r := range (generatedIndex{}).all() {
		patterns = append(patterns, r.args...)
		patterns = append(patterns, r.alsoArgs...)
		patterns = append(patterns, r.notArgs...)
	}
	patterns = append(patterns, "", "*", "?", "a\\", "\\a", "a\\*", "[a-c]x", "x[a-c]", "a[", "*]", "[]", "\\*x", "x\\]")
	rng := rand.New(rand.NewSource(1))
	alphabet := "ab*?[]\\/-."
	for i := 0; i < 2000; i++ {
		var b strings.Builder
		for n := rng.Intn(6); n > 0; n-- {
			b.WriteByte(alphabet[rng.Intn(len(alphabet))])
		}
		patterns = append(patterns, b.String())
	}
	words := []string{"", "a", "b", "/", "ab", "a/b", "ba", "-", "--force", "prod", "/tmp/x", "x]", "*", "\\", "a\\"}
	for _, p := range patterns {
		words = append(words, strings.NewReplacer("*", "", "?", "x", "[", "", "]", "").Replace(p), strings.ReplaceAll(p, "*", "a/b"))
	}
	for i := 0; i < 2000; i++ {
		var b strings.Builder
		for n := rng.Intn(6); n > 0; n-- {
			b.WriteByte(alphabet[rng.Intn(len(alphabet))])
		}
		words = append(words, b.String())
	}
	for _, p := range patterns {
		for _, w := range words {
			if got, want := globLower(p, w), globLowerFull(p, w); got != want {
				t.Fatalf("globLower(%q, %q) = %v, want %v", p, w, got, want)
			}
		}
	}
}
