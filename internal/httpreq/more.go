package httpreq

import (
	"strings"

	"github.com/guardsh/guard/internal/parse"
	"github.com/guardsh/guard/internal/wordlist"
)

// Clients that are less common than curl, read the same way: the API
// commands of other CLIs (glab api, hub api, az rest, stripe get|post|
// delete), raw HTTP written to a socket (nc, socat, openssl s_client) and
// load generators (hey, oha, ab), which send the same request many times.

// fromGlab reads glab api and hub api, which take gh api's options.
func fromGlab(inv *parse.Invocation) []Request {
	return fromAPICommand(inv, inv.Name)
}

// fromAzRest reads az rest --method M --url U --body B.
func fromAzRest(inv *parse.Invocation) []Request {
	args := inv.Args[1:]
	if len(args) == 0 || args[0].Value != "rest" {
		return nil
	}
	r := Request{Client: "az rest", Method: "GET"}
	u := ""
	for i := 1; i < len(args); i++ {
		name, val, eq := strings.Cut(args[i].Value, "=")
		v := parse.Word{Value: val, Dynamic: args[i].Dynamic}
		if !eq {
			if i+1 >= len(args) || !strings.HasPrefix(name, "-") {
				continue
			}
			i++
			v = args[i]
		}
		switch name {
		case "--method", "-m":
			r.Method = strings.ToUpper(v.Value)
			if v.Dynamic {
				r.Method = ""
			}
		case "--url", "--uri", "-u":
			u = v.Value
		case "--body", "-b":
			if f, ok := strings.CutPrefix(v.Value, "@"); ok {
				if text, ok := readFile(inv, f); ok {
					r.Body = append(r.Body, Part{Value: text})
				} else {
					r.Unread = append(r.Unread, describeFile(f))
				}
			} else {
				r.Body = append(r.Body, Part{Value: v.Value})
			}
		case "--headers":
			if h, ok := parseHeader(strings.Replace(v.Value, "=", ":", 1), v.Dynamic); ok {
				r.Headers = append(r.Headers, h)
			}
		}
	}
	if u == "" {
		return nil
	}
	r.setURL(u, "https")
	r.Credential = pickCredential(headerCredentials(r.Headers, inv), &r, inv)
	if r.Credential == nil {
		r.Credential = &Credential{Kind: "az's login", Source: Client, From: "az login"}
	}
	return []Request{r}
}

// fromStripe reads stripe get|post|delete PATH [-d key=value], and the
// resource commands (stripeResource).
func fromStripe(inv *parse.Invocation) []Request {
	args := inv.Args[1:]
	if len(args) < 2 {
		return nil
	}
	method := strings.ToUpper(args[0].Value)
	if method != "GET" && method != "POST" && method != "DELETE" {
		return stripeResource(inv)
	}
	r := Request{Client: "stripe " + args[0].Value, Method: method}
	path := ""
	live := false
	for i := 1; i < len(args); i++ {
		s := args[i].Value
		switch {
		case s == "-d" || s == "--data":
			if i+1 < len(args) {
				i++
				k, v, _ := strings.Cut(args[i].Value, "=")
				r.Body = append(r.Body, Part{Name: k, Value: v})
			}
		case s == "--live":
			live = true
		case strings.HasPrefix(s, "-"):
			if (s == "--api-key" || s == "--stripe-account" || s == "--project-name" || s == "-p") && i+1 < len(args) {
				i++
				if s == "--api-key" {
					r.Credential = credential("--api-key", args[i].Value, args[i].Dynamic, inv)
				}
			}
		case path == "":
			path = s
		}
	}
	if path == "" {
		return nil
	}
	r.setURL("https://api.stripe.com/"+strings.TrimPrefix(path, "/"), "https")
	if r.Credential == nil {
		r.Credential = stripeLogin(inv, live)
	}
	return []Request{r}
}

// stripeCommands are the Stripe CLI's own commands, which are not a
// resource of the API.
const stripeCommands = "login logout listen trigger logs fixtures config samples serve open status version " +
	"completion feedback help resources community plugin plugins apps projects"

// stripeValueFlags are the Stripe CLI's global options that take a value.
const stripeValueFlags = "--api-key --stripe-account --project-name -p --device-name --config --color --log-level " +
	"--expand -e --stripe-version -v --idempotency -i --stripe-context"

// stripeResource reads a Stripe CLI resource command as the request it
// sends: stripe RESOURCE... OPERATION [ID] [--param value] [-d k=v].
// create is a POST to the collection, update a POST to the object,
// retrieve and list GETs, delete a DELETE, and every other operation
// (cancel, void, reverse, capture) a POST to the object's path named for
// it, as the API has them: stripe invoices void in_1 is POST
// /v1/invoices/in_1/void. An operand with an underscore and a digit or a
// capital (cus_NffrFeUfNV2Hib, sub_1Oab), or one known only at run time,
// is an ID; resource names are lower case (payment_intents).
func stripeResource(inv *parse.Invocation) []Request {
	args := inv.Args[1:]
	var words []parse.Word
	var body []Part
	var cred *Credential
	live := false
	for i := 0; i < len(args); i++ {
		s := args[i].Value
		switch {
		case s == "--":
			words = append(words, args[i+1:]...)
			i = len(args)
		case s == "--live":
			live = true
		case s == "-d" || s == "--data":
			if i+1 < len(args) {
				i++
				k, v, _ := strings.Cut(args[i].Value, "=")
				body = append(body, Part{Name: k, Value: v})
			}
		case strings.HasPrefix(s, "-") && strings.Contains(s, "="):
			if k, v, _ := strings.Cut(s, "="); k == "--api-key" {
				cred = credential("--api-key", v, args[i].Dynamic, inv)
			} else if !wordlist.Has(stripeValueFlags, k) {
				body = append(body, Part{Name: strings.TrimLeft(k, "-"), Value: v})
			}
		case wordlist.Has(stripeValueFlags, s):
			if i+1 < len(args) {
				i++
				if s == "--api-key" {
					cred = credential("--api-key", args[i].Value, args[i].Dynamic, inv)
				}
			}
		case strings.HasPrefix(s, "--") && len(s) > 2:
			// A parameter of the operation (--charge ch_1, --amount 500),
			// or a switch (--confirm) when no value follows.
			if i+1 < len(args) && !strings.HasPrefix(args[i+1].Value, "-") {
				i++
				body = append(body, Part{Name: s[2:], Value: args[i].Value})
			}
		case strings.HasPrefix(s, "-"):
		default:
			words = append(words, args[i])
		}
	}
	if len(words) < 2 || words[0].Dynamic || wordlist.Has(stripeCommands, words[0].Value) {
		return nil
	}
	var names, ids []string
	for _, w := range words {
		if w.Dynamic || stripeID(w.Value) {
			ids = append(ids, w.Value)
		} else if len(ids) == 0 {
			names = append(names, w.Value)
		}
	}
	if len(names) < 2 {
		return nil
	}
	op := names[len(names)-1]
	res := "v1/" + strings.Join(names[:len(names)-1], "/")
	obj := res
	if len(ids) > 0 {
		obj += "/" + ids[0]
	}
	method, p := "POST", obj+"/"+op
	switch op {
	case "create":
		p = res
	case "update":
		p = obj
	case "retrieve", "list", "search":
		method, p = "GET", obj
	case "delete":
		method, p = "DELETE", obj
	}
	r := Request{Client: "stripe " + strings.Join(names, " "), Method: method, Body: body}
	r.setURL("https://api.stripe.com/"+p, "https")
	r.Credential = cred
	if r.Credential == nil {
		r.Credential = stripeLogin(inv, live)
	}
	return []Request{r}
}

// stripeID reports whether an operand is an object's ID: a prefix, an
// underscore, and a digit or a capital among the rest.
func stripeID(s string) bool {
	pre, rest, ok := strings.Cut(s, "_")
	if !ok || pre == "" || rest == "" {
		return false
	}
	return strings.ContainsFunc(rest, func(c rune) bool { return c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' })
}

// stripeLogin returns the key the Stripe CLI uses when the command gives
// none: STRIPE_API_KEY set before the program, or the key stripe login
// stored, which is the test-mode key unless --live asks for the live one.
func stripeLogin(inv *parse.Invocation, live bool) *Credential {
	for _, a := range inv.Assigns {
		if a.Name == "STRIPE_API_KEY" {
			if c := credential("STRIPE_API_KEY", a.Value.Value, a.Value.Dynamic, inv); c != nil {
				return c
			}
		}
	}
	if live {
		return &Credential{Kind: "stripe's live-mode login", Source: Client, From: "stripe login"}
	}
	return &Credential{Kind: "stripe's login", Source: Client, From: "stripe login", Test: true}
}

// fromRaw reads an HTTP request written as text to a socket: printf
// 'DELETE /x HTTP/1.1\r\nHost: h\r\n\r\n' | nc h 80, or the same into
// socat, telnet, openssl s_client or nc -U /var/run/docker.sock.
func fromRaw(inv *parse.Invocation) []Request {
	if inv.Stdin.Kind != parse.Known {
		return nil
	}
	text := inv.Stdin.Text
	line, rest, _ := strings.Cut(text, "\n")
	f := strings.Fields(strings.TrimSpace(line))
	if len(f) != 3 || !isMethod(f[0]) || !strings.HasPrefix(f[2], "HTTP/") {
		return nil
	}
	r := Request{Client: inv.Name, Method: strings.ToUpper(f[0])}
	head, body, _ := strings.Cut(strings.ReplaceAll(rest, "\r\n", "\n"), "\n\n")
	host := ""
	for _, l := range strings.Split(head, "\n") {
		if h, ok := parseHeader(strings.TrimRight(l, "\r"), false); ok {
			r.Headers = append(r.Headers, h)
			if strings.EqualFold(h.Name, "host") {
				host = h.Value
			}
		}
	}
	if strings.TrimSpace(body) != "" {
		r.Body = append(r.Body, Part{Value: body})
	}
	// Where it goes: the program's own idea of the host wins over the
	// Host header.
	target, socket, scheme := rawTarget(inv)
	if target == "" {
		target = host
	}
	if socket != "" {
		r.Socket = socket
		target = "localhost"
	}
	u := f[1]
	if !strings.Contains(u, "://") {
		u = scheme + "://" + target + "/" + strings.TrimPrefix(u, "/")
	}
	r.setURL(u, scheme)
	r.Credential = pickCredential(headerCredentials(r.Headers, inv), &r, inv)
	return []Request{r}
}

// rawTarget returns the host:port, or the Unix socket, a socket program
// connects to.
func rawTarget(inv *parse.Invocation) (target, socket, scheme string) {
	scheme = "http"
	var ops []string
	args := inv.Args[1:]
	for i := 0; i < len(args); i++ {
		s := args[i].Value
		switch {
		case inv.Name == "openssl" && s == "-connect" && i+1 < len(args):
			i++
			return args[i].Value, "", "https"
		case (inv.Name == "nc" || inv.Name == "ncat" || inv.Name == "netcat") && s == "-U" && i+1 < len(args):
			i++
			return "", args[i].Value, "http"
		case (inv.Name == "nc" || inv.Name == "ncat" || inv.Name == "netcat") && (s == "-w" || s == "-p" || s == "-s" || s == "-i" || s == "-q" || s == "-x" || s == "-X"):
			i++
		case strings.HasPrefix(s, "-"):
		default:
			ops = append(ops, s)
		}
	}
	if inv.Name == "socat" {
		for _, o := range ops {
			u := strings.ToUpper(o)
			for _, p := range []string{"TCP:", "TCP4:", "TCP6:", "OPENSSL:", "SSL:"} {
				if strings.HasPrefix(u, p) {
					t := o[len(p):]
					t, _, _ = strings.Cut(t, ",")
					if p == "OPENSSL:" || p == "SSL:" {
						scheme = "https"
					}
					return t, "", scheme
				}
			}
			if strings.HasPrefix(u, "UNIX-CONNECT:") || strings.HasPrefix(u, "UNIX:") {
				_, s, _ := strings.Cut(o, ":")
				s, _, _ = strings.Cut(s, ",")
				return "", s, "http"
			}
		}
		return "", "", scheme
	}
	if len(ops) >= 2 {
		if ops[1] == "443" {
			scheme = "https"
		}
		return ops[0] + ":" + ops[1], "", scheme
	}
	if len(ops) == 1 {
		return ops[0], "", scheme
	}
	return "", "", scheme
}

// fromLoad reads load generators: hey and oha (-m METHOD -d BODY -H
// HEADER URL) and ab (-m METHOD, -p POSTFILE, -u PUTFILE, -H HEADER URL).
func fromLoad(inv *parse.Invocation) []Request {
	method := "GET"
	var headers []Header
	var body []Part
	var url string
	valueOpts := map[string]bool{"-n": true, "-c": true, "-q": true, "-z": true, "-t": true, "-o": true, "-a": true,
		"-x": true, "-T": true, "-A": true, "-C": true, "-P": true, "-s": true, "-g": true, "-e": true, "-X": true,
		"-b": true, "-w": true, "-l": true, "-B": true, "--duration": true, "--connections": true, "-r": true}
	args := inv.Args[1:]
	for i := 0; i < len(args); i++ {
		s := args[i].Value
		if !strings.HasPrefix(s, "-") || len(s) < 2 {
			url = s
			continue
		}
		if i+1 >= len(args) {
			break
		}
		switch {
		case s == "-m" || s == "--method":
			i++
			method = strings.ToUpper(args[i].Value)
			if args[i].Dynamic {
				method = ""
			}
		case s == "-H":
			i++
			if h, ok := parseHeader(args[i].Value, args[i].Dynamic); ok {
				headers = append(headers, h)
			}
		case s == "-d" && inv.Name != "ab":
			i++
			body = append(body, Part{Value: args[i].Value})
			if method == "GET" {
				method = "POST"
			}
		case s == "-D" && inv.Name == "hey", s == "-p" && inv.Name == "ab", s == "-u" && inv.Name == "ab":
			i++
			if text, ok := readFile(inv, args[i].Value); ok {
				body = append(body, Part{Value: text})
			}
			if inv.Name == "ab" && s == "-u" {
				method = "PUT"
			} else if method == "GET" {
				method = "POST"
			}
		case valueOpts[s]:
			i++
		}
	}
	if url == "" {
		return nil
	}
	r := Request{Client: inv.Name, Method: method, Headers: headers, Body: body}
	r.setURL(url, "http")
	r.Credential = pickCredential(headerCredentials(headers, inv), &r, inv)
	return []Request{r}
}
