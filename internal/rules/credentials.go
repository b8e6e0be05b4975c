package rules

import (
	"strings"

	"github.com/guardsh/guard/internal/httpreq"
	"github.com/guardsh/guard/internal/parse"
)

// tokenFormat is a well-known credential format: a prefix and the least
// number of token characters after it.
type tokenFormat struct {
	prefix string
	min    int
	name   string
}

var tokenFormats = []tokenFormat{
	{"ghp_", 30, "GitHub token"}, {"gho_", 30, "GitHub token"}, {"ghu_", 30, "GitHub token"},
	{"ghs_", 30, "GitHub token"}, {"ghr_", 30, "GitHub token"}, {"github_pat_", 40, "GitHub token"},
	{"glpat-", 20, "GitLab token"}, {"xoxb-", 20, "Slack token"}, {"xoxp-", 20, "Slack token"},
	{"xoxa-", 20, "Slack token"}, {"xoxs-", 20, "Slack token"}, {"sk-ant-", 30, "Anthropic key"},
	{"sk-proj-", 30, "OpenAI key"}, {"sk_live_", 20, "Stripe live key"}, {"rk_live_", 20, "Stripe live key"},
	{"AKIA", 16, "AWS access key"}, {"ASIA", 16, "AWS access key"}, {"AIza", 35, "Google API key"},
	{"npm_", 36, "npm token"}, {"pypi-AgEIcHlwaS", 50, "PyPI token"}, {"dop_v1_", 60, "DigitalOcean token"},
	{"hf_", 34, "Hugging Face token"}, {"shpat_", 32, "Shopify token"}, {"glc_", 30, "Grafana token"},
	{"SG.", 60, "SendGrid key"}, {"-----BEGIN", 5, "private key"}, {"sk-", 40, "API key"},
}

// authHeaders are headers whose value is a credential.
var authHeaders = []string{"authorization", "proxy-authorization", "x-api-key", "api-key", "apikey",
	"x-auth-token", "private-token", "project-access-token", "x-access-token", "x-api-token", "token"}

// newCredentials matches a credential written literally into a command: an
// authorization header with a literal token, a password in a URL or after
// curl -u, or a well-known token format. An agent that pastes a token it
// found into a command is acting with access nobody gave it.
func newCredentials(with map[string]any) (matchFunc, error) {
	if err := newParams(with).done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		loopback := false
		if httpreq.IsClient(inv.Name) {
			reqs := v.httpRequests(inv)
			loopback = len(reqs) > 0
			for i := range reqs {
				if !reqs[i].Loopback() {
					loopback = false
				}
			}
		}
		for i, a := range inv.Args {
			if i == 0 || a.Dynamic {
				continue
			}
			s := a.Value
			if d := credentialIn(s); d != "" && !loopback {
				return d, true
			}
			if (s == "-u" || s == "--user") && i+1 < len(inv.Args) && (inv.Name == "curl" || inv.Name == "wget") {
				next := inv.Args[i+1]
				if _, pass, ok := strings.Cut(next.Value, ":"); ok && pass != "" && !next.Dynamic && !loopback && !defaultLogin(next.Value) {
					return "a literal password after " + s, true
				}
			}
		}
		for _, a := range inv.Assigns {
			if d := credentialIn(a.Value.Value); d != "" && !a.Value.Dynamic {
				return d + " in " + a.Name, true
			}
		}
		return "", false
	}, nil
}

// defaultLogin reports whether a user:password pair is a login that a
// product ships with and documents (RabbitMQ's guest:guest, MinIO's
// minioadmin:minioadmin): it is public, so writing it out leaks nothing.
// Whether the request it goes with destroys is judged by the HTTP rules,
// which this does not change.
func defaultLogin(pair string) bool {
	switch pair {
	case "guest:guest", "admin:admin", "minioadmin:minioadmin", "elastic:changeme",
		"neo4j:neo4j", "postgres:postgres", "root:root", "user:password":
		return true
	}
	return false
}

// credentialIn describes a literal credential in s, or returns "".
func credentialIn(s string) string {
	if len(s) < 7 {
		// Shorter than the shortest credential below (x://:p@): most
		// words, which audit checks by the million.
		return ""
	}
	// A header given in the same word as its option: --header=NAME: VALUE
	// (wget, curl), -HNAME: VALUE (curl).
	if opt, v, ok := strings.Cut(s, "="); ok && strings.HasPrefix(opt, "--") && !strings.ContainsAny(opt, ": ") {
		if d := credentialIn(v); d != "" {
			return d
		}
	}
	if v, ok := strings.CutPrefix(s, "-H"); ok && v != "" {
		if d := credentialIn(strings.TrimLeft(v, " ")); d != "" {
			return d
		}
	}
	if name, val, ok := strings.Cut(s, ":"); ok && !strings.Contains(name, "/") {
		h := strings.ToLower(strings.TrimSpace(name))
		for _, ah := range authHeaders {
			if h == ah {
				val = strings.TrimSpace(val)
				if f := strings.Fields(val); len(f) == 2 {
					val = f[1]
				}
				if len(val) >= 8 && !strings.ContainsAny(val, "$`") && !httpreq.TestKey(val) {
					// A test-mode key (sk_test_) reaches only test
					// data; Stripe's and Clerk's documentation write
					// them out.
					return "a literal credential in the " + name + " header"
				}
			}
		}
	}
	if i := strings.Index(s, "://"); i > 0 {
		rest := s[i+3:]
		if at := strings.IndexByte(rest, '@'); at > 0 && !strings.Contains(rest[:at], "/") {
			if _, pass, ok := strings.Cut(rest[:at], ":"); ok && pass != "" {
				host := httpreq.HostOf(s)
				if !httpreq.IsLoopback(host) && host != "db" && host != "postgres" && host != "mysql" && host != "redis" {
					return "a password written into the URL for " + host
				}
			}
		}
	}
	// The bytes s holds: a token format whose prefix's first two bytes
	// are not both among them is not in s, and needs no search (audit
	// checks every word of every command against each format).
	var present [4]uint64
	for i := 0; i < len(s); i++ {
		present[s[i]>>6] |= 1 << (s[i] & 63)
	}
	holds := func(c byte) bool { return present[c>>6]&(1<<(c&63)) != 0 }
	for _, t := range tokenFormats {
		if len(s) < len(t.prefix)+t.min || !holds(t.prefix[0]) || !holds(t.prefix[1]) {
			continue
		}
		i := strings.Index(s, t.prefix)
		if i < 0 {
			continue
		}
		if i > 0 && (isAlnum(s[i-1]) || s[i-1] == '_') && t.prefix != "-----BEGIN" {
			continue
		}
		n := 0
		for j := i + len(t.prefix); j < len(s) && (isAlnum(s[j]) || s[j] == '_' || s[j] == '-' || s[j] == '.'); j++ {
			n++
		}
		if t.prefix == "-----BEGIN" {
			if strings.Contains(s[i:], "PRIVATE KEY") {
				return "a literal private key"
			}
			continue
		}
		if n >= t.min {
			return "a literal " + t.name
		}
	}
	return ""
}
