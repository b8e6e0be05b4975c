package rules

import (
	"strings"

	"github.com/guardsh/guard/internal/parse"
)

// This file holds the matcher of a Secret's or a ConfigMap's data removed
// by kubectl patch: a JSON patch that removes /data (every key) or one of
// its keys, or replaces /data with nothing, and a merge or strategic
// patch that sets data, or one of its keys, to null. The values are gone
// from the cluster; unlike a deleted workload, nothing in git or a chart
// brings a secret back, and whatever mounts it fails at its next start.

// newSecretDataRemoved matches kubectl or oc patch of a secret or a
// config map whose patch removes its data or a key of it.
func newSecretDataRemoved(with map[string]any) (matchFunc, error) {
	if err := newParams(with).done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		k, ok := readKubePatch(inv, v)
		if !ok || k.verb != "patch" || len(v.operands) < 2 || !dataKind(v.operands[1].Value) {
			return "", false
		}
		doc, parsed := k.document(inv, ctx)
		if !parsed {
			return "", false
		}
		if ops, isList := doc.([]any); isList {
			for _, o := range ops {
				op, _ := o.(map[string]any)
				p, _ := op["path"].(string)
				field, rest, _ := strings.Cut(strings.TrimPrefix(p, "/"), "/")
				if !dataField(field) {
					continue
				}
				switch {
				case op["op"] == "remove" && rest == "":
					return "the patch removes " + p + ", every key of it", true
				case op["op"] == "remove":
					return "the patch removes the key " + p, true
				case op["op"] == "replace" && rest == "" && emptyValue(op["value"]):
					return "the patch replaces " + p + " with nothing", true
				}
			}
			return "", false
		}
		obj, _ := doc.(map[string]any)
		for name, val := range obj {
			if !dataField(name) {
				continue
			}
			if val == nil {
				return "the patch sets " + name + " to null, every key of it", true
			}
			keys, _ := val.(map[string]any)
			for key, kv := range keys {
				if kv == nil {
					return "the patch sets " + name + "." + key + " to null, which removes the key", true
				}
			}
		}
		return "", false
	}, nil
}

// dataKind reports whether a kubectl resource operand names a secret or a
// config map (secret, secrets/db, cm/app, configmap.v1).
func dataKind(s string) bool {
	kind, _, _ := strings.Cut(strings.ToLower(s), "/")
	kind, _, _ = strings.Cut(kind, ".")
	switch kind {
	case "secret", "secrets", "configmap", "configmaps", "cm":
		return true
	}
	return false
}

// dataField reports whether a top-level field of a secret or a config
// map holds its values.
func dataField(s string) bool {
	switch s {
	case "data", "stringData", "binaryData":
		return true
	}
	return false
}

// emptyValue reports whether a patch value is null or an empty object.
func emptyValue(v any) bool {
	if v == nil {
		return true
	}
	m, ok := v.(map[string]any)
	return ok && len(m) == 0
}
