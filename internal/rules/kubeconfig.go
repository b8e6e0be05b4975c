package rules

import (
	"net/netip"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/guardsh/guard/internal/safefile"
)

// Where a Kubernetes context points: the local-cluster exemption
// (localkube.go) holds only when the kubeconfig that kubectl or helm
// would read says that the context's cluster is served on this machine.
// The files are read only when a rule needs it, and only for a command
// about to run (ctx.State set): guard audit and the rule examples judge
// the text alone, and then no context is local.

// maxKubeconfig bounds how much of a kubeconfig file is read.
const maxKubeconfig = 1 << 20

// kubeCluster is what a kubeconfig says of one context.
type kubeCluster struct {
	cluster, server string
	// remoteHints are settings that send the traffic elsewhere or that
	// only a remote cluster needs: a proxy-url, a tls-server-name, a
	// user authenticated by an exec plugin or an auth provider.
	remoteHints bool
}

// kubeconfigFiles returns the files kubectl would read: the KUBECONFIG
// list of the environment the command runs in, else .kube/config in the
// home the shell gives it.
func kubeconfigFiles(ctx *Context) []string {
	list, set := ctx.Env["KUBECONFIG"]
	if !set && ctx.State != nil && ctx.State.Environ != nil {
		for _, kv := range ctx.State.Environ() {
			if v, ok := strings.CutPrefix(kv, "KUBECONFIG="); ok {
				list, set = v, true
			}
		}
	}
	if set && list != "" {
		var files []string
		for _, f := range filepath.SplitList(list) {
			if f != "" {
				files = append(files, f)
			}
		}
		return files
	}
	home := ctx.shellHome()
	if home == "" {
		return nil
	}
	return []string{filepath.Join(home, ".kube", "config")}
}

// resolveKubeContext finds a context in the kubeconfig files, merged as
// kubectl merges them (the first file to name a context, cluster or user
// wins). It reports false when a file cannot be read or parsed, or the
// context or its cluster is not there.
func resolveKubeContext(files []string, name string) (kubeCluster, bool) {
	contexts := map[string]map[string]any{}
	clusters := map[string]map[string]any{}
	users := map[string]map[string]any{}
	for _, f := range files {
		doc, ok := readKubeconfig(f)
		if !ok {
			if _, err := os.Stat(f); os.IsNotExist(err) && len(files) > 1 {
				// kubectl skips a missing file of the list.
				continue
			}
			return kubeCluster{}, false
		}
		namedEntries(doc, "contexts", "context", contexts)
		namedEntries(doc, "clusters", "cluster", clusters)
		namedEntries(doc, "users", "user", users)
	}
	c, ok := contexts[name]
	if !ok {
		return kubeCluster{}, false
	}
	clusterName, _ := c["cluster"].(string)
	cl, ok := clusters[clusterName]
	if !ok || clusterName == "" {
		return kubeCluster{}, false
	}
	server, _ := cl["server"].(string)
	k := kubeCluster{cluster: clusterName, server: server}
	k.remoteHints = cl["proxy-url"] != nil || cl["tls-server-name"] != nil
	if userName, _ := c["user"].(string); userName != "" {
		if u, ok := users[userName]; ok && (u["exec"] != nil || u["auth-provider"] != nil) {
			k.remoteHints = true
		}
	}
	return k, true
}

// readKubeconfig reads and parses one kubeconfig file.
func readKubeconfig(path string) (map[string]any, bool) {
	// A FIFO, a device or a stalled mount the agent put there must not
	// hang guard; a file it cannot read gives no exemption.
	b, err := safefile.Read(path, maxKubeconfig)
	if err != nil {
		return nil, false
	}
	v, ok := readYAML(string(b))
	doc, isMap := v.(map[string]any)
	return doc, ok && isMap
}

// namedEntries adds the entries of a kubeconfig list (contexts: - name: x
// context: {...}) that are not there yet.
func namedEntries(doc map[string]any, list, field string, into map[string]map[string]any) {
	items, _ := doc[list].([]any)
	for _, it := range items {
		m, _ := it.(map[string]any)
		name, _ := m["name"].(string)
		body, _ := m[field].(map[string]any)
		if name == "" || body == nil {
			continue
		}
		if _, seen := into[name]; !seen {
			into[name] = body
		}
	}
}

// minikubeNets are the networks minikube's drivers put its node on
// (docker, kvm2, hyperkit and qemu, virtualbox): a minikube context's
// server there is the VM or container on this machine.
const minikubeNets = "192.168.49. 192.168.58. 192.168.67. 192.168.76. 192.168.39. 192.168.64. 192.168.105. 192.168.59."

// localServer reports whether a context's API server is on this machine:
// a loopback address, localhost, Docker Desktop's and OrbStack's host
// names, the node containers kind and k3d name (kind-control-plane,
// k3d-dev-serverlb), or for a minikube context minikube's own networks.
func localServer(context string, k kubeCluster) bool {
	if k.remoteHints {
		return false
	}
	u, err := url.Parse(k.server)
	if err != nil || u.Host == "" || u.User != nil || u.Scheme != "https" && u.Scheme != "http" {
		return false
	}
	host := strings.ToLower(u.Hostname())
	if ip, err := netip.ParseAddr(host); err == nil {
		if ip.IsLoopback() || ip.IsUnspecified() || ip.Unmap().IsLoopback() {
			return true
		}
		if context == "minikube" && k.cluster == "minikube" {
			for n := range strings.FieldsSeq(minikubeNets) {
				if strings.HasPrefix(host, n) {
					return true
				}
			}
		}
		return false
	}
	switch {
	case host == "localhost", strings.HasSuffix(host, ".localhost"),
		strings.HasSuffix(host, ".docker.internal"), strings.HasSuffix(host, ".orb.local"):
		return true
	case strings.HasPrefix(context, "kind-") && host == strings.TrimPrefix(context, "kind-")+"-control-plane":
		return true
	case strings.HasPrefix(context, "k3d-") && strings.HasPrefix(host, context+"-server"):
		return true
	}
	return false
}
