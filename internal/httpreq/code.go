package httpreq

import (
	"regexp"
	"strings"
	"sync"
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
var httpMarkers = sync.OnceValue(func() map[string][]string {
	return map[string][]string{
		"python":     {"requests", "httpx", "urllib", "urlopen", "http.client", "HTTPConnection", "HTTPSConnection", "aiohttp", "urllib3", "Request("},
		"node":       {"fetch", "axios", "got", "superagent", "request", "needle", "ky.", "ky(", "ajax", "undici"},
		"ruby":       {"Net::HTTP", "HTTParty", "RestClient", "Faraday", "HTTP.", "Excon", "Typhoeus", "URI.open", "open-uri"},
		"php":        {"curl_", "file_get_contents", "fopen", "Client", "->request", "Http::", "->delete", "->post", "->put", "->patch"},
		"perl":       {"LWP", "HTTP::", "Mojo::UserAgent", "Furl"},
		"powershell": {"Invoke-RestMethod", "Invoke-WebRequest", "irm", "iwr"},
	}
})

var nodeRequires = strings.NewReplacer(`require("axios")`, "axios", `require('axios')`, "axios",
	`require("got")`, "got", `require('got')`, "got", `require("node-fetch")`, "fetch", `require('node-fetch')`, "fetch",
	`require("superagent")`, "superagent", `require('superagent')`, "superagent")

// callVerbs are the names of the calls that make a request, by language:
// a method, or request, fetch and their kind, whose method is in the
// arguments.
var callVerbs = map[string]wordSet{
	"python": setOf("get post put patch delete head options request urlopen Request fetch"),
	"node":   setOf("get post put patch delete del head options request fetch axios got ajax ky"),
	"ruby":   setOf("get post put patch delete head options request execute new open"),
	"php":    setOf("get post put patch delete head options request file_get_contents fopen curl_init sendRequest"),
	"perl":   setOf("get post put patch delete head options request new"),
}

// psCmdlets finds PowerShell's web cmdlets.
var psCmdlets = lazyRe(`(?i)\b(Invoke-RestMethod|Invoke-WebRequest|irm|iwr)\b`)

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
	verbs := callVerbs[c.lang]
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
		if verbs.words == nil || !verbs.has(s[i:k]) {
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

func lazyRe(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}

// httpReceivers are names that are HTTP clients whatever their first
// argument looks like.
var httpReceivers = sync.OnceValue(func() map[string]bool {
	return map[string]bool{"requests": true, "httpx": true, "session": true, "axios": true, "got": true,
		"superagent": true, "needle": true, "ky": true, "HTTParty": true, "RestClient": true, "Faraday": true, "HTTP": true,
		"Excon": true, "Typhoeus": true, "Http": true, "urllib.request": true, "request": true, "aiohttp": true,
		"urllib3": true, "$http": true, "$": true, "jQuery": true}
})

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
	for _, m := range httpMarkers()[lang] {
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
	if urlExpr == "" {
		return Request{}, false
	}
	u, dyn := c.value(urlExpr, 0)
	if !urlLike(u) && !httpReceivers()[base] && !httpReceivers()[last] && !c.clientObject(base) {
		return Request{}, false
	}
	if strings.HasPrefix(u, "${") && !httpReceivers()[base] && !httpReceivers()[last] && !c.clientObject(base) {
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
	m := hostConn().FindStringSubmatch(c.src)
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
	if len(args) > 2 {
		c.addBody(&r, c.src[args[2][0]:args[2][1]], 0)
	}
	if len(args) > 3 {
		for _, h := range c.objectPairs(c.src[args[3][0]:args[3][1]]) {
			v, d := c.value(h.expr, 0)
			r.Headers = append(r.Headers, Header{Name: h.key, Value: v, Dynamic: d})
			if IsAuthHeader(h.key) {
				r.Credential = better(r.Credential, c.credential(h.key+" header", h.expr))
			}
		}
	}
	return r, true
}

var hostConn = lazyRe(`(HTTPS?)Connection\(\s*([^,)]+)`)

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

func better(a, b *Credential) *Credential {
	if a == nil || b != nil && rank(b.Source) > rank(a.Source) {
		return b
	}
	return a
}

// fileReaders are calls that read a file, by language; envReaders read the
// environment; runners run a program.
var (
	fileReaders = []string{"open(", "read_text", "File.read", "File.open", "IO.read", "readFileSync", "readFile(", "file_get_contents", "fopen(", "parse_ini_file", "Get-Content", "gc ", "dotenv_values", "read_file", "slurp", "Path(", "cat "}
	envReaders  = []string{"environ", "getenv", "process.env", "ENV[", "ENV.fetch", "$_ENV", "$_SERVER", "$env:", "Deno.env", "Bun.env", "%ENV", "$ENV{"}
	runners     = []string{"subprocess", "check_output", "execSync", "exec(", "`", "%x", "popen", "shell_exec", "system(", "qx"}
)

// credential works out where the token in a credential expression comes
// from: a literal, a name the code assigned from a file, the environment,
// or a program.
func (c *codeText) credential(kind, expr string) *Credential {
	cr := &Credential{Kind: kind}
	c.trace(cr, expr, 0)
	if cr.Source == "" {
		return nil
	}
	return cr
}

func (c *codeText) trace(cr *Credential, expr string, depth int) {
	t := strings.TrimSpace(expr)
	if t == "" || depth > 6 || c.spent() {
		return
	}
	set := func(s Source, from, file string) {
		if cr.Source == "" || rank(s) > rank(cr.Source) {
			cr.Source, cr.From, cr.File = s, clip(strings.TrimSpace(from), 160), file
		}
	}
	for _, w := range fileReaders {
		if at := strings.Index(t, w); at >= 0 {
			file := firstLiteral(c, t[at:])
			if file == "" && strings.Contains(t, "dotenv") {
				file = ".env"
			}
			if file != "" || w != "Path(" {
				set(File, t, file)
				return
			}
		}
	}
	for _, w := range envReaders {
		if strings.Contains(t, w) {
			if c.dotenv {
				set(File, t+" after loading .env", ".env")
			} else {
				set(Environment, t, "")
			}
			return
		}
	}
	for _, w := range runners {
		if strings.Contains(t, w) {
			set(Command, t, "")
			return
		}
	}
	// A literal, or names to follow.
	sub := &codeText{lang: c.lang, src: t, assigns: c.assigns, steps: c.steps}
	for i := 0; i < len(t); i++ {
		ch := t[i]
		switch {
		case isQuote(ch):
			lit := sub.readString(i)
			text := lit.text
			if lit.interp {
				for _, name := range interpNames(c.lang, text) {
					if a, ok := c.assigns[name]; ok {
						c.trace(cr, a, depth+1)
					} else {
						set(Environment, name, "")
					}
				}
				text = stripInterp(c.lang, text)
			}
			secret := strings.TrimSpace(text)
			if f := strings.Fields(secret); len(f) == 2 {
				secret = f[1]
			} else if len(f) == 1 && isScheme(f[0]) {
				secret = ""
			}
			if secret != "" && !strings.HasSuffix(secret, ":") {
				set(Literal, "", "")
			}
			i = lit.end - 1
		case ch == '_' || ch == '$' || ch == '@' || isAlnum(ch):
			k := i
			for k < len(t) && (t[k] == '_' || t[k] == '$' || t[k] == '@' || isAlnum(t[k])) {
				k++
			}
			name := strings.TrimLeft(t[i:k], "$@")
			if a, ok := c.assigns[name]; ok && a != t {
				c.trace(cr, a, depth+1)
			}
			i = k - 1
		}
	}
}

func isScheme(w string) bool {
	switch strings.ToLower(w) {
	case "bearer", "basic", "token", "bot", "apikey", "key":
		return true
	}
	return false
}

// firstLiteral returns the first string literal in text.
func firstLiteral(c *codeText, text string) string {
	sub := &codeText{lang: c.lang, src: text, steps: c.steps}
	for i := 0; i < len(text); i++ {
		if isQuote(text[i]) {
			return sub.readString(i).text
		}
	}
	return ""
}

// interpNames returns the names a literal's interpolations use.
func interpNames(lang, t string) []string {
	var out []string
	for i := 0; i < len(t); i++ {
		j := -1
		switch {
		case lang == "python" && t[i] == '{':
			j = i + 1
		case (lang == "node" && t[i] == '$' || lang == "ruby" && t[i] == '#') && i+1 < len(t) && t[i+1] == '{':
			j = i + 2
		case (lang == "php" || lang == "perl" || lang == "powershell") && t[i] == '$':
			j = i + 1
		}
		if j < 0 {
			continue
		}
		k := j
		for k < len(t) && (t[k] == '_' || isAlnum(t[k])) {
			k++
		}
		if k > j {
			out = append(out, t[j:k])
		}
		i = k - 1
	}
	return out
}

// stripInterp removes a literal's interpolations, leaving its own text.
func stripInterp(lang, t string) string {
	var b strings.Builder
	for i := 0; i < len(t); i++ {
		switch {
		case lang == "python" && t[i] == '{',
			(lang == "node" && t[i] == '$' || lang == "ruby" && t[i] == '#') && i+1 < len(t) && t[i+1] == '{':
			if e := strings.IndexByte(t[i:], '}'); e >= 0 {
				i += e
				continue
			}
		case (lang == "php" || lang == "perl" || lang == "powershell") && t[i] == '$':
			k := i + 1
			for k < len(t) && (t[k] == '_' || isAlnum(t[k])) {
				k++
			}
			i = k - 1
			continue
		}
		b.WriteByte(t[i])
	}
	return b.String()
}

// phpCurl reads PHP's curl extension: curl_init($url) and the curl_setopt
// calls on the handle.
func (c *codeText) phpCurl() []Request {
	if !strings.Contains(c.src, "curl_init") {
		return nil
	}
	re := phpSetopt()
	r := Request{Client: "php curl"}
	u := ""
	if m := phpInit().FindStringSubmatchIndex(c.src); m != nil {
		open := m[1] - 1
		end := c.closing(open)
		u = c.src[open+1 : end]
	}
	method, post := "", false
	var hdrs []string
	for _, m := range re.FindAllStringSubmatchIndex(c.src, 32) {
		opt := c.src[m[2]:m[3]]
		start := m[1]
		end := c.closing(m[0] + strings.IndexByte(c.src[m[0]:], '('))
		expr := c.src[start:min(end, len(c.src))]
		switch opt {
		case "CUSTOMREQUEST":
			if t, d := c.value(expr, 0); !d {
				method = strings.ToUpper(t)
			} else {
				method = "?"
			}
		case "POST":
			post = strings.TrimSpace(expr) != "false" && strings.TrimSpace(expr) != "0"
		case "PUT", "UPLOAD":
			if method == "" {
				method = "PUT"
			}
		case "NOBODY":
			if method == "" {
				method = "HEAD"
			}
		case "URL":
			u = expr
		case "POSTFIELDS":
			post = true
			c.addBody(&r, expr, 0)
		case "HTTPHEADER":
			hdrs = append(hdrs, expr)
		case "USERPWD":
			r.Credential = better(r.Credential, c.credential("CURLOPT_USERPWD", expr))
		}
	}
	if u == "" {
		return nil
	}
	switch {
	case method == "?":
		method = ""
	case method == "" && post:
		method = "POST"
	case method == "":
		method = "GET"
	}
	r.Method = method
	url, _ := c.value(u, 0)
	r.setURL(url, "http")
	for _, h := range hdrs {
		sub := &codeText{lang: c.lang, src: strings.TrimSpace(h), assigns: c.assigns, steps: c.steps}
		if a, ok := c.assigns[strings.TrimLeft(sub.src, "$")]; ok {
			sub.src = strings.TrimSpace(a)
		}
		if sub.src == "" {
			continue
		}
		for _, span := range sub.splitTop(1, sub.closing(0)) {
			e := sub.src[span[0]:span[1]]
			v, d := c.value(e, 0)
			if hd, ok := parseHeader(v, d); ok {
				r.Headers = append(r.Headers, hd)
				if IsAuthHeader(hd.Name) {
					r.Credential = better(r.Credential, c.credential(hd.Name+" header", e))
				}
			}
		}
	}
	return []Request{r}
}

var (
	phpSetopt = lazyRe(`curl_setopt\s*\(\s*\$\w+\s*,\s*CURLOPT_(\w+)\s*,`)
	phpInit   = lazyRe(`curl_init\s*\(`)
)

// powershell reads Invoke-RestMethod and Invoke-WebRequest, whose
// parameters are -Name value.
func (c *codeText) powershell() []Request {
	re := psCmdlets()
	var out []Request
	for _, m := range re.FindAllStringIndex(c.src, 16) {
		end := strings.IndexAny(c.src[m[1]:], ";\n|")
		if end < 0 {
			end = len(c.src) - m[1]
		}
		r := Request{Client: "powershell " + c.src[m[0]:m[1]], Method: "GET"}
		u := ""
		words := c.psWords(m[1], m[1]+end)
		for i := 0; i < len(words); i++ {
			w := words[i]
			if !strings.HasPrefix(w, "-") {
				if u == "" {
					u = w
				}
				continue
			}
			if i+1 >= len(words) {
				break
			}
			v := words[i+1]
			switch strings.ToLower(w) {
			case "-method", "-custommethod":
				i++
				if t, d := c.psValue(v); !d {
					r.Method = strings.ToUpper(t)
				} else {
					r.Method = ""
				}
			case "-uri":
				i++
				u = v
			case "-body":
				i++
				c.addBody(&r, v, 0)
				if r.Method == "GET" {
					r.Method = "POST"
				}
			case "-headers":
				i++
				for _, p := range c.objectPairs(v) {
					hv, d := c.value(p.expr, 0)
					r.Headers = append(r.Headers, Header{Name: p.key, Value: hv, Dynamic: d})
					if IsAuthHeader(p.key) {
						r.Credential = better(r.Credential, c.credential(p.key+" header", p.expr))
					}
				}
			case "-token":
				i++
				r.Credential = better(r.Credential, c.credential("-Token", v))
			}
		}
		if u == "" {
			continue
		}
		t, _ := c.psValue(u)
		r.setURL(t, "https")
		out = append(out, r)
	}
	return out
}

// psValue is the value of a PowerShell argument: a bare word is itself.
func (c *codeText) psValue(w string) (string, bool) {
	if w != "" && !isQuote(w[0]) && w[0] != '$' && w[0] != '(' {
		return w, false
	}
	return c.value(w, 0)
}

// psWords splits PowerShell arguments at spaces outside strings and
// brackets.
func (c *codeText) psWords(from, to int) []string {
	var out []string
	s := c.src
	start := -1
	depth := 0
	for j := from; j < to; j++ {
		ch := s[j]
		switch {
		case ch == '"' || ch == '\'':
			if start < 0 {
				start = j
			}
			j = min(c.readString(j).end, to) - 1
		case ch == '(' || ch == '{' || ch == '[':
			if start < 0 {
				start = j
			}
			depth++
		case ch == ')' || ch == '}' || ch == ']':
			depth--
		case (ch == ' ' || ch == '\t') && depth == 0:
			if start >= 0 {
				out = append(out, s[start:j])
				start = -1
			}
		default:
			if start < 0 {
				start = j
			}
		}
	}
	if start >= 0 {
		out = append(out, s[start:to])
	}
	return out
}

// deepPairs returns the key-value pairs of an argument, and those of the
// objects and calls nested in it, a few levels deep.
func (c *codeText) deepPairs(from, to, depth int) []pair {
	if depth > 3 {
		return nil
	}
	t := strings.TrimSpace(c.src[from:to])
	if t == "" {
		return nil
	}
	lead := from + strings.Index(c.src[from:to], t[:1])
	var out []pair
	switch {
	case t[0] == '{' || t[0] == '[' || strings.HasPrefix(t, "@{"):
		open := lead + strings.IndexAny(c.src[lead:to], "{[")
		end := min(c.closing(open), to)
		for _, p := range c.pairs(open+1, end) {
			out = append(out, p)
			out = append(out, c.nested(p, depth)...)
		}
		if len(out) == 0 {
			// A list of arguments: ["http" => [...]] in PHP is pairs;
			// [a, b] is not, but its objects may be.
			for _, span := range c.splitTop(open+1, end) {
				out = append(out, c.deepPairs(span[0], span[1], depth+1)...)
			}
		}
	default:
		for _, p := range c.pairs(from, to) {
			out = append(out, p)
			out = append(out, c.nested(p, depth)...)
		}
		if len(out) == 0 {
			// A call: stream_context_create([...]), dict(method="x").
			if open := strings.IndexByte(c.src[from:to], '('); open > 0 {
				o := from + open
				end := min(c.closing(o), to)
				for _, span := range c.splitTop(o+1, end) {
					out = append(out, c.deepPairs(span[0], span[1], depth+1)...)
				}
			}
		}
	}
	return out
}

// nested returns the pairs inside a pair's value, unless the value is a
// body or headers, which are read as a whole.
func (c *codeText) nested(p pair, depth int) []pair {
	switch strings.ToLower(p.key) {
	case "json", "data", "body", "content", "payload", "form", "headers", "header", "params", "query", "variables":
		return nil
	}
	e := strings.TrimSpace(p.expr)
	if e == "" || strings.IndexByte("{[(@", e[0]) < 0 && !strings.Contains(e, "(") {
		return nil
	}
	at := strings.Index(c.src[p.from:], e[:1])
	if at < 0 {
		return nil
	}
	start := p.from + at
	return c.deepPairs(start, min(start+len(e), len(c.src)), depth+1)
}

// codeCredential finds an auth header set anywhere in the code, as on a
// session (s.headers["Authorization"] = ..., headers.update({...})), for
// requests whose own options give none.
func (c *codeText) codeCredential() *Credential {
	s := c.src
	var best *Credential
	for i := 0; i < len(s); i++ {
		if !isQuote(s[i]) {
			continue
		}
		lit := c.readString(i)
		end := lit.end
		i = end - 1
		if !lit.ok || !IsAuthHeader(lit.text) {
			continue
		}
		j := end
		for j < len(s) && (s[j] == ' ' || s[j] == ']' || s[j] == '\t') {
			j++
		}
		switch {
		case strings.HasPrefix(s[j:], "=>"):
			j += 2
		case j < len(s) && (s[j] == ':' || s[j] == '=' || s[j] == ','):
			j++
		default:
			continue
		}
		k := j
		depth := 0
	scan:
		for ; k < len(s); k++ {
			switch ch := s[k]; {
			case isQuote(ch):
				k = c.readString(k).end - 1
			case ch == '(' || ch == '[' || ch == '{':
				depth++
			case ch == ')' || ch == ']' || ch == '}':
				if depth == 0 {
					break scan
				}
				depth--
			case (ch == ',' || ch == ';' || ch == '\n') && depth == 0:
				break scan
			}
		}
		best = better(best, c.credential(lit.text+" header", s[j:min(k, len(s))]))
	}
	return best
}

// urlFromParts builds a URL expression from options that give its parts:
// {protocol: "https:", hostname: "api.example.com", port: 8443, path:
// "/v1/x"}.
func (c *codeText) urlFromParts(opts []pair) string {
	var host, path, port, proto string
	for _, p := range opts {
		switch strings.ToLower(p.key) {
		case "hostname", "host":
			if host == "" {
				host = p.expr
			}
		case "path", "pathname":
			path = p.expr
		case "port":
			port = p.expr
		case "protocol":
			proto = p.expr
		}
	}
	if host == "" {
		return ""
	}
	scheme := "https"
	if t, _ := c.value(proto, 0); strings.HasPrefix(t, "http:") || strings.Contains(c.src, "require(\"http\")") || strings.Contains(c.src, "require('http')") {
		scheme = "http"
	}
	u := `"` + scheme + `://" + ` + host
	if port != "" {
		u += ` + ":" + ` + port
	}
	if path != "" {
		u += " + " + path
	}
	return u
}
