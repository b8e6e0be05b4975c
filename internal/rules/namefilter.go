package rules

import (
	"strings"

	"github.com/guardsh/guard/internal/parse"
)

// A removal of the containers a listing filters by a throwaway name
// (docker rm -f $(docker ps -aq --filter name=e2e-)) removes what a test
// run started under that prefix, not every container on the machine. The
// not-throwaway-filter matcher matches unless every listing in the
// arguments filters by a name whose text is throwaway (throwawayName:
// e2e-, test_, scratch) and nothing marks production or a lasting thing.

func newNotThrowawayFilter(with map[string]any) (matchFunc, error) {
	if err := newParams(with).done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, _ *view, ctx *Context) (string, bool) {
		if keepMarker(inv, ctx) != "" {
			return "", true
		}
		listings := 0
		for _, a := range inv.Args[1:] {
			s := a.Value
			if !strings.HasPrefix(s, "$(") && !strings.HasPrefix(s, "`") {
				if s == "--all" || s == "-a" {
					return "", true
				}
				continue
			}
			listings++
			if !throwawayFilter(s) {
				return "", true
			}
		}
		return "", listings == 0
	}, nil
}

// throwawayFilter reports whether a listing's text filters by a throwaway
// name or a CI run's label: --filter name=e2e-, -f name=test_,
// --filter label=ci-job=$CI_JOB_ID.
func throwawayFilter(s string) bool {
	if strings.Count(s, "$(")+strings.Count(s, "`") > 2 || strings.ContainsAny(s, "|;&") {
		return false
	}
	fields := strings.Fields(strings.Trim(s, "$()`"))
	for i, f := range fields {
		val, ok := strings.CutPrefix(f, "--filter=")
		if !ok && (f == "--filter" || f == "-f") && i+1 < len(fields) {
			val, ok = fields[i+1], true
		}
		if !ok {
			continue
		}
		// name=e2e-, or a label with one CI run's value: listedcontainers.go.
		if narrowFilter(val) {
			return true
		}
	}
	return false
}
