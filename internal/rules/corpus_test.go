package rules_test

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/guardsh/guard/internal/parse"
	"github.com/guardsh/guard/internal/rules"
)

// corpusCase is one command of the public corpus in testdata/corpus.
type corpusCase struct {
	file   string
	line   int
	expect string
	text   string
}

func readCorpus(t testing.TB) []corpusCase {
	t.Helper()
	files, err := filepath.Glob("../../testdata/corpus/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no corpus files: %v", err)
	}
	var cases []corpusCase
	for _, name := range files {
		f, err := os.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(nil, 1<<20)
		n := 0
		for sc.Scan() {
			n++
			line := sc.Text()
			if rest, ok := strings.CutPrefix(line, ">>"); ok {
				if len(cases) == 0 {
					t.Fatalf("%s:%d: continuation with nothing to continue", name, n)
				}
				cases[len(cases)-1].text += "\n" + rest
				continue
			}
			if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
				continue
			}
			expect, text, ok := strings.Cut(line, " ")
			if tab, t2, ok2 := strings.Cut(line, "\t"); ok2 && (!ok || len(tab) < len(expect)) {
				expect, text, ok = tab, t2, ok2
			}
			switch expect {
			case "allow", "confirm", "deny", "block":
			default:
				ok = false
			}
			if !ok {
				t.Fatalf("%s:%d: want EXPECT COMMAND, with EXPECT allow, confirm, deny or block", name, n)
			}
			cases = append(cases, corpusCase{filepath.Base(name), n, expect, strings.TrimLeft(text, " \t")})
		}
		f.Close()
		if err := sc.Err(); err != nil {
			t.Fatal(err)
		}
	}
	return cases
}

func TestCorpus(t *testing.T) {
	set, err := rules.Default()
	if err != nil {
		t.Fatal(err)
	}
	ctx := rules.ExampleContext()
	cases := readCorpus(t)
	if len(cases) < 400 {
		t.Errorf("the corpus has %d commands; it should have at least 400", len(cases))
	}
	for _, c := range cases {
		d := set.Check(c.text, ctx)
		got := d.Action.String()
		ok := got == c.expect || c.expect == "block" && d.Action != rules.Allow
		if !ok {
			var ids []string
			for _, f := range d.Findings {
				ids = append(ids, f.Rule.ID)
			}
			t.Errorf("%s:%d: %s: got %s %v, want %s", c.file, c.line, parse.Quote(c.text), got, ids, c.expect)
		}
	}
}

// TestCorpusCounts reports how the corpus divides, to keep it balanced.
func TestCorpusCounts(t *testing.T) {
	counts := map[string]int{}
	for _, c := range readCorpus(t) {
		counts[c.expect]++
	}
	t.Log(fmt.Sprint(counts))
}
