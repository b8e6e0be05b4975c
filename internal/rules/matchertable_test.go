package rules

import "testing"

// TestMatcherTable checks that the matcher table is sorted and has each
// name once, which findMatcher's binary search needs, and that every
// name in it is found.
func TestMatcherTable(t *testing.T) {
	for i := 1; i < len(matcherTable); i++ {
		if matcherTable[i-1].name >= matcherTable[i].name {
			t.Errorf("matcherTable: %q before %q: not sorted, or twice", matcherTable[i-1].name, matcherTable[i].name)
		}
	}
	for _, m := range matcherTable {
		if mk, ok := findMatcher(m.name); !ok || mk == nil {
			t.Errorf("findMatcher(%q) finds nothing", m.name)
		}
	}
	for _, name := range []string{"", "zzz", "Sql", "sql "} {
		if _, ok := findMatcher(name); ok {
			t.Errorf("findMatcher(%q) finds a matcher", name)
		}
	}
}

// mustMatcher returns the builder of the matcher called name, or stops the
// test.
func mustMatcher(t *testing.T, name string) makeMatcher {
	t.Helper()
	mk, ok := findMatcher(name)
	if !ok {
		t.Fatalf("no matcher %q", name)
	}
	return mk
}
