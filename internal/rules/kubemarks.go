package rules

import (
	"fmt"
	"strings"

	"github.com/guardsh/guard/internal/parse"
)

// This file holds the kube-marks matcher: an annotation or a label that
// orders an operator to act, set by kubectl annotate or label, or by a
// patch of metadata.annotations or metadata.labels. Operators read their
// orders from such marks, and some orders destroy: Strimzi's
// strimzi.io/delete-pod-and-pvc deletes a broker's volume with its pod,
// Cluster API's cluster.x-k8s.io/delete-machine picks the machine a
// scale-down deletes, Kyverno's cleanup.kyverno.io/ttl deletes the object
// when it runs out, KEDA's autoscaling.keda.sh/paused-replicas=0 holds a
// workload at zero. with.kind says which marks match:
//
//   - "delete": a key whose name (after the last /) holds a verb that
//     destroys (delete, deleting, destroy, purge, wipe, remove, erase)
//     and no word that protects (protection, prevent, policy, keep,
//     retain, orphan, skip, disable), set to a value that is not an off
//     word; a cleanup TTL (a key named ttl under a cleanup prefix); and
//     a setting object named so (Longhorn's deleting-confirmation-flag)
//     patched to a value that turns it on;
//   - "zero": a key whose name ends in replicas set to 0;
//   - "pause": an object's reconciliation paused (pause, paused,
//     suspend, skip-reconcile set on, reconcile... set off), for rules
//     that add only_prod;
//   - "privileged": Pod Security Admission's enforce label set to
//     privileged, which lets any pod into the namespace.
//
// Removing a mark (key-) passes: it cancels an order.

// newKubeMarks returns the kube-marks matcher.
func newKubeMarks(with map[string]any) (matchFunc, error) {
	p := newParams(with)
	kind := p.string("kind", "")
	if err := p.done(); err != nil {
		return nil, err
	}
	switch kind {
	case "delete", "zero", "pause", "privileged":
	default:
		return nil, fmt.Errorf("kube-marks: kind %q: want delete, zero, pause or privileged", kind)
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		if len(v.operands) == 0 {
			return "", false
		}
		for _, m := range kubeMarks(inv, v) {
			if markMatches(kind, m.key, m.value) && !(kind == "zero" && m.label) {
				return fmt.Sprintf("%s is set to %q", m.key, m.value), true
			}
		}
		return "", false
	}, nil
}

// kubeMark is one annotation, label or setting value a command sets;
// label says it is a label, which no operator reads as a count.
type kubeMark struct {
	key, value string
	label      bool
}

// kubeMarks returns the marks a kubectl annotate, label or patch sets.
func kubeMarks(inv *parse.Invocation, v *view) []kubeMark {
	var out []kubeMark
	switch verb := strings.ToLower(v.operands[0].Value); verb {
	case "annotate", "label":
		for _, a := range v.operands[1:] {
			if a.Dynamic || strings.HasPrefix(a.Value, "-") {
				continue
			}
			key, val, ok := strings.Cut(a.Value, "=")
			if ok && key != "" {
				out = append(out, kubeMark{key, val, verb == "label"})
			}
		}
	case "patch":
		k, ok := readKubePatch(inv, v)
		if !ok || !k.bodyKnown || k.body == "" {
			return nil
		}
		doc, parsed := readYAML(k.body)
		if !parsed {
			return nil
		}
		if ops, isList := doc.([]any); isList {
			// A JSON patch: /metadata/annotations/strimzi.io~1delete-pod-and-pvc.
			for _, o := range ops {
				op, _ := o.(map[string]any)
				p, _ := op["path"].(string)
				if op["op"] != "add" && op["op"] != "replace" {
					continue
				}
				for _, pre := range []string{"/metadata/annotations/", "/metadata/labels/"} {
					if key, ok := strings.CutPrefix(p, pre); ok {
						key = strings.ReplaceAll(strings.ReplaceAll(key, "~1", "/"), "~0", "~")
						out = append(out, kubeMark{key, markText(op["value"]), pre == "/metadata/labels/"})
					}
				}
			}
			return out
		}
		m, _ := doc.(map[string]any)
		meta, _ := m["metadata"].(map[string]any)
		for _, field := range []string{"annotations", "labels"} {
			marks, _ := meta[field].(map[string]any)
			for key, val := range marks {
				out = append(out, kubeMark{key, markText(val), field == "labels"})
			}
		}
		// A setting object whose name is the setting: kubectl patch
		// settings.longhorn.io deleting-confirmation-flag -p '{"value":"true"}'.
		if val, has := m["value"]; has && len(v.operands) >= 3 && settingKind(v.operands[1].Value) {
			name := v.operands[2].Value
			out = append(out, kubeMark{name, markText(val), false})
		} else if has && len(v.operands) >= 2 {
			if kind, name, ok := strings.Cut(v.operands[1].Value, "/"); ok && settingKind(kind) {
				out = append(out, kubeMark{name, markText(val), false})
			}
		}
	}
	return out
}

// settingKind reports whether a kind names an operator's setting objects,
// each one setting whose name is the object's (Longhorn's lhs).
func settingKind(kind string) bool {
	kind = strings.ToLower(kind)
	name, _, _ := strings.Cut(kind, ".")
	return name == "setting" || name == "settings" || kind == "lhs"
}

// markText returns a YAML or JSON scalar as text: "true", "0", "yes".
func markText(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case bool:
		if x {
			return "true"
		}
		return "false"
	case float64:
		return fmt.Sprint(x)
	}
	return fmt.Sprint(v)
}

// markMatches reports whether a mark set to a value is one of kind's.
func markMatches(kind, key, value string) bool {
	if strings.HasSuffix(key, "-") {
		return false
	}
	prefix, name := "", key
	if i := strings.LastIndexByte(key, '/'); i >= 0 {
		prefix, name = key[:i], key[i+1:]
	}
	var buf [maxParts]string
	parts := buf[:splitParts(name, buf[:])]
	val := normWord(value)
	switch kind {
	case "delete":
		if strings.EqualFold(name, "ttl") && strings.Contains(strings.ToLower(prefix), "cleanup") {
			return value != ""
		}
		verb := false
		for _, p := range parts {
			switch strings.ToLower(p) {
			case "delete", "deleting", "deletion", "destroy", "destroying", "purge", "wipe", "remove", "erase":
				verb = true
			case "protection", "protect", "protected", "prevent", "policy", "keep", "retain", "orphan", "skip", "disable", "disabled", "no", "not":
				return false
			}
		}
		return verb && !offWord(val)
	case "zero":
		return len(parts) > 0 && strings.EqualFold(parts[len(parts)-1], "replicas") && val == "0"
	case "pause":
		reconcile, skip := false, false
		for _, p := range parts {
			switch lp := strings.ToLower(p); {
			case lp == "pause" || lp == "paused" || lp == "suspend" || lp == "suspended":
				if strings.EqualFold(parts[len(parts)-1], "replicas") {
					return false
				}
				return val == "" || onWord(val)
			case strings.HasPrefix(lp, "reconcil"):
				reconcile = true
			case lp == "skip":
				skip = true
			}
		}
		return reconcile && (skip && (val == "" || onWord(val)) || !skip && offWord(val))
	case "privileged":
		return strings.EqualFold(key, "pod-security.kubernetes.io/enforce") && val == "privileged"
	}
	return false
}
