package httpreq

import (
	"path"
	"strings"
	"sync"

	"github.com/guardsh/guard/internal/lazy"
	"github.com/guardsh/guard/internal/parse"
)

// curlShortValue are curl's one-letter options that take a value.
const curlShortValue = "AbcCdDeEFHKmoPQrtTuUwxXyYz"

// curlLongValue are curl's long options that take a value.
var curlLongValue = wordSet{list: `abstract-unix-socket alt-svc aws-sigv4 cacert capath cert cert-type ciphers config
connect-timeout connect-to continue-at cookie cookie-jar create-file-mode crlfile curves data data-ascii
data-binary data-raw data-urlencode delegation dns-interface dns-ipv4-addr dns-ipv6-addr dns-servers doh-url
dump-header ech egd-file engine etag-compare etag-save expect100-timeout form form-string ftp-account
ftp-alternative-to-user ftp-method ftp-port ftp-ssl-ccc-mode happy-eyeballs-timeout-ms haproxy-clientip header
help hostpubmd5 hostpubsha256 hsts interface ip-tos ipfs-gateway json keepalive-cnt keepalive-time key key-type
krb libcurl limit-rate local-port login-options mail-auth mail-from mail-rcpt max-filesize max-redirs max-time
netrc-file noproxy oauth2-bearer output output-dir parallel-max pass pinnedpubkey preproxy proto proto-default
proto-redir proxy proxy-cacert proxy-capath proxy-cert proxy-cert-type proxy-ciphers proxy-crlfile proxy-header
proxy-key proxy-key-type proxy-pass proxy-pinnedpubkey proxy-service-name proxy-tls13-ciphers proxy-tlsauthtype
proxy-tlspassword proxy-tlsuser proxy-user proxy1.0 pubkey quote random-file range rate referer request
request-target resolve retry retry-delay retry-max-time sasl-authzid service-name socks4 socks4a socks5
socks5-gssapi-service socks5-hostname speed-limit speed-time ssl-sessions stderr telnet-option tftp-blksize
time-cond tls-max tls13-ciphers tlsauthtype tlspassword tlsuser trace trace-ascii trace-config unix-socket
upload-file url url-query user user-agent variable vlan-priority write-out`}

// curlShortLong maps curl's one-letter options to their long names.
var curlShortLong = lazy.Value[map[byte]string]{Make: func() map[byte]string {
	return map[byte]string{'A': "user-agent", 'b': "cookie", 'c': "cookie-jar", 'C': "continue-at",
		'd': "data", 'D': "dump-header", 'e': "referer", 'E': "cert", 'F': "form", 'H': "header", 'K': "config",
		'm': "max-time", 'o': "output", 'P': "ftp-port", 'Q': "quote", 'r': "range", 't': "telnet-option",
		'T': "upload-file", 'u': "user", 'U': "proxy-user", 'w': "write-out", 'x': "proxy", 'X': "request",
		'y': "speed-time", 'Y': "speed-limit", 'z': "time-cond", 'G': "get", 'I': "head", 'n': "netrc", ':': "next"}
}}

// wordSet is a set of words, made the first time it is asked: making the
// sets of every client's options at package initialisation cost about a
// quarter of a millisecond in every guard process, curl in the command or
// not. A package-level wordSet is static data; it must not be copied.
type wordSet struct {
	// list holds the words, separated by white space.
	list string
	once sync.Once
	set  map[string]bool
}

// has reports whether w is in the set.
func (s *wordSet) has(w string) bool {
	s.once.Do(s.make)
	return s.set[w]
}

func (s *wordSet) make() {
	s.set = map[string]bool{}
	for _, w := range strings.Fields(s.list) {
		s.set[w] = true
	}
}

// curlGroup is what one part of a curl command line (up to --next) says.
type curlGroup struct {
	explicit   string // -X
	dynMethod  bool   // -X with a run-time value, or a config guard cannot read
	head, get  bool
	upload     bool
	data       bool
	urls       []string
	dynURL     []bool
	headers    []Header
	body       []Part
	query      []string
	unread     []string
	creds      []*Credential
	socket     string
	target     string
	jsonHeader bool
}

// curlReader reads a curl command line.
type curlReader struct {
	inv    *parse.Invocation
	groups []*curlGroup
	depth  int
}

func (c *curlReader) cur() *curlGroup { return c.groups[len(c.groups)-1] }

// fromCurl reads the requests of a curl invocation.
func fromCurl(inv *parse.Invocation) []Request {
	c := &curlReader{inv: inv, groups: []*curlGroup{{}}}
	c.words(inv.Args[1:])
	var out []Request
	for _, g := range c.groups {
		out = append(out, g.requests(inv)...)
	}
	return out
}

// words reads curl arguments: the command line, or a config file turned
// into arguments.
func (c *curlReader) words(args []parse.Word) {
	for i := 0; i < len(args); i++ {
		a := args[i]
		s := a.Value
		next := func() (parse.Word, bool) {
			if i+1 < len(args) {
				i++
				return args[i], true
			}
			return parse.Word{}, false
		}
		switch {
		case strings.HasPrefix(s, "--") && len(s) > 2:
			name, val, eq := strings.Cut(s[2:], "=")
			name = strings.TrimPrefix(name, "no-")
			if curlLongValue.has(name) {
				if eq {
					c.option(name, parse.Word{Value: val, Dynamic: a.Dynamic})
				} else if v, ok := next(); ok {
					c.option(name, v)
				}
				continue
			}
			c.option(name, parse.Word{})
		case strings.HasPrefix(s, "-") && len(s) > 1:
			// A cluster of short options, the last of which may take a
			// value: -sSfL, -sXDELETE, -fsSLo out.
			for j := 1; j < len(s); j++ {
				ch := s[j]
				long := curlShortLong.Get()[ch]
				if strings.IndexByte(curlShortValue, ch) >= 0 {
					if j+1 < len(s) {
						c.option(long, parse.Word{Value: s[j+1:], Dynamic: a.Dynamic})
					} else if v, ok := next(); ok {
						c.option(long, v)
					}
					break
				}
				if long != "" {
					c.option(long, parse.Word{})
				}
			}
		default:
			g := c.cur()
			g.urls = append(g.urls, s)
			g.dynURL = append(g.dynURL, a.Dynamic)
		}
	}
}

// option applies one curl option; v is its value, if it takes one.
func (c *curlReader) option(name string, v parse.Word) {
	g := c.cur()
	switch name {
	case "next":
		c.groups = append(c.groups, &curlGroup{})
	case "request":
		if v.Dynamic {
			g.dynMethod = true
		} else {
			g.explicit = strings.ToUpper(v.Value)
		}
	case "head":
		g.head = true
	case "get":
		g.get = true
	case "url":
		g.urls = append(g.urls, v.Value)
		g.dynURL = append(g.dynURL, v.Dynamic)
	case "header", "proxy-header":
		if name == "proxy-header" {
			return
		}
		if f, ok := strings.CutPrefix(v.Value, "@"); ok {
			text, known := c.file(f)
			if !known {
				g.unread = append(g.unread, "headers from "+describeFile(f))
				return
			}
			for _, line := range strings.Split(text, "\n") {
				if h, ok := parseHeader(strings.TrimRight(line, "\r"), v.Dynamic); ok {
					g.headers = append(g.headers, h)
				}
			}
			return
		}
		if h, ok := parseHeader(resolveVar(c.inv, v.Value), v.Dynamic); ok {
			g.headers = append(g.headers, h)
		}
	case "data", "data-ascii", "data-binary", "json":
		g.data = true
		if name == "json" {
			g.jsonHeader = true
		}
		if f, ok := strings.CutPrefix(v.Value, "@"); ok {
			c.bodyFile(f, "")
			return
		}
		g.body = append(g.body, Part{Value: v.Value})
	case "data-raw":
		g.data = true
		g.body = append(g.body, Part{Value: v.Value})
	case "data-urlencode":
		g.data = true
		s := v.Value
		// content, =content, name=content, @file, name@file
		if n, rest, ok := strings.Cut(s, "="); ok && !strings.Contains(n, "@") {
			g.body = append(g.body, Part{Name: n, Value: rest})
			return
		}
		if n, f, ok := strings.Cut(s, "@"); ok && !strings.ContainsAny(n, "=") {
			c.bodyFile(f, n)
			return
		}
		g.body = append(g.body, Part{Value: s})
	case "form", "form-string":
		g.data = true
		n, val, _ := strings.Cut(v.Value, "=")
		switch {
		case name == "form" && strings.HasPrefix(val, "<"):
			c.bodyFile(strings.TrimPrefix(val, "<"), n)
		case name == "form" && strings.HasPrefix(val, "@"):
			// A file upload: its content is data, not a document.
			f, _, _ := strings.Cut(strings.TrimPrefix(val, "@"), ";")
			if text, ok := c.file(f); ok {
				g.body = append(g.body, Part{Name: n, Value: text})
			}
		default:
			g.body = append(g.body, Part{Name: n, Value: val})
		}
	case "upload-file":
		g.upload = true
		if v.Value == "-" || v.Value == "." {
			c.bodyFile("-", "")
		} else if text, ok := c.file(v.Value); ok {
			g.body = append(g.body, Part{Value: text})
		} else {
			g.unread = append(g.unread, describeFile(v.Value))
		}
	case "url-query":
		g.query = append(g.query, v.Value)
	case "user":
		if user, pass, ok := strings.Cut(v.Value, ":"); ok && pass != "" {
			if cr := credential("-u user:password", pass, v.Dynamic && strings.ContainsAny(pass, "$`"), c.inv); cr != nil {
				g.creds = append(g.creds, cr)
			}
		} else if ok && user != "" {
			// -u KEY: (Stripe, Mailgun): the key is the user name.
			dynamic := v.Dynamic && strings.ContainsAny(user, "$`")
			if dynamic || secretLike(user) {
				if cr := credential("-u key:", user, dynamic, c.inv); cr != nil {
					g.creds = append(g.creds, cr)
				}
			}
		}
	case "oauth2-bearer":
		if cr := credential("--oauth2-bearer token", v.Value, v.Dynamic, c.inv); cr != nil {
			g.creds = append(g.creds, cr)
		}
	case "netrc", "netrc-optional":
		g.creds = append(g.creds, &Credential{Kind: "login from ~/.netrc", Source: Client, From: "--" + name})
	case "netrc-file":
		g.creds = append(g.creds, &Credential{Kind: "login from " + v.Value, Source: Client, From: "--netrc-file " + v.Value})
	case "unix-socket", "abstract-unix-socket":
		g.socket = v.Value
		if g.socket == "" {
			g.socket = "a socket only known at run time"
		}
	case "request-target":
		g.target = v.Value
	case "config":
		c.config(v)
	}
}

// config reads a curl config file (-K) that the command wrote or feeds on
// stdin. One guard cannot read may set the method.
func (c *curlReader) config(v parse.Word) {
	text, ok := "", false
	if !v.Dynamic {
		text, ok = c.file(v.Value)
	}
	if !ok || c.depth > 2 {
		c.cur().dynMethod = true
		c.cur().unread = append(c.cur().unread, "options from "+describeFile(v.Value))
		return
	}
	c.depth++
	c.words(configWords(text))
	c.depth--
}

// configWords turns a curl config file into command-line words: each line
// is an option, with or without dashes, and a value after spaces, = or :.
func configWords(text string) []parse.Word {
	var out []parse.Word
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' {
			continue
		}
		name := line
		val, hasVal := "", false
		if i := strings.IndexAny(line, " \t=:"); i >= 0 {
			name = line[:i]
			rest := strings.TrimLeft(line[i:], " \t")
			rest = strings.TrimLeft(strings.TrimPrefix(strings.TrimPrefix(rest, "="), ":"), " \t")
			val, hasVal = unquoteConfig(rest), true
		}
		if !strings.HasPrefix(name, "-") {
			name = "--" + name
		}
		out = append(out, parse.Word{Value: name})
		long := strings.TrimPrefix(name, "--")
		if len(name) == 2 {
			long = curlShortLong.Get()[name[1]]
		}
		if hasVal && curlLongValue.has(long) {
			out = append(out, parse.Word{Value: val})
		}
	}
	return out
}

func unquoteConfig(s string) string {
	if !strings.HasPrefix(s, `"`) {
		return s
	}
	var b strings.Builder
	for i := 1; i < len(s); i++ {
		switch s[i] {
		case '"':
			return b.String()
		case '\\':
			if i+1 < len(s) {
				i++
				switch s[i] {
				case 'n':
					b.WriteByte('\n')
				case 't':
					b.WriteByte('\t')
				case 'r':
					b.WriteByte('\r')
				default:
					b.WriteByte(s[i])
				}
			}
		default:
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

// bodyFile adds the content of a file, or of stdin ("-"), as a body part,
// or notes that it cannot be read.
func (c *curlReader) bodyFile(f, name string) {
	g := c.cur()
	if text, ok := c.file(f); ok {
		g.body = append(g.body, Part{Name: name, Value: text})
		return
	}
	g.unread = append(g.unread, describeFile(f))
	if f == "-" || f == "/dev/stdin" {
		g.unread[len(g.unread)-1] = describeStdin(c.inv)
	}
}

// file returns the content of a file the command wrote, or of stdin when
// f is - and stdin is known.
func (c *curlReader) file(f string) (string, bool) {
	return readFile(c.inv, f)
}

// readFile returns what a file holds when the command wrote it, or what
// stdin holds when f names stdin and that is known; /dev/null holds
// nothing.
func readFile(inv *parse.Invocation, f string) (string, bool) {
	if f == "-" || f == "/dev/stdin" || f == "/proc/self/fd/0" || f == "/dev/fd/0" {
		if inv.Stdin.Kind == parse.Known {
			return inv.Stdin.Text, true
		}
		return "", false
	}
	if f == "/dev/null" {
		// An empty body: curl -X PUT --data-binary @/dev/null.
		return "", true
	}
	if len(inv.Written) == 0 || f == "" {
		return "", false
	}
	p := f
	if !path.IsAbs(p) {
		if inv.Dir == "" {
			return "", false
		}
		p = path.Join(inv.Dir, p)
	}
	text, ok := inv.Written[path.Clean(p)]
	return text, ok
}

func describeFile(f string) string {
	if f == "-" || f == "/dev/stdin" {
		return "stdin"
	}
	return "file " + f
}

func describeStdin(inv *parse.Invocation) string {
	if inv.Stdin.From != "" {
		return "stdin (" + inv.Stdin.From + ")"
	}
	return "stdin"
}

// parseHeader splits a header argument, Name: value.
func parseHeader(s string, dynamic bool) (Header, bool) {
	name, val, ok := strings.Cut(s, ":")
	if !ok {
		// curl -H 'X-Empty;' sends an empty header.
		n, _, semi := strings.Cut(s, ";")
		if !semi {
			return Header{}, false
		}
		name = n
	}
	name = strings.TrimSpace(name)
	if name == "" || strings.ContainsAny(name, " \t/") {
		return Header{}, false
	}
	val = strings.TrimSpace(val)
	return Header{Name: name, Value: val, Dynamic: dynamic && strings.ContainsAny(val, "$`")}, true
}

// requests makes the group's requests, one for each URL.
func (g *curlGroup) requests(inv *parse.Invocation) []Request {
	method := "GET"
	switch {
	case g.explicit != "":
		method = g.explicit
	case g.dynMethod:
		method = ""
	case g.head:
		method = "HEAD"
	case g.upload:
		method = "PUT"
	case g.data && !g.get:
		method = "POST"
	}
	if g.dynMethod && g.explicit == "" {
		method = ""
	}
	body, query := g.body, g.query
	if g.get && g.data {
		// -G: the data goes into the query.
		for _, p := range body {
			if p.Name != "" {
				query = append(query, p.Name+"="+p.Value)
			} else {
				query = append(query, p.Value)
			}
		}
		body = nil
	}
	urls, dyn := g.urls, g.dynURL
	if len(urls) == 0 && g.dynMethod {
		// A config file guard cannot read may hold the URL too.
		urls, dyn = []string{"$URL"}, []bool{true}
	}
	var out []Request
	for i, u := range urls {
		r := Request{Client: "curl", Method: method, Headers: g.headers, Body: body, Unread: g.unread, Socket: g.socket}
		r.setURL(u, "http")
		if dyn[i] && !r.Dynamic && strings.ContainsAny(u, "$`") {
			r.Dynamic = true
		}
		if len(query) > 0 {
			if r.Query != "" {
				r.Query += "&"
			}
			r.Query += strings.Join(query, "&")
		}
		if g.target != "" {
			r.Path = g.target
		}
		if g.jsonHeader {
			r.Headers = append(r.Headers[:len(r.Headers):len(r.Headers)], Header{Name: "Content-Type", Value: "application/json"})
		}
		r.Credential = pickCredential(append(headerCredentials(r.Headers, inv), g.creds...), &r, inv)
		out = append(out, r)
	}
	return out
}

// headerCredentials returns the credentials carried by headers.
func headerCredentials(hs []Header, inv *parse.Invocation) []*Credential {
	var out []*Credential
	for _, h := range hs {
		if !IsAuthHeader(h.Name) {
			continue
		}
		if c := credential(h.Name+" header", h.Value, h.Dynamic, inv); c != nil {
			out = append(out, c)
		}
	}
	return out
}

// pickCredential returns the most telling of a request's credentials,
// adding those its URL carries: a password in the URL, a token in the
// query.
func pickCredential(cands []*Credential, r *Request, inv *parse.Invocation) *Credential {
	if i := strings.Index(r.URL, "://"); i > 0 {
		auth := r.URL[i+3:]
		if j := strings.IndexAny(auth, "/?#"); j >= 0 {
			auth = auth[:j]
		}
		if at := strings.LastIndexByte(auth, '@'); at > 0 {
			if _, pass, ok := strings.Cut(auth[:at], ":"); ok && pass != "" {
				if c := credential("password in the URL", pass, strings.ContainsAny(pass, "$`"), inv); c != nil {
					cands = append(cands, c)
				}
			}
		}
	}
	for _, p := range authParams {
		for _, v := range r.Param(p) {
			dynamic := strings.ContainsAny(v, "$`")
			if vagueParams.Get()[p] && !dynamic && !secretLike(v) {
				continue
			}
			if c := credential("query parameter "+p, v, dynamic, inv); c != nil {
				cands = append(cands, c)
			}
		}
	}
	var best *Credential
	for _, c := range cands {
		if best == nil || rank(c.Source) > rank(best.Source) {
			best = c
		}
	}
	return best
}
