package writes

import (
	"math/rand/v2"
	"path"
	"strings"
	"testing"

	"github.com/guardsh/guard/internal/parse"
)

// TestPrefixRejects checks the shortcut Lands takes: a protected path that
// neither starts with a pattern's literal prefix nor begins it is never on,
// under or above a path the pattern stands for.
func TestPrefixRejects(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	parts := []string{"/", "a", "b", "ab", ".guard", "*", "?", "[ab]", "$x", "**", "/home", "/home/u", "/.config"}
	targets := []string{"/", "/a", "/a/b", "/ab", "/home", "/home/u", "/home/u/.config/guard", "/home/u/.claude/settings.json",
		"/a/.guard", "/b/a", "/home/uu", "/h", "/home/u/x/y"}
	for i := 0; i < 20000; i++ {
		var b strings.Builder
		for n := r.IntN(6); n >= 0; n-- {
			b.WriteString(parts[r.IntN(len(parts))])
		}
		v := b.String()
		w := parse.Word{Value: v, Dynamic: strings.Contains(v, "$"), Glob: strings.ContainsAny(v, "*?[")}
		p, ok := compile(w, "/home/u")
		if !ok {
			continue
		}
		pre := p.prefix()
		for _, g := range targets {
			if strings.HasPrefix(g, pre) || strings.HasPrefix(pre, g) {
				continue
			}
			if p.onOrUnder(g) || p.above(g) {
				t.Fatalf("pattern %q (prefix %q) reaches %q, which the shortcut skips", p.String(), pre, g)
			}
		}
	}
}

// TestProtectedNamesAreClean checks what Protected relies on to join
// names without cleaning them: each is a clean relative path.
func TestProtectedNamesAreClean(t *testing.T) {
	for _, list := range [][]string{agentSettings, homeSettings} {
		for _, p := range list {
			if p == "" || path.IsAbs(p) || path.Clean(p) != p || strings.HasPrefix(p, "..") {
				t.Errorf("%q is not a clean relative path", p)
			}
		}
	}
	// And the result is what joining and cleaning gives.
	for _, c := range []struct{ home, dir string }{{"/home/u", "/home/u/src/app"}, {"/home/u/", "/"}, {"/", "/tmp//x/"}} {
		got := Protected(c.home, c.dir, nil)
		seen := map[string]bool{}
		for _, p := range got {
			if path.Clean(p) != p {
				t.Errorf("%q is not clean", p)
			}
			seen[p] = true
		}
		for _, p := range agentSettings {
			if w := path.Join(c.home, p); !seen[w] {
				t.Errorf("home %q: %q missing", c.home, w)
			}
			if w := path.Join(c.dir, p); !seen[w] {
				t.Errorf("dir %q: %q missing", c.dir, w)
			}
		}
	}
}
