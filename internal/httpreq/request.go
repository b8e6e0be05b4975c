package httpreq

import (
	"net/netip"
	"net/url"
	"strconv"
	"strings"
)

// Request is one HTTP request a command would make, as far as the command
// says.
type Request struct {
	// Client names what sends the request: curl, wget, httpie, gh api,
	// python requests, node fetch, ...
	Client string
	// Method is the method in upper case, or "" when it is only known at
	// run time.
	Method string
	// URL is the URL as the command gives it.
	URL string
	// Scheme is http or https, in lower case.
	Scheme string
	// Host is the host name or address in lower case, without brackets;
	// it is "" when only known at run time.
	Host string
	// Port is the port, given or implied by the scheme; 0 when it is only
	// known at run time.
	Port int
	// Path is the path, percent-decoded, starting with a slash.
	Path string
	// Query is the query string without the question mark, as written.
	Query string
	// Socket is the Unix socket the request goes through, as with curl
	// --unix-socket /var/run/docker.sock.
	Socket string
	// Dynamic reports that some of the URL is only known at run time.
	Dynamic bool
	// Headers are the request headers the command sets.
	Headers []Header
	// Body holds the parts of the body that are known.
	Body []Part
	// Unread describes parts of the body guard cannot read: "file
	// query.json", "stdin (pipe from jq)".
	Unread []string
	// GraphQL reports that the client says the request is GraphQL, as gh
	// api graphql does; a path ending in graphql says so too, see
	// IsGraphQL.
	GraphQL bool
	// Credential says how the request authenticates, when the command
	// gives a credential.
	Credential *Credential

	values *[]Value // Values, read on first use
}

// Header is a request header.
type Header struct {
	Name, Value string
	// Dynamic reports that some of the value is only known at run time.
	Dynamic bool
}

// Part is one piece of a request body: the raw body (Name is empty) or a
// named field of a form or of a JSON object built by the client (httpie
// items, gh api -f, curl -F).
type Part struct {
	Name, Value string
}

// Loopback reports whether the request goes to this machine: localhost, a
// loopback address, or a Unix socket.
func (r *Request) Loopback() bool {
	return r.Socket != "" || IsLoopback(r.Host)
}

// IsGraphQL reports whether the request goes to a GraphQL endpoint: the
// client says so, or the path's last segment names graphql (/graphql,
// /graphql/v2, /v1/graphql, /api/graphql.json).
func (r *Request) IsGraphQL() bool {
	if r.GraphQL {
		return true
	}
	p := strings.ToLower(r.Path)
	return strings.Contains(p, "graphql") || strings.HasSuffix(p, "/gql")
}

// Param returns the decoded values of a query parameter.
func (r *Request) Param(name string) []string {
	if r.Query == "" {
		return nil
	}
	var out []string
	for _, kv := range strings.Split(r.Query, "&") {
		k, v, _ := strings.Cut(kv, "=")
		if dk, err := url.QueryUnescape(k); err == nil {
			k = dk
		}
		if !strings.EqualFold(k, name) {
			continue
		}
		if dv, err := url.QueryUnescape(v); err == nil {
			v = dv
		}
		out = append(out, v)
	}
	return out
}

// Header returns the value of the named header, case-insensitively.
func (r *Request) Header(name string) (Header, bool) {
	for _, h := range r.Headers {
		if strings.EqualFold(h.Name, name) {
			return h, true
		}
	}
	return Header{}, false
}

// Where describes the request's target for messages: the host and port,
// or the socket.
func (r *Request) Where() string {
	if r.Socket != "" {
		return "the socket " + r.Socket
	}
	if r.Host == "" {
		return "a host only known at run time"
	}
	h := r.Host
	if strings.Contains(h, ":") {
		h = "[" + h + "]"
	}
	if r.Port != 0 && !(r.Port == 443 && r.Scheme == "https") && !(r.Port == 80 && r.Scheme == "http") {
		h += ":" + strconv.Itoa(r.Port)
	}
	return h
}

// IsLoopback reports whether a host is this machine.
func IsLoopback(host string) bool {
	switch host {
	case "localhost", "0.0.0.0", "::", "ip6-localhost", "ip6-loopback":
		return true
	case "":
		return false
	}
	if strings.HasSuffix(host, ".localhost") {
		return true
	}
	ip, err := netip.ParseAddr(strings.Trim(host, "[]"))
	return err == nil && (ip.Unmap().IsLoopback() || ip.IsUnspecified())
}

// setURL fills in the request's URL fields from a URL as a client takes
// it: a missing scheme means scheme. Parts only known at run time keep
// their source text ($API, $(...)).
func (r *Request) setURL(raw, scheme string) {
	r.URL = raw
	s := maskExpansions(raw)
	if i := strings.Index(s, "://"); i > 0 && !strings.ContainsAny(s[:i], "/$`") {
		scheme = strings.ToLower(s[:i])
		s = s[i+3:]
	} else if strings.HasPrefix(s, "//") {
		s = s[2:]
	}
	r.Scheme = scheme
	authority, rest := s, ""
	if i := strings.IndexAny(s, "/?#"); i >= 0 {
		authority, rest = s[:i], s[i:]
	}
	if at := strings.LastIndexByte(authority, '@'); at >= 0 {
		authority = authority[at+1:]
	}
	host, port := authority, ""
	if strings.HasPrefix(host, "[") {
		if end := strings.IndexByte(host, ']'); end > 0 {
			host, port = host[1:end], strings.TrimPrefix(host[end+1:], ":")
		}
	} else if i := strings.LastIndexByte(host, ':'); i >= 0 && strings.Count(host, ":") == 1 {
		host, port = host[:i], host[i+1:]
	}
	if strings.ContainsAny(host, "$`") {
		r.Dynamic = true
		host = ""
	}
	r.Host = strings.ToLower(strings.TrimSuffix(host, "."))
	switch {
	case port == "":
		switch scheme {
		case "https":
			r.Port = 443
		case "http":
			r.Port = 80
		}
	default:
		if n, err := strconv.Atoi(port); err == nil && n > 0 && n < 65536 {
			r.Port = n
		} else {
			r.Dynamic = true
		}
	}
	if i := strings.IndexByte(rest, '#'); i >= 0 {
		rest = rest[:i]
	}
	path, query, _ := strings.Cut(rest, "?")
	if strings.ContainsAny(path, "$`") || strings.ContainsAny(query, "$`") {
		r.Dynamic = true
	}
	if p, err := url.PathUnescape(path); err == nil {
		path = p
	}
	if path == "" {
		path = "/"
	}
	r.Path = path
	r.Query = query
}

// maskExpansions replaces each command substitution, $(...) or `...`,
// and each braced parameter expansion, ${...}, in a URL that holds a /, ?
// or # with a short stand-in that holds none: the text inside is a command or an
// operator (a loop variable bound to $(curl "...?per_page=100" | jq
// ...), ${BASE%/}), not the URL's path or query, and would otherwise
// cut the path short.
func maskExpansions(s string) string {
	if !strings.Contains(s, "$(") && !strings.Contains(s, "${") && !strings.Contains(s, "`") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '$' && i+1 < len(s) && (s[i+1] == '(' || s[i+1] == '{'):
			open, close := s[i+1], byte(')')
			if open == '{' {
				close = '}'
			}
			depth, j := 0, i+1
			for ; j < len(s); j++ {
				if s[j] == open {
					depth++
				} else if s[j] == close {
					depth--
					if depth == 0 {
						break
					}
				}
			}
			if j >= len(s) {
				b.WriteString(s[i:])
				return b.String()
			}
			if strings.ContainsAny(s[i:j], "/?#") {
				b.WriteString("$" + string(open) + "..." + string(close))
			} else {
				b.WriteString(s[i : j+1])
			}
			i = j
		case c == '`':
			j := strings.IndexByte(s[i+1:], '`')
			if j < 0 {
				b.WriteString(s[i:])
				return b.String()
			}
			if strings.ContainsAny(s[i+1:i+1+j], "/?#") {
				b.WriteString("`...`")
			} else {
				b.WriteString(s[i : i+j+2])
			}
			i += j + 1
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// isMethod reports whether s is an HTTP method name a client would take,
// in any case.
func isMethod(s string) bool {
	switch strings.ToUpper(s) {
	case "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "CONNECT", "PURGE", "PROPFIND", "MKCOL", "COPY", "MOVE", "LOCK", "UNLOCK", "PROPPATCH", "REPORT", "SEARCH", "QUERY":
		return true
	}
	return false
}

// HostOf returns the host a URL names, in lower case, as a client that
// defaults to http reads it.
func HostOf(raw string) string {
	var r Request
	r.setURL(raw, "http")
	return r.Host
}
