package writes

import (
	"path"
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
				if got, want := CleanPath(p), path.Clean(p); got != want {
					t.Errorf("CleanPath(%q) = %q, want %q", p, got, want)
				}
			}
		}
	}
}
