package parse

import (
	"strings"

	"github.com/guardsh/guard/internal/wordlist"
)

// sshValueFlags are ssh's options that take a value.
const sshValueFlags = "BbcDEeFIiJLlmOopQRSWw"

func (w *walker) ssh(c call) {
	// ssh h < script.sh: the script is a local file, read here.
	w.stdinFile(&c)
	args := c.args
	i := 1
	var options []Word
	for ; i < len(args); i++ {
		a := args[i].Value
		if a == "--" {
			i++
			break
		}
		if len(a) < 2 || a[0] != '-' {
			break
		}
		for j := 1; j < len(a); j++ {
			if strings.IndexByte(sshValueFlags, a[j]) >= 0 {
				v := Word{Value: a[j+1:], Dynamic: args[i].Dynamic}
				if j == len(a)-1 {
					i++
					if i < len(args) {
						v = args[i]
					}
				}
				if a[j] == 'o' {
					options = append(options, v)
				}
				break
			}
		}
	}
	local, remote := sshOptions(options)
	if len(local) > 0 || len(remote) > 0 {
		cc := c
		cc.stdin, cc.redirs = Input{}, nil
		for _, v := range local {
			w.codeWord(cc, v, "ssh -o", Input{})
		}
		if len(remote) > 0 && i < len(args) {
			n := w.nested("ssh "+args[i].Value, c.pos)
			n.onHost(args[i].Value, w.opts.Home)
			for _, v := range remote {
				n.codeWord(cc, v, "", Input{})
			}
		}
	}
	if i >= len(args) {
		w.record(c)
		return
	}
	host := args[i].Value
	n := w.nested("ssh "+host, c.pos)
	n.onHost(host, w.opts.Home)
	if i+1 >= len(args) {
		w.record(c)
		// A login shell on the host reads its commands from stdin.
		if c.stdin.Kind != Inherited {
			n.stdinCode(call{args: []Word{{Value: "sh"}}, text: c.text, pos: c.pos, stdin: c.stdin}, "ssh "+host)
		}
		return
	}
	rest := args[i+1:]
	if rest[0].Value == "--" {
		// ssh reads options after the host too, up to --.
		rest = rest[1:]
		if len(rest) == 0 {
			w.record(c)
			return
		}
	}
	code := joinWords(rest)
	if code.Dynamic {
		c.problem = DynamicCode
		c.detail = "the command run on " + host + " is only known at run time: " + Quote(code.Value)
		w.record(c)
		return
	}
	if inv := w.record(c); inv != nil {
		inv.OwnArgs = len(args) - len(rest)
	}
	n.code(code.Value, &c.stdin)
	if sshRequotes(rest) {
		// ssh h psql -c "DROP DATABASE x;": the remote shell reads the
		// joined words, losing the quotes, but the argv as written says
		// what was meant. Both readings are judged.
		cc := c
		cc.args, cc.redirs = rest, nil
		n.invoke(cc)
	}
}

// sshRequotes reports whether joining ssh's command words with spaces and
// parsing them again reads them differently from the argv as written: a
// word after the first holds a space or a shell operator.
func sshRequotes(rest []Word) bool {
	if len(rest) < 2 || strings.ContainsAny(rest[0].Value, " \t\n;&|<>()$`'\"") {
		return false
	}
	for _, a := range rest[1:] {
		if strings.ContainsAny(a.Value, " \t\n;&|<>()") {
			return true
		}
	}
	return false
}

// kubectlValueOpts are kubectl's global options that take a value.
const kubectlValueOpts = "-n --namespace --context --cluster --user -s --server --kubeconfig --token --as --as-group " +
	"--request-timeout -v --v -c --container --pod-running-timeout -f --filename"

func (w *walker) kubectl(c call) {
	inv := w.record(c)
	args := c.args
	// where keeps the namespace and context, which say whether the pod
	// is production's (kubectl -n prod exec api -- ...).
	var where []string
	scope := func(k int) int {
		a := args[k].Value
		name, _, has := strings.Cut(a, "=")
		if name != "-n" && name != "--namespace" && name != "--context" && name != "--cluster" && name != "--kubeconfig" {
			if !has && wordlist.Has(kubectlValueOpts, a) {
				return k + 1
			}
			return k
		}
		if has {
			where = append(where, a)
			return k
		}
		if k+1 < len(args) {
			where = append(where, a, args[k+1].Value)
		}
		return k + 1
	}
	i := 1
	for ; i < len(args); i++ {
		a := args[i].Value
		if !strings.HasPrefix(a, "-") {
			break
		}
		i = scope(i)
	}
	sub, prog, host := "", "", "pod "
	switch {
	case i >= len(args):
		return
	case args[i].Value == "exec" || args[i].Value == "debug" || args[i].Value == "run":
		sub = args[i].Value
	case args[i].Value == "rsh" && programName(args[0].Value) == "oc":
		w.ocRsh(c, inv, i, where)
		return
	case args[i].Value == "virt":
		// kubectl virt is KubeVirt's virtctl as a kubectl plugin: kubectl
		// virt ssh VM -c CMD runs what virtctl ssh runs.
		vargs := append([]Word{{Value: "virtctl"}}, args[i+1:]...)
		for _, x := range where {
			vargs = append(vargs, Word{Value: x})
		}
		w.inner(c, vargs, "kubectl virt")
		return
	case args[i].Value == "node-shell":
		// kubectl node-shell NODE -- CMD runs CMD in the node's own
		// namespaces, as root on the node.
		sub, host = args[i].Value, "node "
	case args[i].Value == "cnpg" && i+1 < len(args) && args[i+1].Value == "psql":
		// kubectl cnpg psql CLUSTER -- ARGS runs psql ARGS in the
		// cluster's primary.
		sub, prog = "cnpg psql", "psql"
		i++
	case args[i].Value == "create" && i+1 < len(args) && (args[i+1].Value == "cronjob" || args[i+1].Value == "cj" || args[i+1].Value == "job"):
		// kubectl create cronjob NAME --schedule=... -- CMD: the pods the
		// job starts run CMD, on schedule for a cronjob.
		sub = "create " + args[i+1].Value
		i++
	default:
		return
	}
	target := ""
	dash := -1
	for k := i + 1; k < len(args); k++ {
		a := args[k].Value
		if a == "--" {
			dash = k
			break
		}
		if strings.HasPrefix(a, "-") {
			k = scope(k)
			continue
		}
		if target == "" {
			target = a
		}
	}
	if dash < 0 || dash+1 >= len(args) {
		return
	}
	if inv != nil {
		inv.OwnArgs = dash
	}
	via := "kubectl " + sub + " " + target
	if len(where) > 0 {
		via += " " + strings.Join(where, " ")
	}
	n := w.nested(via, c.pos)
	n.depth--
	n.onHost(host+target, "")
	cc := c
	cc.args = args[dash+1:]
	if prog != "" {
		cc.args = append([]Word{{Value: prog}}, cc.args...)
	}
	cc.redirs = nil
	n.invoke(cc)
}

// ocRsh runs a command in a pod: oc rsh [options] POD [COMMAND ...], the
// command after the pod with or without --. With no command it opens a
// shell, which the walker leaves alone. i is the index of rsh.
func (w *walker) ocRsh(c call, inv *Invocation, i int, where []string) {
	args := c.args
	target, at := "", -1
	for k := i + 1; k < len(args); k++ {
		a := args[k].Value
		if a == "--" {
			if target != "" {
				at = k + 1
			}
			break
		}
		if target != "" {
			at = k
			break
		}
		switch {
		case a == "-c" || a == "--container" || a == "-n" || a == "--namespace" || a == "--timeout" || a == "--shell" || a == "--context":
			if a == "-n" || a == "--namespace" || a == "--context" {
				if k+1 < len(args) {
					where = append(where, a, args[k+1].Value)
				}
			}
			k++
		case strings.HasPrefix(a, "-"):
		default:
			target = a
		}
	}
	if at < 0 || at >= len(args) {
		return
	}
	if inv != nil {
		inv.OwnArgs = at
	}
	via := "oc rsh " + target
	if len(where) > 0 {
		via += " " + strings.Join(where, " ")
	}
	n := w.nested(via, c.pos)
	n.depth--
	n.onHost("pod "+target, "")
	cc := c
	cc.args = args[at:]
	cc.redirs = nil
	n.invoke(cc)
}

// sshOptionCode analyses the -o options of scp and sftp, which start ssh.
func (w *walker) sshOptionCode(c call, args []Word) {
	var options []Word
	for i := 0; i < len(args); i++ {
		a := args[i].Value
		if a == "--" {
			break
		}
		if a == "-o" && i+1 < len(args) {
			i++
			options = append(options, args[i])
		} else if strings.HasPrefix(a, "-o") && len(a) > 2 {
			options = append(options, Word{Value: a[2:], Dynamic: args[i].Dynamic})
		}
	}
	local, _ := sshOptions(options)
	c.stdin, c.redirs = Input{}, nil
	for _, v := range local {
		w.codeWord(c, v, "ssh -o", Input{})
	}
}
