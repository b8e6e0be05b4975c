package httpreq

import (
	"fmt"
	"strings"
	"testing"
)

// renderOps describes operations in one line: mutation M: a=volumeDelete, x.
func renderOps(ops []Operation) string {
	var parts []string
	for _, op := range ops {
		s := op.Type
		if op.Name != "" {
			s += " " + op.Name
		}
		var fs []string
		for _, f := range op.Fields {
			if f.Alias != "" {
				fs = append(fs, f.Alias+"="+f.Name)
			} else {
				fs = append(fs, f.Name)
			}
		}
		parts = append(parts, s+": "+strings.Join(fs, ", "))
	}
	return strings.Join(parts, "; ")
}

func TestOperations(t *testing.T) {
	tests := []struct {
		doc, want string
		err       bool
	}{
		{`{ viewer { login } }`, "query: viewer", false},
		{`query { a b { c } }`, "query: a, b", false},
		{`query Q($id: ID!) { node(id: $id) { id } }`, "query Q: node", false},
		{`mutation { volumeDelete(volumeId: "x") }`, "mutation: volumeDelete", false},
		{`mutation Del($id: String!) { a: projectDelete(id: $id) { id } b: x }`, "mutation Del: a=projectDelete, b=x", false},
		{"mutation {\n  # volumeDelete(x: 1)\n  serviceCreate(input: {name: \"volumeDelete\"}) { id }\n}", "mutation: serviceCreate", false},
		{`mutation { a(s: """block "quoted" volumeDelete""") }`, "mutation: a", false},
		{`mutation { a(s: "esc \" volumeDelete") b }`, "mutation: a, b", false},
		{`mutation @d(x: 1) { ... on Mutation { x } ...F @include(if: true) } fragment F on Mutation { y z { w } }`, "mutation: x, y, z", false},
		{`fragment F on Mutation { volumeDelete(id: 1) } mutation { ...F }`, "mutation: volumeDelete", false},
		{`fragment F on M { ...F } mutation { ...F }`, "mutation: ", false},
		{`query A { a } mutation B { b } subscription C { c }`, "query A: a; mutation B: b; subscription C: c", false},
		{`type Query { a: Int } mutation { b }`, "mutation: b", false},
		{`mutation { a, b, c }`, "mutation: a, b, c", false},
		{`mutation { a(list: [1, 2, {x: [3]}], n: -1.5e3, e: ENUM, v: $v, nul: null) }`, "mutation: a", false},
		{"\ufeffquery { a }", "query: a", false},
		// Broken documents: what was read, and an error.
		{`mutation { a(`, "mutation: a", true},
		{`mutation { a "`, "mutation: a", true},
		{`mutation { a } }`, "mutation: a", true},
		{`mutation`, "mutation: ", true},
		{`%`, "", true},
	}
	for _, tt := range tests {
		ops, err := Operations(tt.doc)
		if got := renderOps(ops); got != tt.want || (err != nil) != tt.err {
			t.Errorf("Operations(%q) = %q, %v; want %q, error %v", tt.doc, got, err, tt.want, tt.err)
		}
	}
}

func TestDocuments(t *testing.T) {
	tests := []struct {
		body []Part
		want string
	}{
		{[]Part{{Value: `{"query":"mutation { a }"}`}}, "mutation { a }"},
		{[]Part{{Value: `{"query": "mutation {\n a \"x\" }", "variables": {"query": 1}}`}}, "mutation {\n a \"x\" }"},
		{[]Part{{Value: `[{"query":"query { a }"},{"query":"mutation { b }"}]`}}, "query { a } | mutation { b }"},
		{[]Part{{Value: `{"operations": "{\"query\": \"mutation { upload }\"}"}`}}, "mutation { upload }"},
		{[]Part{{Value: `query=mutation%20%7B%20a%20%7D&x=1`}}, "mutation { a }"},
		{[]Part{{Value: "mutation { raw }"}}, "mutation { raw }"},
		{[]Part{{Value: "# c\n{ a }"}}, "# c\n{ a }"},
		{[]Part{{Name: "query", Value: "mutation { f }"}}, "mutation { f }"},
		// JSON that does not decode, with the shell's leftovers in it.
		{[]Part{{Value: `{"query":"mutation { a(id: \"$ID\") }", "variables": $VARS}`}}, `mutation { a(id: "$ID") }`},
		{[]Part{{Value: `{"name": "x"}`}}, ""},
		{[]Part{{Value: `hello`}}, ""},
	}
	for _, tt := range tests {
		r := Request{Body: tt.body}
		if got := strings.Join(r.Documents(), " | "); got != tt.want {
			t.Errorf("Documents(%q) = %q, want %q", tt.body, got, tt.want)
		}
	}
}

func TestWordParts(t *testing.T) {
	tests := []struct{ in, want string }{
		{"volumeDelete", "volume delete"},
		{"deleteProject", "delete project"},
		{"_delete_by_query", "delete by query"},
		{"HTTPServerDelete", "http server delete"},
		{"FLUSHALL", "flushall"},
		{"delete-all.json", "delete all json"},
		{"v2", "v2"},
		{"s3Bucket", "s3 bucket"},
		{"storage.v1.Volumes/DeleteVolume", "storage v1 volumes delete volume"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := strings.Join(WordParts(tt.in), " "); got != tt.want {
			t.Errorf("WordParts(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// FuzzGraphQL checks that any document scans without a panic or a hang,
// and that every field it reports has a name.
func FuzzGraphQL(f *testing.F) {
	for _, s := range []string{`mutation { a: volumeDelete(id: "x") { id } }`, `query Q($a: [Int!]! = [1]) @d { ...F ... on T { x } } fragment F on T { y }`,
		`{"query":"mutation { x }"}`, `"""`, `mutation { a(s: "\"") }`, "# \n{ a }"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, doc string) {
		ops, _ := Operations(doc)
		for _, op := range ops {
			switch op.Type {
			case "query", "mutation", "subscription":
			default:
				t.Fatalf("operation type %q", op.Type)
			}
			for _, fl := range op.Fields {
				if fl.Name == "" {
					t.Fatalf("a field without a name in %q", doc)
				}
			}
		}
		r := Request{Body: []Part{{Value: doc}}}
		r.Documents()
		r.Values()
	})
}

// FuzzCode checks that any code is read without a panic or a hang.
func FuzzCode(f *testing.F) {
	for _, c := range codeCases {
		f.Add("python", c.in)
	}
	f.Add("node", "fetch(`${a}`, {method: x, headers: {Authorization: `Bearer ${t}`}})")
	f.Add("php", `$ch = curl_init("u"); curl_setopt($ch, CURLOPT_CUSTOMREQUEST, "DELETE");`)
	f.Add("powershell", `Invoke-RestMethod -Method Delete -Uri "https://x" -Headers @{a = "b"}`)
	f.Add("ruby", `HTTParty.delete "https://x", headers: {"Authorization" => "Bearer #{t}"}`)
	f.Fuzz(func(t *testing.T, lang, code string) {
		for _, l := range []string{lang, "python", "node", "ruby", "php", "perl", "powershell"} {
			for _, r := range FromCode(l, code) {
				if r.Method != strings.ToUpper(r.Method) {
					t.Fatalf("method %q not in upper case", r.Method)
				}
			}
		}
	})
}

// FuzzArgs checks that any argument list for any client is read without
// a panic, one request for each URL at most.
func FuzzArgs(f *testing.F) {
	for _, c := range clientCases {
		f.Add(c.in)
	}
	f.Fuzz(func(t *testing.T, cmd string) {
		for _, name := range Clients {
			for _, r := range requestsIn(name + " " + cmd) {
				_ = r
			}
		}
		for _, c := range strings.Fields(cmd) {
			if len(c) > 100 {
				return
			}
		}
		_ = fmt.Sprint(requestsIn(cmd))
	})
}
