package parse

import "testing"

// Cluster tools that run a bundled kubectl, helm or ctr, and the
// Kubernetes plugins and VM tools that run a command elsewhere: what they
// run is analysed as a command.
var bundledCases = []commandCase{
	{`k3s kubectl -n prod delete pod x`, []string{
		`kubectl -n prod delete pod x via=k3s kubectl`,
	}},
	{`microk8s kubectl get nodes`, []string{
		`kubectl get nodes via=microk8s kubectl`,
	}},
	{`minikube kubectl -p dev -- delete ns shop`, []string{
		`kubectl delete ns shop via=minikube kubectl`,
	}},
	{`minikube kubectl`, []string{
		`minikube kubectl`,
	}},
	{`vcluster connect team-a -n team-a -- kubectl delete ns shop`, []string{
		`kubectl delete ns shop via=vcluster connect team-a -n team-a --`,
	}},
	{`vcluster connect team-a`, []string{
		`vcluster connect team-a`,
	}},
	{`virtctl ssh vmi/db -n vms -c 'rm -rf /data'`, []string{
		`virtctl ssh vmi/db -n vms -c 'rm -rf /data'`,
		`rm -rf /data via=virtctl ssh vmi/db dir=/home/user remote=kubevirt vm vmi/db`,
	}},
	{`kubectl node-shell worker-1 -- rm -rf /var/lib/kubelet`, []string{
		`kubectl node-shell worker-1 -- rm -rf /var/lib/kubelet`,
		`rm -rf /var/lib/kubelet via=kubectl node-shell worker-1 dir=? remote=node worker-1`,
	}},
	{`kubectl -n vms virt ssh vmi/db -c 'rm -rf /data'`, []string{
		`kubectl -n vms virt ssh vmi/db -c 'rm -rf /data'`,
		`virtctl ssh vmi/db -c 'rm -rf /data' -n vms via=kubectl virt`,
		`rm -rf /data via=kubectl virt>virtctl ssh vmi/db dir=/home/user remote=kubevirt vm vmi/db`,
	}},
	{`kubectl cnpg psql pg-main -n db -- -c 'DROP TABLE t'`, []string{
		`kubectl cnpg psql pg-main -n db -- -c 'DROP TABLE t'`,
		`psql -c 'DROP TABLE t' via=kubectl cnpg psql pg-main -n db dir=? remote=pod pg-main`,
	}},
}

func TestBundled(t *testing.T) { runCommandCases(t, bundledCases) }
