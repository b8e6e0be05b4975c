package rules

import "testing"

func TestGitPush(t *testing.T) {
	force := map[string]any{"kind": "force", "scope": "protected"}
	forceOther := map[string]any{"kind": "force", "scope": "other", "lease": false}
	forceAny := map[string]any{"kind": "force", "scope": "any"}
	del := map[string]any{"kind": "delete", "scope": "protected"}
	delAny := map[string]any{"kind": "delete", "scope": "any"}
	mirror := map[string]any{"kind": "mirror"}
	custom := map[string]any{"kind": "force", "protected": []any{"prod-*"}}
	tests := []struct {
		with map[string]any
		cmd  string
		want string
	}{
		// Force pushes to protected branches.
		{force, "git push --force origin main", "force push of branch main"},
		{force, "git push -f origin master", "force push of branch master"},
		{force, "git push -uf origin develop", "force push of branch develop"},
		{force, "git push origin +main", "force push of branch main"},
		{force, "git push origin +HEAD:main", "force push of branch main"},
		{force, "git push origin HEAD:main -f", "force push of branch main"},
		{force, "git push origin main --force", "force push of branch main"},
		{force, "git push origin +refs/heads/main:refs/heads/main", "force push of branch main"},
		{force, "git push -f origin feat:release/1.0", "force push of branch release/1.0"},
		{force, "git push --force-with-lease origin main", "force push of branch main"},
		{force, "git push --force-with-lease=main:abc origin main", "force push of branch main"},
		{force, "git push --force-if-includes --force-with-lease origin main", "force push of branch main"},
		{force, "git push -o ci.skip -f origin main", "force push of branch main"},
		{force, "git -C repo push -f origin main", "force push of branch main"},
		{force, "git push -f", "force push of the current branch, which may be protected"},
		{force, "git push -f origin", "force push of the current branch, which may be protected"},
		{force, "git push -f origin HEAD", "force push of the current branch, which may be protected"},
		{force, "git push --force origin \"$BRANCH\"", "force push of the current branch, which may be protected"},
		{force, "git push --all -f origin", "force push of every branch"},
		{force, "git push -f origin feature main", "force push of branch main"},
		{force, "git push origin feature +main", "force push of branch main"},
		// Not force pushes, or not to protected branches.
		{force, "git push origin main", ""},
		{force, "git push origin +feature", ""},
		{force, "git push --force origin feature/login", ""},
		{force, "git push -u origin my-branch", ""},
		{force, "git push origin main:feature -f", ""},
		{force, "git pull -f origin main", ""},
		{force, "git log -f main", ""},
		{force, "git push --follow-tags origin main", ""},
		{force, "git push origin --delete main", ""},
		// scope other, without lease.
		{forceOther, "git push --force origin feature", "force push of branch feature"},
		{forceOther, "git push origin +topic", "force push of branch topic"},
		{forceOther, "git push --force-with-lease origin feature", ""},
		{forceOther, "git push --force origin main", ""},
		{forceAny, "git push -f origin anything", "force push of branch anything"},
		// Deletions.
		{del, "git push origin :main", "deletion of branch main"},
		{del, "git push origin --delete main", "deletion of branch main"},
		{del, "git push origin -d release/2", "deletion of branch release/2"},
		{del, "git push --delete origin feature", ""},
		{del, "git push origin :feature", ""},
		{del, "git push origin main", ""},
		{delAny, "git push origin :feature", "deletion of branch feature"},
		// Mirror.
		{mirror, "git push --mirror", "git push --mirror overwrites every ref on the remote"},
		{mirror, "git push --mirror backup", "git push --mirror overwrites every ref on the remote"},
		{mirror, "git push --all", ""},
		// A custom list of protected branches.
		{custom, "git push -f origin prod-eu", "force push of branch prod-eu"},
		{custom, "git push -f origin main", ""},
	}
	for _, tt := range tests {
		got, ok := matcherHit(t, "git-push", tt.with, tt.cmd)
		if ok != (tt.want != "") || got != tt.want {
			t.Errorf("%v %s: %q, %v; want %q", tt.with, tt.cmd, got, ok, tt.want)
		}
	}
}

func TestGitPushParams(t *testing.T) {
	for _, with := range []map[string]any{
		{"kind": "nope"},
		{"scope": "nope"},
		{"kind": 1},
		{"lease": "yes"},
		{"protected": "main"},
		{"unknown": 1},
	} {
		if _, err := newGitPush(with); err == nil {
			t.Errorf("newGitPush(%v): no error", with)
		}
	}
}
