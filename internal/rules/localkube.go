package rules

import (
	"strings"

	"github.com/guardsh/guard/internal/parse"
)

// Local clusters: a Kubernetes context that a tool for running a cluster
// on this machine creates (kind-dev, k3d-ci, minikube, docker-desktop)
// names a throwaway cluster, which the same tool recreates in a minute.
// Deleting from it (helm uninstall scratch --kube-context kind-kind,
// skaffold delete --kube-context kind-dev) destroys nothing a person would
// miss. Only the context named in the command counts, never the current
// one or what a kubeconfig file says, and only when nothing points it
// elsewhere: no --kubeconfig (a file in which the name may mean any
// cluster), no --server or --cluster, and no production or lasting marker
// anywhere in the command (kind-prod is not local).

func init() {
	matchers["not-local-kube"] = newNotLocalKube
}

// localContextNames are the context names that local cluster tools use
// for their one default cluster.
var localContextNames = []string{"minikube", "docker-desktop", "docker-for-desktop", "rancher-desktop",
	"colima", "orbstack", "microk8s"}

// localContextPrefixes begin the context names of local cluster tools
// that name each cluster: kind-NAME, k3d-NAME, colima-PROFILE.
var localContextPrefixes = []string{"kind-", "k3d-", "colima-"}

// contextOptions are the options that name the Kubernetes context.
var contextOptions = []string{"--context", "--kube-context", "--kubecontext"}

// redirectOptions are the options that make a context name mean another
// cluster, or reach a cluster without a context.
var redirectOptions = []string{"--kubeconfig", "--server", "-s", "--cluster", "--kube-apiserver", "--kube-config"}

// localContextName reports whether a context name is one a local cluster
// tool makes.
func localContextName(s string) bool {
	if strings.ContainsAny(s, "$`*?[]{}/ ") {
		return false
	}
	for _, n := range localContextNames {
		if s == n {
			return true
		}
	}
	for _, p := range localContextPrefixes {
		if len(s) > len(p) && strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// localKubeContext reports whether the command names a local cluster's
// context (localContextName) as the only cluster it talks to. Every
// context option must name a local cluster, none may be only known at run
// time, and nothing may redirect it (redirectOptions, a KUBECONFIG
// assignment) or mark production or a lasting thing.
func localKubeContext(inv *parse.Invocation, ctx *Context) bool {
	if inv.MoreArgs {
		return false
	}
	for _, a := range inv.Assigns {
		if a.Name == "KUBECONFIG" {
			return false
		}
	}
	args := inv.Args
	if inv.OwnArgs > 0 {
		args = args[:inv.OwnArgs]
	}
	local := false
	for i := 1; i < len(args); i++ {
		a := args[i]
		if a.Value == "--" {
			break
		}
		if a.Dynamic && strings.HasPrefix(a.Value, "-") {
			return false
		}
		name, val, has := strings.Cut(a.Value, "=")
		for _, r := range redirectOptions {
			if name == r {
				return false
			}
		}
		isContext := false
		for _, c := range contextOptions {
			isContext = isContext || name == c
		}
		if !isContext {
			continue
		}
		if !has {
			if i+1 >= len(args) {
				return false
			}
			i++
			val = args[i].Value
			if args[i].Dynamic {
				return false
			}
		}
		if !localContextName(val) {
			return false
		}
		local = true
	}
	return local && keepMarker(inv, ctx) == ""
}

// newNotLocalKube matches unless the command talks only to a local
// cluster (localKubeContext): helm uninstall scratch --kube-context
// kind-kind.
func newNotLocalKube(with map[string]any) (matchFunc, error) {
	if err := newParams(with).done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, _ *view, ctx *Context) (string, bool) {
		return "", !localKubeContext(inv, ctx)
	}, nil
}
