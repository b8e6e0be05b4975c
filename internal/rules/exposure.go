package rules

import (
	"regexp"
	"strings"

	"github.com/guardsh/guard/internal/lazy"
	"github.com/guardsh/guard/internal/parse"
)

// A cloud firewall rule that lets anyone reach every port of what it
// guards is an exposure made in one command, whether the rule is created
// or updated: gcloud compute firewall-rules create --allow=all
// --source-ranges=0.0.0.0/0, aws ec2 authorize-security-group-ingress
// --protocol -1 --cidr 0.0.0.0/0, az network nsg rule create
// --source-address-prefixes '*' --destination-port-ranges '*', doctl's
// protocol:tcp,ports:all,address:0.0.0.0/0, and a firewall whose default
// inbound policy becomes ACCEPT (linode-cli firewalls rules-update
// --inbound_policy ACCEPT), which lets in whatever no rule drops. One
// port opened to the world (443 for a web server) is everyday work and
// passes, as do outbound rules, rules that deny, and sources narrower
// than the whole internet.

// exposurePair is one setting of a firewall command: a key, normalized
// (lower case, without - and _, the last dotted segment), and its value in
// lower case.
type exposurePair struct{ key, val string }

// jsonPair matches a "key": "value" or "key": number pair in JSON text.
var jsonPair = lazy.Value[*regexp.Regexp]{Make: func() *regexp.Regexp {
	return regexp.MustCompile(`"([A-Za-z_][\w.-]*)"\s*:\s*"?([^",{}\[\]]*)"?`)
}}

// newOpensEverything matches a firewall command that opens every port to
// any address, or sets a default inbound policy that accepts.
func newOpensEverything(with map[string]any) (matchFunc, error) {
	if err := newParams(with).done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		pairs, anywhere, sourced, egress := exposurePairs(inv)
		if egress {
			return "", false
		}
		if !sourced && v.name == "gcloud" && operandsStart(v, "compute firewall-rules create") {
			// An ingress rule created with no source is open to
			// 0.0.0.0/0.
			anywhere = true
		}
		every, policy := "", ""
		from, to := "", ""
		for _, p := range pairs {
			switch {
			case (p.key == "access" || p.key == "action") && exposureDenies(p.val):
				return "", false
			case p.key == "direction" && exposureOutbound(p.val):
				return "", false
			case strings.HasSuffix(p.key, "inboundpolicy") || p.key == "defaultaction" || p.key == "defaultinboundpolicy":
				if p.val == "accept" || p.val == "allow" {
					policy = p.key + " " + p.val
				}
			case p.key == "fromport":
				from = p.val
			case p.key == "toport":
				to = p.val
			case p.key == "allow" || p.key == "rules":
				// gcloud: all, or a protocol with no ports (tcp).
				for _, item := range strings.Split(p.val, ",") {
					if item == "all" || item == "tcp" || item == "udp" {
						every = p.key + "=" + item
					}
				}
			case p.key == "protocol" || p.key == "ipprotocol" || p.key == "proto":
				if p.val == "all" || p.val == "-1" || p.val == "any" {
					every = p.key + " " + p.val
				}
			case strings.Contains(p.key, "port"):
				switch p.val {
				case "all", "*", "any", "0-65535", "1-65535", "0:65535", "1:65535":
					every = p.key + " " + p.val
				}
			}
		}
		if to == "65535" && (from == "0" || from == "1") {
			every = "ports " + from + "-" + to
		}
		switch {
		case policy != "":
			return "the firewall's default inbound policy is set to accept (" + policy + "): anyone reaches whatever no rule drops", true
		case every != "" && anywhere:
			return "the rule lets any address on the internet reach every port (" + every + ")", true
		}
		return "", false
	}, nil
}

// exposurePairs reads a firewall command's settings from its options,
// key=value and key:value lists and JSON values, and says whether any
// value is the whole internet, whether a source was given at all, and
// whether the rule is outbound.
func exposurePairs(inv *parse.Invocation) (pairs []exposurePair, anywhere, sourced, egress bool) {
	args := inv.Own()
	add := func(key, val string) {
		key = strings.ToLower(strings.TrimLeft(key, "-"))
		if i := strings.LastIndexByte(key, '.'); i >= 0 {
			key = key[i+1:]
		}
		key = strings.NewReplacer("-", "", "_", "").Replace(key)
		val = strings.ToLower(strings.Trim(val, `"' `))
		if strings.Contains(key, "source") || strings.Contains(key, "cidr") || strings.Contains(key, "remoteip") || key == "address" || key == "addresses" || strings.Contains(key, "sourceips") {
			sourced = true
			if val == "*" || val == "internet" || val == "any" {
				anywhere = true
			}
		}
		pairs = append(pairs, exposurePair{key, val})
	}
	var list func(text string)
	list = func(text string) {
		if exposureAnywhere(text) {
			anywhere = true
		}
		if strings.ContainsAny(text, "{[") && strings.Contains(text, `"`) {
			for _, m := range jsonPair.Get().FindAllStringSubmatch(text, -1) {
				add(m[1], m[2])
			}
			return
		}
		for _, item := range strings.FieldsFunc(text, func(r rune) bool { return r == ',' || r == ' ' || r == '\n' }) {
			item = strings.Trim(item, "[]{}")
			if k, val, ok := strings.Cut(item, "="); ok {
				add(k, val)
			} else if k, val, ok := strings.Cut(item, ":"); ok && !strings.ContainsAny(k, "/.") && val != "" && !strings.Contains(val, ":") {
				add(k, val)
			}
		}
	}
	for i := 1; i < len(args); i++ {
		a := args[i]
		if a.Dynamic || a.Value == "--" {
			continue
		}
		s := a.Value
		if !strings.HasPrefix(s, "-") || s == "-1" {
			list(s)
			continue
		}
		name, val, eq := strings.Cut(s, "=")
		low := strings.ToLower(name)
		if strings.Contains(low, "egress") || strings.Contains(low, "outbound") {
			if !eq && (low == "--egress" || low == "--outbound") {
				egress = true
			}
			if !eq && i+1 < len(args) && !strings.HasPrefix(args[i+1].Value, "-") {
				i++ // the outbound rules' value
			}
			continue
		}
		if !eq {
			if i+1 >= len(args) || args[i+1].Dynamic || strings.HasPrefix(args[i+1].Value, "-") && args[i+1].Value != "-1" {
				continue
			}
			i++
			val = args[i].Value
		}
		add(name, val)
		if exposureAnywhere(val) {
			anywhere = true
		}
		if strings.ContainsAny(val, "=:{") {
			list(val)
		}
	}
	return pairs, anywhere, sourced, egress
}

// exposureDenies reports whether a rule's access or action value blocks
// rather than allows.
func exposureDenies(v string) bool {
	switch v {
	case "deny", "drop", "reject", "block":
		return true
	}
	return false
}

// exposureOutbound reports whether a direction value names outbound
// traffic.
func exposureOutbound(v string) bool {
	switch v {
	case "egress", "out", "outbound":
		return true
	}
	return false
}

// exposureAnywhere reports whether text names the whole internet as an
// address, alone or as a list's value (CidrIp=0.0.0.0/0,
// address:0.0.0.0/0).
func exposureAnywhere(text string) bool {
	for _, f := range strings.FieldsFunc(text, func(r rune) bool {
		return strings.ContainsRune("{}[](),; \"'=\n", r)
	}) {
		if f == "0.0.0.0/0" || f == "::/0" || strings.HasSuffix(f, ":0.0.0.0/0") || strings.HasSuffix(f, ":::/0") {
			return true
		}
	}
	return false
}
