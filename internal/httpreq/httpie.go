package httpreq

import (
	"strings"

	"github.com/guardsh/guard/internal/parse"
)

// httpieLongValue are HTTPie's and xh's long options that take a value.
var httpieLongValue = wordSet{list: `auth auth-type output session session-read-only verify cert cert-key cert-key-pass
proxy timeout print history-print style format-options pretty ssl ciphers default-scheme boundary
max-redirects max-headers response-charset response-mime raw bearer http-version resolve interface
unix-socket chunked-size`}

// httpieShortValue are their one-letter options that take a value.
const httpieShortValue = "aAopPs"

// fromHTTPie reads the requests of HTTPie (http, https) and xh (xh, xhs):
// [METHOD] URL [ITEM ...], where items are headers (Name:value), query
// parameters (name==value) and data fields (name=value, name:=json,
// name=@file, name:=@file) that make the request a POST.
func fromHTTPie(inv *parse.Invocation) []Request {
	scheme := "http"
	if inv.Name == "https" || inv.Name == "xhs" {
		scheme = "https"
	}
	var ops []parse.Word
	var creds []*Credential
	var raw []Part
	authType, auth := "", parse.Word{}
	ignoreStdin, socket := false, ""
	args := inv.Args[1:]
	for i := 0; i < len(args); i++ {
		a := args[i]
		s := a.Value
		next := func() parse.Word {
			if i+1 < len(args) {
				i++
				return args[i]
			}
			return parse.Word{}
		}
		if !strings.HasPrefix(s, "-") || len(s) < 2 || a.Dynamic && !strings.HasPrefix(s, "--") {
			ops = append(ops, a)
			continue
		}
		name, v, eq := "", parse.Word{}, false
		if strings.HasPrefix(s, "--") {
			var val string
			name, val, eq = strings.Cut(s[2:], "=")
			if httpieLongValue.has(name) {
				if eq {
					v = parse.Word{Value: val, Dynamic: a.Dynamic}
				} else {
					v = next()
				}
			}
		} else {
			for j := 1; j < len(s); j++ {
				ch := s[j]
				if strings.IndexByte(httpieShortValue, ch) >= 0 {
					name = map[byte]string{'a': "auth", 'A': "auth-type", 'o': "output", 'p': "print", 'P': "history-print", 's': "style"}[ch]
					if j+1 < len(s) {
						v = parse.Word{Value: s[j+1:], Dynamic: a.Dynamic}
					} else {
						v = next()
					}
					break
				}
				if ch == 'I' {
					ignoreStdin = true
				}
			}
		}
		switch name {
		case "auth":
			auth = v
		case "auth-type":
			authType = strings.ToLower(v.Value)
		case "bearer":
			if c := credential("--bearer token", v.Value, v.Dynamic, inv); c != nil {
				creds = append(creds, c)
			}
		case "raw":
			raw = append(raw, Part{Value: v.Value})
		case "ignore-stdin":
			ignoreStdin = true
		case "https":
			scheme = "https"
		case "unix-socket":
			socket = v.Value
		case "offline", "curl", "curl-long":
			// The request is built and printed, not sent: --offline,
			// and xh's --curl and --curl-long, which print the curl
			// command that would send it.
			return nil
		case "session", "session-read-only":
			creds = append(creds, &Credential{Kind: "session " + v.Value, Source: Client, From: "--" + name + " " + v.Value})
		}
	}
	if auth.Value != "" && authType != "edgegrid" {
		// With edgegrid, --auth names a section of ~/.edgerc.
		secret, kind := auth.Value, "--auth token"
		if authType != "bearer" {
			_, secret, _ = strings.Cut(auth.Value, ":")
			kind = "--auth user:password"
		}
		if c := credential(kind, secret, auth.Dynamic && strings.ContainsAny(secret, "$`"), inv); c != nil && secret != "" {
			creds = append(creds, c)
		}
	}
	method := ""
	if len(ops) > 1 && !ops[0].Dynamic && (isMethod(ops[0].Value) || isUpperWord(ops[0].Value)) {
		method = strings.ToUpper(ops[0].Value)
		ops = ops[1:]
	} else if len(ops) > 1 && ops[0].Dynamic && !strings.ContainsAny(ops[0].Value, "/:.") {
		// http "$METHOD" url: a method only known at run time.
		method = "?"
		ops = ops[1:]
	}
	if len(ops) == 0 {
		return nil
	}
	r := Request{Client: inv.Name, Socket: socket}
	u := ops[0].Value
	if strings.HasPrefix(u, ":/") && authType == "edgegrid" {
		// httpie-edgegrid sends :/path to the host of the .edgerc
		// section, an Akamai API host, not to this machine.
		u, scheme = "edgerc.akamaiapis.net"+u[1:], "https"
	} else if strings.HasPrefix(u, ":") {
		// :3000/api and :/api are localhost.
		u = "localhost" + u
		u = strings.Replace(u, "localhost:/", "localhost/", 1)
	}
	r.setURL(u, scheme)
	r.Dynamic = r.Dynamic || ops[0].Dynamic && strings.ContainsAny(ops[0].Value, "$`")
	data := false
	var query []string
	for _, item := range ops[1:] {
		kind, name, val := splitItem(item.Value)
		switch kind {
		case ":":
			r.Headers = append(r.Headers, Header{Name: name, Value: val, Dynamic: item.Dynamic && strings.ContainsAny(val, "$`")})
		case "==":
			query = append(query, name+"="+val)
		case "=", ":=":
			data = true
			r.Body = append(r.Body, Part{Name: name, Value: val})
		case "=@", ":=@", "@":
			data = true
			if text, ok := readFile(inv, val); ok {
				r.Body = append(r.Body, Part{Name: name, Value: text})
			} else if kind != "@" {
				r.Unread = append(r.Unread, describeFile(val))
			}
		}
	}
	if len(raw) > 0 {
		data = true
		r.Body = append(r.Body, raw...)
	}
	if !ignoreStdin && len(r.Body) == 0 {
		switch inv.Stdin.Kind {
		case parse.Known:
			data = true
			r.Body = append(r.Body, Part{Value: inv.Stdin.Text})
		case parse.Unknown:
			data = true
			r.Unread = append(r.Unread, describeStdin(inv))
		}
	}
	if len(query) > 0 {
		if r.Query != "" {
			r.Query += "&"
		}
		r.Query += strings.Join(query, "&")
	}
	switch {
	case method == "?":
		method = ""
	case method == "" && data:
		method = "POST"
	case method == "":
		method = "GET"
	}
	r.Method = method
	r.Credential = pickCredential(append(headerCredentials(r.Headers, inv), creds...), &r, inv)
	return []Request{r}
}

// splitItem splits an HTTPie request item at its separator: the first
// one in the text, the longest at that place. A backslash escapes a
// separator character.
func splitItem(s string) (kind, name, value string) {
	seps := []string{":=@", "=@", "==", ":=", "=", "@", ":"}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			b.WriteByte(s[i+1])
			i++
			continue
		}
		for _, sep := range seps {
			if strings.HasPrefix(s[i:], sep) {
				if sep == ":" && strings.HasPrefix(s[i:], "://") {
					// A URL, not a header.
					return "", "", s
				}
				return sep, b.String(), s[i+len(sep):]
			}
		}
		b.WriteByte(s[i])
	}
	return "", "", s
}

func isUpperWord(s string) bool {
	if s == "" || len(s) > 12 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return true
}
