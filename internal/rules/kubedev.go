package rules

import (
	"strings"

	"github.com/guardsh/guard/internal/parse"
	"github.com/guardsh/guard/internal/wordlist"
)

// A workload scaled to zero in a namespace named for development (kubectl
// -n liveops-dev scale deploy/nakama --replicas=0) takes down only what a
// developer runs: the not-dev-namespace matcher matches unless the
// command names such a namespace and nothing marks production.

// devNamespaceWords are the words of a namespace's name that make it a
// development one.
const devNamespaceWords = "dev development local sandbox scratch preview"

// devNamespace reports whether inv names a namespace with -n or
// --namespace, and every one it names is a development one.
func devNamespace(inv *parse.Invocation) bool {
	found := false
	args := inv.Own()
	for i := 1; i < len(args); i++ {
		name, val, eq := strings.Cut(args[i].Value, "=")
		if name != "-n" && name != "--namespace" {
			continue
		}
		w := args[i]
		if !eq {
			if i+1 >= len(args) {
				return false
			}
			i++
			w, val = args[i], args[i].Value
		}
		if w.Dynamic && !selfOnly(val) || hasProdWord(val) || !segments(val, func(_, seg string) bool { return wordlist.Has(devNamespaceWords, seg) }) {
			return false
		}
		found = true
	}
	return found
}

func newNotDevNamespace(with map[string]any) (matchFunc, error) {
	if err := newParams(with).done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		if prodMarker(inv, ctx) == "" && devNamespace(inv) {
			return "", false
		}
		return "", true
	}, nil
}
