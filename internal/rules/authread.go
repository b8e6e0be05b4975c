package rules

import (
	"slices"
	"strings"

	"github.com/guardsh/guard/internal/httpreq"
	"github.com/guardsh/guard/internal/parse"
)

// A token read only to authenticate a read: curl -H "X-Vault-Token: $(cat
// ~/.vault-token)" https://vault.../v1/sys/health puts the token in a
// header of a GET, not in front of the agent, as -H "Authorization: Bearer
// $(gh auth token)" does, which passes. cred.read-store passes such a read
// when
//
//   - a plain reader (cat, head) reads one file whose name says it holds a
//     single token (.vault-token, token, gh_token.txt), inside a $(...);
//   - that substitution appears once in the command, in the value of an
//     authenticating header (or in a variable used only there) (Authorization, X-Vault-Token, PRIVATE-TOKEN,
//     X-Api-Key) of an HTTP client's request;
//   - the request only reads (GET, HEAD, OPTIONS), and the client prints
//     no request headers (curl -v, --trace, httpie --print or -v).
//
// A key file (~/.ssh/id_rsa), a file of several credentials
// (~/.aws/credentials), or a request that writes keep asking; what a
// write does with a token dug out of a file is the HTTP rules' to judge.

// authHeaderOnly reports whether the credential read inv only fills an
// authenticating header of a read request.
func authHeaderOnly(inv *parse.Invocation, ctx *Context) bool {
	if inv.MoreArgs || len(inv.Redirs) > 0 || len(inv.Via) == 0 || inv.Via[len(inv.Via)-1] != "$(...)" {
		return false
	}
	if inv.Name != "cat" && inv.Name != "head" || len(inv.Args) != 2 || inv.Args[1].Dynamic || !tokenFile(inv.Args[1].Value) {
		return false
	}
	sub := "$(" + inv.Text + ")"
	if strings.Count(ctx.text, sub) != 1 {
		return false
	}
	// The token goes into the header as written, or through a variable
	// the command sets to it: TOKEN=$(cat ~/.vault-token); curl -H
	// "X-Vault-Token: $TOKEN".
	refs := []string{sub}
	for _, next := range ctx.after {
		for name, origin := range next.Origins {
			if origin == sub && !slices.Contains(refs, "$"+name) {
				refs = append(refs, "$"+name, "${"+name+"}")
			}
		}
	}
	uses := func(s string) bool {
		return slices.ContainsFunc(refs, func(r string) bool { return strings.Contains(s, r) })
	}
	outer := inv.Via[:len(inv.Via)-1]
	sent := false
	for _, next := range ctx.after {
		if !uses(next.Text) {
			continue
		}
		if !slices.Equal(next.Via, outer) || !authReadOnly(next, uses) {
			return false
		}
		sent = true
	}
	return sent
}

// authReadOnly reports whether inv is an HTTP client's read that uses
// the token only in a header that authenticates it, and prints no
// request headers.
func authReadOnly(inv *parse.Invocation, uses func(string) bool) bool {
	if printsHeaders(inv) {
		return false
	}
	reqs := requestsOf(inv)
	if len(reqs) != 1 {
		return false
	}
	r := &reqs[0]
	switch r.Method {
	case "GET", "HEAD", "OPTIONS":
	default:
		return false
	}
	inHeader := false
	for _, h := range r.Headers {
		if uses(h.Value) {
			if !authHeader(h.Name + ":") {
				return false
			}
			inHeader = true
		}
	}
	return inHeader && !uses(r.URL) && !slices.ContainsFunc(r.Body, func(p httpreq.Part) bool { return uses(p.Value) })
}

// tokenFile reports whether a file's name says it holds one token.
func tokenFile(path string) bool {
	base := path[strings.LastIndexByte(path, '/')+1:]
	return segments(base, func(_, seg string) bool { return seg == "token" })
}

// printsHeaders reports whether an HTTP client prints the request's
// headers, the token among them: curl -v, --trace, httpie --print=H.
func printsHeaders(inv *parse.Invocation) bool {
	for _, a := range inv.Own()[1:] {
		v := a.Value
		switch {
		case v == "--verbose" || strings.HasPrefix(v, "--trace") || strings.HasPrefix(v, "--print") || v == "-p" || strings.HasPrefix(v, "--debug"):
			return true
		case len(v) > 1 && v[0] == '-' && v[1] != '-' && strings.ContainsRune(v, 'v'):
			return true
		}
	}
	return false
}
