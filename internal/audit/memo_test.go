package audit

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/guardsh/guard/internal/audit/auditgen"
	"github.com/guardsh/guard/internal/corpus"
	"github.com/guardsh/guard/internal/rules"
)

// memoInput is one input the decision cache is tested on.
type memoInput struct {
	name   string
	format Format
	data   []byte
}

// memoInputs returns generated histories and transcripts, and the
// holdout corpora's commands as a shell history and as a transcript that
// runs each in one of two directories, every command twice, so that the
// cache answers the second time.
func memoInputs(t *testing.T) []memoInput {
	t.Helper()
	var in []memoInput
	for _, g := range []struct {
		format string
		n      int
	}{{"bash", 20000}, {"plain", 20000}, {"zsh", 5000}, {"claude", 2000}, {"codex", 2000}} {
		var buf bytes.Buffer
		if err := auditgen.Write(&buf, g.format, g.n, 7); err != nil {
			t.Fatal(err)
		}
		f, err := ParseFormat(g.format)
		if err != nil {
			t.Fatal(err)
		}
		in = append(in, memoInput{"generated " + g.format, f, buf.Bytes()})
	}
	dirs, err := filepath.Glob(filepath.Join(root, "testdata", "holdout*"))
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no holdout corpora (%v)", err)
	}
	var texts []string
	for _, d := range dirs {
		cases, err := corpus.ReadDir(d)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range cases {
			texts = append(texts, c.Text)
		}
	}
	var hist, transcript bytes.Buffer
	for pass := range 2 {
		for i, text := range texts {
			if pass == 1 {
				text = texts[len(texts)-1-i]
			}
			fmt.Fprintf(&hist, "#%d\n%s\n", 1700000000+pass*len(texts)+i, text)
			dir := []string{"/home/user/project", "/srv/prod-app"}[(i+pass)%2]
			line, err := json.Marshal(map[string]any{"type": "assistant", "cwd": dir, "sessionId": "s1",
				"timestamp": fmt.Sprintf("2026-01-%02dT10:00:00.000Z", 1+i%28),
				"message":   map[string]any{"content": []any{map[string]any{"type": "tool_use", "name": "Bash", "input": map[string]any{"command": text}}}}})
			if err != nil {
				t.Fatal(err)
			}
			transcript.Write(line)
			transcript.WriteByte('\n')
		}
	}
	return append(in, memoInput{"holdout history", Bash, hist.Bytes()}, memoInput{"holdout transcript", Claude, transcript.Bytes()})
}

// auditWith audits one input and returns the JSON Lines output and the
// text report.
func auditWith(t *testing.T, in memoInput, setup func(*Auditor)) string {
	t.Helper()
	var out bytes.Buffer
	jw := NewJSONWriter(&out)
	a := New(Options{Rules: testRules(t), Context: testContext, OnFlagged: jw.Command})
	setup(a)
	src := &Source{Name: in.name, Format: in.format}
	if err := a.ReadSource(src, bytes.NewReader(in.data)); err != nil {
		t.Fatal(err)
	}
	r := a.Report()
	if err := jw.Summary(r); err != nil {
		t.Fatal(err)
	}
	if err := r.WriteText(&out, RenderOptions{Home: testHome}); err != nil {
		t.Fatal(err)
	}
	return out.String()
}

// TestMemoEquivalent checks that the decision cache changes no finding:
// every input audited with the cache, with a cache so small that its
// generations turn over all the time, and with every command decided
// afresh gives the same report, byte for byte.
func TestMemoEquivalent(t *testing.T) {
	if testing.Short() {
		t.Skip("audits the holdout corpora three times")
	}
	for _, in := range memoInputs(t) {
		t.Run(in.name, func(t *testing.T) {
			want := auditWith(t, in, func(a *Auditor) { a.direct = true })
			if got := auditWith(t, in, func(*Auditor) {}); got != want {
				t.Errorf("with the cache, the report differs from deciding every command:\n%s", firstDiff(got, want))
			}
			if got := auditWith(t, in, func(a *Auditor) { a.cacheMax = 4096 }); got != want {
				t.Errorf("with a small cache, the report differs from deciding every command:\n%s", firstDiff(got, want))
			}
		})
	}
}

// firstDiff shows the first line where got and want differ.
func firstDiff(got, want string) string {
	g, w := bytes.Split([]byte(got), []byte("\n")), bytes.Split([]byte(want), []byte("\n"))
	for i := 0; i < len(g) || i < len(w); i++ {
		var gl, wl []byte
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if !bytes.Equal(gl, wl) {
			return fmt.Sprintf("line %d:\n  got  %s\n  want %s", i+1, gl, wl)
		}
	}
	return "(same lines)"
}

// TestCheckDeterministic checks what the cache relies on: a command
// decided again in the same directory gets the same findings, word for
// word (the rules iterate over no map in an order that shows).
func TestCheckDeterministic(t *testing.T) {
	if testing.Short() {
		t.Skip("decides the holdout corpora four times")
	}
	set := testRules(t)
	dirs, err := filepath.Glob(filepath.Join(root, "testdata", "holdout*"))
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no holdout corpora (%v)", err)
	}
	ctx := testContext("/home/user/project")
	for _, d := range dirs {
		cases, err := corpus.ReadDir(d)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range cases {
			first := findingsJSON(t, set.Check(c.Text, ctx))
			for range 3 {
				if again := findingsJSON(t, set.Check(c.Text, ctx)); again != first {
					t.Errorf("%s:%d: decided twice, %q gives\n  %s\nthen\n  %s", c.File, c.Line, c.Text, first, again)
					break
				}
			}
		}
	}
}

func findingsJSON(t *testing.T, d rules.Decision) string {
	var out []rules.FindingJSON
	for _, f := range d.Findings {
		out = append(out, f.JSON())
	}
	b, err := json.Marshal(out)
	if err != nil {
		t.Fatal(err)
	}
	return d.Action.String() + " " + string(b)
}
