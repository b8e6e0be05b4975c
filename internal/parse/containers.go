package parse

import (
	"strings"
)

// containerBoolOpts are docker and podman run and exec options that take no
// value; any other long option without = is taken to take one.
var containerBoolOpts = []string{"--rm", "--detach", "--interactive", "--tty", "--privileged", "--init",
	"--read-only", "--publish-all", "--no-healthcheck", "--oom-kill-disable", "--disable-content-trust",
	"--help", "--quiet", "--use-api-socket", "--sig-proxy", "--no-deps", "--service-ports", "--use-aliases",
	"--remove-orphans", "--build", "--no-TTY", "--replace", "--tls-verify"}

func (w *walker) container(c call, name string) {
	inv := w.record(c)
	args := c.args
	i := 1
	// Global options.
	for ; i < len(args); i++ {
		a := args[i].Value
		if !strings.HasPrefix(a, "-") {
			break
		}
		if !strings.Contains(a, "=") && contains([]string{"-c", "--context", "-H", "--host", "--config", "-l", "--log-level", "--connection", "--url", "--identity", "--root", "--runroot", "-f", "--file", "-p", "--project-name", "--project-directory", "--env-file", "--profile", "--ansi", "--progress"}, a) {
			i++
		}
	}
	if i < len(args) && args[i].Value == "container" {
		i++
	}
	compose := strings.HasSuffix(name, "-compose")
	if i < len(args) && args[i].Value == "compose" {
		compose = true
		i++
		for ; i < len(args); i++ {
			a := args[i].Value
			if !strings.HasPrefix(a, "-") {
				break
			}
			if !strings.Contains(a, "=") && contains([]string{"-f", "--file", "-p", "--project-name", "--project-directory", "--env-file", "--profile", "--ansi", "--progress", "--parallel"}, a) {
				i++
			}
		}
	}
	if i >= len(args) {
		return
	}
	sub := args[i].Value
	if sub != "exec" && sub != "run" {
		return
	}
	i++
	entrypoint := ""
	for ; i < len(args); i++ {
		a := args[i].Value
		if a == "--" {
			i++
			break
		}
		if !strings.HasPrefix(a, "-") || len(a) < 2 {
			break
		}
		if strings.HasPrefix(a, "--") {
			n, v, eq := strings.Cut(a, "=")
			if n == "--entrypoint" {
				if !eq && i+1 < len(args) {
					v = args[i+1].Value
				}
				entrypoint = v
			}
			if !eq && !contains(containerBoolOpts, n) {
				i++
			}
			continue
		}
		// Short options: -e -u -w -v -p -l -m -h -a -c take a value.
		last := a[len(a)-1]
		if strings.IndexByte("euwvplmhacT", last) >= 0 && !(compose && last == 'T') {
			i++
		}
	}
	if i >= len(args) {
		return
	}
	target := args[i].Value
	cmd := args[i+1:]
	if inv != nil && len(cmd) > 0 {
		inv.OwnArgs = i + 1
	}
	if entrypoint != "" {
		cmd = append([]Word{{Value: entrypoint}}, cmd...)
	}
	if len(cmd) == 0 {
		return
	}
	n := w.nested(name+" "+sub+" "+target, c.pos)
	n.depth--
	n.onHost("container "+target, "")
	cc := c
	cc.args = cmd
	cc.redirs = nil
	n.invoke(cc)
}
