package rules

import "testing"

func TestDestructiveMutation(t *testing.T) {
	tests := []struct {
		body, want string
	}{
		{`{"query":"mutation { volumeDelete(volumeId: \"abc\") }"}`, "volumeDelete"},
		{`{"query":"mutation {\n  volumeDelete(volumeId: \"abc\")\n}"}`, "volumeDelete"},
		{`{"query":"mutation Del($id: String!) { x: projectDelete(id: $id) { id } }"}`, "projectDelete"},
		{`{"query":"mutation { resetDatabase }"}`, "resetDatabase"},
		{`mutation { purgeCache(all: true) }`, "purgeCache"},
		{`{"query":"mutation { createUser(name: \"delete me\") { id deletedAt } }"}`, ""},
		{`{"query":"query { volumes { id } }"}`, ""},
		{`{"query":"mutation { updateUser(input: {removed: false}) { id } }"}`, ""},
		{`{"query":"mutation{a:serviceCreate(x:1){id} b:serviceDelete(id:2)}"}`, "serviceDelete"},
		{`mutation`, ""},
		{`mutation {`, ""},
		{`{"query":"mutation { x(s: \"\\\"\") volumeDelete }"}`, "volumeDelete"},
	}
	for _, tt := range tests {
		if got := destructiveMutation(tt.body); got != tt.want {
			t.Errorf("destructiveMutation(%q) = %q, want %q", tt.body, got, tt.want)
		}
	}
}
