package allow

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/guardsh/guard/internal/parse"
)

func inv(t *testing.T, cmd, dir string) *parse.Invocation {
	t.Helper()
	invs := parse.Command(cmd, parse.Options{Dir: dir, Home: "/home/u"})
	if len(invs) == 0 {
		t.Fatalf("%q: no invocation", cmd)
	}
	return invs[len(invs)-1]
}

// TestShapeIgnoresSpacingAndQuoting checks that commands are compared as
// parsed words: spacing and quoting do not matter, anything added does.
func TestShapeIgnoresSpacingAndQuoting(t *testing.T) {
	base := Shape(inv(t, "rm -rf ~/.cache/pip", "/w"))
	if base == nil {
		t.Fatal("no shape")
	}
	for _, same := range []string{
		"rm  -rf   ~/.cache/pip",
		"'rm' \"-rf\" ~/'.cache'/pip",
		`rm -rf /home/u/.cache/pip`,
		`\rm -rf ~/.cache/pip`,
		"cd /tmp && rm -rf ~/.cache/pip",
	} {
		if got := Shape(inv(t, same, "/w")); strings.Join(got, "\x00") != strings.Join(base, "\x00") {
			t.Errorf("%q: shape %q, want %q", same, got, base)
		}
	}
	for _, other := range []string{
		"rm -rf ~/.cache/pip ~/src",
		"rm -rf ~/.cache",
		"rm -rf ~/.cache/pip > /etc/passwd",
		"X=1 rm -rf ~/.cache/pip",
		"ssh host rm -rf ~/.cache/pip",
		"rm -rf ~/.cache/pip*",
		"rm -rf $HOME/.cache/$X",
	} {
		if got := Shape(inv(t, other, "/w")); got != nil && strings.Join(got, "\x00") == strings.Join(base, "\x00") {
			t.Errorf("%q has the allowed command's shape", other)
		}
	}
	if Shape(inv(t, "rm -rf $DIR", "/w")) != nil {
		t.Error("a word known only at run time has a shape")
	}
	a := Shape(inv(t, "psql <<'E'\nDROP TABLE a;\nE", "/w"))
	b := Shape(inv(t, "psql <<'E'\nDROP TABLE b;\nE", "/w"))
	if strings.Join(a, "\x00") == strings.Join(b, "\x00") {
		t.Error("stdin text is not compared")
	}
}

func TestApplies(t *testing.T) {
	now := time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)
	push := inv(t, "git push --force origin main", "/home/u/src/scratch")
	cases := []struct {
		name string
		e    Entry
		rule string
		dir  string
		want bool
	}{
		{"rule everywhere", Entry{Rule: "git.push"}, "git.push", "/x", true},
		{"other rule", Entry{Rule: "git.push"}, "git.reset", "/x", false},
		{"rule in dir", Entry{Rule: "git.push", Dir: "/home/u/src"}, "git.push", "/home/u/src/scratch", true},
		{"rule in dir itself", Entry{Rule: "git.push", Dir: "/home/u/src"}, "git.push", "/home/u/src", true},
		{"rule outside dir", Entry{Rule: "git.push", Dir: "/home/u/src"}, "git.push", "/home/u/srcx", false},
		{"rule, dir unknown", Entry{Rule: "git.push", Dir: "/home/u/src"}, "git.push", "", false},
		{"expired", Entry{Rule: "git.push", Until: now.Add(-time.Second)}, "git.push", "/x", false},
		{"not yet expired", Entry{Rule: "git.push", Until: now.Add(time.Hour)}, "git.push", "/x", true},
		{"command", Entry{Shape: Shape(push)}, "any.rule", "/x", true},
		{"other command", Entry{Shape: Shape(inv(t, "git push origin main", "/"))}, "any.rule", "/x", false},
	}
	for _, c := range cases {
		if got := c.e.Applies(c.rule, push, c.dir, now); got != c.want {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}

func TestReadWrite(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "guard", FileName)
	l, err := Read(p, -1)
	if err != nil || len(l.Entries) != 0 {
		t.Fatalf("missing file: %v %v", l, err)
	}
	e1 := l.Add(Entry{Rule: "git.push", Added: time.Now()})
	e2 := l.Add(Entry{Command: "rm -rf x", Shape: []string{"arg rm", "arg -rf", "arg /w/x"}})
	if e1.ID != 1 || e2.ID != 2 {
		t.Fatalf("ids %d %d", e1.ID, e2.ID)
	}
	if err := Write(p, l); err != nil {
		t.Fatal(err)
	}
	st, _ := os.Stat(p)
	if st.Mode().Perm() != 0o600 {
		t.Errorf("mode %v", st.Mode())
	}
	back, err := Read(p, -1)
	if err != nil || len(back.Entries) != 2 || back.Entries[1].Command != "rm -rf x" {
		t.Fatalf("read back: %+v %v", back, err)
	}
	if !back.Remove(1) || back.Remove(1) {
		t.Error("remove")
	}
	if e := back.Add(Entry{Rule: "x"}); e.ID != 3 {
		t.Errorf("id reused: %d", e.ID)
	}
	if _, err := Read(p, 12345); err == nil {
		t.Error("a file of another owner is read")
	}
	for name, text := range map[string]string{
		"not json":    "{",
		"bad version": `{"version":2,"entries":[]}`,
		"unknown key": `{"version":1,"entries":[],"extra":1}`,
		"no rule":     `{"version":1,"entries":[{"id":1}]}`,
		"both":        `{"version":1,"entries":[{"id":1,"rule":"a","shape":["arg a"]}]}`,
	} {
		os.WriteFile(p, []byte(text), 0o600)
		if _, err := Read(p, -1); err == nil {
			t.Errorf("%s: read without error", name)
		}
	}
	// A list that cannot be read allows nothing.
	f := &File{Path: p, Owner: -1}
	if f.Allows("a", inv(t, "a", "/"), "/") != "" {
		t.Error("a broken list allows")
	}
	// A FIFO at the path is refused, never waited on.
	os.Remove(p)
	if err := mkfifo(p); err == nil {
		if _, err := Read(p, -1); err == nil {
			t.Error("a FIFO is read")
		}
	}
}
