package httpreq

import (
	"strings"

	"github.com/guardsh/guard/internal/parse"
)

// ghValue are gh api's options that take a value, by every spelling.
var ghValue = wordSet{list: `-X --method -H --header -f --raw-field -F --field --input --hostname -q --jq -t --template
-p --preview --cache -R --repo`}

// fromGh reads the request of gh api: REST endpoints relative to
// api.github.com, or graphql with the document in -f query=... Fields
// (-f, -F) and --input make the request a POST unless --method says
// otherwise. gh sends its own login unless GH_TOKEN or GITHUB_TOKEN is
// set on the command.
func fromGh(inv *parse.Invocation) []Request {
	return fromAPICommand(inv, "gh")
}

// fromAPICommand reads the api subcommand of gh, glab or hub, which share
// their options.
func fromAPICommand(inv *parse.Invocation, cli string) []Request {
	args := inv.Args[1:]
	// Global flags do not come before the subcommand; the first operand
	// must be api.
	if len(args) == 0 || args[0].Value != "api" {
		return nil
	}
	args = args[1:]
	method, dynMethod, host := "", false, ""
	var endpoint *parse.Word
	var headers []Header
	var body []Part
	var unread []string
	fields := false
	for i := 0; i < len(args); i++ {
		a := args[i]
		s := a.Value
		name, val, eq := s, "", false
		if strings.HasPrefix(s, "--") {
			name, val, eq = strings.Cut(s, "=")
		} else if strings.HasPrefix(s, "-") && len(s) > 2 {
			name, val, eq = s[:2], s[2:], true
		}
		if !strings.HasPrefix(s, "-") || len(s) < 2 {
			if endpoint == nil {
				endpoint = &args[i]
			}
			continue
		}
		if !ghValue.has(name) {
			continue
		}
		v := parse.Word{Value: val, Dynamic: a.Dynamic}
		if !eq {
			if i+1 >= len(args) {
				break
			}
			i++
			v = args[i]
		}
		switch name {
		case "-X", "--method":
			if v.Dynamic {
				dynMethod = true
			} else {
				method = strings.ToUpper(v.Value)
			}
		case "-H", "--header":
			if h, ok := parseHeader(resolveVar(inv, v.Value), v.Dynamic); ok {
				headers = append(headers, h)
			}
		case "-f", "--raw-field", "-F", "--field":
			fields = true
			k, fv, _ := strings.Cut(v.Value, "=")
			if f, ok := strings.CutPrefix(fv, "@"); ok && (name == "-F" || name == "--field") {
				if text, ok := readFile(inv, f); ok {
					fv = text
				} else {
					unread = append(unread, describeFile(f)+" (field "+k+")")
					if f == "-" {
						unread[len(unread)-1] = describeStdin(inv) + " (field " + k + ")"
					}
					continue
				}
			}
			body = append(body, Part{Name: k, Value: fv})
		case "--input":
			fields = true
			if text, ok := readFile(inv, v.Value); ok {
				body = append(body, Part{Value: text})
			} else if v.Value == "-" {
				unread = append(unread, describeStdin(inv))
			} else {
				unread = append(unread, describeFile(v.Value))
			}
		case "--hostname":
			host = strings.ToLower(v.Value)
		}
	}
	if endpoint == nil {
		return nil
	}
	switch {
	case dynMethod:
		method = ""
	case method == "" && fields:
		method = "POST"
	case method == "":
		method = "GET"
	}
	r := Request{Client: cli + " api", Method: method, Headers: headers, Body: body, Unread: unread}
	ep := endpoint.Value
	switch {
	case strings.Contains(ep, "://"):
		r.setURL(ep, "https")
	case ep == "graphql":
		r.setURL("https://"+graphqlURL(cli, host), "https")
		r.GraphQL = true
	default:
		r.setURL("https://"+apiHost(cli, host)+"/"+strings.TrimPrefix(ep, "/"), "https")
	}
	r.Dynamic = r.Dynamic || endpoint.Dynamic
	cands := headerCredentials(headers, inv)
	for _, name := range tokenVars.Get()[cli+" api"] {
		if w, ok := inv.Env(name); ok {
			if c := credential(name, w.Value, w.Dynamic, inv); c != nil {
				cands = append(cands, c)
			}
		}
	}
	r.Credential = pickCredential(cands, &r, inv)
	if r.Credential == nil {
		r.Credential = &Credential{Kind: cli + "'s login", Source: Client, From: cli + " auth"}
	}
	return []Request{r}
}

// apiHost returns where a CLI's REST API is for a host name:
// api.github.com for github.com, HOST/api/v3 for GitHub Enterprise
// Server, HOST/api/v4 for GitLab.
func apiHost(cli, host string) string {
	if cli == "glab" {
		if host == "" {
			host = "gitlab.com"
		}
		return host + "/api/v4"
	}
	if host == "github.com" || host == "api.github.com" || host == "" {
		return "api.github.com"
	}
	return host + "/api/v3"
}

// graphqlURL returns where a CLI's GraphQL API is.
func graphqlURL(cli, host string) string {
	if cli == "glab" {
		if host == "" {
			host = "gitlab.com"
		}
		return host + "/api/graphql"
	}
	return apiHost(cli, host) + "/graphql"
}
