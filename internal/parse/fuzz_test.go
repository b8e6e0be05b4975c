package parse

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fuzzSeeds are the commands of the table tests, some hand-picked hard
// cases and the public corpus.
func fuzzSeeds(tb testing.TB) []string {
	var seeds []string
	for _, cases := range allCommandCases() {
		for _, c := range cases {
			seeds = append(seeds, c.in)
		}
	}
	seeds = append(seeds,
		"$((a); (b))", "arr=([^\\#]*)", "echo $((", "cat <<EOF\n$(rm x)\nEOF",
		"{a,b}{c,d}{e,f}{g,h}{1..40}", "echo {a..z..-9223372036854775808}",
		"f() { f; }; f", ":(){ :|:& };:", "eval eval eval eval eval eval eval eval eval eval rm a",
		"bash -c 'bash -c \"bash -c \\\"rm a\\\"\"'", "x=$(cat <<'E'\nrm -rf /\nE\n); eval \"$x\"",
		"printf '%999999999d' 1 | sh", "echo ${x:-${y:-${z:-$(rm a)}}}",
		"coproc c { rm a; } 2>&1 &", "case x in (a|b) ;& c) ;;& esac",
	)
	files, _ := filepath.Glob("../../testdata/corpus/*.txt")
	for _, name := range files {
		f, err := os.Open(name)
		if err != nil {
			tb.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			line := sc.Text()
			if line == "" || strings.HasPrefix(line, "#") || strings.HasPrefix(line, ">>") {
				continue
			}
			if _, text, ok := strings.Cut(line, " "); ok {
				seeds = append(seeds, strings.TrimSpace(text))
			}
		}
		f.Close()
	}
	return seeds
}

// fuzzMaxSize keeps fuzz inputs small enough to hit the size limit.
const fuzzMaxSize = 2048

func FuzzCommand(f *testing.F) {
	for _, s := range fuzzSeeds(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		opts := Options{Dir: testDir, Home: testHome, MaxSize: fuzzMaxSize, ReadFile: testFiles.read}
		invs := Command(text, opts)
		checkInvariants(t, text, invs)
		if len(text) > fuzzMaxSize {
			if len(invs) != 1 || invs[0].Problem != TooLarge {
				t.Fatalf("%d bytes, over the limit, gave %d invocations, not one too-large problem", len(text), len(invs))
			}
			return
		}
		if len(invs) > maxInvocations+1 {
			t.Fatalf("%d invocations, over the budget", len(invs))
		}
		for _, inv := range invs {
			for _, w := range inv.Args {
				if w.Dynamic && w.Value == "" {
					// A dynamic word must say what it stands for.
					t.Fatalf("%q: empty dynamic word in %s", text, render(inv))
				}
			}
		}
		// The same text as one argument of bash -c gives the same programs,
		// one level down.
		if len(invs) > 0 && len(invs) < 64 {
			nested := Args([]string{"bash", "-c", text}, opts)
			checkInvariants(t, text, nested)
		}
	})
}
