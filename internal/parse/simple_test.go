package parse

import (
	"reflect"
	"strings"
	"testing"

	"mvdan.cc/sh/v3/syntax"

	"github.com/guardsh/guard/internal/corpus"
)

// corpusCommands returns the commands of the corpus and holdout files,
// and each of their lines as written.
func corpusCommands(t testing.TB) []string {
	t.Helper()
	cmds, err := corpus.Texts("../../testdata/corpus/*.txt", "../../testdata/holdout*/*.txt")
	if err != nil {
		t.Fatal(err)
	}
	if len(cmds) < 1000 {
		t.Fatalf("found %d corpus lines", len(cmds))
	}
	return cmds
}

// sameTree checks that parseSimple, when it takes text, makes the tree
// mvdan's parser makes.
func sameTree(t *testing.T, text string) bool {
	f, ok := parseSimple(text)
	if !ok {
		return false
	}
	want, err := syntax.NewParser(syntax.Variant(syntax.LangBash)).Parse(strings.NewReader(text), "")
	if err != nil {
		t.Errorf("%q: parseSimple takes it, mvdan's parser fails: %v", text, err)
		return true
	}
	if !reflect.DeepEqual(f, want) {
		t.Errorf("%q: the trees differ", text)
	}
	return true
}

// TestSimpleTree compares parseSimple's trees with mvdan's over the
// corpus and some edge cases.
func TestSimpleTree(t *testing.T) {
	taken := 0
	cmds := append(corpusCommands(t),
		`ls`, ` ls  -la `, `a|b`, `a | b | c`, `a && b || c`, `a && b | c && d`, `git commit -m ""`, `echo ''`,
		`x -m"a b"c'd'e`, `cp a* b?`, `f --x=1 y=2`, `~/bin/x ~`, `a |& b`, `a & b`, `a &`, `a ||`, `| a`, `&& a`,
		`a=b c`, `if x`, `a#b`, `#x`, `a "b"`, `"a" b`, `'a' b`, `a '`, `a "`, `time x`, `!x`, `a,b`, `a%b@c+d`)
	for _, c := range cmds {
		if sameTree(t, c) {
			taken++
		}
	}
	t.Logf("parseSimple took %d of %d lines", taken, len(cmds))
	if taken < len(cmds)/10 {
		t.Errorf("parseSimple took only %d of %d lines", taken, len(cmds))
	}
}

// FuzzSimple checks parseSimple against mvdan's parser on any input.
func FuzzSimple(f *testing.F) {
	for _, s := range []string{`git commit -m "x y"`, `curl -s https://a.example/x | jq .`, `a && b || c'd'`, `x -m"a"b`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { sameTree(t, s) })
}
