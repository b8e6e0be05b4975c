package rules

import (
	"github.com/guardsh/guard/internal/parse"
)

// Scaling a workload to zero takes it out of service, however it is
// written: kubectl scale --replicas=0 (k8s.scale-zero), or a patch that
// sets spec.replicas to 0 (kubectl patch deploy api -p
// '{"spec":{"replicas":0}}', a JSON patch replacing /spec/replicas). The
// patch-scales-zero matcher reads the patch body as finalizers-removed
// does (finalizers.go).

func newPatchScalesZero(with map[string]any) (matchFunc, error) {
	if err := newParams(with).done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		k, ok := readKubePatch(inv, v)
		if !ok || k.verb != "patch" {
			return "", false
		}
		body, known := k.body, k.bodyKnown
		switch {
		case k.body != "":
		case k.stdin && inv.Stdin.Kind == parse.Known:
			body, known = inv.Stdin.Text, true
		case k.file != "":
			body, known = readPatchFile(inv, ctx, k.file)
		}
		if !known {
			return "", false
		}
		doc, parsed := readYAML(body)
		if !parsed {
			return "", false
		}
		if ops, isList := doc.([]any); isList {
			for _, o := range ops {
				op, _ := o.(map[string]any)
				if (op["op"] == "replace" || op["op"] == "add") && op["path"] == "/spec/replicas" && zero(op["value"]) {
					return "the patch sets spec.replicas to 0", true
				}
			}
			return "", false
		}
		m, _ := doc.(map[string]any)
		spec, _ := m["spec"].(map[string]any)
		if r, has := spec["replicas"]; has && zero(r) {
			return "the patch sets spec.replicas to 0", true
		}
		return "", false
	}, nil
}

// zero reports whether a JSON or YAML value is the number 0.
func zero(v any) bool {
	switch x := v.(type) {
	case float64:
		return x == 0
	case string:
		return x == "0"
	}
	return false
}
