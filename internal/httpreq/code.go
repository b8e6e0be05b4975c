package httpreq

import (
	"strings"

	"github.com/guardsh/guard/internal/lazy"
)

// Lang returns the language FromCode reads for an interpreter's name or a
// language name: python, node, ruby, php, perl or powershell; "" for
// others.
func Lang(name string) string {
	n := strings.ToLower(name)
	switch {
	case strings.HasPrefix(n, "python") || n == "py" || n == "pypy" || n == "pypy3" || n == "ipython":
		return "python"
	case n == "node" || n == "nodejs" || n == "deno" || n == "bun" || n == "js" || n == "javascript" || n == "ts-node" || n == "tsx" || n == "typescript":
		return "node"
	case n == "ruby" || n == "irb" || n == "jruby":
		return "ruby"
	case strings.HasPrefix(n, "php"):
		return "php"
	case n == "perl" || n == "perl5":
		return "perl"
	case n == "pwsh" || n == "powershell" || n == "powershell.exe" || n == "pwsh.exe":
		return "powershell"
	}
	return ""
}

// httpMarkers are words one of which code that makes HTTP requests holds,
// by language; code without any is not read further.
var httpMarkers = lazy.Value[map[string][]string]{Make: func() map[string][]string {
	return map[string][]string{
		"python":     {"requests", "httpx", "urllib", "urlopen", "http.client", "HTTPConnection", "HTTPSConnection", "aiohttp", "urllib3", "Request("},
		"node":       {"fetch", "axios", "got", "superagent", "request", "needle", "ky.", "ky(", "ajax", "undici"},
		"ruby":       {"Net::HTTP", "HTTParty", "RestClient", "Faraday", "HTTP.", "Excon", "Typhoeus", "URI.open", "open-uri"},
		"php":        {"curl_", "file_get_contents", "fopen", "Client", "->request", "Http::", "->delete", "->post", "->put", "->patch"},
		"perl":       {"LWP", "HTTP::", "Mojo::UserAgent", "Furl"},
		"powershell": {"Invoke-RestMethod", "Invoke-WebRequest", "irm", "iwr"},
	}
}}

var nodeRequires = strings.NewReplacer(`require("axios")`, "axios", `require('axios')`, "axios",
	`require("got")`, "got", `require('got')`, "got", `require("node-fetch")`, "fetch", `require('node-fetch')`, "fetch",
	`require("superagent")`, "superagent", `require('superagent')`, "superagent")

// The names of the calls that make a request, by language: a method, or
// request, fetch and their kind, whose method is in the arguments.
var (
	pythonVerbs = wordSet{list: "get post put patch delete head options request urlopen Request fetch"}
	nodeVerbs   = wordSet{list: "get post put patch delete del head options request fetch axios got ajax ky"}
	rubyVerbs   = wordSet{list: "get post put patch delete head options request execute new open"}
	phpVerbs    = wordSet{list: "get post put patch delete head options request file_get_contents fopen curl_init sendRequest"}
	perlVerbs   = wordSet{list: "get post put patch delete head options request new"}
)

// callVerbs returns the call names of a language, or nil.
func callVerbs(lang string) *wordSet {
	switch lang {
	case "python":
		return &pythonVerbs
	case "node":
		return &nodeVerbs
	case "ruby":
		return &rubyVerbs
	case "php":
		return &phpVerbs
	case "perl":
		return &perlVerbs
	}
	return nil
}

// psCmdlets finds PowerShell's web cmdlets.
var psCmdlets = lazy.Regexp{Expr: `(?i)\b(Invoke-RestMethod|Invoke-WebRequest|irm|iwr)\b`}

// callSite is where a call that may make a request is in code.
type callSite struct {
	recv      string
	verbStart int
	verbEnd   int
	after     int // after the opening parenthesis, or after the verb
	paren     bool
}

// findCalls finds the calls named by the language's verbs, outside
// string literals, with the receiver before them (requests.delete,
// $client->request, Net::HTTP::Delete.new).
func (c *codeText) findCalls() []callSite {
	verbs := callVerbs(c.lang)
	s := c.src
	var out []callSite
	for i := 0; i < len(s) && len(out) < 64; i++ {
		ch := s[i]
		if isQuote(ch) && !(c.lang == "powershell" && ch == '`') {
			i = c.readString(i).end - 1
			continue
		}
		if !(ch == '_' || ch >= 'a' && ch <= 'z' || ch >= 'A' && ch <= 'Z') || i > 0 && (s[i-1] == '_' || isAlnum(s[i-1])) {
			continue
		}
		k := i
		for k < len(s) && (s[k] == '_' || isAlnum(s[k])) {
			k++
		}
		if verbs == nil || !verbs.has(s[i:k]) {
			i = k - 1
			continue
		}
		j := k
		for j < len(s) && (s[j] == ' ' || s[j] == '\t') {
			j++
		}
		site := callSite{verbStart: i, verbEnd: k}
		switch {
		case j < len(s) && s[j] == '(':
			site.after, site.paren = j+1, true
		case c.lang == "ruby" && j > k:
			site.after = k
		default:
			i = k - 1
			continue
		}
		site.recv = c.receiverBefore(i)
		out = append(out, site)
		i = k - 1
	}
	return out
}

// receiverBefore returns the name a call at i is made on: requests in
// requests.delete, $client in $client->get, Net::HTTP::Delete in
// Net::HTTP::Delete.new.
func (c *codeText) receiverBefore(i int) string {
	s := c.src
	j := i - 1
	for j >= 0 && (s[j] == ' ' || s[j] == '\t') {
		j--
	}
	switch {
	case j >= 0 && s[j] == '.':
		j--
	case j >= 1 && (s[j-1:j+1] == "->" || s[j-1:j+1] == "::"):
		j -= 2
	default:
		return ""
	}
	for j >= 0 && (s[j] == ' ' || s[j] == '\t') {
		j--
	}
	end := j + 1
	for j >= 0 && (s[j] == '_' || s[j] == '.' || s[j] == ':' || s[j] == '$' || isAlnum(s[j])) {
		j--
	}
	name := strings.TrimLeft(s[j+1:end], ".:0123456789")
	return name
}

// httpReceivers are names that are HTTP clients whatever their first
// argument looks like.
var httpReceivers = lazy.Value[map[string]bool]{Make: func() map[string]bool {
	return map[string]bool{"requests": true, "httpx": true, "session": true, "axios": true, "got": true,
		"superagent": true, "needle": true, "ky": true, "HTTParty": true, "RestClient": true, "Faraday": true, "HTTP": true,
		"Excon": true, "Typhoeus": true, "Http": true, "urllib.request": true, "request": true, "aiohttp": true,
		"urllib3": true, "$http": true, "$": true, "jQuery": true}
}}

// FromCode returns the HTTP requests that code in an interpreter's
// language makes, as far as its text says: the method from the call or
// its options, the URL from literals and the names assigned them, headers
// and body from the options, and where the token in an Authorization
// header comes from. lang is a language or interpreter name (see Lang).
func FromCode(lang, code string) []Request {
	lang = Lang(lang)
	if lang == "" || len(code) > 1<<20 {
		return nil
	}
	found := false
	for _, m := range httpMarkers.Get()[lang] {
		if strings.Contains(code, m) {
			found = true
			break
		}
	}
	if !found {
		return nil
	}
	if lang == "node" && strings.Contains(code, "require") {
		// require("axios")(...) and require("node-fetch")(...) call the
		// library itself.
		code = nodeRequires.Replace(code)
	}
	c := &codeText{lang: lang, src: code, steps: new(int)}
	c.findAssigns()
	c.dotenv = strings.Contains(code, "dotenv") || strings.Contains(code, "Dotenv")
	var out []Request
	switch lang {
	case "powershell":
		out = c.powershell()
	case "php":
		out = append(c.calls(), c.phpCurl()...)
	default:
		out = c.calls()
	}
	for i := range out {
		out[i].override()
	}
	if len(out) > 0 {
		if cr := c.codeCredential(); cr != nil {
			for i := range out {
				out[i].Credential = better(out[i].Credential, cr)
			}
		}
	}
	return out
}

// calls reads every call that makes a request.
func (c *codeText) calls() []Request {
	var out []Request
	for _, site := range c.findCalls() {
		recv := site.recv
		if recv == "" {
			recv = c.callReceiver(site.verbStart)
		}
		open := -1
		if site.paren {
			open = site.after - 1
		}
		if r, ok := c.call(recv, c.src[site.verbStart:site.verbEnd], open, site.after); ok {
			out = append(out, r)
		}
		if len(out) >= 16 {
			break
		}
	}
	return out
}

// callReceiver returns, for a method called on the result of a call
// (httpx.Client(base_url="...").delete, LWP::UserAgent->new->delete), a
// name for that result: the call's text, which clientObject and baseURL
// read as if it had been assigned.
func (c *codeText) callReceiver(verbAt int) string {
	j := verbAt - 1
	for j >= 0 && (c.src[j] == ' ' || c.src[j] == '\t') {
		j--
	}
	switch {
	case j >= 0 && c.src[j] == '.':
		j--
	case j >= 1 && c.src[j-1:j+1] == "->":
		j -= 2
	default:
		return ""
	}
	if j < 0 || c.src[j] != ')' {
		return ""
	}
	// Find the opening parenthesis.
	depth := 0
	k := j
	for ; k >= 0; k-- {
		if c.src[k] == ')' {
			depth++
		} else if c.src[k] == '(' {
			depth--
			if depth == 0 {
				break
			}
		}
	}
	if k <= 0 {
		return ""
	}
	n := k - 1
	for n >= 0 && (c.src[n] == '_' || c.src[n] == '.' || c.src[n] == ':' || c.src[n] == '$' || isAlnum(c.src[n])) {
		n--
	}
	call := c.src[n+1 : j+1]
	name := "(" + call + ")"
	if c.assigns == nil {
		c.assigns = map[string]string{}
	}
	c.assigns[name] = call
	return name
}

// call reads one call: recv.verb(args).
func (c *codeText) call(recv, verb string, open, after int) (Request, bool) {
	var args [][2]int
	end := after
	if open >= 0 {
		end = c.closing(open)
		args = c.splitTop(open+1, end)
	} else {
		// Arguments up to the end of the line.
		e := strings.IndexAny(c.src[after:], "\n;")
		if e < 0 {
			e = len(c.src) - after
		}
		end = after + e
		args = c.splitTop(after, end)
	}
	arg := func(i int) string {
		if i < len(args) {
			return c.src[args[i][0]:args[i][1]]
		}
		return ""
	}
	base := strings.TrimSuffix(recv, ".")
	last := base
	if i := strings.LastIndexAny(base, ".:"); i >= 0 {
		last = base[i+1:]
	}
	r := Request{Client: c.lang + " " + clientName(c.lang, base, verb)}
	method, urlExpr := "", ""
	var opts []pair
	switch verb {
	case "get", "post", "put", "patch", "delete", "del", "head", "options":
		method = strings.ToUpper(verb)
		if method == "DEL" {
			method = "DELETE"
		}
		urlExpr = arg(0)
		if (verb == "post" || verb == "put" || verb == "patch") && len(args) > 1 {
			// post(url, data): a second positional argument is the body.
			if t := strings.TrimSpace(arg(1)); strings.HasPrefix(t, "{") || len(c.pairs(args[1][0], args[1][1])) == 0 {
				c.addBody(&r, t, 0)
			}
		}
	case "request", "execute", "sendRequest":
		// request("DELETE", url), request(method="DELETE", url=...),
		// request({method: 'delete', url}), Request::execute(method: :delete).
		if c.lang == "ruby" && rubyRequestObject(c, arg(0)) {
			// http.request(Net::HTTP::Delete.new(u)): read where it is made.
			return Request{}, false
		}
		if t, _ := c.value(arg(0), 0); isMethod(t) && !strings.Contains(arg(0), "=") && !strings.Contains(arg(0), ":") {
			method = strings.ToUpper(t)
			urlExpr = arg(1)
		} else if p := c.pairs(args0(args)); len(p) == 0 && !strings.HasPrefix(strings.TrimSpace(arg(0)), "{") {
			urlExpr = arg(0)
		}
		if c.lang == "python" && strings.HasSuffix(base, "conn") || strings.Contains(c.src, "HTTPConnection") || strings.Contains(c.src, "HTTPSConnection") {
			if r2, ok := c.httpClient(method, urlExpr, args); ok && c.lang == "python" {
				return r2, true
			}
		}
	case "fetch", "axios", "got", "ajax", "ky", "urlopen", "Request", "open":
		if verb == "open" && !strings.HasSuffix(base, "URI") {
			return Request{}, false
		}
		if t := strings.TrimSpace(arg(0)); !strings.HasPrefix(t, "{") {
			urlExpr = arg(0)
		}
	case "new":
		// Net::HTTP::Delete.new(uri), HTTP::Request->new(DELETE => $url),
		// Faraday.new(url: ...): the class says the method.
		switch {
		case c.lang == "ruby" && strings.HasPrefix(base, "Net::HTTP::"):
			method = strings.ToUpper(strings.TrimPrefix(base, "Net::HTTP::"))
			urlExpr = arg(0)
			c.laterBody(&r, base+".new", []string{".body=", ".body =", ".set_form_data(", ".form_data="})
		case c.lang == "perl" && base == "HTTP::Request":
			if t, _ := c.value(arg(0), 0); isMethod(t) {
				method = strings.ToUpper(t)
			} else if p := c.pairs(args0(args)); len(p) > 0 && isMethod(p[0].key) {
				method, urlExpr = strings.ToUpper(p[0].key), p[0].expr
			}
			if urlExpr == "" {
				urlExpr = arg(1)
			}
		default:
			return Request{}, false
		}
	case "file_get_contents", "fopen":
		// PHP: file_get_contents($url, false, stream_context_create([...])).
		urlExpr = arg(0)
		if t, _ := c.value(urlExpr, 0); !urlLike(t) {
			return Request{}, false
		}
	case "curl_init":
		return Request{}, false
	default:
		return Request{}, false
	}
	if !isMethod(method) && method != "" {
		return Request{}, false
	}
	// Options: keyword arguments and the fields of option objects, also
	// inside calls (stream_context_create([...])) and nested objects
	// ({"http": {"method": "DELETE"}}).
	for i := range args {
		opts = append(opts, c.deepPairs(args[i][0], args[i][1], 0)...)
	}
	var headers []pair
	for _, p := range opts {
		switch strings.ToLower(p.key) {
		case "method", "type", "verb", "http_method":
			if t, d := c.value(strings.TrimPrefix(p.expr, ":"), 0); !d && isMethod(t) {
				method = strings.ToUpper(t)
			} else if d {
				method = "?"
			}
		case "url", "uri", "base_uri", "baseurl", "base_url":
			if urlExpr == "" || strings.TrimSpace(urlExpr) == strings.TrimSpace(arg(0)) && strings.Contains(arg(0), p.key) {
				urlExpr = p.expr
			}
		case "json", "data", "body", "content", "payload", "form", "postfields", "form_params", "multipart":
			c.addBody(&r, p.expr, 0)
		case "headers", "header":
			headers = append(headers, c.objectPairs(p.expr)...)
		case "auth", "basic_auth", "bearer", "token":
			if cr := c.credential(p.key, p.expr); cr != nil {
				r.Credential = better(r.Credential, cr)
			}
		}
	}
	if urlExpr == "" {
		// Node's http.request({hostname, path, method}) and the like.
		urlExpr = c.urlFromParts(opts)
	}
	if c.lang == "node" && verb == "request" && len(r.Body) == 0 {
		// const req = https.request({...}); req.write(body); req.end().
		c.laterBody(&r, base+"."+verb+"(", []string{".write(", ".end("})
	}
	if urlExpr == "" {
		return Request{}, false
	}
	u, dyn := c.value(urlExpr, 0)
	// fetch(url, {method: 'DELETE'}): the option says it is a request,
	// wherever the URL comes from.
	deleteOpt := method == "DELETE" && (verb == "fetch" || verb == "axios" || verb == "got" || verb == "ky" || verb == "ajax")
	if !urlLike(u) && !httpReceivers.Get()[base] && !httpReceivers.Get()[last] && !c.clientObject(base) && !deleteOpt {
		return Request{}, false
	}
	if strings.HasPrefix(u, "${") && !httpReceivers.Get()[base] && !httpReceivers.Get()[last] && !c.clientObject(base) && !deleteOpt {
		return Request{}, false
	}
	if b := c.baseURL(base); b != "" && !strings.Contains(u, "://") {
		u = strings.TrimSuffix(b, "/") + "/" + strings.TrimPrefix(u, "/")
	}
	switch {
	case method == "?":
		method = ""
	case method == "" && len(r.Body) > 0 && verb != "fetch":
		method = "POST"
	case method == "":
		method = "GET"
	}
	r.Method = method
	r.setURL(u, "http")
	r.Dynamic = r.Dynamic || dyn && !strings.Contains(u, "://")
	for _, h := range headers {
		v, d := c.value(h.expr, 0)
		r.Headers = append(r.Headers, Header{Name: h.key, Value: v, Dynamic: d})
		if IsAuthHeader(h.key) {
			if cr := c.credential(h.key+" header", h.expr); cr != nil {
				r.Credential = better(r.Credential, cr)
			}
		}
	}
	return r, true
}

func args0(args [][2]int) (int, int) {
	if len(args) == 0 {
		return 0, 0
	}
	return args[0][0], args[0][1]
}

func clientName(lang, base, verb string) string {
	if strings.HasPrefix(base, "(") {
		// The result of a call: httpx.Client(...).delete.
		if i := strings.IndexByte(base[1:], '('); i >= 0 {
			base = base[1:i+1] + "()"
		}
	}
	if base != "" {
		return base + "." + verb
	}
	return verb
}

// urlLike reports whether text is a URL or an absolute path of one.
func urlLike(u string) bool {
	return strings.HasPrefix(u, "http://") || strings.HasPrefix(u, "https://") || strings.HasPrefix(u, "//") ||
		strings.Contains(u, "://") && !strings.HasPrefix(u, "${")
}

// clientObject reports whether a name was assigned an HTTP client:
// s = requests.Session(), conn = Faraday.new(...), ua = LWP::UserAgent->new.
func (c *codeText) clientObject(name string) bool {
	a, ok := c.assigns[strings.TrimLeft(name, "$@")]
	if !ok {
		return false
	}
	for _, m := range []string{"Session", "Client", "Faraday", "Net::HTTP", "LWP::UserAgent", "HTTP::Tiny", "Mojo::UserAgent", "axios.create", "got.extend", "HTTPConnection", "HTTPSConnection", "PoolManager", "ClientSession", "GuzzleHttp", "Http::"} {
		if strings.Contains(a, m) {
			return true
		}
	}
	return false
}

// baseURL returns the base URL given to a client object when it was made:
// Session has none; httpx.Client(base_url=...), Faraday.new(url: ...),
// axios.create({baseURL}), new Client(['base_uri' => ...]),
// Net::HTTP.start(host).
func (c *codeText) baseURL(name string) string {
	a, ok := c.assigns[strings.TrimLeft(name, "$@")]
	if !ok || !c.clientObject(name) {
		return ""
	}
	sub := &codeText{lang: c.lang, src: a, assigns: c.assigns, steps: c.steps}
	open := strings.IndexByte(a, '(')
	if open < 0 {
		return ""
	}
	end := sub.closing(open)
	inner := a[open+1 : end]
	if t := strings.TrimSpace(inner); strings.HasPrefix(t, "{") || strings.HasPrefix(t, "[") {
		o := open + 1 + strings.IndexAny(inner, "{[")
		end = sub.closing(o)
		open = o
	}
	for _, p := range sub.pairs(open+1, end) {
		switch strings.ToLower(p.key) {
		case "base_url", "baseurl", "url", "base_uri", "host", "hostname":
			v, _ := c.value(p.expr, 0)
			if !strings.Contains(v, "://") {
				v = "https://" + v
			}
			return v
		}
	}
	if args := sub.splitTop(open+1, end); len(args) > 0 {
		v, _ := c.value(a[args[0][0]:args[0][1]], 0)
		if v != "" && !strings.HasPrefix(v, "${") {
			if !strings.Contains(v, "://") {
				v = "https://" + v
			}
			return v
		}
	}
	return ""
}

// httpClient reads Python's http.client: a connection made to a host, and
// conn.request("DELETE", "/path", body, headers).
func (c *codeText) httpClient(method, pathExpr string, args [][2]int) (Request, bool) {
	m := hostConn.Get().FindStringSubmatch(c.src)
	if m == nil {
		return Request{}, false
	}
	scheme := "http"
	if m[1] == "HTTPS" {
		scheme = "https"
	}
	host, _ := c.value(m[2], 0)
	p, _ := c.value(pathExpr, 0)
	r := Request{Client: "python http.client", Method: method}
	if method == "" {
		r.Method = "GET"
	}
	r.setURL(scheme+"://"+strings.Trim(host, "/")+"/"+strings.TrimPrefix(p, "/"), scheme)
	body, headers := "", ""
	for i := 2; i < len(args); i++ {
		a := strings.TrimSpace(c.src[args[i][0]:args[i][1]])
		switch k, v, _ := strings.Cut(a, "="); {
		case strings.TrimSpace(k) == "body":
			body = v
		case strings.TrimSpace(k) == "headers":
			headers = v
		case i == 2:
			body = a
		case i == 3:
			headers = a
		}
	}
	if body != "" {
		c.addBody(&r, body, 0)
	}
	if headers != "" {
		for _, h := range c.objectPairs(headers) {
			v, d := c.value(h.expr, 0)
			r.Headers = append(r.Headers, Header{Name: h.key, Value: v, Dynamic: d})
			if IsAuthHeader(h.key) {
				r.Credential = better(r.Credential, c.credential(h.key+" header", h.expr))
			}
		}
	}
	return r, true
}

var hostConn = lazy.Regexp{Expr: `(HTTPS?)Connection\(\s*([^,)]+)`}

// objectPairs returns the pairs of an object literal, or of the object a
// name was assigned.
func (c *codeText) objectPairs(expr string) []pair {
	t := strings.TrimSpace(expr)
	if a, ok := c.assigns[strings.TrimLeft(t, "$@")]; ok {
		t = strings.TrimSpace(a)
	}
	if strings.HasPrefix(t, "dict(") || strings.HasPrefix(t, "array(") {
		t = t[strings.IndexByte(t, '('):]
	}
	t = strings.TrimPrefix(t, "@")
	if t == "" || strings.IndexByte("{[(", t[0]) < 0 {
		return nil
	}
	sub := &codeText{lang: c.lang, src: t, assigns: c.assigns, steps: c.steps}
	return sub.pairs(1, sub.closing(0))
}

// addBody adds what a body expression holds: an object literal's string
// fields (json={"query": q}), a string, or a JSON text.
func (c *codeText) addBody(r *Request, expr string, depth int) {
	if depth > 3 {
		return
	}
	t := strings.TrimSpace(expr)
	for _, w := range []string{"json.dumps(", "JSON.stringify(", "json_encode(", "JSON.generate(", "encode_json(", "ConvertTo-Json"} {
		if rest, ok := strings.CutPrefix(t, w); ok {
			t = strings.TrimSuffix(strings.TrimSpace(rest), ")")
		}
	}
	if ps := c.objectPairs(t); ps != nil {
		for _, p := range ps {
			if o := strings.TrimSpace(p.expr); strings.HasPrefix(o, "{") || strings.HasPrefix(o, "[") {
				c.addBody(r, o, depth+1)
				continue
			}
			v, _ := c.value(p.expr, 0)
			r.Body = append(r.Body, Part{Name: p.key, Value: v})
		}
		return
	}
	v, _ := c.value(t, 0)
	r.Body = append(r.Body, Part{Value: v})
}
