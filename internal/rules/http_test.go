package rules

import (
	"strings"
	"testing"

	"github.com/guardsh/guard/internal/httpreq"
)

// destructiveMutation judges a body sent to a GraphQL endpoint.
func destructiveMutation(body string) string {
	r := httpreq.Request{GraphQL: true, Method: "POST", Body: []httpreq.Part{{Value: body}}}
	f, _ := judgeGraphQL(&r)
	return f
}

func TestDestructiveMutation(t *testing.T) {
	tests := []struct {
		body, want string
	}{
		{`{"query":"mutation { volumeDelete(volumeId: \"abc\") }"}`, "volumeDelete"},
		{`{"query":"mutation {\n  volumeDelete(volumeId: \"abc\")\n}"}`, "volumeDelete"},
		{`{"query":"mutation Del($id: String!) { x: projectDelete(id: $id) { id } }"}`, "projectDelete"},
		{`{"query":"mutation { resetDatabase }"}`, "resetDatabase"},
		// Purging a cache is routine: a refill repairs it.
		{`mutation { purgeCache(all: true) }`, ""},
		{`mutation { purgeData(all: true) }`, "purgeData"},
		{`{"query":"mutation { createUser(name: \"delete me\") { id deletedAt } }"}`, ""},
		{`{"query":"query { volumes { id } }"}`, ""},
		{`{"query":"mutation { updateUser(input: {removed: false}) { id } }"}`, ""},
		{`{"query":"mutation{a:serviceCreate(x:1){id} b:serviceDelete(id:2)}"}`, "serviceDelete"},
		{`mutation`, ""},
		{`mutation {`, ""},
		{`{"query":"mutation { x(s: \"\\\"\") volumeDelete }"}`, "volumeDelete"},
		// Word parts, not substrings: a name that merely contains a verb
		// is not one.
		{`mutation { dropletCreate(name: "x") { id } }`, ""},
		{`mutation { updateDropdown(id: 1) { id } }`, ""},
		{`mutation { delete_users(where: {}) { affected_rows } }`, "delete_users"},
		{`mutation { deleteProject(id: 1) }`, "deleteProject"},
		{`mutation { removeMember(id: 1) }`, "removeMember"},
		{`mutation { projectDestroy(id: 1) }`, "projectDestroy"},
		{`mutation { apiTokenRevoke(id: 1) }`, "apiTokenRevoke"},
		{`mutation { environmentTearDown(id: 1) }`, "environmentTearDown"},
		// The mutation may be anywhere in a document of several
		// operations, behind comments, fragments and directives.
		{"query Q { me { id } }\n# mutation { fake }\nmutation M { ...F }\nfragment F on Mutation { volumeDelete(volumeId: \"x\") }", "volumeDelete"},
		{`mutation @trace { ... on Mutation { bucketPurge(id: 1) } }`, "bucketPurge"},
		{`{"query":"mutation { \"\"\"doc\"\"\" serviceCreate(name: \"volumeDelete\") { id } }"}`, ""},
		// A batch of requests.
		{`[{"query":"query { a }"},{"query":"mutation { customerDelete(id: 1) }"}]`, "customerDelete"},
		// JSON escapes, and a unicode escape that hides the keyword.
		{`{"query":"\u006dutation { databaseDrop(id: 1) }"}`, "databaseDrop"},
	}
	for _, tt := range tests {
		if got := destructiveMutation(tt.body); got != tt.want {
			t.Errorf("destructiveMutation(%q) = %q, want %q", tt.body, got, tt.want)
		}
	}
}

// The finding of a destructive call carries where its token came from,
// and a token written into the command or read from a file by it raises
// the finding to critical.
func TestHTTPCredential(t *testing.T) {
	s, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	ctx := ExampleContext()
	tests := []struct {
		cmd, rule string
		sev       Severity
		source    httpreq.Source
		file      string
	}{
		{`TOKEN=$(grep RAILWAY_TOKEN .env | cut -d= -f2) && curl https://backboard.railway.app/graphql/v2 -H "Authorization: Bearer $TOKEN" -d '{"query":"mutation { volumeDelete(volumeId: \"v\") }"}'`, "http.graphql-destroy", Critical, httpreq.File, ".env"},
		{`curl -X DELETE https://api.example.com/v1/p/1 -H "Authorization: Bearer $(cat ~/.config/x/token)"`, "http.delete", Critical, httpreq.File, "~/.config/x/token"},
		{`source .env && curl -X DELETE -H "Authorization: Bearer $T" https://api.example.com/v1/p/1`, "http.delete", Critical, httpreq.File, ".env"},
		{`curl -X DELETE -H 'Authorization: Bearer abc123' https://api.example.com/v1/p/1`, "http.delete", Critical, httpreq.Literal, ""},
		{`curl -X POST -u admin:pw https://es.example.com:9200/logs/_delete_by_query -d '{}'`, "http.destroy-endpoint", Critical, httpreq.Literal, ""},
		{`python3 -c 'import requests; t=open(".token").read(); requests.delete("https://api.example.com/v1/p/1", headers={"Authorization": "Bearer " + t})'`, "http.delete", Critical, httpreq.File, ".token"},
		{`curl -X DELETE -H "Authorization: Bearer $API_TOKEN" https://api.example.com/v1/p/1`, "http.delete", High, httpreq.Environment, ""},
		{`curl -X DELETE -H "Authorization: Bearer $(gh auth token)" https://api.github.com/repos/o/r`, "http.delete", High, httpreq.Command, ""},
		{`gh api -X DELETE repos/o/r`, "http.delete", High, httpreq.Client, ""},
		// Not destructive: the source is recorded, the severity is the
		// rule's.
		{`curl -X POST https://api.digitalocean.com/v2/droplets -H "Authorization: Bearer $(cat .do-token)" -d '{}'`, "http.cloud-api-write", Medium, httpreq.File, ".do-token"},
	}
	for _, tt := range tests {
		d := s.Check(tt.cmd, ctx)
		var f *Finding
		for i := range d.Findings {
			if d.Findings[i].Rule.ID == tt.rule {
				f = &d.Findings[i]
			}
		}
		if f == nil {
			t.Errorf("%s: no %s finding: %v", tt.cmd, tt.rule, ids(d))
			continue
		}
		if f.Severity != tt.sev {
			t.Errorf("%s: severity %s, want %s", tt.cmd, f.Severity, tt.sev)
		}
		if f.Credential == nil || f.Credential.Source != tt.source || f.Credential.File != tt.file {
			t.Errorf("%s: credential %+v, want %s %s", tt.cmd, f.Credential, tt.source, tt.file)
		}
		if tt.sev == Critical && f.Credential != nil && !strings.Contains(f.Detail, f.Credential.String()) {
			t.Errorf("%s: detail %q does not say where the token came from", tt.cmd, f.Detail)
		}
		if j := f.JSON(); j.Credential == nil || j.Credential.Source != tt.source {
			t.Errorf("%s: JSON credential %+v", tt.cmd, j.Credential)
		}
	}
}
