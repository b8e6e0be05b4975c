package rules

import (
	"slices"
	"testing"

	"github.com/guardsh/guard/internal/gitstate/gittest"
)

// TestOverwriteServedState checks that, with the disk, a copy or move
// over a config or data file is judged by what the file holds: missing
// or clean and tracked passes, untracked or changed asks.
func TestOverwriteServedState(t *testing.T) {
	s, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		files map[string]string
		cmd   string
		want  bool
	}{
		{"prod config over a clean tracked file", map[string]string{"config.prod.yaml": "p"}, "mv -f config.prod.yaml README.md.yaml", false},
		{"prod config over a missing file", map[string]string{"config.prod.yaml": "p"}, "cp config.prod.yaml config.yaml", false},
		{"prod config over an untracked file", map[string]string{"config.prod.yaml": "p", "config.yaml": "mine"}, "cp -f config.prod.yaml config.yaml", true},
		{"a database moved over an untracked one", map[string]string{"new.db": "n", "data/app.db": "old"}, "mv new.db data/app.db", true},
		{"a database moved over nothing", map[string]string{"new.db": "n"}, "mv new.db data/app.db", false},
		{"a config copied over an untracked one", map[string]string{"settings.json": "mine"}, "cp /tmp/settings.json settings.json", true},
		{"a draft renamed over its file", map[string]string{"out.json": "o", "out.json.tmp": "n"}, "mv out.json.tmp out.json", false},
		{"an ignored .env overwritten", map[string]string{".gitignore": ".env\n", ".env": "SECRET=1"}, "cp .env.example .env", true},
		{"a built file over an untracked one", map[string]string{"public/app.js": "old"}, "cp dist/app.js public/app.js", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newStateFixture(t)
			gittest.Write(t, f.dir, tt.files)
			if tt.name == "prod config over a clean tracked file" {
				gittest.Write(t, f.dir, map[string]string{"README.md.yaml": "r"})
				gittest.Git(t, f.dir, "add", "README.md.yaml")
				gittest.Git(t, f.dir, "commit", "-q", "-m", "add")
			}
			_, ids, _ := f.check(t, s, f.ctx(t), tt.cmd)
			if got := slices.Contains(ids, "fs.overwrite-served"); got != tt.want {
				t.Errorf("%s: fs.overwrite-served %v, want %v (findings %v)", tt.cmd, got, tt.want, ids)
			}
		})
	}
}

// TestShortShapes checks that the move, overwrite and find-name readers
// take commands cut short without failing.
func TestShortShapes(t *testing.T) {
	s, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	ctx := ExampleContext()
	for _, cmd := range []string{"rclone move", "rclone move a", "aws s3 mv", "aws s3 mv s3://a", "gcloud storage mv", "gcloud alpha storage mv x",
		"tar -x -C", "tar xf", "unzip -d", "unzip -d/srv", "7z x", "7z", "robocopy /MOVE", "robocopy a /MOVE", "mc mv", "gsutil mv a",
		"find -name", "find . -name", "find . -regex", "fd -e", "fd -x rm", "find . -exec sh -c", "cat > config.yaml", "cp -t", "mv -f"} {
		s.Check(cmd, ctx)
	}
}
