package rules

import (
	"testing"

	"github.com/guardsh/guard/internal/gitstate/gittest"
)

// TestGitOpsPushedRemoval checks a push whose commits, made by an earlier
// command, delete or move away a production path.
func TestGitOpsPushedRemoval(t *testing.T) {
	s := defaultSet(t)
	for _, c := range []struct {
		name  string
		setup func(t *testing.T, dir string)
		cmd   string
		ask   bool
	}{
		{"prod app removed", func(t *testing.T, dir string) {
			gittest.Git(t, dir, "rm", "-q", "-r", "clusters/prod/apps/payments")
			gittest.Commit(t, dir, "remove payments")
		}, "git push origin main", true},
		{"prod app removed, current branch", func(t *testing.T, dir string) {
			gittest.Git(t, dir, "rm", "-q", "-r", "clusters/prod/apps/payments")
			gittest.Commit(t, dir, "remove payments")
		}, "git push", true},
		{"prod app moved away", func(t *testing.T, dir string) {
			gittest.Git(t, dir, "mv", "clusters/prod/apps/payments", "attic")
			gittest.Commit(t, dir, "retire payments")
		}, "git push origin main", true},
		{"renamed inside prod", func(t *testing.T, dir string) {
			gittest.Git(t, dir, "mv", "clusters/prod/apps/payments/deploy.yaml", "clusters/prod/apps/payments/deployment.yaml")
			gittest.Commit(t, dir, "rename")
		}, "git push origin main", false},
		{"dev app removed", func(t *testing.T, dir string) {
			gittest.Git(t, dir, "rm", "-q", "-r", "clusters/dev/apps/payments")
			gittest.Commit(t, dir, "remove payments")
		}, "git push origin main", false},
		{"prod app removed on a review branch", func(t *testing.T, dir string) {
			gittest.Git(t, dir, "checkout", "-q", "-b", "drop-payments")
			gittest.Git(t, dir, "rm", "-q", "-r", "clusters/prod/apps/payments")
			gittest.Commit(t, dir, "remove payments")
		}, "git push -u origin drop-payments", false},
		{"prod app added", func(t *testing.T, dir string) {
			gittest.Write(t, dir, map[string]string{"clusters/prod/apps/search/deploy.yaml": "kind: Deployment\n"})
			gittest.Git(t, dir, "add", "-A")
			gittest.Commit(t, dir, "add search")
		}, "git push origin main", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			f := &stateFixture{home: t.TempDir()}
			f.dir = gittest.Repo(t, map[string]string{
				"clusters/prod/apps/payments/deploy.yaml": "kind: Deployment\n",
				"clusters/dev/apps/payments/deploy.yaml":  "kind: Deployment\n",
			})
			f.remote = t.TempDir()
			gittest.Git(t, f.remote, "init", "-q", "--bare", "-b", "main")
			gittest.Git(t, f.dir, "remote", "add", "origin", f.remote)
			gittest.Git(t, f.dir, "push", "-q", "-u", "origin", "main")
			c.setup(t, f.dir)
			d := s.Check(c.cmd, f.ctx(t))
			asked := false
			for _, x := range d.Findings {
				asked = asked || x.Rule.ID == "gitops.push-prod-removal"
			}
			if asked != c.ask {
				t.Errorf("%q: asked %v, want %v (%v)", c.cmd, asked, c.ask, d.Findings)
			}
		})
	}
}
