package httpreq

import (
	"strings"

	"github.com/guardsh/guard/internal/lazy"
)

// This file reads the HTTP calls of PHP's curl extension and of
// PowerShell, and the nested key-value pairs of option objects.

// phpCurl reads PHP's curl extension: curl_init($url) and the curl_setopt
// calls on the handle.
func (c *codeText) phpCurl() []Request {
	if !strings.Contains(c.src, "curl_init") {
		return nil
	}
	re := phpSetopt.Get()
	r := Request{Client: "php curl"}
	u := ""
	if m := phpInit.Get().FindStringSubmatchIndex(c.src); m != nil {
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
	phpSetopt = lazy.Regexp{Expr: `curl_setopt\s*\(\s*\$\w+\s*,\s*CURLOPT_(\w+)\s*,`}
	phpInit   = lazy.Regexp{Expr: `curl_init\s*\(`}
)

// powershell reads Invoke-RestMethod and Invoke-WebRequest, whose
// parameters are -Name value.
func (c *codeText) powershell() []Request {
	re := psCmdlets.Get()
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
