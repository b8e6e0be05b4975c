package rules

import "testing"

// httpBench are HTTP commands for BenchmarkHTTP, the everyday ones first.
var httpBench = []struct{ name, text string }{
	{"git-status", "git status"},
	{"curl-get", "curl https://api.github.com/repos/x/y"},
	{"curl-get-jq", "curl -fsSL -H 'Accept: application/vnd.github+json' https://api.github.com/repos/org/app/releases/latest | jq -r .tag_name"},
	{"curl-graphql-query", `curl -sS -X POST https://api.example.com/graphql -H 'Content-Type: application/json' -H "Authorization: Bearer $TOKEN" -d '{"query":"query { viewer { projects { id name } } }"}'`},
	{"curl-delete", "curl -X DELETE https://api.example.com/v1/volumes/123"},
	{"curl-graphql-mutation", `curl -X POST https://backboard.railway.app/graphql/v2 -H "Authorization: Bearer $(grep RAILWAY_TOKEN .env | cut -d= -f2)" -d '{"query":"mutation { volumeDelete(volumeId: \"abc\") }"}'`},
	{"python-requests", `python3 -c 'import requests; print(requests.get("https://api.github.com/repos/x/y").json()["stargazers_count"])'`},
}

// BenchmarkHTTP measures the whole analysis of HTTP commands, and of git
// status for comparison: the everyday ones must stay cheap.
func BenchmarkHTTP(b *testing.B) {
	s, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	ctx := ExampleContext()
	for _, bc := range httpBench {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				s.Check(bc.text, ctx)
			}
		})
	}
}
