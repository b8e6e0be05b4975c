package rules

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/guardsh/guard/internal/blast"
)

// TestKubeManifestFiles checks that kubectl delete -f reads the manifest
// when guard reads the disk: pods and jobs outside production pass,
// anything else asks, and a file that is not there deletes nothing.
func TestKubeManifestFiles(t *testing.T) {
	home := t.TempDir()
	proj := filepath.Join(home, "project")
	if err := os.MkdirAll(filepath.Join(proj, "k8s"), 0o755); err != nil {
		t.Fatal(err)
	}
	write := func(name, text string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(proj, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("k8s/debug-pod.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: debug\n  namespace: dev\nspec:\n  containers:\n  - name: sh\n    image: busybox\n")
	write("k8s/two.yaml", "# a pod and a job\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n---\napiVersion: batch/v1\nkind: Job\nmetadata:\n  name: b\n")
	write("k8s/named-pod.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\n")
	write("k8s/prod-pod.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: debug\n  namespace: production\n")
	write("k8s/pod-and-pvc.yaml", "kind: Pod\nmetadata:\n  name: a\n---\nkind: PersistentVolumeClaim\nmetadata:\n  name: data\n")
	write("k8s/list.yaml", "apiVersion: v1\nkind: List\nitems:\n- kind: Pod\n")
	write("k8s/nokind.yaml", "apiVersion: v1\nmetadata:\n  name: a\n")
	s := defaultSet(t)
	ctx := Context{Dir: proj, Home: home, State: blast.New(home)}
	for cmd, want := range map[string]Action{
		"kubectl delete -f k8s/debug-pod.yaml":                                    Allow,
		"kubectl delete -f k8s/two.yaml -f k8s/debug-pod.yaml":                    Allow,
		"kubectl delete -f k8s/missing-pod.yaml":                                  Allow,
		"kubectl delete -f k8s/missing-deployment.yaml":                           Allow,
		"kubectl delete -f k8s/named-pod.yaml":                                    Confirm,
		"kubectl delete -f k8s/prod-pod.yaml":                                     Confirm,
		"kubectl delete -f k8s/pod-and-pvc.yaml":                                  Confirm,
		"kubectl delete -f k8s/list.yaml":                                         Confirm,
		"kubectl delete -f k8s/nokind.yaml":                                       Confirm,
		"kubectl delete -f k8s":                                                   Confirm,
		"kubectl delete -f k8s/debug-pod.yaml -n prod":                            Confirm,
		"cp k8s/named-pod.yaml k8s/x.yaml && kubectl delete -f k8s/x.yaml":        Confirm,
		"kubectl delete -f - <<'EOF'\nkind: Pod\nmetadata:\n  name: a\nEOF":       Allow,
		"kubectl delete -f - <<'EOF'\nkind: Namespace\nmetadata:\n  name: a\nEOF": Confirm,
	} {
		if d := s.Check(cmd, ctx); d.Action != want {
			t.Errorf("%s: got %s %s, want %s", cmd, d.Action, ids(d), want)
		}
	}
}

// TestDatedJob checks the names of jobs that have run.
func TestDatedJob(t *testing.T) {
	defer func(f func() time.Time) { kubeNow = f }(kubeNow)
	kubeNow = func() time.Time { return time.Date(2026, 12, 7, 8, 0, 0, 0, time.UTC) }
	for name, want := range map[string]bool{
		"db-migrate-20240611":      true,
		"db-migrate-20261206":      true,
		"db-migrate-20261207":      false,
		"db-migrate-20270101":      false,
		"reindex-2026-12-01":       true,
		"reindex-2026-12-07":       false,
		"seed-20261201-0930":       true,
		"seed-202612010930":        true,
		"nightly-29900000":         true,
		"nightly-99999999":         false,
		"migrate":                  false,
		"migrate-42":               false,
		"20240611":                 false,
		"migrate-2024":             false,
		"migrate-20241399":         false,
		"backfill-orders-v2":       false,
		"backfill-orders-2-5-2024": false,
	} {
		if got := datedJob(name); got != want {
			t.Errorf("datedJob(%q) = %v, want %v", name, got, want)
		}
	}
}

// TestControllerPod checks the names of pods a Deployment made.
func TestControllerPod(t *testing.T) {
	for name, want := range map[string]bool{
		"api-7d9f8b6c5-x2lkq":          true,
		"web-frontend-58f6c7d9b-7hx2v": true,
		"api-3519476581-xk2lq":         true,
		"api-1":                        false,
		"db-0":                         false,
		"api-x2lkq":                    false,
		"api-backend-fixes":            false,
		"api-7d9f8b6c5-abcde":          false,
		"api-7d9f8b6c5-x2lk":           false,
		"-7d9f8b6c5-x2lkq":             false,
	} {
		if got := controllerPod(name); got != want {
			t.Errorf("controllerPod(%q) = %v, want %v", name, got, want)
		}
	}
}
