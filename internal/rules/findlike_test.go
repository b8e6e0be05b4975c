package rules

import (
	"slices"
	"strings"
	"testing"

	"github.com/guardsh/guard/internal/parse"
)

// TestFindNamesFollowRm keeps the names a find-names rule judges the
// same as the patterns of the rm rule it mirrors, so that find and rm
// of the same files are judged alike.
func TestFindNamesFollowRm(t *testing.T) {
	s, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	pairs := map[string]string{
		"fs.find-database-files": "fs.rm-database-file",
		"fs.find-data-files":     "fs.rm-data-files",
		"backup.find-files":      "backup.files",
	}
	for find, rm := range pairs {
		f, ok1 := s.Rule(find)
		r, ok2 := s.Rule(rm)
		if !ok1 || !ok2 {
			t.Fatalf("missing %s or %s", find, rm)
		}
		if got := anyStrings(f.With["names"]); !slices.Equal(got, r.Args) {
			t.Errorf("%s names = %q, want %s's args %q", find, got, rm, r.Args)
		}
		if got := anyStrings(f.With["not"]); !slices.Equal(got, r.NotArgs) {
			t.Errorf("%s not = %q, want %s's not_args %q", find, got, rm, r.NotArgs)
		}
	}
}

// anyStrings returns a with value as a list of strings.
func anyStrings(v any) []string {
	switch l := v.(type) {
	case []string:
		return l
	case []any:
		out := make([]string, 0, len(l))
		for _, x := range l {
			s, _ := x.(string)
			out = append(out, s)
		}
		return out
	}
	return nil
}

func TestFindTargets(t *testing.T) {
	for _, c := range []struct{ cmd, want string }{
		{"find . -name '*.DB' -delete", "*.db"},
		{"find data ./x -name '*.csv' -delete", "data/*.csv x/*.csv"},
		{"find . -path './data/*.jsonl' -delete", "data/*.jsonl"},
		{"find . -regex '.*\\.sqlite3$' -delete", "*.sqlite3"},
		{"find . ! -name '*.db' -name '*.log' -delete", "*.log"},
		{"find . -name '*.db' -exec rm -f {} +", "*.db"},
	} {
		inv := parse.Command(c.cmd, parse.Options{Dir: "/p"})[0]
		got := strings.Join(findTargets(inv), " ")
		if got != c.want {
			t.Errorf("%s: targets %q, want %q", c.cmd, got, c.want)
		}
	}
}
