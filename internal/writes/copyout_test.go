package writes

import "testing"

// TestCopyOutLands checks that a copy out of a container or from another
// host into a directory lands under the source's base name, so that only
// a protected base name, or a directory's content whose names guard
// cannot see, reaches the agents' files.
func TestCopyOutLands(t *testing.T) {
	for _, tc := range []struct{ want, cmd string }{
		{"", `docker cp web:/etc/os-release .`},
		{"", `id=$(docker create alpine) && docker cp "$id":/etc/os-release . && docker rm "$id"`},
		{"", `podman cp db:/var/log/postgresql ./`},
		{"", `kubectl cp default/api-0:/tmp/dump.sql ./dump.sql`},
		{"maybe", `kubectl cp default/api-0:/root .`},
		{"", `docker cp web:/etc/nginx/nginx.conf ./nginx.conf`},
		{"", `rsync -a host:/etc/os-release .`},
		{"", `rsync -av host:/srv/app .`},
		{"maybe", `docker cp web:/app/. .`},
		{"maybe", `kubectl cp api-0:/app/. .`},
		{"maybe", `docker cp web:/etc/$F .`},
		{"maybe", `docker cp web:/root/.claude .`},
		{"maybe", `docker cp web:/x/settings.json .claude/`},
		{"maybe", `rsync -av host:/srv/app/ .`},
		{"maybe", `rsync -a host:~/.claude .`},
	} {
		got, why := verdict(t, tc.cmd, testDir)
		if got != tc.want && !(tc.want == "maybe" && got == "deny") {
			t.Errorf("%s: got %q (%s), want %q", tc.cmd, got, why, tc.want)
		}
	}
}
