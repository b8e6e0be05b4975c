package writes

import (
	"path"
	"slices"
	"testing"
)

// joinedByConcat is appendJoined as it was written before it shared one
// buffer: one concatenation a path.
func joinedByConcat(h, d string) []string {
	under := func(dir, p string) string {
		switch dir {
		case "/":
			return "/" + p
		case ".":
			return p
		}
		return dir + "/" + p
	}
	var out []string
	if h != "" {
		for _, list := range [][]string{agentSettings, homeClaude, homeSettings} {
			for _, p := range list {
				out = append(out, under(h, p))
			}
		}
	}
	if d != "" {
		for a := d; ; a = path.Dir(a) {
			if a != h {
				for _, p := range agentSettings {
					out = append(out, under(a, p))
				}
			}
			if a == "/" {
				break
			}
		}
	}
	return out
}

func TestAppendJoinedMatchesConcatenation(t *testing.T) {
	homes := []string{"", "/", "/root", "/home/a b", "."}
	dirs := []string{"", "/", "/root", "/root/src/x", "/home/a b/proj", "/very/deep/a/b/c/d/e/f/g/h/i/j/k/l/m"}
	for _, h := range homes {
		for _, d := range dirs {
			got := appendJoined([]string{"/etc/x"}, h, d)
			want := append([]string{"/etc/x"}, joinedByConcat(h, d)...)
			if !slices.Equal(got, want) {
				t.Errorf("home %q dir %q:\n got %q\nwant %q", h, d, got, want)
			}
		}
	}
}
