package rules

import (
	"reflect"
	"strings"
	"testing"
)

func TestFoldSegs(t *testing.T) {
	for _, c := range []struct{ key, want string }{
		{"deletion_protection", "deletionprotection"},
		{"deletionProtection.enabled", "deletionprotection"},
		{"EnableDeletionProtection", "deletionprotection"},
		{"PointInTimeRecoveryEnabled", "pointintimerecovery"},
		{"cluster.routing.allocation.enable", "cluster.routing.allocation"},
		{"versioning-configuration.Status", "versioning"},
		{"delete-protection-state", "deleteprotection"},
		{"enabled", "enabled"},
		{"a[b][c]", "a.b.c"},
		{"/spec/persistentVolumeReclaimPolicy", "spec.persistentvolumereclaimpolicy"},
	} {
		got := strings.Join(foldSegs(splitKey(c.key, nil)), ".")
		if got != c.want {
			t.Errorf("%s: got %s, want %s", c.key, got, c.want)
		}
	}
}

func TestMentionsStem(t *testing.T) {
	stems := []string{"deletionprotection", "readonly"}
	for _, c := range []struct {
		text string
		want bool
	}{
		{"--no-deletion-protection", true},
		{`{"DeletionProtection": false}`, true},
		{"index.blocks.read_only", true},
		{"git status", false},
		{"del", false},
	} {
		if got := mentionsStem(c.text, stems); got != c.want {
			t.Errorf("%q: got %v, want %v", c.text, got, c.want)
		}
	}
}

func TestJSONish(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{`{'enabled': False}`, `{"enabled": false}`},
		{`{enabled: false, x: null,}`, `{"enabled": false, "x": null}`},
		{`{"a" => nil}`, `{"a" : null}`},
	} {
		if got := jsonish(c.in); got != c.want {
			t.Errorf("%s: got %s, want %s", c.in, got, c.want)
		}
	}
}

func TestSettingsRead(t *testing.T) {
	var out []setting
	out = kvSettings([]string{"attributes"}, "Key=deletion_protection.enabled,Value=false", ",", out)
	out, _ = jsonSettings(nil, `[{"op":"replace","path":"/spec/persistentVolumeReclaimPolicy","value":"Delete"}]`, out)
	out, _ = jsonSettings([]string{"cluster", "settings"}, `{"persistent":{"action":{"destructive_requires_name":false}}}`, out)
	var got []string
	for _, s := range out {
		got = append(got, strings.Join(s.path, ".")+"="+s.value)
	}
	for _, want := range []string{
		"attributes.deletionprotection.enabled=false",
		"spec.persistentvolumereclaimpolicy=Delete",
		"cluster.settings.persistent.action.destructiverequiresname=false",
	} {
		found := false
		for _, g := range got {
			found = found || g == want
		}
		if !found {
			t.Errorf("missing %s in %q", want, got)
		}
	}
}

// TestCompiledStems checks that the stems compiled into packs_gen.go
// are the ones the packs' keys compile to now, and that every
// safeguard-off rule of the packs has them.
func TestCompiledStems(t *testing.T) {
	files, err := Packs()
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, f := range files {
		for _, r := range f.Rules {
			if r.Matcher != "safeguard-off" {
				continue
			}
			n++
			p := newParams(r.With)
			specs, remote := p.strings("keys"), p.strings("remote")
			stems, ok := compiledStems(specs, remote)
			if !ok {
				t.Errorf("%s: no compiled stems: run go generate ./internal/rules", r.ID)
				continue
			}
			_, want, err := safeguardKeys(specs, remote)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(stems, want) {
				t.Errorf("%s: compiled stems differ from the keys': run go generate ./internal/rules", r.ID)
			}
			if _, ok := compiledStems(specs[1:], remote); ok {
				t.Errorf("%s: a shorter key list has compiled stems", r.ID)
			}
		}
	}
	if n != len(safeguardStems) {
		t.Errorf("%d safeguard-off rules, %d compiled stem lists", n, len(safeguardStems))
	}
	if _, ok := compiledStems([]string{"other=off"}, nil); ok {
		t.Error("a key list not in the packs has compiled stems")
	}
}
