package rules

import "testing"

// TestNarrowFilter checks the container listing filters that narrow a
// removal to what nobody would miss.
func TestNarrowFilter(t *testing.T) {
	for val, want := range map[string]bool{
		"status=exited":              true,
		"status=created":             true,
		"status=running":             false,
		"dangling=true":              true,
		"dangling=false":             false,
		"name=e2e-":                  true,
		"name=api":                   false,
		"label=ci-job=$CI_JOB_ID":    true,
		"label=run=${GITHUB_RUN_ID}": true,
		"label=ci-job=$JOB":          false,
		"label=com.docker.compose.project=e2e-4821": true,
		"label=team=payments":                       false,
		"label=ci-job":                              false,
		"'status=exited'":                           true,
	} {
		if got := narrowFilter(val); got != want {
			t.Errorf("narrowFilter(%q) = %v, want %v", val, got, want)
		}
	}
}

// TestUnderBuildOutput checks the listed paths that stay under build
// output in the working tree.
func TestUnderBuildOutput(t *testing.T) {
	for p, want := range map[string]bool{
		"build/*/":        true,
		"packages/*/dist": true,
		"out":             true,
		"src/*":           false,
		"../build/*":      false,
		"/srv/build/*":    false,
		"~/build":         false,
		"build/../src":    false,
		"$OUT/build":      false,
		".":               false,
	} {
		if got := underBuildOutput(p); got != want {
			t.Errorf("underBuildOutput(%q) = %v, want %v", p, got, want)
		}
	}
}
