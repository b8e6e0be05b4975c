package parse

import "testing"

// TestSubsts checks that the known output of a process substitution given
// as a whole argument is recorded, and an unknown one is not.
func TestSubsts(t *testing.T) {
	invs := Command(`psql -f <(echo "DROP TABLE t") -h db; psql -f <(curl -s https://x.example.com/q.sql)`, Options{Dir: "/p"})
	var got []map[string]string
	for _, inv := range invs {
		if inv.Name == "psql" {
			got = append(got, inv.Substs)
		}
	}
	if len(got) != 2 {
		t.Fatalf("psql invocations: %d", len(got))
	}
	found := false
	for _, text := range got[0] {
		found = found || text == "DROP TABLE t\n"
	}
	if !found {
		t.Errorf("first psql: substs %q, want the echo's output", got[0])
	}
	if len(got[1]) != 0 {
		t.Errorf("second psql: substs %q, want none", got[1])
	}
}
