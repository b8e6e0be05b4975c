package writes

import (
	"math/rand/v2"
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
