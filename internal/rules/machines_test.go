package rules

import "testing"

func TestPerRunName(t *testing.T) {
	for s, want := range map[string]bool{
		"dbt_ci_pr_412":    true,
		"ci-4821":          true,
		"pr412":            true,
		"mr_7-cache":       true,
		"app/ci-99":        true,
		"secret/ci/12":     false,
		"ci-runner":        false,
		"preview-42":       false,
		"price":            false,
		"project-pr":       false,
		"cicd/pipelines/3": false,
	} {
		if got := perRunName(s); got != want {
			t.Errorf("perRunName(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestDbtArgValues(t *testing.T) {
	got := dbtArgValues(`{schema: dbt_ci_pr_412, dry_run: false, days: 7, names: [a, "b"]}`)
	want := []string{"dbt_ci_pr_412", "a", "b"}
	if len(got) != len(want) {
		t.Fatalf("dbtArgValues = %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("dbtArgValues = %q, want %q", got, want)
		}
	}
}
