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

// TestProtectedLists: the written-out ~/.claude list is claudeDir, and
// Protected repeats no path, whatever the home and the directory.
func TestProtectedLists(t *testing.T) {
	if len(homeClaude) != len(claudeDir) {
		t.Fatalf("homeClaude has %d entries, claudeDir %d", len(homeClaude), len(claudeDir))
	}
	for i, p := range claudeDir {
		if homeClaude[i] != ".claude/"+p {
			t.Errorf("homeClaude[%d] = %q, want %q", i, homeClaude[i], ".claude/"+p)
		}
	}
	env := func(k string) string {
		return map[string]string{"CLAUDE_CONFIG_DIR": "/home/u/.claude", "CODEX_HOME": "/home/u/.codex"}[k]
	}
	for _, c := range []struct{ home, dir string }{{"/home/u", "/home/u/p/q"}, {"/home/u", "/home/u"}, {"/", "/"}, {"/home/u", "/srv/x"}, {"/home/u", ""}} {
		seen := map[string]bool{}
		for _, p := range Protected(c.home, c.dir, env, "/usr/local/bin/guard", "/home/u/.config/guard") {
			if seen[p] {
				t.Errorf("Protected(%q, %q) lists %q twice", c.home, c.dir, p)
			}
			seen[p] = true
		}
		if !seen[c.home+"/.claude/shell-snapshots"] && c.home != "/" || c.dir == "/home/u/p/q" && !seen["/home/u/p/.claude/settings.json"] {
			t.Errorf("Protected(%q, %q) misses paths: %v", c.home, c.dir, seen)
		}
	}
}

// TestEndsReject checks the second shortcut Lands takes: a protected path
// that mayBeOnOrUnder or mayBeAbove rules out is never on, under or above
// a path the pattern stands for. The patterns include relative words in an
// unknown directory (**/...), run-time parts and globs.
func TestEndsReject(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	parts := []string{"/", "a", "b", "ab", ".guard", "*", "?", "[ab]", "$x", "**", "/home", "/home/u", "/.config", "..", ".", "guard", "/a/", "u"}
	targets := []string{"/", "/a", "/a/b", "/ab", "/home", "/home/u", "/home/u/.config/guard", "/home/u/.claude/settings.json",
		"/a/.guard", "/b/a", "/home/uu", "/h", "/home/u/x/y", "/guard", "/a/b/ab", "/u/a", "/home/u/a/b", "/b", "a/b", "ab"}
	checked, rejected := 0, 0
	for i := 0; i < 40000; i++ {
		var b strings.Builder
		for n := r.IntN(7); n >= 0; n-- {
			b.WriteString(parts[r.IntN(len(parts))])
		}
		v := b.String()
		w := parse.Word{Value: v, Dynamic: strings.Contains(v, "$"), Glob: strings.ContainsAny(v, "*?[")}
		dir := "/home/u"
		if i%2 == 1 {
			dir = ""
		}
		p, ok := compile(w, dir)
		if !ok {
			continue
		}
		for _, q := range []pattern{p, p.oneComponent()} {
			e := q.ends()
			for _, g := range targets {
				checked++
				if !q.mayBeOnOrUnder(&e, g) {
					rejected++
					if q.onOrUnder(g) {
						t.Fatalf("pattern %q is on or under %q, which mayBeOnOrUnder rules out", q.String(), g)
					}
				}
				if !q.mayBeAbove(&e, g) {
					rejected++
					if q.above(g) {
						t.Fatalf("pattern %q is above %q, which mayBeAbove rules out", q.String(), g)
					}
				}
			}
		}
	}
	if rejected < checked/4 {
		t.Errorf("the shortcut rules out %d of %d: too few to test it", rejected, checked)
	}
}
