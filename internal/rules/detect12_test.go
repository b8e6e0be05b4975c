package rules

import (
	"testing"

	"github.com/guardsh/guard/internal/parse"
)

func TestDeletingPolicy(t *testing.T) {
	for name, want := range map[string]bool{
		"delete_immediately": true, "purge-now": true, "expire-1d": true, "delete_after_30d": false,
		"logs-90days-delete": false, "hot-warm": false, "rollover": false, "delete-12h": true,
	} {
		if got := deletingPolicy(name); got != want {
			t.Errorf("deletingPolicy(%q) = %v, want %v", name, got, want)
		}
	}
}

func TestImmediateDelete(t *testing.T) {
	for body, want := range map[string]bool{
		`{"policy":{"phases":{"delete":{"min_age":"0ms","actions":{"delete":{}}}}}}`:                                                                                                    true,
		`{"policy":{"phases":{"delete":{"actions":{"delete":{}}}}}}`:                                                                                                                    true,
		`{"policy":{"phases":{"delete":{"min_age":"30d","actions":{"delete":{}}}}}}`:                                                                                                    false,
		`{"policy":{"default_state":"gone","states":[{"name":"gone","actions":[{"delete":{}}]}]}}`:                                                                                      true,
		`{"policy":{"default_state":"hot","states":[{"name":"hot","transitions":[{"state_name":"gone","conditions":{"min_doc_count":5}}]},{"name":"gone","actions":[{"delete":{}}]}]}}`: false,
		`not json`: false,
	} {
		if got := immediateDelete(body); got != want {
			t.Errorf("immediateDelete(%s) = %v, want %v", body, got, want)
		}
	}
}

func TestShortRetentionName(t *testing.T) {
	for name, want := range map[string]bool{
		"plan-no-retention.json": true, "retention-1day.json": true, "ttl-6h.yaml": true, "keep-0.json": true,
		"retention-35d.json": false, "retention-policy-v1.json": false, "plan.json": false, "nightly-1d.json": false,
	} {
		if got := shortRetentionName(name); got != want {
			t.Errorf("shortRetentionName(%q) = %v, want %v", name, got, want)
		}
	}
}

func TestTailMatch(t *testing.T) {
	for _, c := range []struct {
		pattern, path string
		want          bool
	}{
		{".git/HEAD", ".git/HEAD", true}, {".git/HEAD", "/home/u/p/.git/HEAD", true}, {".git/HEAD", "notes/HEAD", false},
		{".git/refs/*/*", "repo/.git/refs/heads/main", true}, {"*.env", "a/b/prod.env", true}, {"*.env", "env", false},
	} {
		if got := tailMatch(c.pattern, c.path); got != c.want {
			t.Errorf("tailMatch(%q, %q) = %v, want %v", c.pattern, c.path, got, c.want)
		}
	}
}

func TestStateFile(t *testing.T) {
	for p, want := range map[string]bool{
		"terraform.tfstate": true, "envs/prod/x.tfstate": true, ".git/HEAD": true, "repo/.git/refs/heads/main": true,
		".git/hooks/pre-commit": false, ".git/info/exclude": false, "Cargo.lock": true, "config.json": false,
	} {
		if got := parse.StateFile(p); got != want {
			t.Errorf("StateFile(%q) = %v, want %v", p, got, want)
		}
	}
}

func TestWrappedOnly(t *testing.T) {
	for via, want := range map[string]bool{"": true, "sudo": true, "sudo -u www-data": true, "nice": true, "bash -c": false, "ssh": false} {
		var v []string
		if via != "" {
			v = []string{via}
		}
		if got := wrappedOnly(v); got != want {
			t.Errorf("wrappedOnly(%q) = %v, want %v", via, got, want)
		}
	}
}
