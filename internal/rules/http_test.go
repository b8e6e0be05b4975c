package rules

import (
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
