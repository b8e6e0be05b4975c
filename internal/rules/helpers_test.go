package rules

import (
	"strings"
	"testing"

	"github.com/guardsh/guard/internal/parse"
)

// defaultSet returns the embedded rules, failing the test if they do not
// load.
func defaultSet(t testing.TB) *Set {
	t.Helper()
	s, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// setFrom builds a set from the embedded tools and the given rule file,
// with no embedded rules, so that a test sees only its own rules.
func setFrom(t testing.TB, data string) *Set {
	t.Helper()
	f, err := ParseFile("test.toml", []byte(data))
	if err != nil {
		t.Fatalf("ParseFile: %v", err)
	}
	s, err := fromFiles(nil)
	if err != nil {
		t.Fatal(err)
	}
	// The embedded tools, as the index of a set with no rules.
	s.idx = newIndex(nil, generatedTools())
	if errs := s.Apply(f, User); len(errs) > 0 {
		t.Fatalf("Apply: %v", errs)
	}
	return s
}

// matcherHit builds a matcher and reports what it says about the first
// invocation of cmd that it matches, in ExampleContext.
func matcherHit(t testing.TB, name string, with map[string]any, cmd string) (string, bool) {
	t.Helper()
	mk, ok := findMatcher(name)
	if !ok {
		t.Fatalf("no matcher %q", name)
	}
	m, err := mk(with)
	if err != nil {
		t.Fatalf("matcher %s %v: %v", name, with, err)
	}
	s := defaultSet(t)
	ctx := ExampleContext()
	for _, inv := range parse.Command(cmd, parse.Options{Dir: ctx.Dir, Home: ctx.Home}) {
		if d, ok := m(inv, s.view(inv), &ctx); ok {
			return d, true
		}
	}
	return "", false
}

// ids lists the rules of a decision's findings.
func ids(d Decision) string {
	var out []string
	for _, f := range d.Findings {
		out = append(out, f.Rule.ID)
	}
	return strings.Join(out, ",")
}
