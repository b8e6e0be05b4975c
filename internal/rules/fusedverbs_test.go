package rules

import "testing"

func TestFusedVerb(t *testing.T) {
	for _, c := range []struct {
		word   string
		strict bool
		want   string
	}{
		{"removeacct", false, "remove"},
		{"removeacct", true, "remove"},
		{"delacct", false, "del"},
		{"killacct", false, "kill"},
		{"purgequeue", false, "purge"},
		{"deleteClient", false, "delete"},
		{"purgecss", true, ""},
		{"purgecss", false, "purge"},
		{"deleted", false, ""},
		{"remover", false, ""},
		{"delta", false, ""},
		{"delegate", false, ""},
		{"droplet", false, ""},
		{"dropdown", false, ""},
		{"killer", false, ""},
		{"rmdir", false, "rm"},
		{"remove-acct", false, ""},
	} {
		if got := fusedVerb(c.word, c.strict); got != c.want {
			t.Errorf("fusedVerb(%q, %v) = %q, want %q", c.word, c.strict, got, c.want)
		}
	}
}

func TestDestroyOption(t *testing.T) {
	for _, c := range []struct {
		name string
		want bool
	}{
		{"delete-content", true},
		{"remove-data", true},
		{"purge-all", true},
		{"drop_user_data", true},
		{"removeFiles", true},
		{"delete-branch", false},
		{"remove-comments", false},
		{"drop-privileges", false},
		{"remove-orphans", false},
		{"delete", false},
		{"keep-data", false},
	} {
		if got := destroyOption(c.name); got != c.want {
			t.Errorf("destroyOption(%q) = %v, want %v", c.name, got, c.want)
		}
	}
}
