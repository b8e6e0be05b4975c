package parse

import (
	"strings"

	"github.com/guardsh/guard/internal/lazy"
	"github.com/guardsh/guard/internal/wordlist"
)

// containerBoolOpts are docker and podman run and exec options that take no
// value; any other long option without = is taken to take one.
const containerBoolOpts = "--rm --detach --interactive --tty --privileged --init --read-only --publish-all --no-healthcheck " +
	"--oom-kill-disable --disable-content-trust --help --quiet --use-api-socket --sig-proxy --no-deps " +
	"--service-ports --use-aliases --remove-orphans --build --no-TTY --replace --tls-verify"

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
	entrypoint, entrypointSet := "", false
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
				entrypoint, entrypointSet = v, true
			}
			if !eq && !wordlist.Has(containerBoolOpts, n) {
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
	var alt []Word
	switch {
	case entrypoint != "":
		cmd = append([]Word{{Value: entrypoint}}, cmd...)
	case entrypointSet || sub != "run" || len(cmd) == 0:
	case !compose:
		// The image's own entrypoint receives the arguments.
		if prog := imageProgram(target); prog != "" && !runsProgram(cmd, prog) {
			cmd = append([]Word{{Value: prog}}, cmd...)
		}
	default:
		// A compose service's image is in a file not read here: a service
		// named after a known CLI image is judged both ways.
		if prog := imageProgram(target); prog != "" && !runsProgram(cmd, prog) {
			alt = append([]Word{{Value: prog}}, cmd...)
		}
	}
	if len(cmd) == 0 {
		return
	}
	for _, argv := range [][]Word{cmd, alt} {
		if len(argv) == 0 {
			continue
		}
		n := w.nested(name+" "+sub+" "+target, c.pos)
		n.depth--
		n.onHost("container "+target, "")
		cc := c
		cc.args = argv
		cc.redirs = nil
		n.invoke(cc)
	}
}

// imagePrograms maps the repository basename of an image to the program its
// entrypoint runs, for images whose arguments are that program's argv
// (docker run hashicorp/terraform destroy runs terraform destroy). Images
// whose entrypoint runs its arguments as a command (postgres, mongo, mysql,
// google/cloud-sdk, alpine) are not listed: their arguments are a command.
var imagePrograms = lazy.Value[map[string]string]{Make: func() map[string]string {
	return map[string]string{
		"terraform":      "terraform",
		"opentofu":       "tofu",
		"tofu":           "tofu",
		"packer":         "packer",
		"flyway":         "flyway",
		"liquibase":      "liquibase",
		"migrate":        "migrate",
		"dbmate":         "dbmate",
		"atlas":          "atlas",
		"sqitch":         "sqitch",
		"pulumi":         "pulumi",
		"aws-cli":        "aws",
		"awscli":         "aws",
		"kubectl":        "kubectl",
		"k8s-kubectl":    "kubectl",
		"helm":           "helm",
		"k8s-helm":       "helm",
		"helmfile":       "helmfile",
		"doctl":          "doctl",
		"mc":             "mc",
		"rclone":         "rclone",
		"restic":         "restic",
		"velero":         "velero",
		"stripe-cli":     "stripe",
		"argocd-cli":     "argocd",
		"flux-cli":       "flux",
		"eksctl":         "eksctl",
		"vault":          "vault",
		"consul":         "consul",
		"nomad":          "nomad",
		"gh":             "gh",
		"firebase-tools": "firebase",
		// Observability CLIs whose images run them: quay.io/thanos/thanos,
		// grafana/mimirtool, grafana/logcli, getsentry/sentry-cli.
		"thanos":     "thanos",
		"mimirtool":  "mimirtool",
		"cortextool": "cortextool",
		"logcli":     "logcli",
		"sentry-cli": "sentry-cli",
	}
}}

// imageProgram returns the program the entrypoint of image runs, or "" when
// the image is not a known CLI image. The registry, tag and digest are
// ignored: ghcr.io/org/kubectl:1.29@sha256:... is kubectl.
func imageProgram(image string) string {
	image, _, _ = strings.Cut(image, "@")
	base := image[strings.LastIndexByte(image, '/')+1:]
	base, _, _ = strings.Cut(base, ":")
	return imagePrograms.Get()[strings.ToLower(base)]
}

// runsProgram reports whether argv already starts with prog (docker run
// hashicorp/vault vault kv list), which such entrypoints pass through.
func runsProgram(argv []Word, prog string) bool {
	first := argv[0].Value
	return first == prog || strings.HasSuffix(first, "/"+prog)
}
