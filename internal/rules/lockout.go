package rules

import (
	"strings"

	"github.com/guardsh/guard/internal/lazy"
	"github.com/guardsh/guard/internal/parse"
)

// This file holds the firewall-lockout matcher: a firewall change that
// shuts out remote login, so that whoever manages the machine over ssh
// cannot reach it any more. ufw enable with nothing letting ssh in first,
// a rule that drops port 22 from anywhere, ssh's service or port removed
// from a firewalld zone, a default zone that drops everything, an input
// chain whose catch-all drops all. A rule for one source (a ban), one more
// port opened, or an ssh rule added before the catch-all passes.

// newFirewallLockout matches ufw, firewall-cmd, the iptables family and
// nft changes that shut out ssh. It takes no options.
func newFirewallLockout(with map[string]any) (matchFunc, error) {
	if err := newParams(with).done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		var why string
		switch {
		case inv.Name == "ufw":
			why = ufwLockout(inv, ctx.before)
		case inv.Name == "firewall-cmd":
			why = firewalldLockout(inv, ctx.before)
		case inv.Name == "nft":
			why = nftLockout(inv, ctx.before)
		case strings.HasPrefix(inv.Name, "iptables") || strings.HasPrefix(inv.Name, "ip6tables"):
			why = iptablesLockout(inv, ctx.before)
		}
		return why, why != ""
	}, nil
}

// sshWord reports whether a port, a service or an application profile
// names remote login: 22, 22/tcp, ssh, OpenSSH, a list or a range that
// holds 22.
func sshWord(s string) bool {
	s = strings.ToLower(strings.Trim(s, `"'`))
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' }) {
		part, _, _ = strings.Cut(part, "/")
		switch part {
		case "22", "ssh", "openssh", "sshd", "openssh-server":
			return true
		}
		if lo, hi, ok := strings.Cut(part, ":"); ok || strings.Contains(part, "-") {
			if !ok {
				lo, hi, _ = strings.Cut(part, "-")
			}
			if atoiOr(lo, 1<<30) <= 22 && atoiOr(hi, -1) >= 22 {
				return true
			}
		}
	}
	return false
}

// atoiOr returns the decimal number s, or or when s is not one.
func atoiOr(s string, or int) int {
	if s == "" || len(s) > 6 {
		return or
	}
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return or
		}
		n = n*10 + int(s[i]-'0')
	}
	return n
}

// plainWords returns an invocation's words after its name that do not
// start with a dash, and whether one of them is only known at run time.
func plainWords(inv *parse.Invocation) (out []string, dynamic bool) {
	for _, a := range inv.Args[1:] {
		if a.Dynamic {
			dynamic = true
		}
		if !strings.HasPrefix(a.Value, "-") {
			out = append(out, a.Value)
		}
	}
	return out, dynamic
}

// ufwLockout judges a ufw command line: enable, or a default incoming
// policy of deny or reject, with no ssh allowed by an earlier ufw in the
// command; a deny, reject or delete-allow of ssh from anywhere.
func ufwLockout(inv *parse.Invocation, before []*parse.Invocation) string {
	ops, _ := plainWords(inv)
	if len(ops) == 0 {
		return ""
	}
	switch verb := strings.ToLower(ops[0]); verb {
	case "enable":
		if !ufwAllowsSSH(before) {
			return "ufw enable turns the firewall on, which by default drops incoming connections, and nothing before it lets ssh in"
		}
	case "deny", "reject", "insert", "prepend", "route":
		rest := ops[1:]
		if verb == "insert" && len(rest) > 0 {
			rest = rest[1:]
		}
		if len(rest) > 0 && (rest[0] == "deny" || rest[0] == "reject") {
			rest = rest[1:]
		} else if verb == "insert" || verb == "prepend" || verb == "route" {
			return ""
		}
		if ufwRuleSSH(rest) {
			return "ufw " + strings.Join(ops, " ") + " blocks ssh from anywhere"
		}
	case "delete":
		if len(ops) > 2 && (ops[1] == "allow" || ops[1] == "limit") && ufwRuleSSH(ops[2:]) {
			return "ufw " + strings.Join(ops, " ") + " removes the rule that lets ssh in"
		}
	}
	return ""
}

// ufwRuleSSH reports whether a ufw rule's words (after allow or deny)
// cover ssh from any source: "ssh", "22/tcp", "proto tcp to any port 22",
// "in on eth0 to any port 22"; a rule "from 203.0.113.9" names one source.
func ufwRuleSSH(words []string) bool {
	ssh, sourced := ufwRulePorts(words)
	return ssh && !sourced
}

// ufwRulePorts reports whether a ufw rule's words cover ssh, and whether
// they limit it to a source ("from 203.0.113.9").
func ufwRulePorts(words []string) (port, sourced bool) {
	for i := 0; i < len(words); i++ {
		w := strings.ToLower(words[i])
		switch w {
		case "from":
			if i+1 < len(words) && words[i+1] != "any" {
				sourced = true
			}
			i++
		case "port", "app":
			if i+1 < len(words) && sshWord(words[i+1]) {
				port = true
			}
			i++
		case "in", "out", "on", "to", "any", "proto", "tcp", "udp", "log", "log-all", "comment":
			if w == "out" {
				return false, sourced
			}
			if w == "on" || w == "proto" || w == "comment" {
				i++
			}
		default:
			if sshWord(w) {
				port = true
			}
		}
	}
	return port, sourced
}

// ufwAllowsSSH reports whether one of the ufw commands before lets ssh
// in: allow or limit of ssh, 22 or OpenSSH, or allow from a source to
// every port.
func ufwAllowsSSH(before []*parse.Invocation) bool {
	for _, b := range before {
		if b.Name != "ufw" {
			continue
		}
		ops, _ := plainWords(b)
		if len(ops) < 2 || ops[0] != "allow" && ops[0] != "limit" {
			continue
		}
		if ssh, _ := ufwRulePorts(ops[1:]); ssh || ops[1] == "from" && !containsFold(ops, "port") && !containsFold(ops, "app") {
			return true
		}
	}
	return false
}

// firewalldLockout judges firewall-cmd: ssh's service or port removed, a
// rich rule that rejects ssh, or the default zone set to one that drops
// everything, unless ssh was added to that zone earlier in the command.
func firewalldLockout(inv *parse.Invocation, before []*parse.Invocation) string {
	args := inv.Argv()[1:]
	for i := 0; i < len(args); i++ {
		name, val, eq := strings.Cut(args[i], "=")
		if !eq && i+1 < len(args) && !strings.HasPrefix(args[i+1], "-") {
			switch name {
			case "--remove-service", "--remove-port", "--set-default-zone", "--add-rich-rule", "--remove-service-from-zone":
				i++
				val = args[i]
			}
		}
		switch name {
		case "--remove-service", "--remove-port", "--remove-service-from-zone":
			if sshWord(val) {
				return "firewall-cmd " + name + "=" + val + " stops letting ssh in"
			}
		case "--add-rich-rule":
			r := strings.ToLower(val)
			if (strings.Contains(r, "reject") || strings.Contains(r, "drop")) && !strings.Contains(r, "source") &&
				(strings.Contains(r, `name="ssh"`) || strings.Contains(r, "name=ssh") || strings.Contains(r, `port="22"`) || strings.Contains(r, "port=22")) {
				return "firewall-cmd adds a rule that rejects ssh from anywhere"
			}
		case "--set-default-zone":
			if z := strings.ToLower(val); (z == "drop" || z == "block") && !firewalldAddsSSH(before, z) {
				return "firewall-cmd --set-default-zone=" + val + " drops every incoming connection, ssh's included"
			}
		}
	}
	return ""
}

// firewalldAddsSSH reports whether a firewall-cmd before adds ssh to
// zone.
func firewalldAddsSSH(before []*parse.Invocation, zone string) bool {
	for _, b := range before {
		if b.Name != "firewall-cmd" {
			continue
		}
		argv := strings.ToLower(strings.Join(b.Argv(), " "))
		if strings.Contains(argv, "--zone="+zone) && (strings.Contains(argv, "--add-service=ssh") || strings.Contains(argv, "--add-port=22/")) {
			return true
		}
	}
	return false
}

// iptablesRule is what one iptables command line says about a rule.
type iptablesRule struct {
	op, chain, target string
	// ssh is set when the rule's destination ports hold 22; sourced when
	// it is limited to a source; narrow when it is limited to a source,
	// an interface, a state, other ports or a protocol other than ssh's.
	ssh, sourced, narrow bool
}

// iptablesOps gives the letter of the options that add, insert, delete
// or replace a rule.
var iptablesOps = lazy.Value[map[string]string]{Make: func() map[string]string {
	return map[string]string{"-A": "A", "--append": "A", "-I": "I", "--insert": "I", "-D": "D", "--delete": "D", "-R": "R", "--replace": "R"}
}}

// readIptables reads an iptables command line's rule.
func readIptables(inv *parse.Invocation) iptablesRule {
	var r iptablesRule
	args := inv.Argv()[1:]
	next := func(i *int) string {
		if *i+1 < len(args) {
			*i++
			return args[*i]
		}
		return ""
	}
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch a {
		case "-A", "--append", "-I", "--insert", "-D", "--delete", "-R", "--replace":
			r.op = iptablesOps.Get()[a]
			r.chain = strings.ToUpper(next(&i))
		case "-j", "--jump":
			r.target = strings.ToUpper(next(&i))
		case "--dport", "--destination-port", "--dports", "--destination-ports":
			r.ssh = sshWord(next(&i))
			r.narrow = r.narrow || !r.ssh
		case "-s", "--source", "-i", "--in-interface", "--src-range", "--ctstate", "--state", "--uid-owner":
			if v := next(&i); v != "0.0.0.0/0" && v != "::/0" && v != "any" {
				r.narrow = true
				r.sourced = r.sourced || a == "-s" || a == "--source" || a == "--src-range"
			}
		case "-p", "--protocol":
			if p := strings.ToLower(next(&i)); p != "tcp" && p != "all" {
				r.narrow = true
			}
		}
	}
	return r
}

// iptablesLockout judges an iptables rule on the INPUT chain: one that
// drops or rejects ssh from anywhere, a catch-all that drops everything
// inserted at the top or appended with no ssh accepted earlier in the
// command, or the rule that accepts ssh deleted.
func iptablesLockout(inv *parse.Invocation, before []*parse.Invocation) string {
	r := readIptables(inv)
	if r.chain != "INPUT" {
		return ""
	}
	drops := r.target == "DROP" || r.target == "REJECT"
	switch {
	case (r.op == "A" || r.op == "I" || r.op == "R") && drops && r.ssh && !r.sourced:
		return "this drops incoming ssh from anywhere"
	case (r.op == "I" || r.op == "R") && drops && !r.narrow:
		return "this puts a rule that drops every incoming connection at the top of INPUT, ssh's included"
	case r.op == "A" && drops && !r.narrow && !iptablesAcceptsSSH(before):
		return "this appends a rule that drops every incoming connection, and nothing before it in the command accepts ssh"
	case r.op == "D" && r.target == "ACCEPT" && r.ssh:
		return "this deletes the rule that accepts ssh"
	}
	return ""
}

// iptablesAcceptsSSH reports whether an iptables before accepts ssh or
// established connections on INPUT.
func iptablesAcceptsSSH(before []*parse.Invocation) bool {
	for _, b := range before {
		if !strings.HasPrefix(b.Name, "iptables") && !strings.HasPrefix(b.Name, "ip6tables") {
			continue
		}
		if r := readIptables(b); r.chain == "INPUT" && r.target == "ACCEPT" && (r.ssh || strings.Contains(strings.Join(b.Argv(), " "), "ESTABLISHED")) {
			return true
		}
	}
	return false
}

// nftLockout judges nft: a rule that drops ssh from anywhere, or an input
// chain whose policy drops everything with no ssh accepted in the
// command's nft text.
func nftLockout(inv *parse.Invocation, before []*parse.Invocation) string {
	text := strings.ToLower(strings.Join(inv.Argv()[1:], " "))
	if strings.HasPrefix(text, "list") || strings.HasPrefix(text, "-c") {
		return ""
	}
	words := strings.FieldsFunc(text, func(r rune) bool { return r == ' ' || r == ';' || r == '{' || r == '}' || r == '\\' || r == '\n' })
	all := text
	for _, b := range before {
		if b.Name == "nft" {
			all += " " + strings.ToLower(strings.Join(b.Argv()[1:], " "))
		}
	}
	acceptsSSH := strings.Contains(all, "dport 22 accept") || strings.Contains(all, "dport ssh accept") || strings.Contains(all, "established")
	if n := len(words); n > 3 && (words[0] == "add" || words[0] == "insert") && words[1] == "rule" && (words[n-1] == "drop" || words[n-1] == "reject") &&
		strings.Contains(text, "input") && !acceptsSSH && !strings.Contains(text, "saddr") && !strings.Contains(text, "dport") &&
		!strings.Contains(text, "iif") && !strings.Contains(text, " ct ") && !strings.Contains(text, "icmp") && !strings.Contains(text, "udp") {
		return "nft adds a rule that drops every incoming connection, and nothing in the command accepts ssh"
	}
	for i, w := range words {
		switch {
		case w == "dport" && i+2 < len(words) && sshWord(words[i+1]) && (words[i+2] == "drop" || words[i+2] == "reject") && !strings.Contains(text, "saddr"):
			return "nft adds a rule that drops ssh from anywhere"
		case w == "policy" && i+1 < len(words) && words[i+1] == "drop" && strings.Contains(text, "hook input") && !acceptsSSH:
			return "nft makes the input chain drop everything, and nothing in the command accepts ssh"
		}
	}
	return ""
}
