package rules

import (
	"strconv"
	"strings"

	"github.com/guardsh/guard/internal/parse"
)

// Deleting Tekton PipelineRuns and TaskRuns while keeping the N most
// recent (tkn pr delete --keep 20 -n ci) is the retention Tekton's own
// pruner applies: the latest runs, and their logs, stay. Runs named one
// by one are judged as the verb model judges them (disposable.go: e2e-run
// in ci-4821 passes, an unmarked release run asks). Every run at once
// (--all, --keep 0), a time window (--keep-since), a label selector, a
// value known only at run time, no namespace, kube-system or a
// production marker keeps asking. Pipelines, tasks and triggers are
// definitions, and the verb model judges them.

func newTknRunDelete(with map[string]any) (matchFunc, error) {
	if err := newParams(with).done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		if everydayTknDelete(inv, v, ctx) {
			return "", false
		}
		return "it deletes Tekton runs that are not named as throwaway, or keeps none of them", true
	}, nil
}

// everydayTknDelete reports whether a tkn delete of runs keeps the most
// recent ones in a named namespace that is not production, or removes
// only runs named as throwaway.
func everydayTknDelete(inv *parse.Invocation, v *view, ctx *Context) bool {
	if inv.MoreArgs || len(v.operands) < 2 || prodMarker(inv, ctx) != "" {
		return false
	}
	namespace, keep := "", 0
	for i, f := range v.flags {
		name, val, has := strings.Cut(f, "=")
		if !has && v.hasVal(i) {
			val = v.vals[i]
		}
		if name == "-n" || name == "--namespace" {
			namespace = val
		}
		if name == "--keep" {
			n, err := strconv.Atoi(val)
			if err != nil || n < 1 {
				return false
			}
			keep = n
		}
	}
	if keep == 0 {
		if v.set == nil || v.set.verbs == nil {
			return false
		}
		return v.set.verbs.disposableAfter(inv, v, ctx, v.opIndex[1])
	}
	if len(v.operands) > 2 || namespace == "" || strings.ContainsAny(namespace, "$`") || strings.HasPrefix(namespace, "kube-") {
		return false
	}
	for _, f := range v.flags {
		name, _, _ := strings.Cut(f, "=")
		switch name {
		case "-n", "--namespace", "--keep", "-c", "--context", "-k", "--kubeconfig", "-f", "--force",
			"-i", "--ignore-running", "--ignore-running-pipelinerun", "-p", "--pipeline", "-t", "--task":
		default:
			return false
		}
	}
	return true
}
