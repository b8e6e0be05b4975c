package writes

import (
	"reflect"
	"strings"
	"testing"

	"github.com/guardsh/guard/internal/parse"
)

// TestIndexedLands checks that Lands finds the same protected path with
// the index of protected paths as without it, for relative paths in an
// unknown directory made of the protected paths' own components and
// others, of every kind, against guard's lists and lists with relative,
// empty and slash-ended paths.
func TestIndexedLands(t *testing.T) {
	lists := [][]string{
		Protected("/root", "", nil, "/usr/local/bin/guard"),
		Later("/root", ""),
		Protected("/home/u", "/home/u/proj", nil),
		{"/etc/guard/", "rel/.claude", "", "/a/b/c", "/x/.claude/settings.json", "/", "/hooks"},
	}
	comps := map[string]bool{"x": true, "..": true, ".": true, "main.go": true, "a": true, "b": true, "c": true}
	for _, l := range lists {
		for _, g := range l {
			for c := range strings.SplitSeq(g, "/") {
				if c != "" {
					comps[c] = true
				}
			}
		}
	}
	var words []string
	for c := range comps {
		words = append(words, c)
	}
	var paths []string
	for _, a := range words {
		paths = append(paths, a, a+"/")
		for _, b := range words {
			paths = append(paths, a+"/"+b)
			for _, c := range []string{"settings.json", "hooks", "x", ".."} {
				paths = append(paths, a+"/"+b+"/"+c)
			}
		}
	}
	paths = append(paths, strings.Repeat("d/", 20)+"settings.json", "./.claude//settings.json", "../../.codex")
	defer func() { indexOn = true }()
	n := 0
	for _, l := range lists {
		c := Checker{Home: "/root", Protected: l}
		for _, p := range paths {
			for _, kind := range []Kind{Write, Replace, Tree} {
				for _, unknown := range []bool{false, true} {
					for _, remove := range []bool{false, true} {
						tg := Target{Path: parse.Word{Value: p}, Kind: kind, Unknown: unknown, Remove: remove}
						indexOn = true
						h1, ok1 := c.Lands(tg, "")
						indexOn = false
						h2, ok2 := c.Lands(tg, "")
						if ok1 != ok2 || !reflect.DeepEqual(h1, h2) {
							t.Fatalf("%q kind %d unknown %v against %q: indexed %v %+v, plain %v %+v", p, kind, unknown, l, ok1, h1, ok2, h2)
						}
						if ok1 {
							n++
						}
					}
				}
			}
		}
	}
	if n == 0 {
		t.Fatal("no path landed on a protected path")
	}
	t.Logf("%d of %d landed", n, len(lists)*len(paths)*12)
}
