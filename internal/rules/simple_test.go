package rules

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/guardsh/guard/internal/parse"
)

// TestSimpleParseDecisions checks that the fast parser for plain
// commands changes no decision: every line of the corpus and holdout
// files, and each line's command without its verdict column, gets the
// same action, severity and rules with it as without it.
func TestSimpleParseDecisions(t *testing.T) {
	s, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	for _, g := range []string{"../../testdata/corpus/*.txt", "../../testdata/holdout*/*.txt"} {
		m, _ := filepath.Glob(g)
		files = append(files, m...)
	}
	var cmds []string
	for _, name := range files {
		f, err := os.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			l := sc.Text()
			cmds = append(cmds, l)
			if _, cmd, ok := strings.Cut(l, "\t"); ok {
				cmds = append(cmds, strings.TrimSpace(cmd))
			} else if f := strings.Fields(l); len(f) > 1 {
				cmds = append(cmds, strings.TrimSpace(strings.TrimPrefix(l, f[0])))
			}
		}
		f.Close()
	}
	if len(cmds) < 1000 {
		t.Fatalf("found %d lines", len(cmds))
	}
	ctx := ExampleContext()
	decide := func(on bool, c string) string {
		defer parse.SetSimple(parse.SetSimple(on))
		d := s.Check(c, ctx)
		return d.Action.String() + " " + d.Severity().String() + " " + ids(d)
	}
	for _, c := range cmds {
		if fast, full := decide(true, c), decide(false, c); fast != full {
			t.Errorf("%q: %s with the fast parser, %s without", c, fast, full)
		}
	}
}
