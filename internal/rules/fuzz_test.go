package rules

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func FuzzCheck(f *testing.F) {
	f.Add("rm -rf /")
	f.Add("git push --force origin main")
	f.Add("psql -c 'DROP TABLE users'")
	f.Add("curl -X POST https://api.example.com/graphql -d '{\"query\":\"mutation { volumeDelete(id: 1) }\"}'")
	f.Add("rm -rf \xff\xfe /")
	f.Add("echo \x00 | sh")
	f.Add("$'\\xff' -rf /")
	files, _ := filepath.Glob("../../testdata/corpus/*.txt")
	for _, name := range files {
		file, err := os.Open(name)
		if err != nil {
			f.Fatal(err)
		}
		sc := bufio.NewScanner(file)
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			line := sc.Text()
			if _, text, ok := strings.Cut(line, " "); ok && !strings.HasPrefix(line, "#") {
				f.Add(strings.TrimSpace(text))
			}
		}
		file.Close()
	}
	s, err := Default()
	if err != nil {
		f.Fatal(err)
	}
	ctx := ExampleContext()
	ctx.Env = map[string]string{"AWS_PROFILE": "dev"}
	f.Fuzz(func(t *testing.T, cmd string) {
		d := s.Check(cmd, ctx)
		if d.Action != Allow && d.Action != Confirm && d.Action != Deny {
			t.Fatalf("%q: action %d", cmd, d.Action)
		}
		if d.Action == Allow && len(d.Findings) > 0 {
			t.Fatalf("%q: allowed with findings %s", cmd, ids(d))
		}
		if d.Action != Allow && len(d.Findings) == 0 {
			t.Fatalf("%q: %s with no findings", cmd, d.Action)
		}
		for _, fd := range d.Findings {
			if fd.Rule == nil || fd.Inv == nil || fd.Severity < Low || fd.Severity > Critical {
				t.Fatalf("%q: bad finding %+v", cmd, fd)
			}
			if fd.Action > d.Action {
				t.Fatalf("%q: finding %s stricter than the decision", cmd, fd.Rule.ID)
			}
			var b strings.Builder
			fd.Explain(&b, "")
			_ = fd.What()
			_ = fd.JSON()
		}
		_ = d.JSON()
		_ = d.Severity()
		// The same words as one argument list decide without panicking.
		_ = s.CheckArgs(strings.Fields(cmd), ctx)
	})
}
