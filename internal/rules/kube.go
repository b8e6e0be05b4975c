package rules

import (
	"strings"

	"github.com/guardsh/guard/internal/lazy"
	"github.com/guardsh/guard/internal/parse"
)

// podKinds are the spellings of the pod resource in kubectl delete.
var podKinds = lazy.Value[map[string]bool]{Make: func() map[string]bool {
	return map[string]bool{"pod": true, "pods": true, "po": true}
}}

// everydayKinds are the resources whose deletion by name in a
// non-production namespace is everyday: pods, which their controller
// recreates, jobs, which have run or are rerun, and replicasets, which
// their deployment recreates or which are an old rollout's leftovers.
// Deployments, statefulsets, claims, secrets, namespaces and CRDs are not
// here: deleting them loses what nothing recreates.
var everydayKinds = lazy.Value[map[string]bool]{Make: func() map[string]bool {
	return map[string]bool{
		"pod": true, "pods": true, "po": true,
		"job": true, "jobs": true, "job.batch": true, "jobs.batch": true,
		"replicaset": true, "replicasets": true, "rs": true, "replicaset.apps": true, "replicasets.apps": true,
	}
}}

// newKubeDelete matches kubectl delete, except the everyday cases
// (everydayKubeDelete): restarting pods, clearing jobs and old
// replicasets, and deleting what is named as throwaway. Deleting by
// file or --all, in every namespace, by force, another kind of resource,
// or with a production marker anywhere (prodMarker: the namespace, the
// context, the environment) still matches.
func newKubeDelete(with map[string]any) (matchFunc, error) {
	if err := newParams(with).done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		if !everydayKubeDelete(inv, v, ctx) {
			return "", true
		}
		return "", false
	}, nil
}

// kubeDelete is what a kubectl delete's options say.
type kubeDelete struct {
	namespace string
	selector  string   // -l, --selector
	selected  bool     // a label selector is given
	finished  bool     // --field-selector picks pods that have finished
	force     bool     // --force, or --grace-period=0
	other     bool     // an option that is not one of the above or harmless
	files     []string // -f, --filename: the manifests to delete
}

// readKubeDelete reads the options of a kubectl delete.
func readKubeDelete(v *view) kubeDelete {
	var k kubeDelete
	for i, f := range v.flags {
		name, val, has := strings.Cut(f, "=")
		if !has && v.hasVal(i) {
			val = v.vals[i]
		}
		switch {
		case name == "-n" || name == "--namespace":
			k.namespace = val
		case strings.HasPrefix(name, "-n") && !strings.HasPrefix(name, "--"):
			k.namespace = name[2:]
		case name == "-f" || name == "--filename":
			k.files = append(k.files, val)
		case name == "-l" || name == "--selector":
			k.selector, k.selected = val, true
		case name == "--field-selector":
			// Pods that have finished (Failed, Succeeded) run nothing.
			switch val {
			case "status.phase=Failed", "status.phase=Succeeded", "status.phase==Failed", "status.phase==Succeeded":
				k.finished = true
			default:
				k.other = true
			}
		case name == "--force" && (!has || val != "false"):
			k.force = true
		case name == "--grace-period":
			k.force = k.force || val == "0"
		case name == "--force",
			name == "--context" || name == "--cluster" || name == "--kubeconfig" || name == "--user" || name == "--as",
			name == "--timeout" || name == "--wait" || name == "--now" || name == "--ignore-not-found",
			name == "--cascade" && (!has || val != "orphan"), name == "-o" || name == "--output":
		default:
			// --all, -A, --all-namespaces, -R, -k, --raw, --cascade=orphan:
			// not named things.
			k.other = true
		}
	}
	return k
}

// everydayKubeDelete reports whether a kubectl delete is everyday, in a
// namespace that is not production or kube-system and with no option
// that widens it or forces it:
//
//   - pods deleted by name, or by a label selector that names its
//     values, in a named namespace: their controller recreates them, and
//     it is how people restart them (kubectl -n argocd delete pod -l
//     app.kubernetes.io/name=argocd-repo-server), or the pods there that
//     have finished (--field-selector status.phase=Failed);
//   - pods, jobs or replicasets (everydayKinds) deleted by name in a
//     named namespace (kubectl delete job db-migrate-42 -n dev);
//   - any resource deleted by name when every name, or the namespace,
//     is throwaway and nothing marks a lasting thing (disposable.go:
//     kubectl delete secret test-creds -n dev). Namespaces, volumes,
//     statefulsets and CRDs have rules of their own, which still ask;
//   - with a production marker, only one pod a Deployment made or jobs
//     dated a day ago or more (restartInProd);
//   - manifests (-f) that hold only pods and jobs outside production
//     (manifestDelete).
func everydayKubeDelete(inv *parse.Invocation, v *view, ctx *Context) bool {
	if localKubeContext(inv, ctx) {
		// Everything in a cluster on this machine is throwaway: localkube.go.
		return true
	}
	k := readKubeDelete(v)
	// A namespace only known at run time may be production.
	if k.other || k.force || inv.MoreArgs || strings.ContainsAny(k.namespace, "$`") ||
		strings.HasPrefix(k.namespace, "kube-") {
		return false
	}
	ops := v.operands
	if len(k.files) > 0 {
		return manifestDelete(inv, ctx, k, ops)
	}
	if len(ops) < 2 || ops[0].Value != "delete" {
		return false
	}
	var kinds []string
	var names []parse.Word
	slashed := strings.Contains(ops[1].Value, "/")
	if !slashed {
		// The kinds, before the names: pod, or pod,svc.
		kinds = strings.Split(strings.ToLower(ops[1].Value), ",")
	}
	for i, op := range ops[1:] {
		if op.Dynamic || op.Glob {
			return false
		}
		kind, name, slash := strings.Cut(op.Value, "/")
		switch {
		case slashed && slash && name != "":
			// kind/name, each operand so.
			kinds = append(kinds, strings.ToLower(kind))
			names = append(names, parse.Word{Value: name})
		case !slashed && !slash && i > 0:
			names = append(names, op)
		case !slashed && i == 0:
		default:
			return false
		}
	}
	pods, everyday := len(kinds) > 0, len(kinds) > 0
	for _, kind := range kinds {
		pods = pods && podKinds.Get()[kind]
		everyday = everyday && everydayKinds.Get()[kind]
		if kind == "all" || kind == "" {
			return false
		}
	}
	if prodMarker(inv, ctx) != "" {
		// What a controller makes again: kuberestart.go.
		return restartInProd(kinds, names, k)
	}
	switch {
	case k.namespace != "" && pods && len(names) == 0 && k.selected && !k.finished:
		return namedSelector(k.selector)
	case k.namespace != "" && pods && len(names) == 0 && k.finished:
		// A selector only narrows the pods that have finished.
		return true
	case k.selected || k.finished || len(names) == 0:
		return false
	case k.namespace != "" && everyday:
		return true
	}
	var scopes []parse.Word
	if k.namespace != "" {
		scopes = append(scopes, parse.Word{Value: k.namespace})
	}
	return keepMarker(inv, ctx) == "" && disposableTargets(names, scopes)
}

// namedSelector reports whether a label selector picks pods by the values
// of their labels (app=web, app.kubernetes.io/name in (api,web)), and not
// every pod that has a label or lacks one (app, !canary, tier!=db).
func namedSelector(sel string) bool {
	if strings.TrimSpace(sel) == "" || strings.ContainsAny(sel, "!$`*") || strings.Contains(sel, "notin") {
		return false
	}
	depth, start := 0, 0
	for i := 0; i <= len(sel); i++ {
		if i < len(sel) {
			switch sel[i] {
			case '(':
				depth++
				continue
			case ')':
				depth--
				continue
			case ',':
				if depth > 0 {
					continue
				}
			default:
				continue
			}
		}
		req := strings.TrimSpace(sel[start:i])
		start = i + 1
		key, val, eq := strings.Cut(req, "=")
		if eq {
			val = strings.TrimPrefix(val, "=")
		} else if key, val, eq = strings.Cut(req, " in "); eq {
			val = strings.Trim(strings.TrimSpace(val), "()")
		}
		if !eq || strings.TrimSpace(key) == "" || strings.TrimSpace(val) == "" {
			return false
		}
	}
	return depth == 0
}

// newArgoDelete matches argo delete, except the everyday case: workflows
// deleted by name in a named namespace that is not production or
// kube-system (argo delete hello-world-x7k2p -n workflows-dev), which are
// runs, as jobs are to kubectl, or workflows whose every name is
// throwaway (argo delete e2e-run-4kq2z). Any other option (--all, -A,
// --completed, --older, --prefix, a selector) still matches.
func newArgoDelete(with map[string]any) (matchFunc, error) {
	if err := newParams(with).done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		return "", !everydayArgoDelete(inv, v, ctx)
	}, nil
}

// everydayArgoDelete reports whether an argo delete removes only named
// workflows in a named namespace that is not production, or workflows
// named as throwaway.
func everydayArgoDelete(inv *parse.Invocation, v *view, ctx *Context) bool {
	namespace := ""
	for i, f := range v.flags {
		name, val, has := strings.Cut(f, "=")
		if !has && v.hasVal(i) {
			val = v.vals[i]
		}
		switch name {
		case "-n", "--namespace":
			namespace = val
		case "--context", "--cluster", "--kubeconfig", "--user", "--as", "-s", "--argo-server",
			"--argo-base-href", "--instanceid", "--loglevel", "-v", "--verbose", "-e", "--secure",
			"-k", "--insecure-skip-verify":
		default:
			return false
		}
	}
	ops := v.operands
	if inv.MoreArgs || len(ops) < 2 || ops[0].Value != "delete" || strings.ContainsAny(namespace, "$`") ||
		strings.HasPrefix(namespace, "kube-") || prodMarker(inv, ctx) != "" {
		return false
	}
	names := ops[1:]
	for _, op := range names {
		if !namedOne(op) || strings.Contains(op.Value, "/") {
			return false
		}
	}
	if namespace != "" {
		return true
	}
	return keepMarker(inv, ctx) == "" && disposableTargets(names, nil)
}
