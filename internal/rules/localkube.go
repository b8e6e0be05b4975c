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
// miss. The name alone proves nothing, since anyone can give any cluster
// that name (kubectl config set-context kind-x --cluster=prod-eks), so
// three things must hold:
//
//   - the command names the context itself, never the current one, and
//     nothing in it points the name elsewhere: no --kubeconfig, --server
//     or --cluster, no KUBECONFIG assignment, and no production or
//     lasting marker anywhere in the command (kind-prod is not local);
//   - no step of the whole command changes what a name means (kubectl
//     config set-context, rename-context, set-cluster, a write to a
//     kubeconfig file, an export of KUBECONFIG) or opens a tunnel that a
//     loopback address could lead through (ssh -L, kubectl port-forward):
//     sameLineRedefines;
//   - the kubeconfig that the tool would read (kubeconfig.go) defines the
//     context, and its cluster's server is on this machine. A file that
//     cannot be read, or a context it lacks, means no exemption.

// localContextNames are the context names that local cluster tools use
// for their one default cluster.
const localContextNames = "minikube docker-desktop docker-for-desktop rancher-desktop colima orbstack microk8s"

// localContextPrefixes begin the context names of local cluster tools
// that name each cluster: kind-NAME, k3d-NAME, colima-PROFILE.
const localContextPrefixes = "kind- k3d- colima-"

// contextOptions are the options that name the Kubernetes context.
const contextOptions = "--context --kube-context --kubecontext"

// redirectOptions are the options that make a context name mean another
// cluster, or reach a cluster without a context.
const redirectOptions = "--kubeconfig --server -s --cluster --kube-apiserver --kube-config"

// localContextName reports whether a context name is one a local cluster
// tool makes.
func localContextName(s string) bool {
	if strings.ContainsAny(s, "$`*?[]{}/ ") {
		return false
	}
	for n := range strings.FieldsSeq(localContextNames) {
		if s == n {
			return true
		}
	}
	for p := range strings.FieldsSeq(localContextPrefixes) {
		if len(s) > len(p) && strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// localKubeContext reports whether the command talks only to a local
// cluster: every context option names a local cluster's context
// (localContextName), none is only known at run time, nothing redirects
// it (redirectOptions, a KUBECONFIG assignment) or marks production or a
// lasting thing, no step of the command redefines a context
// (sameLineRedefines), and the kubeconfig resolves each context to a
// server on this machine (localServer).
func localKubeContext(inv *parse.Invocation, ctx *Context) bool {
	if inv.MoreArgs || inv.Remote != "" {
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
	var names []string
	for i := 1; i < len(args); i++ {
		a := args[i]
		if a.Value == "--" {
			break
		}
		if a.Dynamic && strings.HasPrefix(a.Value, "-") {
			return false
		}
		name, val, has := strings.Cut(a.Value, "=")
		for r := range strings.FieldsSeq(redirectOptions) {
			if name == r {
				return false
			}
		}
		isContext := false
		for c := range strings.FieldsSeq(contextOptions) {
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
		names = append(names, val)
	}
	if len(names) == 0 || keepMarker(inv, ctx) != "" || ctx.State == nil || sameLineRedefines(ctx) {
		return false
	}
	files := kubeconfigFiles(ctx)
	for _, n := range names {
		k, ok := resolveKubeContext(files, n)
		if !ok || !localServer(n, k) {
			return false
		}
	}
	return true
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

// redefiningWords are spellings that, anywhere in a command, may change
// what a context name means or where a loopback address leads: a
// kubeconfig file or the KUBECONFIG variable named, a kubeconfig
// manager, a tunnel or port forward.
const redefiningWords = "kubeconfig port-forward iap-tunnel start-session socat sshuttle chisel kubecm konfig kubie"

// kubeConfigReads are the kubectl config subcommands that change no
// context, cluster or user: reading, and choosing the current context.
const kubeConfigReads = "view get-contexts get-clusters get-users current-context use-context use"

// sameLineRedefines reports whether any step of the whole command, before
// or after the one judged (a loop runs both again), may change what a
// context name means or where its server leads: kubectl config
// set-context, rename-context, set-cluster, set, unset, delete-*; a
// kubeconfig file or KUBECONFIG named (a write to ~/.kube/config, an
// export); kubectx renaming (kubectx kind-x=prod); a kubeconfig manager;
// an ssh tunnel (ssh -L, -D) or a port forward.
func sameLineRedefines(ctx *Context) bool {
	low := strings.ToLower(ctx.text)
	for w := range strings.FieldsSeq(redefiningWords) {
		if strings.Contains(low, w) {
			return true
		}
	}
	for i := strings.Index(low, ".kube"); i >= 0; {
		end := i + len(".kube")
		if end == len(low) || !isAlnum(low[end]) {
			return true
		}
		next := strings.Index(low[end:], ".kube")
		if next < 0 {
			break
		}
		i = end + next
	}
	invs := ctx.before
	if ctx.text != "" {
		invs = parse.Command(ctx.text, parse.Options{Dir: ctx.Dir, Home: ctx.shellHome()})
	}
	for _, c := range invs {
		if redefinesContext(c) {
			return true
		}
	}
	return false
}

// redefinesContext reports whether one step changes a kubeconfig's
// contexts, clusters or users, or opens an ssh tunnel.
func redefinesContext(inv *parse.Invocation) bool {
	for _, a := range inv.Assigns {
		if a.Name == "KUBECONFIG" {
			return true
		}
	}
	switch inv.Name {
	case "kubectl", "oc", "kubecolor", "k", "microk8s.kubectl":
		args := inv.Args
		for i := 1; i < len(args); i++ {
			if args[i].Value != "config" {
				continue
			}
			for _, a := range args[i+1:] {
				if strings.HasPrefix(a.Value, "-") {
					continue
				}
				for r := range strings.FieldsSeq(kubeConfigReads) {
					if a.Value == r {
						return false
					}
				}
				return true
			}
			return false
		}
	case "kubectx", "kubectl-ctx":
		for _, a := range inv.Args[1:] {
			if strings.Contains(a.Value, "=") || a.Dynamic {
				return true
			}
		}
	case "ssh", "autossh":
		for _, a := range inv.Args[1:] {
			v := a.Value
			if strings.Contains(strings.ToLower(v), "forward") ||
				strings.HasPrefix(v, "-") && !strings.HasPrefix(v, "--") && strings.ContainsAny(v, "LDR") {
				return true
			}
		}
	}
	return false
}
