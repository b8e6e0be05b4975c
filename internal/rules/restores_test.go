package rules

import "testing"

func TestZeroCount(t *testing.T) {
	for s, want := range map[string]bool{
		"0": true, "00": true, "0d": true, "0h0m0s": true,
		"1": false, "7d": false, "-1": false, "inherit": false, "": false, "2-10": false, "0.5": false,
	} {
		if got := zeroCount(s); got != want {
			t.Errorf("zeroCount(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestRemoteSpec(t *testing.T) {
	for s, want := range map[string]bool{
		"s3://b/p": true, "b2:backups": true, "host::/srv": true, "nas:/volume1": true,
		"/var/lib/mysql": false, "./a:b": false, "~/x": false, "$PGDATA": false, "restored": false, "dir/a:b": false,
	} {
		if got := remoteSpec(s); got != want {
			t.Errorf("remoteSpec(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestKeepsNothing(t *testing.T) {
	with := map[string]any{"keys": []any{"--keep-", "keep-"}}
	for cmd, want := range map[string]bool{
		"kopia policy set --global --keep-latest 0 --keep-daily 0":  true,
		"kopia policy set --global --keep-latest=0 --keep-daily=00": true,
		"kopia policy set --global --keep-latest 0 --keep-daily 1":  true,
		"kopia policy set --global --keep-latest 1 --keep-daily 1":  false,
		"kopia policy set --global --keep-latest 1":                 false,
		"kopia policy set --global --keep-latest":                   false,
		"kopia policy set --global":                                 false,
		"pvesm set s --prune-backups keep-last=0,keep-daily=0":      true,
		"pvesm set s --prune-backups keep-last=0,keep-daily=2":      false,
		"kopia policy set /srv/keep-daily --keep-latest 3":          false,
	} {
		if _, got := matcherHit(t, "keeps-nothing", with, cmd); got != want {
			t.Errorf("keeps-nothing %q = %v, want %v", cmd, got, want)
		}
	}
	if _, err := mustMatcher(t, "keeps-nothing")(map[string]any{}); err == nil {
		t.Error("keeps-nothing without keys: no error")
	}
}

func TestRestoresOver(t *testing.T) {
	with := map[string]any{"target": []any{"--target", "cwd"}, "overwrite": []any{"--delete"}, "keep": []any{"--overwrite=never"}}
	for cmd, want := range map[string]bool{
		"restic restore latest --target /":                       true,
		"restic restore latest --target=/srv/www":                true,
		"restic restore latest --target /srv/www-prod-restore":   true,
		"restic restore latest --target /srv/restore-drill":      false,
		"restic restore latest --target /tmp/x":                  false,
		"restic restore latest --target $PGDATA":                 true,
		"restic restore latest --target $RESTORE_DIR":            true,
		"restic restore latest --target ${RESTORE_DIR}/x":        true,
		"restic restore latest --target $dest/restore-check":     false,
		"restic restore latest --target $dest":                   true,
		"restic restore latest --target ./out":                   false,
		"restic restore latest --target ./src --delete":          true,
		"restic restore latest --target /mnt/data":               true,
		"restic restore latest --target /mnt/disk2":              false,
		"restic restore latest --target / --overwrite never":     false,
		"restic restore latest":                                  false,
		"cd / && restic restore latest":                          true,
		"cd \"$d\" && restic restore latest":                     true,
		"restic restore latest --target s3://bucket/x --delete":  false,
		"restic restore latest --target /home/user/project/site": false,
		"restic restore latest --target ~/Documents":             true,
		"restic restore latest --target ~/Downloads":             false,
		"restic restore latest --target ~/restored":              false,
	} {
		if _, got := matcherHit(t, "restores-over", with, cmd); got != want {
			t.Errorf("restores-over %q = %v, want %v", cmd, got, want)
		}
	}
	for _, bad := range []map[string]any{{}, {"target": []any{"last"}}, {"target": []any{"first:1"}}} {
		if _, err := mustMatcher(t, "restores-over")(bad); err == nil {
			t.Errorf("restores-over %v: no error", bad)
		}
	}
}

func TestStaticText(t *testing.T) {
	for in, want := range map[string]string{
		"$RESTORE_DIR/x": "/x", "${A:-b}/c": "/c", "$(pwd)/restore": "/restore", "`pwd`/r": "/r", "/srv/$x-restore": "/srv/-restore", "plain": "plain",
	} {
		if got := staticText(in); got != want {
			t.Errorf("staticText(%q) = %q, want %q", in, got, want)
		}
	}
}
