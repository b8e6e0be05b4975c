package rules

import (
	"path"
	"path/filepath"
	"strings"

	"github.com/guardsh/guard/internal/parse"
	"github.com/guardsh/guard/internal/safefile"
)

// Finalizers are a Kubernetes object's guards against deletion before
// its cleanup has run: kubernetes.io/pvc-protection keeps a claim whose
// pod still uses it, a namespace's "kubernetes" finalizer holds it until
// everything in it is gone, an operator's finalizer deletes the cloud
// resources behind a custom resource. Removing them (the usual way to
// "unstick" a Terminating object) lets the object go at once: the volume
// behind a PVC is released or deleted, and what the controller would have
// cleaned up is left behind or lost. The finalizers-removed matcher reads
// the body of kubectl patch as kubectl does (JSON or YAML, strategic
// merge, merge or JSON patch) and matches when it empties, nulls or
// removes metadata.finalizers or spec.finalizers; it matches too on
// kubectl replace --raw .../finalize, and on a replace or apply fed by a
// filter that rewrites the finalizers (jq 'del(.metadata.finalizers)').
// Adding a finalizer, or patching labels and annotations, passes.
// kubectl edit cannot be read, and is left alone.

func newFinalizersRemoved(with map[string]any) (matchFunc, error) {
	if err := newParams(with).done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		return finalizersRemoved(inv, v, ctx)
	}, nil
}

// kubePatch is what a kubectl patch, replace or apply says about its body.
type kubePatch struct {
	verb      string
	patchType string // strategic, merge, json
	body      string
	bodyKnown bool // -p or --patch gave a static body
	file      string
	raw       string // --raw
	stdin     bool   // -f - or --patch-file -
}

// readKubePatch reads the options of a kubectl patch, replace or apply.
func readKubePatch(inv *parse.Invocation, v *view) (kubePatch, bool) {
	k := kubePatch{patchType: "strategic"}
	if len(v.operands) > 0 {
		k.verb = v.operands[0].Value
	}
	args := inv.Args
	if inv.OwnArgs > 0 {
		args = args[:inv.OwnArgs]
	}
	for i := 1; i < len(args); i++ {
		name, val, has := strings.Cut(args[i].Value, "=")
		dynamic := args[i].Dynamic
		switch name {
		case "-p", "--patch", "--type", "--patch-file", "--raw", "-f", "--filename":
		default:
			if strings.HasPrefix(name, "-p") && !strings.HasPrefix(name, "--") && len(name) > 2 {
				// -p'{...}': the value attached.
				name, val, has = "-p", args[i].Value[2:], true
			} else {
				continue
			}
		}
		if !has {
			if i+1 >= len(args) {
				return k, false
			}
			i++
			val, dynamic = args[i].Value, args[i].Dynamic
		}
		switch name {
		case "-p", "--patch":
			k.body, k.bodyKnown = val, !dynamic
		case "--type":
			k.patchType = strings.ToLower(val)
		case "--patch-file":
			k.file = val
			k.stdin = val == "-" || val == "/dev/stdin"
		case "--raw":
			k.raw = val
		case "-f", "--filename":
			k.file = val
			k.stdin = val == "-" || val == "/dev/stdin"
		}
	}
	return k, true
}

// finalizersRemoved reports whether a kubectl command removes an
// object's finalizers.
func finalizersRemoved(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
	k, ok := readKubePatch(inv, v)
	if !ok {
		return "", mentionsFinalizers(ctx.text)
	}
	if k.raw != "" && (k.verb == "replace" || k.verb == "patch") {
		if r := strings.TrimRight(strings.SplitN(k.raw, "?", 2)[0], "/"); strings.HasSuffix(r, "/finalize") {
			return "it replaces the finalizers through " + k.raw, true
		}
	}
	body, known := k.body, k.bodyKnown
	switch {
	case k.verb == "patch" && k.body != "":
	case k.stdin && inv.Stdin.Kind == parse.Known:
		body, known = inv.Stdin.Text, true
	case k.stdin:
		// A pipe: a filter before it that touches the finalizers
		// rewrites them.
		if mentionsFinalizers(ctx.text) {
			return "it feeds kubectl " + k.verb + " a body rewritten by a filter that touches the finalizers", true
		}
		return "", false
	case k.file != "" && k.verb == "patch":
		body, known = readPatchFile(inv, ctx, k.file)
		if !known {
			// A patch file guard cannot read: most patch something else.
			return "", false
		}
	case k.file != "":
		// kubectl replace -f ns.json, after a step that wrote ns.json
		// with a filter touching the finalizers.
		if w := writtenBy(ctx.before, k.file); w != nil && mentionsFinalizers(w.Text) {
			return "it writes back " + k.file + ", which " + w.Name + " rewrote with the finalizers changed", true
		}
		body, known = readPatchFile(inv, ctx, k.file)
		if !known {
			return "", false
		}
	default:
		return "", false
	}
	if !known {
		if mentionsFinalizers(body) || mentionsFinalizers(ctx.text) {
			return "it patches finalizers with a body only known at run time", true
		}
		return "", false
	}
	doc, parsed := readYAML(body)
	if !parsed {
		if mentionsFinalizers(body) {
			return "it patches finalizers with a body guard cannot read", true
		}
		return "", false
	}
	if k.verb != "patch" {
		// kubectl apply or replace of an object whose finalizers are
		// empty or null.
		if where := emptiedFinalizers(doc, true); where != "" {
			return "the object it writes has " + where + " emptied", true
		}
		return "", false
	}
	if ops, isList := doc.([]any); isList || k.patchType == "json" {
		if where := jsonPatchRemoves(ops); where != "" {
			return "the JSON patch removes " + where, true
		}
		return "", false
	}
	if where := emptiedFinalizers(doc, false); where != "" {
		return "the patch sets " + where + " to nothing", true
	}
	return "", false
}

// mentionsFinalizers reports whether a text names finalizers.
func mentionsFinalizers(s string) bool {
	return strings.Contains(strings.ToLower(s), "finalizer")
}

// emptiedFinalizers returns the field a merge patch (or a whole object)
// empties: metadata.finalizers or spec.finalizers set to null or [], or
// listed under the strategic merge directive
// $deleteFromPrimitiveList/finalizers. A list that adds finalizers is
// not a removal.
func emptiedFinalizers(doc any, object bool) string {
	m, _ := doc.(map[string]any)
	for _, section := range []string{"metadata", "spec"} {
		s, present := m[section]
		if !present {
			continue
		}
		if s == nil && !object {
			return section
		}
		sm, _ := s.(map[string]any)
		for key, val := range sm {
			switch {
			case key == "$deleteFromPrimitiveList/finalizers":
				return section + ".finalizers (by $deleteFromPrimitiveList)"
			case key == "$patch" && (val == "replace" || val == "delete"):
				if _, has := sm["finalizers"]; !has || val == "delete" {
					return section + " (by $patch: " + val.(string) + ")"
				}
			case key == "finalizers":
				if l, isList := val.([]any); val == nil || isList && len(l) == 0 {
					return section + ".finalizers"
				}
			}
		}
	}
	return ""
}

// jsonPatchRemoves returns the finalizers path a JSON patch (RFC 6902)
// removes: a remove of the list or of an entry, a replace or add that
// empties the list, a replace of one entry, a move out of it, or a remove
// or replace of the metadata or spec that holds it.
func jsonPatchRemoves(ops []any) string {
	for _, o := range ops {
		op, _ := o.(map[string]any)
		kind, _ := op["op"].(string)
		p, _ := op["path"].(string)
		from, _ := op["from"].(string)
		val, hasVal := op["value"]
		list := isFinalizersPath(p)
		entry := strings.HasPrefix(p, "/metadata/finalizers/") || strings.HasPrefix(p, "/spec/finalizers/")
		kind = strings.ToLower(kind)
		switch kind {
		case "remove":
			if list || entry || p == "/metadata" || p == "/spec" {
				return p
			}
		case "replace", "add":
			l, isList := val.([]any)
			switch {
			case list && (!hasVal || val == nil || isList && len(l) == 0):
				return p
			case entry && kind == "replace":
				return p
			case p == "/metadata" && !holdsFinalizers(val):
				return p + " (replaced without its finalizers)"
			case p == "/spec" || p == "":
				section := map[string]any{"spec": val}
				if p == "" {
					section, _ = val.(map[string]any)
				}
				if emptiedFinalizers(section, false) != "" {
					return p + " (replaced with its finalizers emptied)"
				}
			}
		case "move":
			if isFinalizersPath(from) || strings.HasPrefix(from, "/metadata/finalizers/") || strings.HasPrefix(from, "/spec/finalizers/") {
				return from
			}
		}
	}
	return ""
}

// isFinalizersPath reports whether a JSON pointer names a finalizers list.
func isFinalizersPath(p string) bool {
	return p == "/metadata/finalizers" || p == "/spec/finalizers"
}

// holdsFinalizers reports whether the value that replaces /metadata
// still carries finalizers.
func holdsFinalizers(val any) bool {
	m, _ := val.(map[string]any)
	l, _ := m["finalizers"].([]any)
	return len(l) > 0
}

// readPatchFile returns a patch file's text: what the command wrote to it,
// or, for a command about to run, the file on disk.
func readPatchFile(inv *parse.Invocation, ctx *Context, file string) (string, bool) {
	if strings.ContainsAny(file, "$`*?[") {
		return "", false
	}
	p := file
	if !filepath.IsAbs(p) && inv.Dir != "" {
		p = filepath.Join(inv.Dir, p)
	}
	if text, ok := inv.Written[path.Clean(p)]; ok {
		return text, true
	}
	if ctx.State == nil || !filepath.IsAbs(p) {
		return "", false
	}
	// A FIFO, a device or a stalled mount must not hang guard.
	b, err := safefile.Read(p, 1<<20)
	return string(b), err == nil
}

// writtenBy returns the last of the invocations that writes file by a
// redirection, or nil.
func writtenBy(invs []*parse.Invocation, file string) *parse.Invocation {
	for i := len(invs) - 1; i >= 0; i-- {
		for _, r := range invs[i].Redirs {
			if r.Writes() && !r.Target.Dynamic && r.Target.Value == file {
				return invs[i]
			}
		}
	}
	return nil
}

// document returns a kubectl patch's body, parsed, from the option that
// gives it, stdin or a file guard can read; ok is false when it is not
// known or does not parse.
func (k kubePatch) document(inv *parse.Invocation, ctx *Context) (doc any, ok bool) {
	body, known := k.body, k.bodyKnown
	switch {
	case k.body != "":
	case k.stdin && inv.Stdin.Kind == parse.Known:
		body, known = inv.Stdin.Text, true
	case k.file != "":
		body, known = readPatchFile(inv, ctx, k.file)
	}
	if !known {
		return nil, false
	}
	return readYAML(body)
}
