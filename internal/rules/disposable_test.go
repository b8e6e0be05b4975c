package rules

import "testing"

func TestThrowawayName(t *testing.T) {
	for s, want := range map[string]bool{
		"myapp_test":              true,
		"secret/dev/scratch-test": true,
		"e2eRunner":               true,
		"tmp3":                    true,
		"TEST_WEBHOOK_SECRET":     true,
		"sandbox":                 true,
		"ab-test-flags":           false,
		"split-testing":           false,
		"latest":                  false,
		"contest":                 false,
		"myapp_dev":               false,
		"temperature":             false,
		"testdb":                  false,
		"preview-42":              false,
		"":                        false,
	} {
		if got := throwawayName(s); got != want {
			t.Errorf("throwawayName(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestKeepName(t *testing.T) {
	for s, want := range map[string]bool{
		"prod-eks":                  true,
		"secret/shared/x":           true,
		"test-nightly-backup":       true,
		"stripeLiveKey":             true,
		"kms":                       true,
		"product-test":              false,
		"TEST_KEY":                  false,
		"mainframe-test":            false,
		"primary-db":                true,
		"db-primary":                true,
		"t(id INTEGER PRIMARY KEY)": false,
	} {
		if got := keepName(s); got != want {
			t.Errorf("keepName(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestNamedSelector(t *testing.T) {
	for s, want := range map[string]bool{
		"app=web":                              true,
		"app.kubernetes.io/name=argocd-server": true,
		"app==web,tier=backend":                true,
		"app in (api,web)":                     true,
		"app in (api,web),tier=db":             true,
		"app":                                  false,
		"!canary":                              false,
		"tier!=db":                             false,
		"tier notin (db)":                      false,
		"app=":                                 false,
		"app=web,":                             false,
		"":                                     false,
		"app in (api":                          false,
	} {
		if got := namedSelector(s); got != want {
			t.Errorf("namedSelector(%q) = %v, want %v", s, got, want)
		}
	}
}
