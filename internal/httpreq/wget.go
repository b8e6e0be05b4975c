package httpreq

import (
	"strings"

	"github.com/guardsh/guard/internal/parse"
)

// wgetShortValue are wget's one-letter options that take a value.
const wgetShortValue = "aABDeiIloOPQRtTUwX"

// wgetLongValue are wget's long options that take a value.
var wgetLongValue = wordSet{list: `method header body-data body-file post-data post-file user password http-user
http-password output-document output-file append-output directory-prefix user-agent execute tries timeout
dns-timeout connect-timeout read-timeout wait waitretry quota level accept reject domains exclude-domains
include-directories exclude-directories base input-file referer load-cookies save-cookies ca-certificate
ca-directory certificate certificate-type private-key private-key-type bind-address limit-rate proxy-user
proxy-password restrict-file-names config rejected-log local-encoding remote-encoding secure-protocol
default-page cut-dirs max-redirect report-speed ftp-user ftp-password accept-regex reject-regex regex-type
follow-tags ignore-tags progress warc-file warc-header retry-on-http-error crl-file pinnedpubkey random-file
egd-file hsts-file max-threads`}

// fromWget reads the requests of a wget or wget2 invocation.
func fromWget(inv *parse.Invocation) []Request {
	method, dynMethod := "", false
	var urls []string
	var headers []Header
	var body []Part
	var unread []string
	var creds []*Credential
	spider := false
	option := func(name string, v parse.Word) {
		switch name {
		case "method":
			if v.Dynamic {
				dynMethod = true
			} else {
				method = strings.ToUpper(v.Value)
			}
		case "header":
			if h, ok := parseHeader(resolveVar(inv, v.Value), v.Dynamic); ok {
				headers = append(headers, h)
			}
		case "post-data", "body-data":
			body = append(body, Part{Value: v.Value})
			if method == "" && name == "post-data" {
				method = "POST"
			}
		case "post-file", "body-file":
			if text, ok := readFile(inv, v.Value); ok {
				body = append(body, Part{Value: text})
			} else {
				unread = append(unread, describeFile(v.Value))
			}
			if method == "" && name == "post-file" {
				method = "POST"
			}
		case "password", "http-password":
			if c := credential("--"+name, v.Value, v.Dynamic, inv); c != nil {
				creds = append(creds, c)
			}
		case "spider":
			spider = true
		case "input-file":
			unread = append(unread, "URLs from "+describeFile(v.Value))
		}
	}
	args := inv.Args[1:]
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
			if wgetLongValue.has(name) {
				if eq {
					option(name, parse.Word{Value: val, Dynamic: a.Dynamic})
				} else if v, ok := next(); ok {
					option(name, v)
				}
				continue
			}
			option(name, parse.Word{})
		case strings.HasPrefix(s, "-") && len(s) > 1:
			for j := 1; j < len(s); j++ {
				ch := s[j]
				if ch == 'n' {
					// -nv, -nc, -nH: n and the next letter are one option.
					j++
					continue
				}
				if strings.IndexByte(wgetShortValue, ch) >= 0 {
					v := parse.Word{Value: s[j+1:], Dynamic: a.Dynamic}
					if j+1 >= len(s) {
						v, _ = next()
					}
					if ch == 'i' {
						option("input-file", v)
					}
					break
				}
			}
		default:
			urls = append(urls, s)
		}
	}
	switch {
	case dynMethod:
		method = ""
	case method == "" && spider:
		method = "HEAD"
	case method == "":
		method = "GET"
	}
	var out []Request
	for _, u := range urls {
		r := Request{Client: "wget", Method: method, Headers: headers, Body: body, Unread: unread}
		r.setURL(u, "http")
		r.Credential = pickCredential(append(headerCredentials(headers, inv), creds...), &r, inv)
		out = append(out, r)
	}
	return out
}
