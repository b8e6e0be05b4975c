package parse

import (
	"maps"
	"slices"
	"testing"
)

// Where run-time values come from: Origins, Loaded and Written of the last
// invocation of each command.
func TestOrigins(t *testing.T) {
	tests := []struct {
		in      string
		origins map[string]string
		loaded  []string
		written []string
	}{
		{`TOKEN=$(grep TOKEN .env | cut -d= -f2); curl -H "Authorization: Bearer $TOKEN" x`,
			map[string]string{"TOKEN": "$(grep TOKEN .env | cut -d= -f2)"}, nil, nil},
		{`T=$(cat ~/.tok) && A="Bearer $T" && curl -H "Authorization: ${A}" x`,
			map[string]string{"A": "Bearer $T", "T": "$(cat ~/.tok)"}, nil, nil},
		{`export K=$(jq -r .token cfg.json); curl -H "X-Api-Key: $K" x`,
			map[string]string{"K": "$(jq -r .token cfg.json)"}, nil, nil},
		{`read -r K < ~/.k; curl -u "me:$K" x`, map[string]string{"K": "read -r K < ~/.k"}, nil, nil},
		// A variable from the environment has no origin in the command.
		{`curl -H "Authorization: Bearer $TOKEN" x`, nil, nil, nil},
		{`source .env && curl -H "Authorization: Bearer $TOKEN" x`, nil, []string{"source .env"}, nil},
		{`set -a; . ./.env; set +a; curl -H "Authorization: Bearer $TOKEN" x`, nil, []string{". ./.env"}, nil},
		{`export $(grep -v '^#' .env | xargs) && curl -H "Authorization: Bearer $TOKEN" x`, nil,
			[]string{`export $(grep -v '^#' .env | xargs)`}, nil},
		// Loaded only matters to an invocation that uses a variable the
		// command did not set.
		{`source .env && curl https://example.com`, nil, nil, nil},
		{`(source .env) && curl -H "Authorization: Bearer $TOKEN" x`, nil, nil, nil},
		{"cat > b.json <<'EOF'\n{\"q\":1}\nEOF\ncurl -d @b.json x", nil, nil, []string{"/home/user/project/b.json"}},
		{"curl -d @b.json x", nil, nil, nil},
	}
	for _, tt := range tests {
		invs := Command(tt.in, testOpts())
		last := invs[len(invs)-1]
		if !maps.Equal(last.Origins, tt.origins) {
			t.Errorf("%s: Origins = %v, want %v", tt.in, last.Origins, tt.origins)
		}
		if !slices.Equal(last.Loaded, tt.loaded) {
			t.Errorf("%s: Loaded = %q, want %q", tt.in, last.Loaded, tt.loaded)
		}
		if got := slices.Sorted(maps.Keys(last.Written)); !slices.Equal(got, tt.written) {
			t.Errorf("%s: Written = %q, want %q", tt.in, got, tt.written)
		}
	}
}
func TestLoadsDotenv(t *testing.T) {
	for _, tc := range []struct {
		word string
		want bool
	}{
		{"$(cat .env | xargs)", true},
		{"$(grep -v '^#' .env.local | xargs -d '\\n')", true},
		{"`cat config/.env.test`", true},
		{"$(cat prod.env)", true},
		{"$(cat commands.txt)", false},
		{"$(cat .env | xargs sh -c 'rm -rf /')", false},
		{"$(cat .env | xargs echo)", false},
		{"$(cat $F)", false},
		{"$(curl -s https://example.com/.env)", false},
		{"$(cat .env; rm -rf /)", false},
		{".env", false},
	} {
		if got := loadsDotenv(Word{Value: tc.word, Dynamic: tc.word != ".env"}); got != tc.want {
			t.Errorf("loadsDotenv(%q) = %v, want %v", tc.word, got, tc.want)
		}
	}
}
