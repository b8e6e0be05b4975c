package parse

import "testing"

// What jq -n prints, byte for byte as jq 1.7 does, for the filters guard
// works out; nothing for the others.
func TestJqOutput(t *testing.T) {
	tests := []struct {
		args []string
		want string
		ok   bool
	}{
		{[]string{"-n", `{query: "mutation { volumeDelete(volumeId: \"x\") }"}`}, "{\n  \"query\": \"mutation { volumeDelete(volumeId: \\\"x\\\") }\"\n}\n", true},
		{[]string{"-nc", `{a: 1, "b": [true, false, null], c: {}}`}, `{"a":1,"b":[true,false,null],"c":{}}` + "\n", true},
		{[]string{"-n", "--arg", "id", "v1", `{query: "q", variables: {id: $id}}`}, "{\n  \"query\": \"q\",\n  \"variables\": {\n    \"id\": \"v1\"\n  }\n}\n", true},
		{[]string{"-n", "--arg", "id", "v1", "-c", `{$id}`}, `{"id":"v1"}` + "\n", true},
		{[]string{"-n", "--argjson", "n", `{"x":[1,2]}`, "-c", `{n: $n}`}, `{"n":{"x":[1,2]}}` + "\n", true},
		{[]string{"-nr", `"rm -rf \("x")"`}, "rm -rf x\n", true},
		{[]string{"-nj", `"a"`}, "a", true},
		{[]string{"-n", `"tab\there"`}, "\"tab\\there\"\n", true},
		{[]string{"-n", `"\u001b"`}, "\"\\u001b\"\n", true},
		{[]string{"-nS", "-c", `{b: 1, a: 2}`}, `{"a":2,"b":1}` + "\n", true},
		{[]string{"-nc", `{q: ({a: 1} | tojson)}`}, `{"q":"{\"a\":1}"}` + "\n", true},
		{[]string{"-nc", `{}`}, "{}\n", true},
		{[]string{"-n", `[]`}, "[]\n", true},
		// Not worked out: input, paths, arithmetic, floats, unknown options.
		{[]string{".a", "x.json"}, "", false},
		{[]string{"-n", ".a"}, "", false},
		{[]string{"-n", "1 + 2"}, "", false},
		{[]string{"-n", "1.5"}, "", false},
		{[]string{"-n", `{a: "x" + "y"}`}, "", false},
		{[]string{"-n", "--tab", "{}"}, "", false},
		{[]string{"-n", "$undefined"}, "", false},
		{[]string{"-n", `{a: 1`}, "", false},
		{[]string{"-n"}, "", false},
	}
	for _, tt := range tests {
		got, ok := jqOutput(tt.args)
		if got != tt.want || ok != tt.ok {
			t.Errorf("jqOutput(%q) = %q, %v; want %q, %v", tt.args, got, ok, tt.want, tt.ok)
		}
	}
}

// FuzzJq checks that any jq filter is worked out or given up on, without
// a panic.
func FuzzJq(f *testing.F) {
	for _, s := range []string{`{query: "x \(1)", v: [$a, {$a}]}`, `"\u00e9"`, `{a: (1 | tojson)}`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, filter string) {
		jqOutput([]string{"-n", "--arg", "a", "b", filter})
		jqOutput([]string{"-nc", "--argjson", "a", filter, "$a"})
	})
}
