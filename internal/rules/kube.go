package rules

import (
	"strings"

	"github.com/guardsh/guard/internal/parse"
)

func init() {
	matchers["k8s-delete"] = newKubeDelete
}

// podKinds are the spellings of the pod resource in kubectl delete.
var podKinds = map[string]bool{"pod": true, "pods": true, "po": true}

// everydayKinds are the resources whose deletion by name in a
// non-production namespace is everyday: pods, which their controller
// recreates, jobs, which have run or are rerun, and replicasets, which
// their deployment recreates or which are an old rollout's leftovers.
// Deployments, statefulsets, claims, secrets, namespaces and CRDs are not
// here: deleting them loses what nothing recreates.
var everydayKinds = map[string]bool{
	"pod": true, "pods": true, "po": true,
	"job": true, "jobs": true, "job.batch": true, "jobs.batch": true,
	"replicaset": true, "replicasets": true, "rs": true, "replicaset.apps": true, "replicasets.apps": true,
}

// newKubeDelete matches kubectl delete, except the everyday case: pods,
// jobs and replicasets (everydayKinds) deleted by name in a namespace the command names and that is not
// production (kubectl delete pod api-7d9f-x -n dev), which their
// controller recreates, or the pods there that have finished
// (--field-selector status.phase=Failed). Deleting by selector, file or --all, in every
// namespace, by force, another kind of resource, or with a production
// marker anywhere (prodMarker: the namespace, the context, the
// environment) still matches.
func newKubeDelete(with map[string]any) (matchFunc, error) {
	if err := newParams(with).done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		if !everydayPodDelete(inv, v, ctx) {
			return "", true
		}
		return "", false
	}, nil
}

// everydayPodDelete reports whether a kubectl delete removes only named
// pods, jobs or replicasets in a named namespace that is not production.
func everydayPodDelete(inv *parse.Invocation, v *view, ctx *Context) bool {
	namespace, finished := "", false
	for i, f := range v.flags {
		name, val, has := strings.Cut(f, "=")
		switch {
		case name == "-n" || name == "--namespace":
			if has {
				namespace = val
			} else if v.hasVal(i) {
				namespace = v.vals[i]
			}
		case strings.HasPrefix(name, "-n") && !strings.HasPrefix(name, "--"):
			namespace = name[2:]
		case name == "--field-selector":
			// Pods that have finished (Failed, Succeeded) run nothing.
			sel := val
			if !has && v.hasVal(i) {
				sel = v.vals[i]
			}
			if sel != "status.phase=Failed" && sel != "status.phase=Succeeded" && sel != "status.phase==Failed" && sel != "status.phase==Succeeded" {
				return false
			}
			finished = true
		case name == "--context" || name == "--cluster" || name == "--kubeconfig" || name == "--user" || name == "--as",
			name == "--grace-period" || name == "--timeout" || name == "--wait" || name == "--now" || name == "--ignore-not-found",
			name == "--cascade" && (!has || val != "orphan"), name == "-o" || name == "--output":
		default:
			// --all, -A, --all-namespaces, -l, --selector,
			// --field-selector, -f, -k, --force, --raw: not one named pod.
			return false
		}
	}
	// A namespace only known at run time may be production.
	if namespace == "" || strings.ContainsAny(namespace, "$`") || inv.MoreArgs || prodMarker(inv, ctx) != "" {
		return false
	}
	ops := v.operands
	if len(ops) < 2 || ops[0].Value != "delete" {
		return false
	}
	names := 0
	for _, op := range ops[1:] {
		if op.Dynamic || op.Glob {
			return false
		}
		kind, name, slash := strings.Cut(op.Value, "/")
		switch {
		case slash && everydayKinds[strings.ToLower(kind)] && name != "":
			names++
		case !slash && names == 0 && everydayKinds[strings.ToLower(op.Value)] && op == ops[1]:
			// The kind, before the names.
		case !slash && everydayKinds[strings.ToLower(ops[1].Value)]:
			names++
		default:
			return false
		}
	}
	return names > 0 || finished && len(ops) == 2 && podKinds[strings.ToLower(ops[1].Value)]
}
