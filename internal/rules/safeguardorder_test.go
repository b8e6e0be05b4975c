package rules

import "testing"

// TestSafeguardDetailStable checks that a JSON body with several settings
// that turn safeguards off gives the same detail every time: the settings
// are read in key order, not in the order Go's maps happen to give, so
// that guard audit's cache and a second decision agree.
func TestSafeguardDetailStable(t *testing.T) {
	s, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	const cmd = `kubectl -n flux-system patch kustomization apps --type merge -p '{"spec":{"prune":true,"force":true,"wait":false}}'`
	want := ""
	for i := 0; i < 50; i++ {
		d := s.Check(cmd, ExampleContext())
		got := ""
		for _, f := range d.Findings {
			if f.Rule.ID == "gitops.patch-force-prune" {
				got = f.Detail
			}
		}
		if got == "" {
			t.Fatalf("%s: no gitops.patch-force-prune finding (%+v)", cmd, d.Findings)
		}
		if i == 0 {
			want = got
		} else if got != want {
			t.Fatalf("decided again, the detail is %q, first %q", got, want)
		}
	}
	if want != "force set to true, which turns a safeguard off" {
		t.Errorf("detail %q, want the first key in order, force", want)
	}
}
