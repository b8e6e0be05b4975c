package hook

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"
)

// The scanner must change no answer: every input, well-formed or not,
// decodes with it exactly as with encoding/json alone (fastJSON off): the
// same request, or the same error.

// parseBoth parses data for agent a with the scanner and without it, and
// fails the test when the two differ.
func parseBoth(t *testing.T, a Agent, data []byte) {
	t.Helper()
	fastJSON = true
	req, err := Parse(a, data)
	fastJSON = false
	oldReq, oldErr := Parse(a, data)
	fastJSON = true
	if fmt.Sprint(err) != fmt.Sprint(oldErr) {
		t.Fatalf("%s %q:\nscanner error  %v\nencoding/json  %v", a, data, err, oldErr)
	}
	if !reflect.DeepEqual(req, oldReq) {
		t.Fatalf("%s %q:\nscanner        %+v\nencoding/json  %+v", a, data, req, oldReq)
	}
}

// decodeBoth compares decodeObject and each member's string with and
// without the scanner.
func decodeBoth(t *testing.T, data []byte) {
	t.Helper()
	fastJSON = true
	o, err := decodeObject(data)
	fastJSON = false
	oldO, oldErr := decodeObject(data)
	fastJSON = true
	if fmt.Sprint(err) != fmt.Sprint(oldErr) {
		t.Fatalf("%q:\nscanner error  %v\nencoding/json  %v", data, err, oldErr)
	}
	if len(o) != len(oldO) {
		t.Fatalf("%q: %d members, encoding/json %d", data, len(o), len(oldO))
	}
	for k, v := range oldO {
		if string(o[k]) != string(v) {
			t.Fatalf("%q: member %q is %q, encoding/json %q", data, k, o[k], v)
		}
		var s string
		jsonErr := json.Unmarshal(v, &s)
		if p, ok := plainString(v); ok && (jsonErr != nil || p != s) {
			t.Fatalf("%q: member %q: plainString %q, encoding/json %q (%v)", data, k, p, s, jsonErr)
		}
	}
}

// payloads returns the hook inputs of the golden files.
func payloads(t testing.TB) [][]byte {
	files, _ := filepath.Glob("testdata/*.txtar")
	var out [][]byte
	for _, file := range files {
		ar, err := txtar.ParseFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for _, fl := range ar.Files {
			if fl.Name == "input" {
				out = append(out, fl.Data)
			}
		}
	}
	if len(out) == 0 {
		t.Fatal("no hook inputs in testdata")
	}
	return out
}

// Bytes that change what JSON means, for the mutations.
const jsonBytes = "{}[]:,\"\\ \t\n\r0123456789-+.eEtrufalsn/bu\x00\x1f\x7f\xc3\xa9\xff"

// mutate returns data changed in one to three places: a byte replaced,
// inserted or removed, a span repeated, or the end cut.
func mutate(r *rand.Rand, data []byte) []byte {
	out := append([]byte(nil), data...)
	for n := 1 + r.IntN(3); n > 0; n-- {
		if len(out) == 0 {
			out = append(out, jsonBytes[r.IntN(len(jsonBytes))])
			continue
		}
		i := r.IntN(len(out))
		switch r.IntN(5) {
		case 0:
			out[i] = jsonBytes[r.IntN(len(jsonBytes))]
		case 1:
			out = append(out[:i], append([]byte{jsonBytes[r.IntN(len(jsonBytes))]}, out[i:]...)...)
		case 2:
			out = append(out[:i], out[i+1:]...)
		case 3:
			j := i + r.IntN(len(out)-i+1)
			out = append(out[:j], append(append([]byte(nil), out[i:j]...), out[j:]...)...)
		case 4:
			out = out[:i]
		}
	}
	return out
}

var handMade = []string{
	``, ` `, `{}`, ` {} `, `{} x`, `{}{}`, `[]`, `null`, `"x"`, `{"a":1}`, `{"a":01}`, `{"a":1.}`, `{"a":-}`,
	`{"a":1e}`, `{"a":1e+5}`, `{"a":-0.5E-3}`, `{"a":tru}`, `{"a":truex}`, `{"a":nul}`, `{"a":[1,]}`,
	`{"a":[,1]}`, `{"a":{"b":}}`, `{"a":{"b":1,}}`, `{"a" 1}`, `{"a":1 "b":2}`, `{"a":"\u00e9"}`,
	`{"a":"\u00g9"}`, `{"a":"\x"}`, `{"a":"` + "\x01" + `"}`, `{"a":"` + "\xff" + `"}`, `{"\u0061":1}`,
	`{"a":1,"a":2}`, `{"é":1}`, `{"a":"` + "\xc3\xa9" + `"}`, "\ufeff{}", `{"a":[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]}`,
	`{"hook_event_name":"PreToolUse","tool_name":"Bash","tool_input":{"command":"ls"}}`,
	`{"hook_event_name":"PreToolUse","tool_name":"Bash","tool_input":{"command":["ls","-l"]}}`,
	`{"hook_event_name":"PreToolUse","tool_name":"Bash","tool_input":{"command":"a\"b"}}`,
	`{"hook_event_name":"PreToolUse","tool_name":"Bash","tool_input":{"command":"  "}}`,
	`{"hook_event_name":"PreToolUse","tool_name":"Bash","tool_input":{"command":7}}`,
	`{"hook_event_name":"PreToolUse","tool_name":"Bash","tool_input":"x"}`,
	`{"hook_event_name":"PreToolUse","tool_name":"Bash","tool_input":null}`,
	`{"hook_event_name":7,"tool_name":"Bash"}`, `{"hook_event_name":"PreToolUse","cwd":["/"]}`,
	`{"hook_event_name":"beforeShellExecution","command":"ls","workspace_roots":["/w"]}`,
	`{"hook_event_name":"BeforeTool","tool_name":"run_shell_command","tool_input":{"command":"ls","dir_path":"sub"},"cwd":"/w"}`,
}

func TestScannerMatchesEncodingJSON(t *testing.T) {
	inputs := payloads(t)
	for _, s := range handMade {
		inputs = append(inputs, []byte(s))
	}
	r := rand.New(rand.NewPCG(1, 2))
	n := 300
	if testing.Short() {
		n = 30
	}
	for _, in := range inputs {
		decodeBoth(t, in)
		for _, a := range Agents {
			parseBoth(t, a, in)
		}
		for range n {
			m := mutate(r, in)
			decodeBoth(t, m)
			for _, a := range Agents {
				parseBoth(t, a, m)
			}
		}
	}
}

// The golden inputs take the scanner's path, not encoding/json's.
func TestScannerReadsAgentInputs(t *testing.T) {
	for _, in := range payloads(t) {
		if _, err := decodeObject(in); err != nil {
			continue
		}
		if _, ok := scanObject(in); !ok {
			t.Errorf("the scanner leaves a well-formed input to encoding/json: %q", in)
		}
	}
}

// FuzzScanner: for any input, the scanner's answer is encoding/json's.
func FuzzScanner(f *testing.F) {
	for _, in := range payloads(f) {
		f.Add(in)
	}
	for _, s := range handMade {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		decodeBoth(t, data)
		for _, a := range Agents {
			parseBoth(t, a, data)
		}
	})
}
