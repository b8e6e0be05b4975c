package rules

import (
	"slices"
	"strings"

	"github.com/guardsh/guard/internal/lazy"
	"github.com/guardsh/guard/internal/parse"
)

// A production manifest edited to delete keys and then pushed is a
// removal too: yq -i 'del(.spec.source)' apps/prod/orders.yaml, jq
// 'del(.spec.template)' written back over the file (> tmp && mv tmp
// file, or | sponge file), or sed -i '/replicas/d' deleting lines. A
// GitOps controller applies the manifest without what was deleted, so
// prodRemoval reads these edits like git rm of the file; so is an edit
// that turns pruning on (prunesOn), after which the controller deletes
// what the manifests lack. An edit that only sets other values, or a dev
// or staging path, is left alone.

// sedDeletes matches a sed script with a d command: /re/d, 3d, 4,9d,
// /a/,/b/d.
var sedDeletes = lazy.Regexp{Expr: `(^|[;\s])(/[^/]*/|\$|[0-9]+)(,(/[^/]*/|\$|[0-9]+))?\s*!?\s*d\s*($|;)`}

// prunesOn matches a yq or jq assignment that turns a GitOps
// controller's pruning on (.spec.prune = true, .syncPolicy.automated.prune
// = true, allowEmpty = true): whatever the manifests then lack is deleted
// from the cluster, as if it had been removed from them.
var prunesOn = lazy.Regexp{Expr: `(?i)\.(prune|allowempty)\s*\|?=\s*true`}

// yamlPrunesOn matches prune: true written in YAML or JSON.
var yamlPrunesOn = lazy.Regexp{Expr: `(?i)(prune|allowempty)"?\s*:\s*"?true`}

// sedPrunesOn reports whether a sed script substitutes text that turns
// pruning on: s/prune: false/prune: true/.
func sedPrunesOn(script string) bool {
	for _, cmd := range strings.Split(script, ";") {
		cmd = strings.TrimSpace(cmd)
		if len(cmd) < 4 || cmd[0] != 's' {
			continue
		}
		parts := strings.Split(cmd[2:], cmd[1:2])
		if len(parts) >= 2 && yamlPrunesOn.Get().MatchString(parts[1]) && !yamlPrunesOn.Get().MatchString(parts[0]) {
			return true
		}
	}
	return false
}

// keyDeletions returns the files that the invocation c edits in place to
// delete keys or lines, among the invocations invs of the command.
func keyDeletions(c *parse.Invocation, invs []*parse.Invocation) []parse.Word {
	args := c.Args[1:]
	var files []parse.Word
	inPlace, deletes, script := false, false, ""
	for i, a := range args {
		v := a.Value
		switch {
		case c.Name == "sed" || c.Name == "gsed":
			if v == "-i" || strings.HasPrefix(v, "-i") || strings.HasPrefix(v, "--in-place") {
				inPlace = true
				continue
			}
			if v == "-e" || v == "--expression" {
				continue
			}
			if strings.HasPrefix(v, "-") {
				continue
			}
			if script == "" && (i == 0 || args[i-1].Value != "-f") {
				script = v
				deletes = sedDeletes.Get().MatchString(v) || sedPrunesOn(v)
				continue
			}
			files = append(files, a)
		default: // yq, jq
			if v == "-i" || v == "--inplace" || strings.HasPrefix(v, "-") && !strings.HasPrefix(v, "--") && strings.Contains(v, "i") {
				inPlace = true
				continue
			}
			if strings.HasPrefix(v, "-") || v == "e" || v == "eval" || v == "eval-all" || v == "ea" {
				continue
			}
			if script == "" {
				script = v
				deletes = strings.Contains(v, "del(") || strings.Contains(v, "delpaths(") || prunesOn.Get().MatchString(v)
				continue
			}
			files = append(files, a)
		}
	}
	if !deletes || len(files) == 0 {
		return nil
	}
	if c.Name == "jq" || !inPlace {
		// Written back: a later mv over the file or sponge of it.
		var back []parse.Word
		for _, f := range files {
			if writtenBack(f.Value, invs) {
				back = append(back, f)
			}
		}
		return back
	}
	return files
}

// writtenBack reports whether one of invs moves a file over path or
// soaks output into it.
func writtenBack(path string, invs []*parse.Invocation) bool {
	for _, c := range invs {
		n := len(c.Args)
		switch {
		case (c.Name == "mv" || c.Name == "cp") && n >= 3 && c.Args[n-1].Value == path:
			return true
		case c.Name == "sponge" && n >= 2 && c.Args[n-1].Value == path:
			return true
		}
	}
	return false
}

// emptiedManifest returns a production manifest the command wrote before
// inv whose list of resources is now empty (resources: [] in a
// kustomization), or "": the controller then prunes everything the list
// held, as if each file had been removed.
func emptiedManifest(inv *parse.Invocation) string {
	var found []string
	for p, text := range inv.Written {
		if prodSegment(p) != "" && (strings.HasSuffix(p, ".yaml") || strings.HasSuffix(p, ".yml")) && emptyResourceList(text) {
			found = append(found, p)
		}
	}
	if len(found) == 0 {
		return ""
	}
	slices.Sort(found)
	return found[0]
}

// emptyResourceList reports whether YAML text sets a kustomization's
// resources (or components, bases) to an empty list: [] on the key's line,
// or no items under it.
func emptyResourceList(text string) bool {
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		key, rest, ok := strings.Cut(strings.TrimRight(l, " \t\r"), ":")
		if !ok || key != "resources" && key != "components" && key != "bases" {
			continue
		}
		rest = strings.TrimSpace(rest)
		if rest == "[]" {
			return true
		}
		if rest != "" {
			continue
		}
		items := false
		for _, m := range lines[i+1:] {
			t := strings.TrimSpace(m)
			if t == "" || strings.HasPrefix(t, "#") {
				continue
			}
			items = strings.HasPrefix(t, "- ") || t == "-"
			break
		}
		if !items {
			return true
		}
	}
	return false
}
