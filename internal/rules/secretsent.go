package rules

import (
	"slices"
	"strings"

	"github.com/guardsh/guard/internal/parse"
)

// Reading a secret to the agent's own terminal (vault kv get, op read,
// pass show, gh auth token) is everyday work, and passes. What asks is a
// secret sent somewhere: piped into a network client that sends its
// input (nc, ssh, curl -d @-), substituted into what an HTTP client
// sends (a body, a form, a URL) rather than into the header or user
// option that authenticates the request, or written where other users
// can read it (/tmp; privatetemp.go says which files there are private). The secret-sent matcher below finds the reader of
// the secret (the readers of the rule's with table) behind a sender's
// input and arguments.

// secretSent is the secret-sent matcher's configuration.
type secretSent struct {
	readers [][]string // "vault kv get": a program and the leading words of its operands
	http    []string   // HTTP clients: their auth options and headers may carry a secret
	stream  [][]string // programs that send what they are given: nc, ssh, "gh gist create"
	filters []string   // programs that pass their input on, changed: base64, jq
	auth    []string   // options of HTTP clients whose value authenticates: -H, -u
}

// newSecretSent builds the secret-sent matcher from its with table:
// readers, http, stream, filters and auth.
func newSecretSent(with map[string]any) (matchFunc, error) {
	p := newParams(with)
	m := &secretSent{http: p.strings("http"), filters: p.strings("filters"), auth: p.strings("auth")}
	for _, r := range p.strings("readers") {
		m.readers = append(m.readers, strings.Fields(r))
	}
	for _, s := range p.strings("stream") {
		m.stream = append(m.stream, strings.Fields(s))
	}
	if err := p.done(); err != nil {
		return nil, err
	}
	return m.match, nil
}

// match judges one invocation: a sender whose input or arguments carry a
// secret, or a reader whose output goes to a temporary file.
func (m *secretSent) match(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
	name := v.name
	isHTTP := hasFold(m.http, name)
	isStream := specMatch(m.stream, inv, v.set)
	if !isHTTP && !isStream {
		if r := m.reader(inv, v.set); r != "" {
			for _, rd := range inv.Redirs {
				if rd.Writes() && classify(rd.Target, placeOf(inv, ctx), ctx)&classTemp != 0 && !privateTemp(rd.Target, inv, ctx) {
					return r + " writes a secret to " + parse.Quote(rd.Target.Value) + ", where other users can read it", true
				}
			}
			return "", false
		}
		if name == "tee" {
			for _, op := range v.operands {
				if classify(op, placeOf(inv, ctx), ctx)&classTemp != 0 && !privateTemp(op, inv, ctx) {
					if r := m.piped(inv, v.set, ctx); r != "" {
						return "tee writes the secret " + r + " reads to " + parse.Quote(op.Value) + ", where other users can read it", true
					}
				}
			}
		}
		return "", false
	}
	if isStream || readsStdin(inv, name) || m.xargsSends(inv, isHTTP) {
		if r := m.piped(inv, v.set, ctx); r != "" {
			return "the secret " + r + " reads is piped into " + name + ", which sends it to " + target(inv), true
		}
	}
	for i, a := range inv.Args {
		if i == 0 || !a.Dynamic {
			continue
		}
		if isHTTP && !isStream && m.authPosition(inv, i) {
			continue
		}
		if r := m.substituted(a.Value, inv); r != "" {
			return "the secret " + r + " reads is sent by " + name + " to " + target(inv), true
		}
	}
	return "", false
}

// xargsSends reports whether xargs puts what it reads into the arguments
// of a sender where they are sent: appended (no -I), or replacing the -I
// string in an argument that does not authenticate the request.
func (m *secretSent) xargsSends(inv *parse.Invocation, isHTTP bool) bool {
	repl, found := "", false
	for _, via := range inv.Via {
		f := strings.Fields(via)
		if len(f) == 0 || f[0] != "xargs" && f[0] != "parallel" {
			continue
		}
		found = true
		for i, w := range f[1:] {
			switch {
			case w == "-I" && i+2 < len(f):
				repl = f[i+2]
			case strings.HasPrefix(w, "-I") && len(w) > 2:
				repl = w[2:]
			case strings.HasPrefix(w, "--replace="):
				repl = strings.TrimPrefix(w, "--replace=")
			}
		}
	}
	if !found {
		return false
	}
	if repl == "" || !isHTTP {
		return true
	}
	for i, a := range inv.Args {
		if i > 0 && strings.Contains(a.Value, repl) && !m.authPosition(inv, i) {
			return true
		}
	}
	return false
}

// reader returns the reader spec an invocation matches, as written
// ("vault kv get"), or "".
func (m *secretSent) reader(inv *parse.Invocation, set *Set) string {
	for _, r := range m.readers {
		if specIs(r, inv, set) {
			return strings.Join(r, " ")
		}
	}
	return ""
}

// piped returns the reader whose output reaches the invocation's stdin,
// through a pipe and any filters (op read x | base64 | nc host 1), or
// through xargs, or "". The invocations before it are read again from the
// whole command, which happens only for a sender with piped input.
func (m *secretSent) piped(inv *parse.Invocation, set *Set, ctx *Context) string {
	viaXargs := false
	for _, via := range inv.Via {
		if strings.HasPrefix(via, "xargs") || strings.HasPrefix(via, "parallel") {
			viaXargs = true
		}
	}
	if !strings.HasPrefix(inv.Stdin.From, "pipe from ") && !viaXargs || ctx.text == "" {
		return ""
	}
	all := parse.Command(ctx.text, parse.Options{Dir: ctx.Dir, Home: ctx.shellHome()})
	j := -1
	for i, o := range all {
		if o.Pos == inv.Pos && o.Text == inv.Text && strings.EqualFold(o.Name, inv.Name) {
			j = i
			break
		}
	}
	if j < 0 {
		return ""
	}
	cur := all[j]
	for step := 0; step < 8; step++ {
		from, ok := strings.CutPrefix(cur.Stdin.From, "pipe from ")
		k := -1
		if ok {
			for i := j - 1; i >= 0; i-- {
				if strings.EqualFold(all[i].Name, from) {
					k = i
					break
				}
			}
		} else if viaXargs && step == 0 && j > 0 {
			k = j - 1
		}
		if k < 0 {
			return ""
		}
		prod := foldName(all[k])
		if r := m.reader(prod, set); r != "" {
			return r
		}
		// echo "$(pass show x)" | nc host 1: the producer prints a
		// secret substituted into its arguments.
		for _, a := range prod.Args[1:] {
			if a.Dynamic {
				if r := m.substituted(a.Value, prod); r != "" {
					return r
				}
			}
		}
		if !hasFold(m.filters, prod.Name) {
			return ""
		}
		cur, j = prod, k
	}
	return ""
}

// substituted returns the reader run by a command substitution in a
// word, directly or through a variable the command set to one ($TOKEN
// after TOKEN=$(op read ...)), or "".
func (m *secretSent) substituted(word string, inv *parse.Invocation) string {
	if strings.Contains(word, "$(") || strings.Contains(word, "`") {
		if r := m.readerIn(word); r != "" {
			return r
		}
	}
	for name, origin := range inv.Origins {
		if strings.Contains(word, "$"+name) || strings.Contains(word, "${"+name) {
			if r := m.readerIn(origin); r != "" {
				return r
			}
		}
	}
	return ""
}

// readerIn returns a reader that the shell text runs, or "".
func (m *secretSent) readerIn(text string) string {
	for _, in := range parse.Command(text, parse.Options{}) {
		if r := m.reader(foldName(in), nil); r != "" {
			return r
		}
	}
	return ""
}

// authPosition reports whether argument i of an HTTP client is where a
// request is authenticated: the value of -u or --user, or a header whose
// name says it carries a credential (Authorization, X-API-Key,
// PRIVATE-TOKEN), given with -H or as an HTTPie header item.
func (m *secretSent) authPosition(inv *parse.Invocation, i int) bool {
	s := inv.Args[i].Value
	if i > 1 {
		prev := inv.Args[i-1].Value
		if slices.Contains(m.auth, prev) {
			return prev != "-H" && prev != "--header" || authHeader(s)
		}
	}
	if opt, val, ok := strings.Cut(s, "="); ok && strings.HasPrefix(opt, "--") && slices.Contains(m.auth, opt) {
		return opt != "--header" || authHeader(val)
	}
	if rest, ok := strings.CutPrefix(s, "-H"); ok && rest != "" {
		return authHeader(strings.TrimSpace(rest))
	}
	if rest, ok := strings.CutPrefix(s, "-u"); ok && rest != "" {
		return true
	}
	// HTTPie and xh: Name:value is a header, Name:=value JSON, Name==value
	// a query parameter, Name=value a field.
	if name, val, ok := strings.Cut(s, ":"); ok && !strings.ContainsAny(name, "=/ @") && !strings.HasPrefix(val, "=") && !strings.HasPrefix(val, "//") {
		return authHeader(s)
	}
	return false
}

// authHeader reports whether a header, NAME: VALUE, carries a credential
// by its name.
func authHeader(h string) bool {
	name, _, ok := strings.Cut(h, ":")
	if !ok {
		return false
	}
	for _, w := range [...]string{"auth", "token", "key", "secret", "password", "cookie", "credential"} {
		if hasFoldSub(name, w) {
			return true
		}
	}
	return false
}

// hasFoldSub reports whether s holds sub, a lower-case word, in any case,
// without allocating: this runs on every dynamic header of every request.
func hasFoldSub(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if compareFold(sub, s[i:i+len(sub)]) == 0 {
			return true
		}
	}
	return false
}

// readsStdin reports whether an HTTP client sends what it reads on stdin:
// curl with @- or -T -, HTTPie and xh whenever their input is piped.
func readsStdin(inv *parse.Invocation, name string) bool {
	switch name {
	case "curl", "curlie":
		for i, a := range inv.Args[1:] {
			s := a.Value
			if s == "@-" || strings.HasSuffix(s, "=@-") || strings.HasSuffix(s, "@-") && strings.HasPrefix(s, "--data") {
				return true
			}
			if (s == "-T" || s == "--upload-file") && i+2 < len(inv.Args) && inv.Args[i+2].Value == "-" {
				return true
			}
		}
		return false
	case "wget", "wget2":
		for _, a := range inv.Args[1:] {
			if strings.HasPrefix(a.Value, "--post-file") || strings.HasPrefix(a.Value, "--body-file") {
				return strings.HasSuffix(a.Value, "/dev/stdin") || strings.HasSuffix(a.Value, "=-")
			}
		}
		return false
	}
	for _, a := range inv.Args[1:] {
		if a.Value == "--ignore-stdin" || a.Value == "-I" && (name == "http" || name == "https" || name == "xh") {
			return false
		}
	}
	return true
}

// target names where a sender sends: its host, as far as the arguments
// say.
func target(inv *parse.Invocation) string {
	if inv.Remote != "" {
		return inv.Remote
	}
	if inv.Name == "ssh" || inv.Name == "nc" || inv.Name == "ncat" || inv.Name == "netcat" || inv.Name == "telnet" {
		for _, a := range inv.Args[1:] {
			if !strings.HasPrefix(a.Value, "-") {
				return parse.Quote(a.Value)
			}
		}
	}
	for _, a := range inv.Args[1:] {
		s := a.Value
		if strings.Contains(s, "://") {
			return parse.Quote(s)
		}
	}
	for _, a := range inv.Args[1:] {
		s := a.Value
		if !strings.HasPrefix(s, "-") && strings.Contains(s, ".") && !strings.ContainsAny(s, " $") {
			return parse.Quote(s)
		}
	}
	return "another host"
}

// specMatch reports whether an invocation is one of the specs.
func specMatch(specs [][]string, inv *parse.Invocation, set *Set) bool {
	for _, sp := range specs {
		if specIs(sp, inv, set) {
			return true
		}
	}
	return false
}

// specIs reports whether an invocation is the spec: a program name and
// the leading bare words of its operands, options and the values of the
// tool's value options skipped.
func specIs(sp []string, inv *parse.Invocation, set *Set) bool {
	if len(sp) == 0 || !strings.EqualFold(sp[0], inv.Name) {
		return false
	}
	if len(sp) == 1 {
		return true
	}
	var valueFlags []string
	if set != nil {
		if t := set.tool(inv.Name); t != nil {
			valueFlags = t.ValueFlags
		}
	}
	want := sp[1:]
	n := 0
	for i := 1; i < len(inv.Args) && n < len(want); i++ {
		s := inv.Args[i].Value
		if strings.HasPrefix(s, "-") {
			if want[n] == s {
				n++
				continue
			}
			if !strings.Contains(s, "=") && slices.Contains(valueFlags, s) {
				i++
			}
			continue
		}
		if !strings.EqualFold(want[n], s) {
			return false
		}
		n++
	}
	return n == len(want)
}

// hasFold reports whether list holds s, ignoring case.
func hasFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}
