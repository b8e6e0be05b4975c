package rules

import (
	"slices"
	"strings"

	"github.com/guardsh/guard/internal/parse"
	"github.com/guardsh/guard/internal/wordlist"
)

// A release or other Kubernetes object removed on a local cluster passes
// (not-local-kube), and so does one whose name, or whose namespace, is
// throwaway by the model of disposable.go: helm uninstall test-redis -n
// ci-4821 removes what a CI run installed. The not-local-or-disposable
// matcher matches unless one of the two holds; production and lasting
// markers, patterns, --all and options it cannot read still match.

// newNotLocalOrDisposable takes the parameters of not-disposable
// (commands, scopes, quiet).
func newNotLocalOrDisposable(with map[string]any) (matchFunc, error) {
	notDisposable, err := newNotDisposable(with)
	if err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		if localKubeContext(inv, ctx) {
			return "", false
		}
		return notDisposable(inv, v, ctx)
	}, nil
}

// A namespace holds everything in it, so a throwaway word in its name
// (e2e-4821, sandbox) is not enough to delete it without asking: someone
// may keep a sandbox for weeks. A namespace made for one pull request or
// CI run (pr-412, pr-482-preview, ci-4821) is created and deleted by that
// run. The not-per-run matcher matches unless every name is such a
// per-run name and not-disposable would let the command pass.

// newNotPerRun takes the parameters of not-disposable (commands, scopes,
// quiet).
func newNotPerRun(with map[string]any) (matchFunc, error) {
	var commands [][]string
	for _, c := range newParams(with).strings("commands") {
		commands = append(commands, strings.Fields(c))
	}
	notDisposable, err := newNotDisposable(with)
	if err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		operands := v.operands
		for _, c := range commands {
			if len(operands) >= len(c) && slices.EqualFunc(operands[:len(c)], c, func(w parse.Word, s string) bool { return !w.Dynamic && w.Value == s }) {
				operands = operands[len(c):]
				break
			}
		}
		for _, o := range operands {
			if !perRunName(o.Value) {
				return "", true
			}
		}
		return notDisposable(inv, v, ctx)
	}, nil
}

// scopeID reports whether an option's name is a scope's id or name
// (--project-id, --cluster-name, --org-id): its value is the scope of
// the names, not one of them.
func scopeID(bare string) bool {
	var prev, last string
	segments(bare, func(_, seg string) bool { prev, last = last, seg; return false })
	return wordlist.Has(nameWords, last) && wordlist.Has(scopeWords, prev)
}
