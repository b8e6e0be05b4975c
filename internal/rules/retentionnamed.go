package rules

import (
	"strings"
	"time"

	"github.com/guardsh/guard/internal/parse"
)

// newRetentionNamed matches a command given a policy file whose name says
// it keeps (almost) nothing: file://plan-no-retention.json,
// zero-retention.yaml, plan-retention-1day.json, keep-0.json. guard does
// not read the file; its name is what the author said of it. A name that
// gives a longer period (retention-35d.json) or says nothing of retention
// (plan.json) does not match.
func newRetentionNamed(with map[string]any) (matchFunc, error) {
	if err := newParams(with).done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		for _, a := range inv.Args[1:] {
			if a.Dynamic {
				continue
			}
			s := strings.ToLower(a.Value)
			if _, val, ok := strings.Cut(s, "="); ok && strings.HasPrefix(s, "-") {
				s = val
			}
			if !strings.Contains(s, "file://") && !strings.HasPrefix(s, "@") && !hasFileExt(s) {
				continue
			}
			name := s[strings.LastIndexByte(s, '/')+1:]
			if shortRetentionName(name) {
				return "the policy file " + parse.Quote(a.Value) + " is named for keeping nothing, or a day at most", true
			}
		}
		return "", false
	}, nil
}

// hasFileExt reports whether a word ends in the extension of a policy file.
func hasFileExt(s string) bool {
	for _, e := range []string{".json", ".yaml", ".yml", ".toml", ".hcl"} {
		if strings.HasSuffix(s, e) {
			return true
		}
	}
	return false
}

// retentionWords are what a file name says of how long things are kept.
var retentionWords = []string{"retention", "retain", "keep", "ttl", "expire", "expiry", "expiration", "delete-after", "delete_after", "deleteafter", "lifecycle"}

// shortRetentionName reports whether a file name speaks of retention and
// says none (no-, zero, none, nothing, immediate, now) or gives only
// periods of a day or less (1day, 0d, 12h).
func shortRetentionName(name string) bool {
	name = strings.TrimSuffix(name, name[max(strings.LastIndexByte(name, '.'), 0):])
	if !containsAny(name, retentionWords...) {
		return false
	}
	for _, w := range []string{"noretention", "no-retention", "no_retention", "zero", "none", "nothing", "immediate", "-now", "_now", "no-keep", "keep-none", "no-lifecycle", "no-ttl"} {
		if strings.Contains(name, w) {
			return true
		}
	}
	short, found := true, false
	for i := 0; i < len(name); i++ {
		if name[i] < '0' || name[i] > '9' || i > 0 && (isAlnum(name[i-1])) {
			continue
		}
		j := i
		for j < len(name) && name[j] >= '0' && name[j] <= '9' {
			j++
		}
		unit := strings.TrimLeft(name[j:], "-_")
		if name[i:j] != "0" && (unit == "" || !strings.ContainsAny(unit[:1], "dhmsw")) {
			// A version or a count of something else: v2, plan-2.
			i = j
			continue
		}
		found = true
		d, ok := parseRetention(name[i:j]+firstUnit(unit), 24*time.Hour)
		if !ok || d > 24*time.Hour {
			short = false
		}
		i = j
	}
	return found && short
}
