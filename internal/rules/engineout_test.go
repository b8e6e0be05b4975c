package rules

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/guardsh/guard/internal/blast"
)

// TestEngineOutput checks that the disk decides whether a directory with
// a workflow or game engine's name is that engine's output, outside git.
func TestEngineOutput(t *testing.T) {
	s, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		files   []string
		cmd     string
		allowed bool
	}{
		{"Nextflow's work beside main.nf", []string{"main.nf", "work/ab/out.txt"}, "rm -rf work", true},
		{"Nextflow's work beside nextflow.config", []string{"nextflow.config", "work/ab/out.txt"}, "rm -rf ./work/", true},
		{"a work directory of nobody's", []string{"work/notes.txt"}, "rm -rf work", false},
		{"Unity's Library", []string{"Assets/a.cs", "ProjectSettings/p.asset", "Library/x"}, "rm -rf Library", true},
		{"a Library of documents", []string{"Library/x"}, "rm -rf Library", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			home := t.TempDir()
			dir := filepath.Join(home, "proj")
			for _, f := range tt.files {
				p := filepath.Join(dir, f)
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, []byte("x\n"), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			p := blast.New(home)
			p.GlobLimit.Time, p.WalkLimit.Time = time.Minute, time.Minute
			ctx := Context{Dir: dir, Home: home, Protected: ProtectedPaths(home, dir), State: p}
			d := s.Check(tt.cmd, ctx)
			if got := d.Action == Allow; got != tt.allowed {
				t.Errorf("%s: allowed %v, want %v (%v)", tt.cmd, got, tt.allowed, d.Findings)
			}
		})
	}
}
