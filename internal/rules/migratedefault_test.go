package rules

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/guardsh/guard/internal/blast"
)

// TestDefaultDevStepEnvFiles checks that one step back in the default
// environment reads the project's dotenv files when guard reads the disk:
// a file that names another environment or a database elsewhere asks.
func TestDefaultDevStepEnvFiles(t *testing.T) {
	home := t.TempDir()
	s := defaultSet(t)
	for env, want := range map[string]Action{
		"":                               Allow,
		"PORT=3000\nSECRET_KEY_BASE=x\n": Allow,
		"DATABASE_URL=postgres://app@localhost/shop_dev\n":    Allow,
		"DB_HOST=db\nRAILS_ENV=development\n":                 Allow,
		"DATABASE_URL=postgres://app@db.acme.internal/shop\n": Confirm,
		"export RAILS_ENV=staging\n":                          Confirm,
		"DB_HOST=10.0.3.7\n":                                  Confirm,
	} {
		proj := filepath.Join(t.TempDir(), "project")
		if err := os.MkdirAll(proj, 0o755); err != nil {
			t.Fatal(err)
		}
		if env != "" {
			if err := os.WriteFile(filepath.Join(proj, ".env"), []byte(env), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		ctx := Context{Dir: proj, Home: home, State: blast.New(home)}
		if d := s.Check("bin/rails db:rollback", ctx); d.Action != want {
			t.Errorf("with .env %q: got %s %s, want %s", env, d.Action, ids(d), want)
		}
	}
}
