package rules

import (
	"regexp"
	"strings"

	"github.com/guardsh/guard/internal/lazy"
	"github.com/guardsh/guard/internal/parse"
)

// An API call that turns a private thing public is the made-public
// matcher's judgement (setvalues.go) for the REST APIs behind the CLIs:
// a repository's "private": false or "visibility": "public" (GitHub,
// GitLab, Gitea, Bitbucket's is_private), a bucket's or an object
// store's public ACL, a container's public access level. The body is
// read as JSON or as form fields.

// publicJSON finds the JSON members that make a thing public.
var publicJSON = lazy.Value[*regexp.Regexp]{Make: func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)"(?:private|is_private|isprivate)"\s*:\s*(?:false|"false"|0)\b|"visibility"\s*:\s*"public"|"(?:acl|x-amz-acl|canned_acl|predefinedacl)"\s*:\s*"public-read(?:-write)?"|"(?:publicaccess|public_access|publicAccess)"\s*:\s*"(?:blob|container)"`)
}}

// newHTTPMadePublic matches a request that writes a body making a
// private repository, bucket or container public, to a host that is not
// this machine.
func newHTTPMadePublic(with map[string]any) (matchFunc, error) {
	if err := newParams(with).done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		reqs := v.httpRequests(inv)
		for i := range reqs {
			r := &reqs[i]
			switch r.Method {
			case "GET", "HEAD", "OPTIONS", "DELETE":
				continue
			}
			if r.Loopback() && inv.Remote == "" {
				continue
			}
			for _, p := range r.Body {
				if why := publicPart(p.Name, p.Value); why != "" {
					return r.Method + " request to " + r.Where() + shortPath(r) + " " + why, true
				}
			}
		}
		return "", false
	}, nil
}

// publicPart returns what a body part sets that makes a thing public, or
// "": a form field (private=false, visibility=public) or a JSON
// document.
func publicPart(name, value string) string {
	if name != "" {
		n, val := strings.ToLower(name), strings.ToLower(strings.TrimSpace(value))
		switch {
		case (n == "private" || n == "is_private") && (val == "false" || val == "0"),
			n == "visibility" && val == "public":
			return "sets " + name + "=" + value + ", which makes it public"
		}
		return ""
	}
	if t := strings.TrimSpace(value); t != "" && t[0] != '{' && t[0] != '[' && strings.Contains(t, "=") {
		// A form body: visibility=public&name=x.
		for kv := range strings.SplitSeq(t, "&") {
			if k, val, ok := strings.Cut(kv, "="); ok {
				if why := publicPart(k, val); why != "" {
					return why
				}
			}
		}
		return ""
	}
	if m := publicJSON.Get().FindString(value); m != "" {
		return "sets " + strings.Join(strings.Fields(m), " ") + ", which makes it public"
	}
	return ""
}
