package httpreq

import (
	"strings"

	"github.com/guardsh/guard/internal/parse"
	"github.com/guardsh/guard/internal/wordlist"
)

// RPC clients other than grpcurl, read as the request they send: a gRPC
// call travels as a POST to /package.Service/Method (ghz, buf curl,
// grpc_cli), and a WebSocket client's message is a POST of its text to
// the socket's URL (websocat, wscat), judged like any body by the names
// in it ({"action": "dropCollection"}).

// rpcClient reads the RPC clients of this file, or reports false for a
// program that is not one of them.
func rpcClient(inv *parse.Invocation) ([]Request, bool) {
	switch inv.Name {
	case "ghz":
		return fromGhz(inv), true
	case "buf":
		return fromBufCurl(inv), true
	case "grpc_cli":
		return fromGrpcCli(inv), true
	case "websocat":
		return fromWebsocat(inv), true
	case "wscat":
		return fromWscat(inv), true
	case "restish":
		return fromRestish(inv), true
	case "evans":
		return fromEvans(inv), true
	}
	return nil, false
}

// rpcValue reads an option's value: --name=value, or the next argument.
// It returns the index of the last argument read.
func rpcValue(args []parse.Word, i int) (parse.Word, int, bool) {
	if _, val, eq := strings.Cut(args[i].Value, "="); eq && strings.HasPrefix(args[i].Value, "--") {
		return parse.Word{Value: val, Dynamic: args[i].Dynamic}, i, true
	}
	if i+1 >= len(args) {
		return parse.Word{}, i, false
	}
	return args[i+1], i + 1, true
}

// optName returns an option's name without its value.
func optName(s string) string {
	name, _, _ := strings.Cut(s, "=")
	return name
}

// grpcPath turns a method as gRPC tools write it (pkg.Service/Method,
// pkg.Service.Method) into the path it travels on.
func grpcPath(method string) string {
	method = strings.TrimPrefix(method, "/")
	if !strings.Contains(method, "/") {
		if i := strings.LastIndexByte(method, '.'); i > 0 {
			method = method[:i] + "/" + method[i+1:]
		}
	}
	return "/" + method
}

// dataBody reads a request body given as text, as @FILE or as @ (stdin).
func dataBody(inv *parse.Invocation, v parse.Word, r *Request) {
	f, ok := strings.CutPrefix(v.Value, "@")
	switch {
	case !ok:
		r.Body = append(r.Body, Part{Value: v.Value})
	case f == "" || f == "-":
		if inv.Stdin.Kind == parse.Known {
			r.Body = append(r.Body, Part{Value: inv.Stdin.Text})
		} else {
			r.Unread = append(r.Unread, describeStdin(inv))
		}
	default:
		if text, ok := readFile(inv, f); ok {
			r.Body = append(r.Body, Part{Value: text})
		} else {
			r.Unread = append(r.Unread, describeFile(f))
		}
	}
}

// ghzValue are ghz's options that take a value.
var ghzValue = wordSet{list: `--config --proto --protoset --call -i --import-paths --cacert --cert --key --cname
-d --data -D --data-file -b --binary-file -m --metadata -M --metadata-file -n --total -c --concurrency -r --rps
-z --duration -x --max-duration -t --timeout -o --output -O --format --connections --name --tags --cpus
--load-schedule --load-start --load-end --load-step --load-step-duration --load-max-duration
--concurrency-schedule --concurrency-start --concurrency-end --concurrency-step --concurrency-step-duration
--concurrency-max-duration --stream-interval --stream-call-duration --stream-call-count --authority
--connect-timeout --keepalive --skipFirst --lb-strategy --reflect-metadata --max-recv-message-size
--max-send-message-size --debug --si --scd --scc`}

// fromGhz reads ghz --call pkg.Service/Method [-d JSON] HOST, a load
// generator that sends the call many times.
func fromGhz(inv *parse.Invocation) []Request {
	r := Request{Client: "ghz", Method: "POST"}
	call, host := "", ""
	scheme := "https"
	args := inv.Args[1:]
	for i := 0; i < len(args); i++ {
		s := args[i].Value
		if !strings.HasPrefix(s, "-") || len(s) < 2 {
			host = s
			continue
		}
		name := optName(s)
		if name == "--insecure" {
			scheme = "http"
		}
		if !ghzValue.has(name) {
			continue
		}
		v, next, ok := rpcValue(args, i)
		if !ok {
			break
		}
		i = next
		switch name {
		case "--call":
			call = v.Value
		case "-d", "--data":
			dataBody(inv, v, &r)
		case "-D", "--data-file":
			dataBody(inv, parse.Word{Value: "@" + v.Value}, &r)
		case "-m", "--metadata":
			r.Body = append(r.Body, Part{Name: "metadata", Value: v.Value})
		}
	}
	if call == "" || host == "" {
		return nil
	}
	r.setURL(scheme+"://"+host+grpcPath(call), scheme)
	return []Request{r}
}

// bufCurlValue are buf curl's options that take a value.
var bufCurlValue = wordSet{list: `-d --data -H --header --schema --protocol --user-agent --connect-timeout
--keepalive-time --cacert --cert --key --servername --unix-socket --reflect-header --reflect-protocol
--output -o --emit-defaults --max-time -m --http2-prior-knowledge-no --timeout`}

// fromBufCurl reads buf curl [-d JSON] URL, where the URL's path is
// /pkg.Service/Method; --list-methods and --list-services only read the
// schema.
func fromBufCurl(inv *parse.Invocation) []Request {
	args := inv.Args[1:]
	if len(args) == 0 || args[0].Value != "curl" {
		return nil
	}
	r := Request{Client: "buf curl", Method: "POST"}
	u := ""
	for i := 1; i < len(args); i++ {
		s := args[i].Value
		if !strings.HasPrefix(s, "-") || len(s) < 2 {
			u = s
			continue
		}
		name := optName(s)
		if name == "--list-methods" || name == "--list-services" {
			return nil
		}
		if !bufCurlValue.has(name) {
			continue
		}
		v, next, ok := rpcValue(args, i)
		if !ok {
			break
		}
		i = next
		switch name {
		case "-d", "--data":
			dataBody(inv, v, &r)
		case "-H", "--header":
			if h, ok := parseHeader(v.Value, v.Dynamic); ok {
				r.Headers = append(r.Headers, h)
			}
		}
	}
	if u == "" {
		return nil
	}
	r.setURL(u, "https")
	r.Credential = pickCredential(headerCredentials(r.Headers, inv), &r, inv)
	return []Request{r}
}

// fromGrpcCli reads grpc_cli call HOST METHOD [REQUEST]; ls and type
// only read the schema.
func fromGrpcCli(inv *parse.Invocation) []Request {
	var ops []string
	scheme := "https"
	for _, a := range inv.Args[1:] {
		s := a.Value
		if strings.HasPrefix(s, "-") {
			if strings.Contains(s, "channel_creds_type=insecure") || s == "--insecure" {
				scheme = "http"
			}
			continue
		}
		ops = append(ops, s)
	}
	if len(ops) < 3 || ops[0] != "call" {
		return nil
	}
	r := Request{Client: "grpc_cli", Method: "POST"}
	if len(ops) > 3 {
		r.Body = append(r.Body, Part{Value: ops[3]})
	}
	r.setURL(scheme+"://"+ops[1]+grpcPath(ops[2]), scheme)
	return []Request{r}
}

// wsURL maps a WebSocket URL onto the HTTP one it upgrades from.
func wsURL(u string) (string, string, bool) {
	lower := strings.ToLower(u)
	switch {
	case strings.HasPrefix(lower, "wss://"):
		return "https://" + u[6:], "https", true
	case strings.HasPrefix(lower, "ws://"):
		return "http://" + u[5:], "http", true
	}
	return "", "", false
}

// websocatValue are websocat's options that take a value.
var websocatValue = wordSet{list: `-H --header --protocol --origin -B --buffer-size --ping-interval --ping-timeout
--basic-auth --max-messages --max-messages-rev --pkcs12-der --pkcs12-passwd --restrict-uri --ua --user-agent
--ws-c-uri --queue-len --exec-args --text-prefix --binary-prefix --close-reason --close-code --max-ws-frame-length
--max-ws-message-length --request-method --request-uri --request-header --conncap --socks5 --socks5-destination
--tls-domain --client-pkcs12-der --client-pkcs12-passwd --inhibit-pongs --autoreconnect-delay-millis`}

// fromWebsocat reads websocat [options] ws[s]://URL, which sends the
// lines of its stdin as messages; a server (-s, --server-mode) sends
// nothing of the command's.
func fromWebsocat(inv *parse.Invocation) []Request {
	r := Request{Client: "websocat", Method: "POST"}
	u, scheme := "", ""
	args := inv.Args[1:]
	for i := 0; i < len(args); i++ {
		s := args[i].Value
		if !strings.HasPrefix(s, "-") || len(s) < 2 {
			if w, sc, ok := wsURL(s); ok && u == "" {
				u, scheme = w, sc
			}
			continue
		}
		name := optName(s)
		if name == "-s" || name == "--server-mode" {
			return nil
		}
		if !websocatValue.has(name) {
			continue
		}
		v, next, ok := rpcValue(args, i)
		if !ok {
			break
		}
		i = next
		if name == "-H" || name == "--header" {
			if h, ok := parseHeader(v.Value, v.Dynamic); ok {
				r.Headers = append(r.Headers, h)
			}
		}
	}
	if u == "" || inv.Stdin.Kind != parse.Known {
		return nil
	}
	r.Body = append(r.Body, Part{Value: inv.Stdin.Text})
	r.setURL(u, scheme)
	r.Credential = pickCredential(headerCredentials(r.Headers, inv), &r, inv)
	return []Request{r}
}

// fromWscat reads wscat -c URL -x MESSAGE ...; without -x the session is
// typed by a person.
func fromWscat(inv *parse.Invocation) []Request {
	r := Request{Client: "wscat", Method: "POST"}
	u, scheme := "", ""
	args := inv.Args[1:]
	for i := 0; i < len(args); i++ {
		name := optName(args[i].Value)
		switch name {
		case "-c", "--connect", "-x", "--execute", "-H", "--header", "--auth":
		case "-l", "--listen":
			return nil
		default:
			continue
		}
		v, next, ok := rpcValue(args, i)
		if !ok {
			break
		}
		i = next
		switch name {
		case "-c", "--connect":
			u, scheme = "http://"+v.Value, "http"
			if w, sc, ok := wsURL(v.Value); ok {
				u, scheme = w, sc
			}
		case "-x", "--execute":
			r.Body = append(r.Body, Part{Value: v.Value})
		case "-H", "--header":
			if h, ok := parseHeader(v.Value, v.Dynamic); ok {
				r.Headers = append(r.Headers, h)
			}
		}
	}
	if u == "" || len(r.Body) == 0 {
		return nil
	}
	r.setURL(u, scheme)
	r.Credential = pickCredential(headerCredentials(r.Headers, inv), &r, inv)
	return []Request{r}
}

// restishMethods are restish's generic commands, each a method.
const restishMethods = "get head options post put patch delete edit"

// fromRestish reads restish [METHOD] URL [BODY ...]: a URL without a
// method is a GET, edit is a GET then a PUT, and the words after the URL
// (CLI shorthand, name: x, id: 1) or stdin are the body. An API's own
// commands (restish myapi delete-item 7) are left to the verb model.
func fromRestish(inv *parse.Invocation) []Request {
	var ops []parse.Word
	var headers []Header
	args := inv.Args[1:]
	for i := 0; i < len(args); i++ {
		s := args[i].Value
		if !strings.HasPrefix(s, "-") || len(s) < 2 {
			ops = append(ops, args[i])
			continue
		}
		name := optName(s)
		switch name {
		case "-H", "--rsh-header", "-q", "--rsh-query", "-p", "--rsh-profile", "-o", "--rsh-output-format",
			"-f", "--rsh-filter", "-s", "--rsh-server", "--rsh-ca-cert", "--rsh-client-cert", "--rsh-client-key",
			"-r", "--rsh-retry", "-t", "--rsh-timeout":
			v, next, ok := rpcValue(args, i)
			if !ok {
				break
			}
			i = next
			if name == "-H" || name == "--rsh-header" {
				if h, ok := parseHeader(v.Value, v.Dynamic); ok {
					headers = append(headers, h)
				}
			}
		}
	}
	if len(ops) == 0 {
		return nil
	}
	method := "GET"
	if m := strings.ToLower(ops[0].Value); wordlist.Has(restishMethods, m) {
		method = strings.ToUpper(m)
		if m == "edit" {
			method = "PUT"
		}
		ops = ops[1:]
	}
	if len(ops) == 0 || !strings.ContainsAny(ops[0].Value, "/.:") {
		return nil
	}
	r := Request{Client: "restish", Method: method, Headers: headers}
	r.Body = shorthandBody(ops[1:])
	if inv.Stdin.Kind == parse.Known && method != "GET" {
		r.Body = append(r.Body, Part{Value: inv.Stdin.Text})
	}
	r.setURL(ops[0].Value, "https")
	r.Credential = pickCredential(headerCredentials(headers, inv), &r, inv)
	return []Request{r}
}

// shorthandBody reads restish's CLI shorthand (status: deleted, tags[]:
// a) as named parts, and other words as they are.
func shorthandBody(words []parse.Word) []Part {
	var text []string
	for _, w := range words {
		text = append(text, w.Value)
	}
	joined := strings.Join(text, " ")
	if joined == "" {
		return nil
	}
	var out []Part
	for _, field := range strings.Split(joined, ",") {
		k, v, ok := strings.Cut(field, ":")
		if !ok || strings.ContainsAny(k, "{}\"[]") && !strings.HasSuffix(k, "[]") {
			return []Part{{Value: joined}}
		}
		out = append(out, Part{Name: strings.TrimSpace(k), Value: strings.TrimSpace(v)})
	}
	return out
}

// fromEvans reads evans [--host H] [--port P] [--tls] cli call
// pkg.Service.Method [--file F]: the host is 127.0.0.1 and the port 50051
// unless given; the REPL is typed by a person.
func fromEvans(inv *parse.Invocation) []Request {
	host, port, scheme := "127.0.0.1", "50051", "http"
	var ops []string
	r := Request{Client: "evans", Method: "POST"}
	args := inv.Args[1:]
	for i := 0; i < len(args); i++ {
		s := args[i].Value
		if !strings.HasPrefix(s, "-") || len(s) < 2 {
			ops = append(ops, s)
			continue
		}
		name := optName(s)
		switch name {
		case "-t", "--tls":
			scheme = "https"
			continue
		case "--host", "--port", "-f", "--file", "--header", "--path", "--proto", "--package", "--service",
			"--cacert", "--cert", "--certkey", "--servername", "--config-file":
		default:
			continue
		}
		v, next, ok := rpcValue(args, i)
		if !ok {
			break
		}
		i = next
		switch name {
		case "--host":
			host = v.Value
		case "--port":
			port = v.Value
		case "-f", "--file":
			dataBody(inv, parse.Word{Value: "@" + v.Value}, &r)
		case "--header":
			if h, ok := parseHeader(strings.Replace(v.Value, "=", ":", 1), v.Dynamic); ok {
				r.Headers = append(r.Headers, h)
			}
		}
	}
	method := ""
	for i := 0; i+1 < len(ops); i++ {
		if ops[i] == "call" {
			method = ops[i+1]
			break
		}
	}
	if method == "" {
		return nil
	}
	if len(r.Body) == 0 && len(r.Unread) == 0 && inv.Stdin.Kind == parse.Known {
		r.Body = append(r.Body, Part{Value: inv.Stdin.Text})
	}
	r.setURL(scheme+"://"+host+":"+port+grpcPath(method), scheme)
	r.Credential = pickCredential(headerCredentials(r.Headers, inv), &r, inv)
	return []Request{r}
}
