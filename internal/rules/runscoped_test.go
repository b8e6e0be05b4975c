package rules

import "testing"

// TestRunScoped checks which names count as made by one CI run: a run
// number's variable with a run word, and nothing else known only at run
// time.
func TestRunScoped(t *testing.T) {
	for s, want := range map[string]bool{
		"ci-$CI_JOB_ID":               true,
		"e2e-${GITHUB_RUN_ID}":        true,
		"test-$BUILD_NUMBER-db":       true,
		"preview-$CIRCLE_WORKFLOW_ID": true,
		"app-$CI_JOB_ID":              false, // no run word
		"ci-$STACK":                   false, // not a run number
		"ci-$CI_JOB_ID-$REGION":       false, // another run-time part
		"ci-${CI_JOB_ID":              false, // unterminated
		"$CI_JOB_ID":                  false,
		"ci-$CI_JOB_IDX":              false, // a longer variable's name
		"ci/$CI_JOB_ID":               false, // a path
		"ci-*-$CI_JOB_ID":             false,
		"ci-4821":                     false, // no variable: perRunName's case
	} {
		if got := runScoped(s); got != want {
			t.Errorf("runScoped(%q) = %v, want %v", s, got, want)
		}
	}
}
