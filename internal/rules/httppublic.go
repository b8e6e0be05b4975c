package rules

import (
	"iter"
	"strings"

	"github.com/guardsh/guard/internal/httpreq"
	"github.com/guardsh/guard/internal/parse"
)

// An API call that turns a private thing public is the made-public
// matcher's judgement (setvalues.go) for the REST APIs behind the CLIs:
// a repository's "private": false or "visibility": "public" (GitHub,
// GitLab, Gitea, Bitbucket's is_private), a bucket's or an object
// store's public ACL, a container's public access level. The body's
// values are read as JSON members or form fields alike.

// newHTTPMadePublic matches a request that writes a body making a
// private repository, bucket or container public, to a host that is not
// this machine.
func newHTTPMadePublic(with map[string]any) (matchFunc, error) {
	if err := newParams(with).done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		for r := range v.httpWrites(inv) {
			if r.Method == "DELETE" || r.Method == "OPTIONS" || r.Loopback() && inv.Remote == "" {
				continue
			}
			for _, val := range r.Values() {
				if publicValue(strings.ToLower(val.Key), strings.ToLower(strings.TrimSpace(val.Text))) {
					return r.Method + " request to " + r.Where() + shortPath(r) + " sets " + val.Key + " to " + val.Text + ", which makes it public", true
				}
			}
		}
		return "", false
	}, nil
}

// publicValue reports whether a body's key and value, in lower case,
// make a thing public.
func publicValue(key, val string) bool {
	switch key {
	case "private", "is_private", "isprivate":
		return val == "false" || val == "0"
	case "visibility":
		return val == "public"
	case "acl", "x-amz-acl", "canned_acl", "predefinedacl":
		return val == "public-read" || val == "public-read-write"
	case "publicaccess", "public_access":
		return val == "blob" || val == "container"
	}
	return false
}

// httpWrites yields the invocation's requests that may change something:
// every method but GET and HEAD, one only known at run time included.
func (v *view) httpWrites(inv *parse.Invocation) iter.Seq[*httpreq.Request] {
	return func(yield func(*httpreq.Request) bool) {
		reqs := v.httpRequests(inv)
		for i := range reqs {
			if r := &reqs[i]; r.Method != "GET" && r.Method != "HEAD" && !yield(r) {
				return
			}
		}
	}
}
