package httpreq

import (
	"strings"

	"github.com/guardsh/guard/internal/parse"
)

// Clients are the command-line programs FromInvocation reads.
var Clients = []string{"curl", "curlie", "wget", "wget2", "http", "https", "xh", "xhs", "gh",
	"glab", "hub", "az", "stripe", "lwp-request", "GET", "HEAD", "POST", "httpx", "grpcurl",
	"nc", "ncat", "netcat", "socat", "telnet", "openssl", "hey", "oha", "ab",
	"ghz", "buf", "grpc_cli", "websocat", "wscat", "restish", "evans"}

// IsClient reports whether FromInvocation reads the program.
func IsClient(name string) bool {
	switch name {
	case "curl", "curlie", "wget", "wget2", "http", "https", "xh", "xhs", "gh", "glab", "hub", "az", "stripe",
		"lwp-request", "GET", "HEAD", "POST", "httpx", "grpcurl", "nc", "ncat", "netcat", "socat", "telnet",
		"openssl", "hey", "oha", "ab", "ghz", "buf", "grpc_cli", "websocat", "wscat", "restish", "evans":
		return true
	}
	return false
}

// FromInvocation returns the HTTP requests a command-line client would
// make, one for each URL. It returns nil for programs that are not HTTP
// clients, and for gh commands other than gh api.
func FromInvocation(inv *parse.Invocation) []Request {
	if len(inv.Args) == 0 {
		return nil
	}
	reqs := fromInvocation(inv)
	for i := range reqs {
		reqs[i].override()
	}
	return reqs
}

func fromInvocation(inv *parse.Invocation) []Request {
	if reqs, ok := rpcClient(inv); ok {
		return reqs
	}
	switch inv.Name {
	case "curl":
		return fromCurl(inv)
	case "curlie":
		return fromCurlie(inv)
	case "wget", "wget2":
		return fromWget(inv)
	case "http", "https", "xh", "xhs":
		return fromHTTPie(inv)
	case "gh":
		return fromGh(inv)
	case "lwp-request", "GET", "HEAD", "POST":
		return fromLWP(inv)
	case "httpx":
		return fromHttpx(inv)
	case "grpcurl":
		return fromGrpcurl(inv)
	case "glab", "hub":
		return fromGlab(inv)
	case "az":
		return fromAzRest(inv)
	case "stripe":
		return fromStripe(inv)
	case "nc", "ncat", "netcat", "socat", "telnet", "openssl":
		return fromRaw(inv)
	case "hey", "oha", "ab":
		return fromLoad(inv)
	}
	return nil
}

// fromCurlie reads curlie, which takes curl's options and HTTPie's
// [METHOD] URL [ITEM ...].
func fromCurlie(inv *parse.Invocation) []Request {
	reqs := fromCurl(inv)
	if len(reqs) == 0 {
		return nil
	}
	out := reqs[:0]
	method := ""
	var items []string
	for _, r := range reqs {
		switch {
		case method == "" && len(out) == 0 && isMethod(r.URL) && len(reqs) > 1:
			method = strings.ToUpper(r.URL)
		case len(out) > 0 && (strings.Contains(r.URL, "=") || strings.Contains(r.URL, ":") && !strings.Contains(r.URL, "/")):
			items = append(items, r.URL)
		default:
			r.Client = "curlie"
			out = append(out, r)
		}
	}
	for i := range out {
		r := &out[i]
		for _, item := range items {
			kind, name, val := splitItem(item)
			switch kind {
			case ":":
				r.Headers = append(r.Headers, Header{Name: name, Value: val})
			case "=", ":=":
				r.Body = append(r.Body, Part{Name: name, Value: val})
				if method == "" && r.Method == "GET" {
					r.Method = "POST"
				}
			}
		}
		if method != "" {
			r.Method = method
		}
	}
	return out
}

// fromLWP reads lwp-request and its GET, HEAD and POST names: -m sets the
// method; POST and PUT read the body from stdin.
func fromLWP(inv *parse.Invocation) []Request {
	method := "GET"
	if inv.Name != "lwp-request" {
		method = inv.Name
	}
	var headers []Header
	var creds []*Credential
	var urls []string
	args := inv.Args[1:]
	for i := 0; i < len(args); i++ {
		s := args[i].Value
		if !strings.HasPrefix(s, "-") || len(s) < 2 {
			urls = append(urls, s)
			continue
		}
		if strings.IndexByte("mbtiocCpH", s[1]) < 0 || i+1 >= len(args) {
			continue
		}
		i++
		v := args[i]
		switch s {
		case "-m":
			method = strings.ToUpper(v.Value)
			if v.Dynamic {
				method = ""
			}
		case "-H":
			if h, ok := parseHeader(v.Value, v.Dynamic); ok {
				headers = append(headers, h)
			}
		case "-C":
			if _, pass, ok := strings.Cut(v.Value, ":"); ok {
				if c := credential("-C user:password", pass, v.Dynamic && strings.ContainsAny(pass, "$`"), inv); c != nil {
					creds = append(creds, c)
				}
			}
		}
	}
	var body []Part
	var unread []string
	if method == "POST" || method == "PUT" {
		if inv.Stdin.Kind == parse.Known {
			body = []Part{{Value: inv.Stdin.Text}}
		} else {
			unread = []string{describeStdin(inv)}
		}
	}
	var out []Request
	for _, u := range urls {
		r := Request{Client: "lwp-request", Method: method, Headers: headers, Body: body, Unread: unread}
		r.setURL(u, "http")
		r.Credential = pickCredential(append(headerCredentials(headers, inv), creds...), &r, inv)
		out = append(out, r)
	}
	return out
}

// fromHttpx reads the httpx command of the Python library: httpx URL
// [-m METHOD] [-h NAME VALUE] [-j JSON] [-c CONTENT] [-d NAME VALUE].
func fromHttpx(inv *parse.Invocation) []Request {
	method := ""
	var headers []Header
	var body []Part
	var creds []*Credential
	var urls []string
	args := inv.Args[1:]
	two := func(i int) (parse.Word, parse.Word, bool) {
		if i+2 < len(args) {
			return args[i+1], args[i+2], true
		}
		return parse.Word{}, parse.Word{}, false
	}
	for i := 0; i < len(args); i++ {
		s := args[i].Value
		switch s {
		case "-m", "--method":
			if i+1 < len(args) {
				i++
				method = strings.ToUpper(args[i].Value)
				if args[i].Dynamic {
					method = "?"
				}
			}
		case "-h", "--headers":
			if n, v, ok := two(i); ok {
				i += 2
				headers = append(headers, Header{Name: n.Value, Value: v.Value, Dynamic: v.Dynamic})
			}
		case "-d", "--data", "-p", "--params", "-f", "--files":
			if n, v, ok := two(i); ok {
				i += 2
				if s == "-d" || s == "--data" {
					body = append(body, Part{Name: n.Value, Value: v.Value})
				}
			}
		case "--auth":
			if _, p, ok := two(i); ok {
				i += 2
				if c := credential("--auth user password", p.Value, p.Dynamic, inv); c != nil {
					creds = append(creds, c)
				}
			}
		case "-c", "--content", "-j", "--json":
			if i+1 < len(args) {
				i++
				body = append(body, Part{Value: args[i].Value})
			}
		case "--proxy", "--timeout", "--download", "--http2", "--verify", "--cookies", "-l", "--follow-redirects", "-v", "--verbose", "--no-verify", "--help":
			if s == "--proxy" || s == "--timeout" || s == "--download" || s == "--verify" || s == "--cookies" {
				i++
			}
		default:
			if !strings.HasPrefix(s, "-") {
				urls = append(urls, s)
			}
		}
	}
	switch {
	case method == "?":
		method = ""
	case method == "" && len(body) > 0:
		method = "POST"
	case method == "":
		method = "GET"
	}
	var out []Request
	for _, u := range urls {
		r := Request{Client: "httpx", Method: method, Headers: headers, Body: body}
		r.setURL(u, "https")
		r.Credential = pickCredential(append(headerCredentials(headers, inv), creds...), &r, inv)
		out = append(out, r)
	}
	return out
}

// grpcurlValue are grpcurl's options that take a value.
var grpcurlValue = wordSet{list: `-d -H -rpc-header -reflect-header -import-path -proto -protoset -authority -servername
-cacert -cert -key -max-time -connect-timeout -keepalive-time -max-msg-sz -format -user-agent -expand-headers
-protoset-out -alts-target-service-account -alts-handshaker-service -format-error`}

// fromGrpcurl reads grpcurl ADDRESS SERVICE/METHOD as a POST to the
// method's path, the way gRPC travels over HTTP/2.
func fromGrpcurl(inv *parse.Invocation) []Request {
	var ops []parse.Word
	var headers []Header
	var body []Part
	var unread []string
	plain := false
	args := inv.Args[1:]
	for i := 0; i < len(args); i++ {
		s := args[i].Value
		if !strings.HasPrefix(s, "-") || len(s) < 2 {
			ops = append(ops, args[i])
			continue
		}
		name, val, eq := strings.Cut(strings.Replace(s, "--", "-", 1), "=")
		if name == "-plaintext" {
			plain = true
		}
		if !grpcurlValue.has(name) {
			continue
		}
		v := parse.Word{Value: val, Dynamic: args[i].Dynamic}
		if !eq {
			if i+1 >= len(args) {
				break
			}
			i++
			v = args[i]
		}
		switch name {
		case "-H", "-rpc-header":
			if h, ok := parseHeader(v.Value, v.Dynamic); ok {
				headers = append(headers, h)
			}
		case "-d":
			if v.Value == "@" {
				if inv.Stdin.Kind == parse.Known {
					body = append(body, Part{Value: inv.Stdin.Text})
				} else {
					unread = append(unread, describeStdin(inv))
				}
			} else {
				body = append(body, Part{Value: v.Value})
			}
		}
	}
	if len(ops) < 2 || ops[1].Value == "list" || ops[1].Value == "describe" {
		return nil
	}
	scheme := "https"
	if plain {
		scheme = "http"
	}
	r := Request{Client: "grpcurl", Method: "POST", Headers: headers, Body: body, Unread: unread}
	r.setURL(scheme+"://"+ops[0].Value+"/"+strings.TrimPrefix(ops[1].Value, "/"), scheme)
	r.Credential = pickCredential(headerCredentials(headers, inv), &r, inv)
	return []Request{r}
}

// override applies a method override: a POST that says it is a DELETE
// with X-HTTP-Method-Override, or with a _method field as Rails and
// Laravel forms do, is one.
func (r *Request) override() {
	m := ""
	for _, h := range r.Headers {
		switch strings.ToLower(h.Name) {
		case "x-http-method-override", "x-http-method", "x-method-override":
			m = h.Value
		}
	}
	if m == "" {
		for _, v := range r.Param("_method") {
			m = v
		}
	}
	if m == "" {
		for _, p := range r.Body {
			if p.Name == "_method" {
				m = p.Value
			} else if p.Name == "" && strings.Contains(p.Value, "_method=") {
				for _, v := range r.Values() {
					if v.Key == "_method" {
						m = v.Text
					}
				}
			}
		}
	}
	if m = strings.ToUpper(strings.TrimSpace(m)); isMethod(m) {
		r.Method = m
	}
}
