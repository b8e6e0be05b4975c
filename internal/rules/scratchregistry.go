package rules

import (
	"net/url"
	"slices"
	"strings"

	"github.com/guardsh/guard/internal/parse"
)

// Publishing is public and lasting only on a registry others install
// from. TestPyPI exists for trying an upload out, and a registry on this
// machine (Verdaccio on localhost:4873, a gem server on :9292) is a
// sandbox the developer started: twine upload -r testpypi dist/*, npm
// publish --registry http://localhost:4873 and gem push --host
// http://127.0.0.1:9292 x.gem lose nothing. The public-registry matcher
// of cloud.package-publish finds the registry a publish names, by an
// option or by an assignment in the command, and matches unless it is
// one of those; a production marker anywhere keeps it asking. Unpublishing
// from such a registry (cloud.package-unpublish) is judged the same way.

// registryURLOptions are the options whose value is a registry's URL.
var registryURLOptions = []string{"--registry", "--publish-url", "--repository-url", "--host", "--index", "--index-url", "--source", "-s", "--url"}

// registryNameOptions are the options whose value names a configured
// registry.
var registryNameOptions = []string{"-r", "--repository", "--repo", "--index", "--registry"}

// registryVars are the assignments that name where a publish goes.
var registryVars = []string{"npm_config_registry", "twine_repository_url", "twine_repository", "uv_publish_url", "poetry_repositories_testpypi_url", "flit_index_url", "hatch_index_repo", "hatch_index_url"}

// scratchRegistries are registry names that stand for TestPyPI.
var scratchRegistries = []string{"testpypi", "test-pypi", "pypitest", "test"}

func newPublicRegistry(with map[string]any) (matchFunc, error) {
	if err := newParams(with).done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		const public = "the registry is one others install from"
		if inv.Remote != "" || prodMarker(inv, ctx) != "" {
			return public, true
		}
		target, known := publishTarget(inv)
		if known && scratchRegistry(target) {
			return "", false
		}
		return public, true
	}, nil
}

// publishTarget returns the registry a publish names, and whether it
// names one. A value only known at run time names none.
func publishTarget(inv *parse.Invocation) (string, bool) {
	target, known := "", false
	for _, a := range inv.Assigns {
		if slices.Contains(registryVars, strings.ToLower(a.Name)) {
			if a.Value.Dynamic {
				return "", false
			}
			target, known = a.Value.Value, true
		}
	}
	args := inv.Own()
	for i := 1; i < len(args); i++ {
		s := args[i].Value
		name, val, attached := strings.Cut(s, "=")
		if !slices.Contains(registryURLOptions, name) && !slices.Contains(registryNameOptions, name) {
			continue
		}
		w := args[i]
		if !attached {
			if i+1 >= len(args) {
				return "", false
			}
			i++
			w, val = args[i], args[i].Value
		}
		if w.Dynamic {
			return "", false
		}
		target, known = val, true
	}
	return target, known
}

// scratchRegistry reports whether a registry, by URL or by name, is
// TestPyPI or a server on this machine.
func scratchRegistry(s string) bool {
	if slices.Contains(scratchRegistries, strings.ToLower(s)) {
		return true
	}
	if !strings.Contains(s, "://") {
		s = "http://" + s
	}
	u, err := url.Parse(s)
	if err != nil {
		return false
	}
	h := strings.ToLower(u.Hostname())
	return h == "test.pypi.org" || localHost(h)
}
