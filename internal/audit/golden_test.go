package audit

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/guardsh/guard/internal/rules"
)

var update = flag.Bool("update", false, "rewrite the golden reports in testdata/audit/golden")

// root is the repository root, where testdata/audit lives.
const root = "../.."

const testHome = "/home/user"

func testContext(dir string) rules.Context {
	return rules.Context{Dir: dir, Home: testHome, Protected: rules.ProtectedPaths(testHome, dir)}
}

func testRules(t testing.TB) *rules.Set {
	t.Helper()
	s, err := rules.Default()
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// auditPaths audits files and directories under the repository root,
// returning the report and the JSON Lines output.
func auditPaths(t *testing.T, opts Options, paths ...string) (*Report, string) {
	t.Helper()
	var js bytes.Buffer
	jw := NewJSONWriter(&js)
	opts.Rules = testRules(t)
	opts.Context = testContext
	opts.OnFlagged = jw.Command
	a := New(opts)
	for _, p := range paths {
		files, err := Expand(filepath.Join(root, p))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			fh, err := os.Open(f)
			if err != nil {
				t.Fatal(err)
			}
			name, _ := filepath.Rel(root, f)
			src := &Source{Name: filepath.ToSlash(name)}
			if err := a.ReadSource(src, fh); err != nil {
				t.Fatal(err)
			}
			fh.Close()
		}
	}
	r := a.Report()
	if err := jw.Summary(r); err != nil {
		t.Fatal(err)
	}
	return r, js.String()
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	p := filepath.Join(root, "testdata", "audit", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(p)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/audit -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the golden report (go test ./internal/audit -update rewrites it):\n--- got\n%s\n--- want\n%s", name, got, want)
	}
}

// fixtures are the inputs in testdata/audit, one per format and shape.
var fixtures = []struct{ name, path string }{
	{"bash_plain", "testdata/audit/bash_plain.bash_history"},
	{"bash_timestamps", "testdata/audit/bash_timestamps.bash_history"},
	{"zsh_extended", "testdata/audit/zsh_extended.zsh_history"},
	{"zsh_plain", "testdata/audit/zsh_plain.zsh_history"},
	{"fish", "testdata/audit/fish_history"},
	{"plain", "testdata/audit/atuin.txt"},
	{"claude", "testdata/audit/claude"},
	{"codex", "testdata/audit/codex"},
}

func TestGolden(t *testing.T) {
	for _, fx := range fixtures {
		t.Run(fx.name, func(t *testing.T) {
			r, js := auditPaths(t, Options{}, fx.path)
			var txt bytes.Buffer
			if err := r.WriteText(&txt, RenderOptions{Home: testHome}); err != nil {
				t.Fatal(err)
			}
			golden(t, fx.name+".txt", txt.String())
			golden(t, fx.name+".jsonl", js)
		})
	}
}

func TestGoldenAll(t *testing.T) {
	var paths []string
	for _, fx := range fixtures {
		paths = append(paths, fx.path)
	}
	r, _ := auditPaths(t, Options{}, paths...)
	var txt, md bytes.Buffer
	if err := r.WriteText(&txt, RenderOptions{Home: testHome}); err != nil {
		t.Fatal(err)
	}
	if err := r.WriteMarkdown(&md, RenderOptions{Home: testHome}); err != nil {
		t.Fatal(err)
	}
	var page bytes.Buffer
	if err := r.WriteHTML(&page, RenderOptions{Home: testHome}); err != nil {
		t.Fatal(err)
	}
	golden(t, "all.txt", txt.String())
	golden(t, "all.md", md.String())
	golden(t, "all.html", page.String())
	var col bytes.Buffer
	r.WriteText(&col, RenderOptions{Home: testHome, Color: true})
	if !strings.Contains(col.String(), "\x1b[") {
		t.Error("no colour with Color set")
	}
	if strings.Contains(txt.String(), "\x1b") || strings.Contains(md.String(), "\x1b") {
		t.Error("colour without Color set")
	}
}

// TestSmallCache checks that a cache that keeps filling up gives the same
// report as one that never does.
func TestSmallCache(t *testing.T) {
	var paths []string
	for _, fx := range fixtures {
		paths = append(paths, fx.path)
	}
	report := func(max int) string {
		a := New(Options{Rules: testRules(t), Context: testContext})
		a.cacheMax = max
		for _, p := range paths {
			files, _ := Expand(filepath.Join(root, p))
			for _, f := range files {
				for range 3 {
					fh, err := os.Open(f)
					if err != nil {
						t.Fatal(err)
					}
					a.ReadSource(&Source{Name: f}, fh)
					fh.Close()
				}
			}
		}
		var b bytes.Buffer
		a.Report().WriteText(&b, RenderOptions{})
		return b.String()
	}
	if big, small := report(maxCache), report(600); big != small {
		t.Errorf("a small cache changes the report:\n%s\n---\n%s", small, big)
	}
}

// TestNoTerminalEscapes checks that control characters in commands, file
// names and errors never reach the report raw.
func TestNoTerminalEscapes(t *testing.T) {
	a := New(Options{Rules: testRules(t), Context: testContext})
	a.ReadSource(&Source{Name: "evil\x1b]0;x\a.txt"}, strings.NewReader("rm -rf ~/\x1b[2J\x1b[H\nrm -rf /\x07\n"))
	a.AddSource(&Source{Name: "gone\x1b[31m", Err: errors.New("open gone\x1b[31m: no such file")})
	r := a.Report()
	var txt, md, js, page bytes.Buffer
	r.WriteText(&txt, RenderOptions{})
	r.WriteMarkdown(&md, RenderOptions{})
	r.WriteHTML(&page, RenderOptions{})
	NewJSONWriter(&js).Summary(r)
	for name, out := range map[string]string{"text": txt.String(), "markdown": md.String(), "json": js.String(), "html": page.String()} {
		if strings.ContainsAny(out, "\x1b\x07") {
			t.Errorf("%s report holds a raw control character:\n%q", name, out)
		}
	}
	if r.Flagged != 2 {
		t.Errorf("flagged %d, want 2", r.Flagged)
	}
}

// TestHTMLSelfContained checks that the HTML report escapes what the
// commands hold and loads nothing: no script, no link, no remote URL in
// an attribute.
func TestHTMLSelfContained(t *testing.T) {
	a := New(Options{Rules: testRules(t), Context: testContext})
	evil := "rm -rf / # </pre><script src=\"https://evil.example/x.js\"></script><img src=x onerror=alert(1)>\n"
	a.ReadSource(&Source{Name: "<b>hist</b>"}, strings.NewReader(evil))
	var page bytes.Buffer
	if err := a.Report().WriteHTML(&page, RenderOptions{}); err != nil {
		t.Fatal(err)
	}
	out := page.String()
	for _, bad := range []string{"<script", "<img", "<b>hist", "<link", `src="http`, `href="http`, "@import", "url("} {
		if strings.Contains(out, bad) {
			t.Errorf("the HTML report holds %q", bad)
		}
	}
	for _, want := range []string{"&lt;script", "&lt;b&gt;hist", "<h2>Timeline</h2>", "fs.rm-root", "instead:"} {
		if !strings.Contains(out, want) {
			t.Errorf("the HTML report does not hold %q", want)
		}
	}
}
