package rules

import (
	"encoding/json"
	"strings"

	"github.com/guardsh/guard/internal/parse"
)

// kubeYAMLSettings appends the settings of a kubectl or oc body written in
// YAML, which the CLI reader (cliSettings) reads only as JSON: a patch's
// -p 'spec: {validationFailureAction: Audit}', and a patch, apply, create
// or replace fed a manifest on stdin (kubectl apply -f - <<EOF with a
// CephCluster whose cleanupPolicy confirms the deletion of its data). A
// body that is JSON is the CLI reader's, and not read twice. Only text
// that mentions a stem is parsed.
func kubeYAMLSettings(inv *parse.Invocation, v *view, stems []string, out []setting) []setting {
	if v.name != "kubectl" && v.name != "oc" || len(v.operands) == 0 {
		return out
	}
	switch v.operands[0].Value {
	case "patch", "apply", "create", "replace":
	default:
		return out
	}
	k, ok := readKubePatch(inv, v)
	if !ok {
		return out
	}
	var body string
	switch {
	case k.body != "" && k.bodyKnown:
		body = k.body
	case k.stdin && inv.Stdin.Kind == parse.Known:
		body = inv.Stdin.Text
	default:
		return out
	}
	if t := strings.TrimSpace(body); t == "" || t[0] == '{' || t[0] == '[' && k.body != "" || !mentionsStem(body, stems) {
		return out
	}
	for _, doc := range strings.Split(body, "\n---") {
		parsed, ok := readYAML(doc)
		if !ok {
			continue
		}
		text, err := json.Marshal(parsed)
		if err != nil {
			continue
		}
		out, _ = jsonSettings(nil, string(text), out)
	}
	return out
}
