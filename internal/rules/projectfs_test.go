package rules

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/guardsh/guard/internal/blast"
	"github.com/guardsh/guard/internal/gitstate/gittest"
)

// TestProjectNoGit judges deletion and emptying in a project directory
// that is not a git repository: nothing brings its files back.
func TestProjectNoGit(t *testing.T) {
	s := defaultSet(t)
	home := t.TempDir()
	dir := filepath.Join(t.TempDir(), "proj")
	if d, err := filepath.EvalSymlinks(filepath.Dir(dir)); err == nil {
		dir = filepath.Join(d, "proj")
	}
	gittest.Write(t, dir, map[string]string{
		"src/a.go": "package a\n", "src/b.go": "package a\n", "docs/x.md": "x\n", "tests/t_test.go": "package t\n",
		"node_modules/x/index.js": "x\n", "build/out.o": "o\n", "data.txt": "b\na\n", "app.log": "log\n",
	})
	p := blast.New(home)
	p.Git.Timeout = time.Minute
	p.GlobLimit.Time, p.WalkLimit.Time = time.Minute, time.Minute
	ctx := Context{Dir: dir, Home: home, Protected: ProtectedPaths(home, dir), State: p}
	tests := []struct {
		cmd   string
		rule  string // "" for allow
		blast string
	}{
		{"rm -rf ./src", "fs.rm-project", "2 files"},
		{"rm -r docs/ tests/", "fs.rm-project", "2 files"},
		{"find . -type f -name '*.go' -delete", "fs.rm-project", ""},
		{"rm src/*.go", "fs.rm-project", "2 files"},
		{"truncate -s 0 src/a.go", "fs.truncate-project", "1 file"},
		{": > src/a.go", "fs.truncate-project", ""},
		{"> src/b.go", "fs.truncate-project", ""},
		{"cp /dev/null docs/x.md", "fs.truncate-project", ""},
		{"sort data.txt > data.txt", "fs.clobber-input", ""},
		{"rm -rf missing", "fs.rm-project", ""},
		{"rm -rf node_modules", "", ""},
		{"rm -rf build", "", ""},
		{"find . -name '*.o' -delete", "", ""},
		{": > app.log", "", ""},
		{": > new.txt", "", ""},
		{"echo x > src/a.go", "", ""},
		{"git status", "", ""},
	}
	for _, tt := range tests {
		d := s.Check(tt.cmd, ctx)
		var got []string
		var blasts []string
		for _, f := range d.Findings {
			got = append(got, f.Rule.ID)
			blasts = append(blasts, f.Blast.Line())
		}
		switch {
		case tt.rule == "" && d.Action != Allow:
			t.Errorf("%s: got %s %v, want allow", tt.cmd, d.Action, got)
		case tt.rule != "" && !slices.Contains(got, tt.rule):
			t.Errorf("%s: got %s %v, want %s", tt.cmd, d.Action, got, tt.rule)
		case tt.blast != "" && !strings.Contains(strings.Join(blasts, " | "), tt.blast):
			t.Errorf("%s: blast %q, want %q", tt.cmd, blasts, tt.blast)
		}
	}
}

// TestProjectEmptyGit judges emptying files in a git repository by what
// git holds of them: a clean tracked file passes, others ask.
func TestProjectEmptyGit(t *testing.T) {
	s := defaultSet(t)
	f := newStateFixture(t)
	ctx := f.ctx(t)
	if err := os.WriteFile(filepath.Join(f.dir, "src/b.go"), []byte("package a // changed\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	gittest.Write(t, f.dir, map[string]string{"notes.txt": "mine\n", "build/x.bin": "b\n"})
	tests := []struct {
		cmd  string
		rule string
	}{
		{"truncate -s 0 src/a.go", ""},
		{": > README.md", ""},
		{"cp /dev/null src/a.go", ""},
		{": > src/b.go", "fs.truncate-project"},
		{"truncate -s 0 notes.txt", "fs.truncate-project"},
		{"> notes.txt", "fs.truncate-project"},
		{": > build/x.bin", ""},
		{"jq . src/a.go > src/a.go", "fs.clobber-input"},
		{"rm -rf src/lib", ""},
	}
	for _, tt := range tests {
		d, got, _ := f.check(t, s, ctx, tt.cmd)
		switch {
		case tt.rule == "" && d.Action != Allow:
			t.Errorf("%s: got %s %v, want allow", tt.cmd, d.Action, got)
		case tt.rule != "" && !slices.Contains(got, tt.rule):
			t.Errorf("%s: got %s %v, want %s", tt.cmd, d.Action, got, tt.rule)
		}
	}
}
