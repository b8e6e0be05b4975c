package disk

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// tree makes a directory tree from a list of paths; a path ending in /
// is a directory.
func tree(t testing.TB, paths ...string) string {
	t.Helper()
	root := t.TempDir()
	for _, p := range paths {
		full := filepath.Join(root, p)
		if strings.HasSuffix(p, "/") {
			if err := os.MkdirAll(full, 0o755); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

var globTree = []string{
	"src/main.go", "src/util.go", "src/.env", "srv/", "script.sh", "Makefile",
	".hidden", ".config/guard/config.toml", ".config/other/x", "a[1]/f", "a1/f",
	"build/x.o", "build/y.o", "build/sub/z.o", "docs/readme.md", "-rf",
}

func TestGlob(t *testing.T) {
	root := tree(t, globTree...)
	tests := []struct {
		pattern string
		want    []string // relative to root; nil means no match
	}{
		{"sr*", []string{"src", "srv"}},
		{"src/*", []string{"src/main.go", "src/util.go"}},
		{"src/.*", []string{"src/.env"}},
		{"*", []string{"-rf", "Makefile", "a1", "a[1]", "build", "docs", "script.sh", "src", "srv"}},
		{".*", []string{".config", ".hidden"}},
		{".c*/gua*/*.toml", []string{".config/guard/config.toml"}},
		{"*/", []string{"a1", "a[1]", "build", "docs", "src", "srv"}},
		{"build/*.o", []string{"build/x.o", "build/y.o"}},
		{"build/**", []string{"build/sub", "build/x.o", "build/y.o"}},
		{"*/*.o", []string{"build/x.o", "build/y.o"}},
		{"?rc", []string{"src"}},
		{"[sd]*", []string{"docs", "script.sh", "src", "srv"}},
		{"[!s]*", []string{"-rf", "Makefile", "a1", "a[1]", "build", "docs"}},
		{"[^s]*", []string{"-rf", "Makefile", "a1", "a[1]", "build", "docs"}},
		{"[[:upper:]]*", []string{"Makefile"}},
		{"a[1]", []string{"a1"}},
		{"a[1", nil},
		{"nomatch*", nil},
		{"*/f", []string{"a1/f", "a[1]/f"}},
		{"src/main.go", []string{"src/main.go"}},
		{"src/missing", nil},
		{"*.go", nil},
		{"../" + filepath.Base(root) + "/sr?", []string{"src", "srv"}},
		{"./src/*.go", []string{"src/main.go", "src/util.go"}},
	}
	for _, tt := range tests {
		got := Glob(tt.pattern, root, Limit{})
		if got.Over {
			t.Errorf("%s: over the limit", tt.pattern)
		}
		var want []string
		for _, w := range tt.want {
			want = append(want, filepath.Join(root, w))
		}
		if !slices.Equal(got.Paths, want) {
			t.Errorf("%s: got %q, want %q", tt.pattern, rel(root, got.Paths), tt.want)
		}
		if b := bashGlob(t, root, tt.pattern); b != nil && !slices.Equal(rel(root, got.Paths), b) {
			t.Errorf("%s: got %q, bash gives %q", tt.pattern, rel(root, got.Paths), b)
		}
	}
}

func rel(root string, paths []string) []string {
	var out []string
	for _, p := range paths {
		r, _ := filepath.Rel(root, p)
		out = append(out, r)
	}
	return out
}

// bashGlob asks bash for the expansion, when a bash is there; it returns
// nil when bash leaves the pattern as it is.
func bashGlob(t *testing.T, dir, pattern string) []string {
	bash, err := exec.LookPath("bash")
	if err != nil {
		return nil
	}
	cmd := exec.Command(bash, "--norc", "-c", `for f in `+pattern+`; do printf '%s\0' "$f"; done`)
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("bash: %v", err)
	}
	var list []string
	for _, s := range strings.Split(strings.TrimSuffix(string(out), "\x00"), "\x00") {
		s = strings.TrimSuffix(s, "/")
		if s == pattern || s == strings.TrimSuffix(pattern, "/") {
			return nil
		}
		list = append(list, filepath.Clean(filepath.Join(dir, s)))
	}
	return rel(dir, list)
}

func TestGlobAbsolute(t *testing.T) {
	root := tree(t, globTree...)
	got := Glob(filepath.Join(root, "sr*"), "", Limit{})
	if len(got.Paths) != 2 {
		t.Errorf("absolute pattern: got %q", got.Paths)
	}
	if got := Glob("sr*", "", Limit{}); len(got.Paths) != 0 || got.Over {
		t.Errorf("relative pattern without a directory: got %+v", got)
	}
}

func TestGlobLimit(t *testing.T) {
	var names []string
	for i := range 50 {
		names = append(names, "d/f"+strings.Repeat("x", i))
	}
	root := tree(t, names...)
	if got := Glob("d/*", root, Limit{Entries: 10}); !got.Over {
		t.Errorf("50 matches with a limit of 10: not over")
	}
	if got := Glob("d/*", root, Limit{Entries: 100}); got.Over || len(got.Paths) != 50 {
		t.Errorf("50 matches with a limit of 100: over %v, %d paths", got.Over, len(got.Paths))
	}
	if got := Glob("d/*", root, Limit{Time: time.Nanosecond}); !got.Over {
		t.Errorf("no time: not over")
	}
	if got := Glob("@(a|b)", root, Limit{}); !got.Over {
		t.Errorf("an extended glob is not known: not over")
	}
}

func TestGlobSymlink(t *testing.T) {
	root := tree(t, "real/a", "real/b")
	if err := os.Symlink(filepath.Join(root, "real"), filepath.Join(root, "link")); err != nil {
		t.Fatal(err)
	}
	// bash goes through a link to a directory; the match keeps the path
	// as written, through the link.
	got := Glob("lin*/*", root, Limit{})
	want := []string{filepath.Join(root, "link/a"), filepath.Join(root, "link/b")}
	if !slices.Equal(got.Paths, want) {
		t.Errorf("got %q, want %q", got.Paths, want)
	}
	if err := os.Symlink(filepath.Join(root, "missing"), filepath.Join(root, "dangling")); err != nil {
		t.Fatal(err)
	}
	if got := Glob("dang*", root, Limit{}); len(got.Paths) != 1 {
		t.Errorf("a dangling link is a name bash matches: got %q", got.Paths)
	}
}

func TestMatch(t *testing.T) {
	tests := []struct {
		p, s string
		ok   bool
	}{
		{"*", "abc", true}, {"*", ".abc", false}, {".*", ".abc", true}, {"a*c", "abbbc", true},
		{"a*c", "abbb", false}, {"a?c", "abc", true}, {"a?c", "ac", false}, {"*.go", "x.go", true},
		{"[a-c]x", "bx", true}, {"[a-c]x", "dx", false}, {"[!a-c]x", "dx", true}, {"[]]", "]", true},
		{"[", "[", true}, {"a[", "a[", true}, {`\*`, "*", true}, {`\*`, "x", false}, {"*a*b", "xaxb", true},
		{"[[:digit:]]*", "1a", true}, {"[[:digit:]]*", "a1", false}, {"*", ".", false}, {".*", "..", false},
	}
	for _, tt := range tests {
		if got := Match(tt.p, tt.s); got != tt.ok {
			t.Errorf("Match(%q, %q) = %v, want %v", tt.p, tt.s, got, tt.ok)
		}
	}
}

func FuzzMatch(f *testing.F) {
	f.Add("a*[b-d]?", "axbc")
	f.Add("[!]", "x")
	f.Fuzz(func(t *testing.T, p, s string) {
		Match(p, s)
		if !strings.ContainsAny(p, "*?[\\") && !strings.HasPrefix(s, ".") && s != "" && Match(p, s) != (p == s) {
			t.Errorf("literal %q against %q", p, s)
		}
	})
}
