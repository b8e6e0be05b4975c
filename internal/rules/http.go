package rules

import (
	"net/netip"
	"net/url"
	"strings"

	"github.com/guardsh/guard/internal/parse"
)

// request is what guard can tell about an HTTP request from a command line.
type request struct {
	method  string
	urls    []string
	headers []string
	bodies  []string
}

// curlValueFlags are curl options that take a value and are not part of
// the request's method, URL, headers or body.
var curlValueFlags = map[string]bool{"-o": true, "--output": true, "-u": true, "--user": true, "-A": true,
	"--user-agent": true, "-e": true, "--referer": true, "-b": true, "--cookie": true, "-c": true,
	"--cookie-jar": true, "-x": true, "--proxy": true, "-w": true, "--write-out": true, "-K": true,
	"--config": true, "-E": true, "--cert": true, "--key": true, "--cacert": true, "--capath": true,
	"--connect-timeout": true, "-m": true, "--max-time": true, "--retry": true, "--retry-delay": true,
	"--retry-max-time": true, "-r": true, "--range": true, "--resolve": true, "--connect-to": true,
	"-D": true, "--dump-header": true, "--limit-rate": true, "--interface": true, "--dns-servers": true,
	"-y": true, "-Y": true, "-z": true, "-C": true, "--continue-at": true, "-t": true, "-Q": true,
	"--quote": true, "--aws-sigv4": true, "--oauth2-bearer": true, "--unix-socket": true,
	"--abstract-unix-socket": true, "--proxy-user": true, "-U": true, "--max-filesize": true,
	"--trace": true, "--trace-ascii": true, "--stderr": true, "--local-port": true, "--pinnedpubkey": true,
	"--ciphers": true, "--tls-max": true, "--expect100-timeout": true, "--happy-eyeballs-timeout-ms": true,
	"--max-redirs": true, "--keepalive-time": true, "--variable": true, "--output-dir": true}

var curlDataFlags = map[string]bool{"-d": true, "--data": true, "--data-raw": true, "--data-binary": true,
	"--data-urlencode": true, "--data-ascii": true, "--json": true, "-F": true, "--form": true,
	"--form-string": true}

// parseRequest reads the request a curl, wget or httpie invocation makes.
func parseRequest(inv *parse.Invocation) request {
	var r request
	args := inv.Args
	switch inv.Name {
	case "curl":
		explicit := ""
		for i := 1; i < len(args); i++ {
			a := args[i].Value
			val := func() string {
				if i+1 < len(args) {
					i++
					return args[i].Value
				}
				return ""
			}
			name, attached, eq := strings.Cut(a, "=")
			if !strings.HasPrefix(a, "--") || !eq {
				name, attached = a, ""
			}
			if strings.HasPrefix(a, "-") && !strings.HasPrefix(a, "--") && len(a) > 2 {
				// -XDELETE, -HAuthorization...: the value is attached.
				switch a[:2] {
				case "-X", "-H", "-d", "-F", "-T":
					name, attached, eq = a[:2], a[2:], true
				}
			}
			get := func() string {
				if eq {
					return attached
				}
				return val()
			}
			switch {
			case name == "-X" || name == "--request":
				explicit = strings.ToUpper(get())
			case name == "-H" || name == "--header":
				r.headers = append(r.headers, get())
			case curlDataFlags[name]:
				d := get()
				if strings.HasPrefix(d, "@") && inv.Stdin.Text != "" && (d == "@-" || d == "@/dev/stdin") {
					d = inv.Stdin.Text
				}
				r.bodies = append(r.bodies, d)
				if r.method == "" {
					r.method = "POST"
				}
			case name == "-T" || name == "--upload-file":
				get()
				r.method = "PUT"
			case name == "-I" || name == "--head":
				r.method = "HEAD"
			case name == "-G" || name == "--get":
				r.method = "GET"
			case name == "--url":
				r.urls = append(r.urls, get())
			case curlValueFlags[name]:
				if !eq {
					val()
				}
			case strings.HasPrefix(a, "-") && len(a) > 1:
			default:
				r.urls = append(r.urls, a)
			}
		}
		if explicit != "" {
			r.method = explicit
		}
	case "wget", "wget2":
		for i := 1; i < len(args); i++ {
			a := args[i].Value
			name, v, eq := strings.Cut(a, "=")
			if !eq && i+1 < len(args) && (name == "--method" || name == "--header" || name == "--post-data" || name == "--body-data") {
				i++
				v = args[i].Value
			}
			switch name {
			case "--method":
				r.method = strings.ToUpper(v)
			case "--header":
				r.headers = append(r.headers, v)
			case "--post-data", "--body-data", "--post-file", "--body-file":
				r.bodies = append(r.bodies, v)
				if r.method == "" {
					r.method = "POST"
				}
			default:
				if !strings.HasPrefix(a, "-") {
					r.urls = append(r.urls, a)
				} else if a == "-O" || a == "-o" || a == "-P" || a == "-U" || a == "-e" || a == "-t" || a == "-T" || a == "-w" {
					i++
				}
			}
		}
	default: // httpie and xh: http [flags] [METHOD] URL [ITEMS]
		var ops []string
		for i := 1; i < len(args); i++ {
			a := args[i].Value
			if strings.HasPrefix(a, "-") {
				switch a {
				case "-a", "--auth", "-A", "--auth-type", "-o", "--output", "--session", "--verify", "--cert", "--cert-key", "--proxy", "--timeout", "-p", "--print":
					i++
				}
				if a == "--raw" && i+1 < len(args) {
					i++
					r.bodies = append(r.bodies, args[i].Value)
				}
				continue
			}
			ops = append(ops, a)
		}
		if len(ops) > 0 && isUpperWord(ops[0]) {
			r.method = ops[0]
			ops = ops[1:]
		}
		if len(ops) > 0 {
			r.urls = append(r.urls, ops[0])
			for _, item := range ops[1:] {
				switch {
				case strings.Contains(item, ":=") || (strings.Contains(item, "=") && !strings.Contains(item, "==")):
					r.bodies = append(r.bodies, item)
					if r.method == "" {
						r.method = "POST"
					}
				case strings.Contains(item, ":"):
					r.headers = append(r.headers, item)
				}
			}
		}
		if inv.Stdin.Text != "" {
			r.bodies = append(r.bodies, inv.Stdin.Text)
			if r.method == "" {
				r.method = "POST"
			}
		}
	}
	if r.method == "" {
		r.method = "GET"
	}
	return r
}

func isUpperWord(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return true
}

// hostOf returns the host a URL argument names.
func hostOf(raw string) string {
	s := raw
	if !strings.Contains(s, "://") {
		s = "http://" + s
	}
	u, err := url.Parse(s)
	if err != nil {
		// Fall back to the text up to the first slash or colon.
		s = strings.TrimPrefix(strings.TrimPrefix(raw, "https://"), "http://")
		if i := strings.IndexAny(s, "/:?#"); i >= 0 {
			s = s[:i]
		}
		return strings.ToLower(s)
	}
	return strings.ToLower(u.Hostname())
}

// isLoopback reports whether a host is this machine.
func isLoopback(host string) bool {
	if host == "localhost" || strings.HasSuffix(host, ".localhost") || host == "0.0.0.0" || host == "::" {
		return true
	}
	ip, err := netip.ParseAddr(strings.Trim(host, "[]"))
	return err == nil && ip.Unmap().IsLoopback()
}

// graphqlVerbs are words in a mutation's field name that say it destroys.
var graphqlVerbs = []string{"delete", "destroy", "remove", "drop", "purge", "wipe", "reset", "truncate", "erase", "terminate", "nuke", "teardown"}

// destructiveMutation returns the first field of a GraphQL mutation in body
// whose name says it deletes, destroys, removes, drops, purges, wipes or
// resets something.
func destructiveMutation(body string) string {
	for rest := body; ; {
		i := strings.Index(rest, "mutation")
		if i < 0 {
			return ""
		}
		if i > 0 && (isAlnum(rest[i-1]) || rest[i-1] == '_') {
			rest = rest[i+8:]
			continue
		}
		rest = rest[i+8:]
		brace := strings.IndexByte(rest, '{')
		if brace < 0 {
			return ""
		}
		if name := topLevelField(rest[brace+1:]); name != "" {
			return name
		}
	}
}

// topLevelField scans a mutation's selection set and returns the first
// field directly in it whose name says it destroys something. Arguments,
// strings and nested selections are skipped, so that a query for a
// deletedAt field is not a deletion. The body may be JSON, with the
// GraphQL quotes escaped.
func topLevelField(sel string) string {
	depth, parens := 1, 0
	alias := false
	for j := 0; j < len(sel) && depth > 0; {
		c := sel[j]
		switch {
		case c == '"' || c == '\\' && j+1 < len(sel) && sel[j+1] == '"':
			// Skip a string: "..." or \"...\".
			esc := c == '\\'
			j += 1 + btoi(esc)
			for j < len(sel) {
				if esc {
					switch rest := sel[j:]; {
					case strings.HasPrefix(rest, `\\\"`):
						j += 4 // an escaped quote inside the string
						continue
					case strings.HasPrefix(rest, `\\`):
						j += 2
						continue
					case strings.HasPrefix(rest, `\"`):
						j += 2
					default:
						j++
						continue
					}
					break
				}
				if !esc && sel[j] == '\\' {
					j += 2
					continue
				}
				if !esc && sel[j] == '"' {
					j++
					break
				}
				j++
			}
			continue
		case c == '\\':
			// A JSON escape such as \n between tokens.
			j += 2
			continue
		case c == '{':
			depth++
		case c == '}':
			depth--
		case c == '(':
			parens++
		case c == ')':
			parens--
		case c == ':' && depth == 1 && parens == 0:
			alias = true
		case isAlnum(c) || c == '_':
			k := j
			for k < len(sel) && (isAlnum(sel[k]) || sel[k] == '_') {
				k++
			}
			if depth == 1 && parens == 0 {
				name := sel[j:k]
				after := strings.TrimLeft(sel[k:], " \t\r\n")
				if strings.HasPrefix(after, ":") && !alias {
					// An alias: the field name follows the colon.
					j = k
					continue
				}
				alias = false
				lower := strings.ToLower(name)
				for _, v := range graphqlVerbs {
					if strings.Contains(lower, v) {
						return name
					}
				}
			}
			j = k
			continue
		}
		j++
	}
	return ""
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// newHTTP matches HTTP requests by method, host and body.
func newHTTP(with map[string]any) (matchFunc, error) {
	p := newParams(with)
	methods := p.strings("methods")
	hosts := p.strings("hosts")
	graphql := p.bool("graphql", false)
	loopbackExempt := p.bool("exempt_loopback", true)
	if err := p.done(); err != nil {
		return nil, err
	}
	for i := range methods {
		methods[i] = strings.ToUpper(methods[i])
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		r := parseRequest(inv)
		if len(r.urls) == 0 {
			return "", false
		}
		host := ""
		for _, u := range r.urls {
			h := hostOf(u)
			if loopbackExempt && isLoopback(h) {
				continue
			}
			if len(hosts) > 0 && !matchAny(hosts, h) {
				continue
			}
			host = h
			break
		}
		if host == "" {
			return "", false
		}
		if len(methods) > 0 {
			ok := false
			for _, m := range methods {
				if m == r.method {
					ok = true
				}
			}
			if !ok {
				return "", false
			}
		}
		if graphql {
			for _, b := range r.bodies {
				if f := destructiveMutation(b); f != "" {
					return "GraphQL mutation " + f + " sent to " + host, true
				}
			}
			return "", false
		}
		return r.method + " request to " + host, true
	}, nil
}
