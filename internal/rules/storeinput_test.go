package rules

import (
	"errors"
	"strings"
	"testing"
)

// TestStoreInputFiles checks that a file of statements a client reads is
// judged by what it holds when guard can read it, and asks toward a
// remote server when it cannot.
func TestStoreInputFiles(t *testing.T) {
	files := map[string]string{
		"/home/user/project/drop.sql":   "BEGIN;\nDROP TABLE users;\nCOMMIT;\n",
		"/home/user/project/select.sql": "SELECT 1;\n",
		"/home/user/project/flush.txt":  "SELECT 2\nFLUSHDB\n",
	}
	old := readClientFile
	readClientFile = func(p string) (string, error) {
		if text, ok := files[p]; ok {
			return text, nil
		}
		return "", errors.New("no such file")
	}
	defer func() { readClientFile = old }()
	set := defaultSet(t)
	tests := []struct{ cmd, want string }{
		{"psql -h db.example.com -f drop.sql", "db.sql-drop"},
		{"psql app < drop.sql", "db.sql-drop"},
		{"mysql -h db.example.com app < select.sql", ""},
		{"psql -h db.example.com -f select.sql", ""},
		{"psql -h db.example.com -f missing.sql", "db.unknown-input"},
		{"psql -f missing.sql", ""},
		{"redis-cli -h cache.example.com < flush.txt", "db.redis-flush"},
		{"redis-cli < flush.txt", "db.redis-flush"},
		{"ssh db.example.com psql -f select.sql", "db.unknown-input"},
	}
	for _, tt := range tests {
		d := set.Check(tt.cmd, ExampleContext())
		var ids []string
		for _, f := range d.Findings {
			ids = append(ids, f.Rule.ID)
		}
		got := strings.Join(ids, ",")
		if tt.want == "" && got != "" || tt.want != "" && !strings.Contains(got, tt.want) {
			t.Errorf("%s: findings %q, want %q", tt.cmd, got, tt.want)
		}
	}
}
