package writes

import "testing"

// TestLookupIndex checks that the index audit uses gives what scanning
// the tables gives, for every name in them and for others.
func TestLookupIndex(t *testing.T) {
	names := []string{"", "git", "python3", "python3.12", "node", "nope", "rm", "Rm", "bash", "perl5"}
	for _, a := range aliases {
		names = append(names, a.name, a.model)
	}
	for _, p := range programs {
		names = append(names, p.name)
	}
	lookups.n.Store(lookupsBeforeIndex + 1)
	for _, n := range names {
		if got, want := lookup(n), scan(n); got != want {
			t.Errorf("lookup(%q) = %p with the index, %p by scanning", n, got, want)
		}
	}
}
