package rules

import (
	"strings"

	"github.com/guardsh/guard/internal/parse"
)

// A public GitHub repository made private (or internal) loses for good
// what others gave it: GitHub erases its stars and watchers, and
// detaches its public forks into networks of their own. Making it public
// again brings none of it back. The repo-made-private matcher reads gh
// repo edit --visibility private or internal, and a PATCH of a
// repository (/repos/OWNER/REPO) through gh api or any HTTP client that
// sets "private": true or "visibility": "private" or "internal".

// newRepoMadePrivate builds the repo-made-private matcher.
func newRepoMadePrivate(with map[string]any) (matchFunc, error) {
	if err := newParams(with).done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		if v.name == "gh" && len(v.operands) >= 2 && v.operands[0].Value == "repo" && v.operands[1].Value == "edit" {
			args := inv.Own()
			for i := 1; i < len(args); i++ {
				a := args[i]
				if a.Dynamic {
					continue
				}
				val, ok := strings.CutPrefix(a.Value, "--visibility=")
				if !ok && a.Value == "--visibility" && i+1 < len(args) && !args[i+1].Dynamic {
					val, ok = args[i+1].Value, true
				}
				if ok && privateValue("visibility", strings.ToLower(val)) {
					return "it makes the repository " + val + ": GitHub erases its stars and watchers and detaches its forks", true
				}
			}
			return "", false
		}
		for r := range v.httpWrites(inv) {
			if r.Method != "PATCH" && r.Method != "POST" && r.Method != "PUT" || !githubRepoPath(r.Host, r.Path) {
				continue
			}
			for _, val := range r.Values() {
				if privateValue(strings.ToLower(val.Key), strings.ToLower(strings.TrimSpace(val.Text))) {
					return r.Method + " " + r.Where() + shortPath(r) + " sets " + val.Key + " to " + val.Text + ": GitHub erases a public repository's stars and watchers and detaches its forks", true
				}
			}
		}
		return "", false
	}, nil
}

// privateValue reports whether a repository setting, in lower case,
// makes it private.
func privateValue(key, val string) bool {
	switch key {
	case "private":
		return val == "true" || val == "1"
	case "visibility":
		return val == "private" || val == "internal"
	}
	return false
}

// githubRepoPath reports whether host and path name one repository in
// GitHub's REST API: /repos/OWNER/REPO on api.github.com or gh api's
// default host, or under /api/v3 on GitHub Enterprise Server.
func githubRepoPath(host, path string) bool {
	p := strings.Trim(path, "/")
	if rest, ok := strings.CutPrefix(p, "api/v3/"); ok {
		p = rest
	} else if host != "api.github.com" && !strings.HasSuffix(host, ".ghe.com") {
		return false
	}
	parts := strings.Split(p, "/")
	return len(parts) == 3 && parts[0] == "repos" && parts[1] != "" && parts[2] != ""
}
