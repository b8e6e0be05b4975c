package rules

import (
	"strings"

	"github.com/guardsh/guard/internal/httpreq"
	"github.com/guardsh/guard/internal/parse"
)

// newRepoMovedAPI matches an HTTP request that renames a hosted
// repository or transfers it to another owner: a PATCH of GitHub's or
// Gitea's repos/OWNER/REPO (api.github.com, /api/v3 of GitHub Enterprise,
// /api/v1 of Gitea and Forgejo) that sets name, a POST to
// repos/OWNER/REPO/transfer, GitLab's PUT projects/ID/transfer, or a PUT
// of projects/ID that sets path. Whatever named the old place (clones,
// CI, package URLs, Pages) breaks, and a transfer takes the repository
// out of its owner's hands.
func newRepoMovedAPI(with map[string]any) (matchFunc, error) {
	if err := newParams(with).done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		for r := range v.httpWrites(inv) {
			if r.Method == "" {
				continue
			}
			segs := strings.Split(strings.Trim(r.Path, "/"), "/")
			for len(segs) > 0 && (segs[0] == "api" || segs[0] == "v1" || segs[0] == "v3" || segs[0] == "v4") {
				segs = segs[1:]
			}
			switch {
			case len(segs) == 4 && segs[0] == "repos" && segs[3] == "transfer" && r.Method == "POST",
				len(segs) == 3 && segs[0] == "projects" && segs[2] == "transfer" && r.Method == "PUT":
				return r.Method + " " + r.Where() + " transfers the repository to another owner", true
			case len(segs) == 3 && segs[0] == "repos" && r.Method == "PATCH" && setsKey(r.Values(), "name"):
				return "PATCH " + r.Where() + " renames the repository", true
			case len(segs) == 2 && segs[0] == "projects" && r.Method == "PUT" && setsKey(r.Values(), "path"):
				return "PUT " + r.Where() + " moves the project to a new path", true
			}
		}
		return "", false
	}, nil
}

// setsKey reports whether a request's values set key to something.
func setsKey(vals []httpreq.Value, key string) bool {
	for _, val := range vals {
		if strings.EqualFold(val.Key, key) && strings.TrimSpace(val.Text) != "" {
			return true
		}
	}
	return false
}
