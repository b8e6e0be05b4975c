package rules

import (
	"fmt"
	"strings"

	"github.com/guardsh/guard/internal/parse"
)

// Scaling a workload to zero takes it out of service, however it is
// written: kubectl scale --replicas=0 (k8s.scale-zero), or a patch that
// sets spec.replicas to 0 (kubectl patch deploy api -p
// '{"spec":{"replicas":0}}', a JSON patch replacing /spec/replicas), or
// an operator's own count of what serves set to 0 at any depth of its
// custom resource: CloudNativePG's spec.instances, Zalando's
// numberOfInstances, MongoDB's members, Strimzi's spec.kafka.replicas,
// KEDA's maxReplicaCount and its paused-replicas annotation. The
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
		doc, parsed := k.document(inv, ctx)
		if !parsed {
			return "", false
		}
		if ops, isList := doc.([]any); isList {
			for _, o := range ops {
				op, _ := o.(map[string]any)
				p, _ := op["path"].(string)
				if (op["op"] == "replace" || op["op"] == "add") && zero(op["value"]) && servingCount(p[strings.LastIndexByte(p, '/')+1:]) {
					return "the patch sets " + strings.ReplaceAll(strings.TrimPrefix(p, "/"), "/", ".") + " to 0", true
				}
			}
			return "", false
		}
		if path, val := servingZero(doc, "", 0); path != "" {
			return "the patch sets " + path + " to " + val, true
		}
		return "", false
	}, nil
}

// servingCount reports whether a key of a workload or an operator's
// resource counts what serves: replicas, instances, members, and their
// spellings (numberOfInstances, maxReplicaCount, paused-replicas). A
// minimum (minReplicas, minReplicaCount) at 0 is scale to zero when idle,
// and does not count.
func servingCount(key string) bool {
	k := strings.ToLower(key[strings.LastIndexByte(key, '/')+1:])
	if strings.HasPrefix(k, "min") {
		return false
	}
	switch k {
	case "replicas", "instances", "numberofinstances", "members", "maxreplicas", "maxreplicacount",
		"replicacount", "nodecount", "count":
		return true
	}
	return false
}

// servingZero returns the dotted path of the first serving count set to 0
// in a patch body, and the value: 0, or true for a database operator's
// spec.pause (Percona's operators stop every instance of a paused
// cluster; a Deployment's spec.paused only holds its rollout). Counts are
// read under spec, in maps and in lists of them (ECK's nodeSets[].count,
// OpenSearch's nodePools[].replicas), no deeper than a few levels; a
// ConfigMap's data is not a count. An autoscaler's paused-replicas
// annotation is one.
func servingZero(doc any, at string, depth int) (string, string) {
	if depth == 0 {
		m, _ := doc.(map[string]any)
		meta, _ := m["metadata"].(map[string]any)
		marks, _ := meta["annotations"].(map[string]any)
		for name, val := range marks {
			if strings.HasSuffix(strings.ToLower(name), "/paused-replicas") && zero(val) {
				return "metadata.annotations." + name, "0"
			}
		}
		if spec, ok := m["spec"]; ok {
			return servingZero(spec, "spec", 1)
		}
		return "", ""
	}
	if depth > 5 {
		return "", ""
	}
	if list, ok := doc.([]any); ok {
		for i, item := range list {
			if p, val := servingZero(item, fmt.Sprintf("%s[%d]", at, i), depth+1); p != "" {
				return p, val
			}
		}
		return "", ""
	}
	m, ok := doc.(map[string]any)
	if !ok {
		return "", ""
	}
	for k, v := range m {
		path := at + "." + k
		switch k {
		case "labels", "annotations", "containers", "initContainers", "env", "data", "config":
			continue
		}
		if servingCount(k) && zero(v) {
			return path, "0"
		}
		if k == "pause" && at == "spec" && v == true {
			return path, "true"
		}
		if p, val := servingZero(v, path, depth+1); p != "" {
			return p, val
		}
	}
	return "", ""
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
