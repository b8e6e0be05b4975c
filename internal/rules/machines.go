package rules

import (
	"slices"
	"strings"

	"github.com/guardsh/guard/internal/wordlist"
)

// Local machines and containers with a throwaway name (lxc delete --force
// scratch-test, vagrant destroy -f sandbox, multipass delete --purge
// tmp-vm) are judged by the throwaway-name model of disposable.go, as
// docker volumes and compose projects are. Their tools' force options only
// skip a question or stop the machine before it is deleted; a tool's
// [tool.NAME] quiet list says which options those are, so that they do
// not count as widening the deletion. Production and lasting markers, a
// name only known at run time, a pattern or --all still ask.

// toolQuiet reports whether option f, as written, is one of the quiet
// options of the invocation's tool.
func toolQuiet(v *view, f string) bool {
	return v.tool != nil && len(v.tool.Quiet) > 0 && slices.Contains(v.tool.Quiet, f)
}

// allowedAt returns the index in the invocation's Args of the last word
// of the shortest subcommand path that the program's exceptions allow
// (destroy in vagrant destroy -f scratch), or of the path's first word.
func (m *verbModel) allowedAt(name string, p *subPath) int {
	for k := 0; k < p.n; k++ {
		if m.allowedPath(name, p.words[:k+1]) {
			return p.index[k]
		}
	}
	return p.index[0]
}

// runWords are the name segments that, followed by a number in the same
// part of a name, mark a thing made for one CI run or one pull request:
// ci-4821, pr412, dbt_ci_pr_412. A preview environment (preview-42)
// serves people, and is not one.
const runWords = "pr mr ci"

// perRunName reports whether a part of s between slashes and colons holds
// a run word followed by a number (pr-412, ci_4821, mr7). The number must
// be in the same part: secret/ci/12 is a path under ci, not a run's name.
func perRunName(s string) bool {
	if t, ok := fillRunVars(s); ok {
		if strings.ContainsAny(t, "$`") {
			return false
		}
		s = t
	}
	start := 0
	for i := 0; i <= len(s); i++ {
		if i < len(s) && s[i] != '/' && s[i] != ':' {
			continue
		}
		part := s[start:i]
		start = i + 1
		if segments(part, func(prev, seg string) bool {
			if wordlist.Has(runWords, prev) && strings.Trim(seg, "0123456789") == "" {
				return true
			}
			base := strings.TrimRight(seg, "0123456789")
			return base != seg && wordlist.Has(runWords, base)
		}) {
			return true
		}
	}
	return false
}
