package rules

import (
	"testing"
	"time"
)

func TestSubstSettings(t *testing.T) {
	cases := []struct {
		script, key, value string
	}{
		{`s/prevent_destroy = true/prevent_destroy = false/`, "prevent_destroy", "false"},
		{`s/\(deletion_protection *= *\)true/\1false/g`, "deletion_protection", "false"},
		{`/deletion_protection/s/true/false/`, "deletion_protection", "false"},
		{`s|"deletionProtection": true|"deletionProtection": false|`, "deletionProtection", "false"},
		{`s/(force_destroy\s*=\s*)false/${1}true/`, "force_destroy", "true"},
		{`1d;s/reclaimPolicy: Retain/reclaimPolicy: Delete/`, "reclaimPolicy", "Delete"},
	}
	for _, c := range cases {
		got := substSettings(c.script, nil)
		found := false
		for _, s := range got {
			if s.key == c.key && s.value == c.value {
				found = true
			}
		}
		if !found {
			t.Errorf("%s: got %+v, want %s=%s", c.script, got, c.key, c.value)
		}
	}
	if got := substSettings(`s/foo/bar/`, nil); len(got) != 0 {
		t.Errorf("s/foo/bar/: got %+v, want nothing", got)
	}
}

func TestDeletedLines(t *testing.T) {
	if got := deletedLines(`/prevent_destroy/d`, nil); len(got) != 1 || got[0].key != "prevent_destroy" || got[0].value != "false" {
		t.Errorf("got %+v", got)
	}
	for _, s := range []string{`/prevent_destroy/p`, `s/a/d/`, `/^#/d`} {
		if got := deletedLines(s, nil); len(got) != 0 {
			t.Errorf("%s: got %+v, want nothing", s, got)
		}
	}
}

func TestAssignSettings(t *testing.T) {
	got := assignSettings(`.spec.persistentVolumeReclaimPolicy = "Delete" | .a.b |= false`, nil)
	if len(got) != 2 || got[0].value != "Delete" || got[1].value != "false" {
		t.Errorf("got %+v", got)
	}
	got = assignSettings(`del(.metadata.finalizers)`, nil)
	if len(got) != 2 || got[0].value != "null" {
		t.Errorf("del: got %+v", got)
	}
	if got := assignSettings(`select(.a == "x")`, nil); len(got) != 0 {
		t.Errorf("comparison: got %+v, want nothing", got)
	}
}

func TestNewIndexName(t *testing.T) {
	for _, n := range []string{"products-v2", "products_000002", "logs-2026.12.07", "orders_new", "catalog-tmp", "users_reindexed"} {
		if !newIndexName(n) {
			t.Errorf("%s: want new", n)
		}
	}
	for _, n := range []string{"products", "orders", "logs-app", "b"} {
		if newIndexName(n) {
			t.Errorf("%s: want existing", n)
		}
	}
}

func TestSQLInterval(t *testing.T) {
	cases := map[string]time.Duration{
		"ts + interval 1 hour":              time.Hour,
		"('m', interval '6 hours')":         6 * time.Hour,
		"todatetime(ts) + tointervalday(2)": 48 * time.Hour,
		"ts + interval 30 day":              30 * 24 * time.Hour,
	}
	for in, want := range cases {
		if got, ok := sqlInterval(in); !ok || got != want {
			t.Errorf("%s: got %v %v, want %v", in, got, ok, want)
		}
	}
	if why := shortTTL("alter retention policy autogen on db duration 2h", 24*time.Hour); why == "" {
		t.Error("InfluxQL duration 2h: want a finding")
	}
	if why := shortTTL("create table t (ts datetime) engine = mergetree order by ts ttl ts + interval 1 hour", 24*time.Hour); why != "" {
		t.Errorf("create table: got %q", why)
	}
}

func TestGlobsMatch(t *testing.T) {
	pats := []string{"dangerous-*", "allow-data-loss"}
	for _, n := range []string{"dangerous-allow-empty-list-of-resources", "allow_data_loss"} {
		if !globsMatch(pats, n) {
			t.Errorf("%s: want a match", n)
		}
	}
	if globsMatch(pats, "dangerous") || globsMatch(pats, "allow-data") {
		t.Error("want no match")
	}
	if !dangerSuffix([]string{"i-know-what-i-am-doing"}, "borg_delete_i_know_what_i_am_doing") {
		t.Error("suffix: want a match")
	}
}
