package rules

import (
	"os"
	"path/filepath"
	"testing"
)

func TestFinalizersPatchFile(t *testing.T) {
	s := defaultSet(t)
	ctx := kubeHome(t, "")
	remove := filepath.Join(ctx.Dir, "remove.yaml")
	label := filepath.Join(ctx.Dir, "label.json")
	os.WriteFile(remove, []byte("metadata:\n  finalizers: [] # unstick\n"), 0o600)
	os.WriteFile(label, []byte(`{"metadata":{"labels":{"a":"b"}}}`), 0o600)
	for _, c := range []struct {
		cmd   string
		allow bool
	}{
		{"kubectl patch pvc data-0 --patch-file remove.yaml", false},
		{"kubectl patch pvc data-0 --patch-file " + remove, false},
		{"kubectl patch pvc data-0 --patch-file label.json", true},
		// A file guard cannot read patches something else, most often.
		{"kubectl patch pvc data-0 --patch-file missing.yaml", true},
		{"printf '{\"metadata\":{\"finalizers\":null}}' > p.json && kubectl patch pvc data-0 --patch-file p.json", false},
		{"kubectl patch pvc data-0 --type=merge -p'{\"metadata\":{\"finalizers\":null}}'", false},
		{"kubectl patch pvc data-0 --patch-file /dev/stdin <<'EOF'\nmetadata:\n  finalizers: null\nEOF", false},
		{"kubectl patch pvc data-0 --patch-file /dev/stdin <<'EOF'\nmetadata:\n  labels: {a: b}\nEOF", true},
		{"kubectl apply -f - <<'EOF'\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: x\n  finalizers: []\nEOF", false},
		{"kubectl apply -f - <<'EOF'\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: x\nEOF", true},
		{"kubectl patch ns x --type json -p '[{\"op\":\"replace\",\"path\":\"/metadata\",\"value\":{\"name\":\"x\"}}]'", false},
		{"kubectl patch ns x --type json -p '[{\"op\":\"move\",\"from\":\"/metadata/finalizers\",\"path\":\"/metadata/annotations/old\"}]'", false},
		{"kubectl patch ns x --type json -p '[{\"op\":\"test\",\"path\":\"/metadata/finalizers\",\"value\":[]}]'", true},
	} {
		d := s.Check(c.cmd, ctx)
		if got := d.Action == Allow; got != c.allow {
			t.Errorf("%q: allowed %v, want %v (%v)", c.cmd, got, c.allow, d.Findings)
		}
	}
}
