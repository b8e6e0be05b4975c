package rules

import (
	"fmt"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/guardsh/guard/internal/blast"
)

// kubeconfigLocal is a kubeconfig as kind, k3d, Docker Desktop and
// minikube write it, with one context (kind-x) whose name is local but
// whose cluster is a cloud one, and one cloud context.
const kubeconfigLocal = `apiVersion: v1
kind: Config
current-context: kind-dev
clusters:
- cluster:
    certificate-authority-data: LS0t
    server: https://127.0.0.1:40123
  name: kind-dev
- cluster:
    server: https://0.0.0.0:6550
  name: k3d-local
- cluster:
    server: "https://kubernetes.docker.internal:6443"
  name: docker-desktop
- cluster: {server: "https://192.168.49.2:8443"}
  name: minikube
- cluster:
    server: https://ABCD.gr7.eu-west-1.eks.amazonaws.com
  name: arn:aws:eks:eu-west-1:1:cluster/prod-eks
- cluster:
    server: https://127.0.0.1:16443
    tls-server-name: api.prod.internal
  name: tunnelled
contexts:
- context:
    cluster: kind-dev
    user: kind-dev
  name: kind-dev
- context: {cluster: k3d-local, user: admin@k3d-local}
  name: k3d-local
- context:
    cluster: docker-desktop
    user: docker-desktop
  name: docker-desktop
- context:
    cluster: minikube
    user: minikube
  name: minikube
- context:
    cluster: arn:aws:eks:eu-west-1:1:cluster/prod-eks
    user: eks
  name: kind-x
- context:
    cluster: tunnelled
    user: kind-dev
  name: kind-tunnel
- context:
    cluster: kind-dev
    user: eks
  name: kind-exec
users:
- name: kind-dev
  user:
    client-certificate-data: LS0t
- name: eks
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1beta1
      command: aws
      args: [eks, get-token, --cluster-name, prod-eks]
`

// kubeHome makes a home with a kubeconfig, returning its context.
func kubeHome(t *testing.T, config string) Context {
	t.Helper()
	home := t.TempDir()
	if config != "" {
		if err := os.MkdirAll(filepath.Join(home, ".kube"), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(home, ".kube", "config"), []byte(config), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	p := blast.New(home)
	p.Environ = func() []string { return nil }
	return Context{Dir: home, Home: home, State: p}
}

func TestLocalKubeResolvesContext(t *testing.T) {
	s := defaultSet(t)
	ctx := kubeHome(t, kubeconfigLocal)
	for _, c := range []struct {
		cmd   string
		allow bool
	}{
		{"helm uninstall demo --kube-context kind-dev", true},
		{"helm uninstall web -n apps --kube-context=k3d-local", true},
		{"helm uninstall redis --kube-context docker-desktop", true},
		{"helm uninstall api --kube-context minikube", true},
		{"kubectl delete deployment api --context kind-dev", true},
		{"skaffold delete --kube-context kind-dev", true},
		{"kubectl config use-context kind-dev && helm uninstall demo --kube-context kind-dev", true},
		{"kubectl config get-contexts; helm uninstall demo --kube-context kind-dev", true},
		// The name is local, the cluster is not.
		{"helm uninstall web --kube-context kind-x", false},
		{"kubectl delete deployment api --context kind-x", false},
		// A loopback server reached through a tunnel, or a cloud login.
		{"helm uninstall web --kube-context kind-tunnel", false},
		{"helm uninstall web --kube-context kind-exec", false},
		// Not in the file.
		{"helm uninstall web --kube-context kind-other", false},
		// The same command redefines the name, or points elsewhere.
		{"kubectl config set-context kind-dev --cluster=prod-eks && helm uninstall web --kube-context kind-dev", false},
		{"kubectl config rename-context prod kind-dev; helm uninstall web --kube-context kind-dev", false},
		{"kubectl config set-cluster kind-dev --server=https://10.0.0.1 && kubectl delete deploy api --context kind-dev", false},
		{"helm uninstall web --kube-context kind-dev; kubectl config set-context kind-dev --cluster=prod-eks", false},
		{"export KUBECONFIG=/tmp/other && helm uninstall web --kube-context kind-dev", false},
		{"cp prod.yaml ~/.kube/config && helm uninstall web --kube-context kind-dev", false},
		{"kubectx kind-dev=prod-admin && helm uninstall web --kube-context kind-dev", false},
		{"ssh -fNL 40123:api.prod:6443 bastion && helm uninstall web --kube-context kind-dev", false},
		{"kubectl delete deployment api --context kind-dev --server https://10.0.0.1:6443", false},
		{"helm uninstall web --kube-context kind-dev --kubeconfig /tmp/k", false},
		{"ssh box helm uninstall web --kube-context kind-dev", false},
	} {
		d := s.Check(c.cmd, ctx)
		if got := d.Action == Allow; got != c.allow {
			t.Errorf("%q: allowed %v, want %v (%v)", c.cmd, got, c.allow, d.Findings)
		}
	}
}

func TestLocalKubeNoKubeconfig(t *testing.T) {
	s := defaultSet(t)
	// No file, an unreadable one, and one guard cannot parse: no exemption.
	for _, config := range []string{"", "clusters: [\n  &anchor x", "--- \n*alias\n"} {
		ctx := kubeHome(t, config)
		if d := s.Check("helm uninstall demo --kube-context kind-dev", ctx); d.Action == Allow {
			t.Errorf("config %q: allowed", config)
		}
	}
	// Without the state (guard audit, examples), the text alone decides.
	ctx := kubeHome(t, kubeconfigLocal)
	ctx.State = nil
	if d := s.Check("helm uninstall demo --kube-context kind-dev", ctx); d.Action == Allow {
		t.Error("allowed without reading the kubeconfig")
	}
}

func TestLocalKubeKUBECONFIGList(t *testing.T) {
	s := defaultSet(t)
	ctx := kubeHome(t, "")
	dir := t.TempDir()
	first := filepath.Join(dir, "first.yaml")
	second := filepath.Join(dir, "second.yaml")
	// The first file to name a context wins, as in kubectl.
	os.WriteFile(first, []byte(`{"contexts":[{"name":"kind-dev","context":{"cluster":"eks"}}],"clusters":[{"name":"eks","cluster":{"server":"https://eks.example.com"}}]}`), 0o600)
	os.WriteFile(second, []byte(kubeconfigLocal), 0o600)
	ctx.Env = map[string]string{"KUBECONFIG": second + string(os.PathListSeparator) + filepath.Join(dir, "missing")}
	if d := s.Check("helm uninstall demo --kube-context kind-dev", ctx); d.Action != Allow {
		t.Errorf("second file alone: %v", d.Findings)
	}
	ctx.Env = map[string]string{"KUBECONFIG": first + string(os.PathListSeparator) + second}
	if d := s.Check("helm uninstall demo --kube-context kind-dev", ctx); d.Action == Allow {
		t.Error("the first file's kind-dev is a cloud cluster, and was allowed")
	}
}

func TestReadYAML(t *testing.T) {
	for _, c := range []struct {
		text string
		want string
	}{
		{`{"metadata":{"finalizers":null}}`, `map[metadata:map[finalizers:<nil>]]`},
		{`metadata: {finalizers: []}`, `map[metadata:map[finalizers:[]]]`},
		{"metadata:\n  finalizers:\n  - a\n  - 'b'\n  labels: {x: \"y\"} # c\n", `map[metadata:map[finalizers:[a b] labels:map[x:y]]]`},
		{"- op: remove\n  path: /metadata/finalizers\n", `[map[op:remove path:/metadata/finalizers]]`},
		{"a: https://x:6443\nb: |\n  l1\n  l2\n", "map[a:https://x:6443 b:l1\nl2\n]"},
	} {
		v, ok := readYAML(c.text)
		if got := sprint(v); !ok || got != c.want {
			t.Errorf("%q: got %s %v, want %s", c.text, got, ok, c.want)
		}
	}
	for _, bad := range []string{"a: &x 1", "a:\n  b\n c: d", "{a: [1, 2}", "a: b\n---\nc: d"} {
		if _, ok := readYAML(bad); ok {
			t.Errorf("%q: read", bad)
		}
	}
}

func sprint(v any) string { return fmt.Sprint(v) }

func FuzzReadYAML(f *testing.F) {
	f.Add(kubeconfigLocal)
	f.Add(`{"metadata":{"finalizers":null}}`)
	f.Add("- op: remove\n  path: /metadata/finalizers\n")
	f.Add("a: [b, {c: 'd''e'}, \"f\\\"g\"]\n")
	f.Fuzz(func(t *testing.T, s string) {
		readYAML(s)
	})
}

// TestLocalKubeFIFO checks that a FIFO where the kubeconfig should be
// neither hangs guard nor gives an exemption.
func TestLocalKubeFIFO(t *testing.T) {
	s := defaultSet(t)
	ctx := kubeHome(t, "")
	fifo := filepath.Join(t.TempDir(), "config")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip(err)
	}
	ctx.Env = map[string]string{"KUBECONFIG": fifo}
	done := make(chan Decision, 1)
	go func() { done <- s.Check("helm uninstall demo --kube-context kind-dev", ctx) }()
	select {
	case d := <-done:
		if d.Action == Allow {
			t.Error("a FIFO as the kubeconfig gave the exemption")
		}
	case <-time.After(10 * time.Second):
		t.Fatal("guard blocked reading a FIFO as the kubeconfig")
	}
}
