package rules

import (
	"strings"

	"github.com/guardsh/guard/internal/parse"
)

// A container client acts on the engine its endpoint names, which need
// not be this machine: DOCKER_HOST=ssh://deploy@prod01, docker -H
// tcp://prod-db:2376, docker --context prod, DOCKER_CONTEXT=production, or
// docker context use prod earlier in the same command. Stopping or
// removing containers there takes a production service down, while the
// same command on a laptop's engine is everyday. The endpoint-prod
// matcher finds a production word in the endpoint (host names read with
// their digits: prod01, prd2), in the rest of the invocation
// (prodMarker), or on the host the client runs on over ssh.

// endpointEnv are the variables that name a container client's engine.
const endpointEnv = "DOCKER_HOST DOCKER_CONTEXT CONTAINER_HOST CONTAINER_CONNECTION"

// endpointOptions are the global options that name the engine, before
// the subcommand.
const endpointOptions = "-H --host -c --context --url --connection"

func newEndpointProd(with map[string]any) (matchFunc, error) {
	if err := newParams(with).done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		if removesStoppedOnly(v) {
			return "", false
		}
		if m := endpointMarker(inv, ctx); m != "" {
			return "on a production engine (" + m + ")", true
		}
		if m := prodMarker(inv, ctx); m != "" {
			return "toward production (" + m + ")", true
		}
		if hostProd(inv.Remote) {
			return "on the production host " + inv.Remote, true
		}
		return "", false
	}, nil
}

// removesStoppedOnly reports that the invocation removes containers
// without stopping them: docker rm without --force, compose rm without
// --stop, which fail on a running container and so take nothing down.
func removesStoppedOnly(v *view) bool {
	words := 0
	last := ""
	for _, op := range v.operands {
		if words == 2 {
			break
		}
		last = op.Value
		words++
		if last != "container" && last != "compose" && last != "pod" {
			break
		}
	}
	if last != "rm" && last != "remove" {
		return false
	}
	first := v.operands[0].Value
	if first == "compose" || v.name == "docker-compose" || v.name == "podman-compose" {
		for _, f := range v.flags {
			if f == "--stop" || f == "-s" || len(f) > 2 && f[1] != '-' && strings.Contains(f, "s") {
				return false
			}
		}
		return true
	}
	if first != "rm" && first != "container" && first != "pod" {
		return false
	}
	for _, f := range v.flags {
		if f == "--force" || f == "-f" || strings.HasPrefix(f, "--force=") && f != "--force=false" || len(f) > 2 && f[1] != '-' && strings.Contains(f, "f") {
			return false
		}
	}
	return true
}

// endpointMarker returns the endpoint that names production, as written,
// or "": a global option, an assignment, guard's environment, or a
// context switch or assignment earlier in the command's text.
func endpointMarker(inv *parse.Invocation, ctx *Context) string {
	own := inv.Own()
	for i := 1; i < len(own); i++ {
		a := own[i].Value
		if !strings.HasPrefix(a, "-") {
			break
		}
		for o := range strings.FieldsSeq(endpointOptions) {
			switch {
			case a == o && i+1 < len(own):
				if hostProd(own[i+1].Value) {
					return a + " " + own[i+1].Value
				}
			case strings.HasPrefix(a, o+"=") && len(o) > 2:
				if hostProd(a[len(o)+1:]) {
					return a
				}
			}
		}
	}
	for _, as := range inv.Assigns {
		for e := range strings.FieldsSeq(endpointEnv) {
			if as.Name == e && hostProd(as.Value.Value) {
				return as.Name + "=" + as.Value.Value
			}
		}
	}
	for e := range strings.FieldsSeq(endpointEnv) {
		if val := ctx.Env[e]; hostProd(val) {
			return e + "=" + val
		}
	}
	return endpointSelected(ctx.text)
}

// endpointSelected returns a production engine that the command's text
// selects, as written (docker context use prod, export
// DOCKER_HOST=ssh://prod01), or "".
func endpointSelected(text string) string {
	if !strings.Contains(text, "context") && !strings.Contains(text, "_HOST") && !strings.Contains(text, "CONTAINER_") && !strings.Contains(text, "docker-machine") {
		return ""
	}
	words := strings.Fields(text)
	for i, w := range words {
		w = strings.Trim(w, "'\";&|()")
		if (w == "use" || w == "env") && i > 0 && i+1 < len(words) {
			// docker context use prod; eval "$(docker-machine env prod01)".
			prev := strings.Trim(words[i-1], "'\";&|()$")
			if next := strings.Trim(words[i+1], "'\";&|()"); (prev == "context" && w == "use" || prev == "docker-machine" && w == "env") && hostProd(next) {
				return prev + " " + w + " " + next
			}
		}
		if name, val, ok := strings.Cut(w, "="); ok {
			for e := range strings.FieldsSeq(endpointEnv) {
				if name == e && hostProd(strings.Trim(val, "'\"")) {
					return w
				}
			}
		}
	}
	return ""
}

// hostProd reports whether a host, URL or context name holds a
// production word (hasProdWord reads prod01 and web.prd2.example.com as
// production).
func hostProd(s string) bool {
	return s != "" && hasProdWord(s)
}
