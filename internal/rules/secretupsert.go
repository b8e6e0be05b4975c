package rules

import (
	"path"
	"slices"
	"strings"

	"github.com/guardsh/guard/internal/parse"
)

// newSecretUpsert matches kubectl or oc apply (or replace) reading a
// manifest on stdin (-f -) that the invocation just before it pipes in
// from kubectl or oc create secret: the usual way to write a secret's
// data over what the cluster holds, old values gone. It matches only
// toward production, a production word on either side of the pipe (the
// namespace is often given to create and carried in its output), in an
// assignment or in guard's environment.
func newSecretUpsert(with map[string]any) (matchFunc, error) {
	if err := newParams(with).done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		if len(v.operands) == 0 || len(ctx.before) == 0 {
			return "", false
		}
		if verb := v.operands[0].Value; verb != "apply" && verb != "replace" || !readsStdinFile(inv.Own()) {
			return "", false
		}
		prev := ctx.before[len(ctx.before)-1]
		if inv.Stdin.Kind == parse.Known || !createsSecret(prev) || !pipedText(ctx.text, prev, inv) {
			return "", false
		}
		m := v.prodMarker(inv, ctx)
		if m == "" {
			m = prodMarker(prev, ctx)
		}
		if m == "" {
			// Anywhere, a key given an empty literal blanks the value
			// the cluster holds for it.
			if key := emptyLiteralKey(prev); key != "" {
				return "it writes an empty value for " + key + " over the secret in the cluster", true
			}
			return "", false
		}
		return "it writes the secret kubectl create prints over the one in the cluster (" + m + ")", true
	}, nil
}

// emptyLiteralKey returns the key of kubectl create secret's first
// --from-literal whose value is empty (--from-literal=password=,
// --from-literal token=), or "" if none is.
func emptyLiteralKey(inv *parse.Invocation) string {
	args := inv.Own()
	for i, w := range args {
		val, ok := strings.CutPrefix(w.Value, "--from-literal=")
		if !ok && w.Value == "--from-literal" && i+1 < len(args) {
			w, val, ok = args[i+1], args[i+1].Value, true
		}
		if !ok || w.Dynamic {
			continue
		}
		if key, v, found := strings.Cut(val, "="); found && key != "" && strings.Trim(v, `"'`) == "" {
			return key
		}
	}
	return ""
}

// createsSecret reports whether an invocation is kubectl or oc create
// secret: the words create and secret, in that order, among its
// arguments.
func createsSecret(inv *parse.Invocation) bool {
	if name := path.Base(inv.Name); name != "kubectl" && name != "oc" {
		return false
	}
	args := inv.Own()
	i := slices.IndexFunc(args, func(w parse.Word) bool { return !w.Dynamic && w.Value == "create" })
	return i > 0 && slices.ContainsFunc(args[i+1:], func(w parse.Word) bool { return !w.Dynamic && strings.EqualFold(w.Value, "secret") })
}
