package rules

import (
	"encoding/json"
	"strings"

	"github.com/guardsh/guard/internal/parse"
)

// Identity and access changes that lock people out without a verb that
// destroys: a policy that denies everything, an account or realm whose
// enabled flag is turned off, a conditional access policy written through
// an identity provider's API. Each one ends someone's access to
// everything at once, and a person has to undo it from outside.

// newDenyAllPolicy matches a command that attaches or writes a policy
// denying every action: AWS's managed AWSDenyAll policy named as an
// operand or option value, or an inline JSON policy document with a
// statement whose Effect is Deny and whose Action is "*".
func newDenyAllPolicy(with map[string]any) (matchFunc, error) {
	if err := newParams(with).done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		if subcommandReads(v) {
			return "", false
		}
		for _, a := range inv.Own()[1:] {
			if a.Dynamic {
				continue
			}
			l := strings.ToLower(a.Value)
			if strings.HasSuffix(l, ":policy/awsdenyall") {
				return "the policy it attaches, AWSDenyAll, denies every action", true
			}
			if denyAllDocument(a.Value) {
				return "the policy document denies every action on every resource", true
			}
		}
		return "", false
	}, nil
}

// denyAllDocument reports whether text is a JSON policy document with a
// statement that denies the action "*" (or "*:*").
func denyAllDocument(text string) bool {
	text = strings.TrimSpace(text)
	if !strings.HasPrefix(text, "{") || !strings.Contains(strings.ToLower(text), "deny") {
		return false
	}
	var doc map[string]any
	if json.Unmarshal([]byte(text), &doc) != nil {
		return false
	}
	var stmts []any
	for k, s := range doc {
		if !strings.EqualFold(k, "statement") {
			continue
		}
		switch s := s.(type) {
		case []any:
			stmts = s
		case map[string]any:
			stmts = []any{s}
		}
	}
	for _, s := range stmts {
		m, ok := s.(map[string]any)
		if !ok {
			continue
		}
		deny, all := false, false
		for k, val := range m {
			switch strings.ToLower(k) {
			case "effect":
				e, _ := val.(string)
				deny = strings.EqualFold(e, "deny")
			case "action":
				all = anyWildcard(val)
			}
		}
		if deny && all {
			return true
		}
	}
	return false
}

// anyWildcard reports whether a policy's Action value, a string or a list
// of strings, holds the wildcard of every action.
func anyWildcard(val any) bool {
	switch x := val.(type) {
	case string:
		return x == "*" || x == "*:*"
	case []any:
		for _, e := range x {
			if s, ok := e.(string); ok && (s == "*" || s == "*:*") {
				return true
			}
		}
	}
	return false
}

// accessOffKeys are the options and keys, compared in lower case without
// dashes and underscores, whose value false takes an account, a realm, a
// client or a principal out of use.
const accessOffKeys = "enabled accountenabled active loginenabled signinenabled"

// accessOnKeys are those whose value true does.
const accessOnKeys = "blocked locked suspended disabled accountlocked"

// newAccessOff matches a command that sets, on a subcommand that updates
// (update, set, patch, ...), an identity's enabled flag to false or its
// blocked flag to true: kcadm.sh update realms/prod -s enabled=false, az
// ad user update --account-enabled false, auth0 api patch users/ID
// --data '{"blocked":true}'. Creating a disabled thing passes.
func newAccessOff(with map[string]any) (matchFunc, error) {
	if err := newParams(with).done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		if !subcommandSets(v) {
			return "", false
		}
		args := inv.Own()
		for i := 1; i < len(args); i++ {
			a := args[i]
			if a.Dynamic || a.Value == "--" {
				continue
			}
			if strings.HasPrefix(strings.TrimSpace(a.Value), "{") {
				if k, ok := accessOffJSON(a.Value); ok {
					return "the body sets " + k + ", which takes the identity out of use", true
				}
				continue
			}
			if accessOffFlag(a.Value) {
				return "the command sets " + a.Value + ", which takes the identity out of use", true
			}
			key, val, eq := strings.Cut(a.Value, "=")
			switch {
			case eq:
			case i+1 < len(args) && !args[i+1].Dynamic && (strings.HasPrefix(key, "--") || bareSwitch(args[i+1].Value)):
				// --account-enabled false; GAM's words: suspended on.
				val = args[i+1].Value
			default:
				continue
			}
			if accessOffPair(key, val) {
				return "the command sets " + key + " to " + val + ", which takes the identity out of use", true
			}
		}
		return "", false
	}, nil
}

// accessOffPair reports whether key set to val takes access away.
func accessOffPair(key, val string) bool {
	k := strings.NewReplacer("-", "", "_", "").Replace(strings.ToLower(strings.TrimLeft(key, "-")))
	lv := strings.ToLower(strings.Trim(val, `"' `))
	for w := range strings.FieldsSeq(accessOffKeys) {
		if k == w {
			return lv == "false" || lv == "0" || lv == "no" || lv == "off"
		}
	}
	for w := range strings.FieldsSeq(accessOnKeys) {
		if k == w {
			return lv == "true" || lv == "1" || lv == "yes" || lv == "on"
		}
	}
	return false
}

// accessOffFlags are options that, alone, switch an identity off
// (openstack user set --disable alice).
const accessOffFlags = "--disable --disabled --lock --suspend --block --deactivate --no-enabled --no-active " +
	"--no-account-enabled"

// accessOffFlag reports whether a word is one of accessOffFlags.
func accessOffFlag(w string) bool {
	for f := range strings.FieldsSeq(accessOffFlags) {
		if w == f {
			return true
		}
	}
	return false
}

// bareSwitch reports whether a word is a value a bare key takes in
// GAM's grammar (suspended on): on, off, true or false.
func bareSwitch(w string) bool {
	switch strings.ToLower(w) {
	case "on", "off", "true", "false":
		return true
	}
	return false
}

// accessOffJSON reports the top-level key of a JSON object that takes
// access away, as accessOffPair judges it.
func accessOffJSON(text string) (string, bool) {
	var doc map[string]any
	if json.Unmarshal([]byte(text), &doc) != nil {
		return "", false
	}
	for k, val := range doc {
		var s string
		switch x := val.(type) {
		case bool:
			s = "false"
			if x {
				s = "true"
			}
		case string:
			s = x
		default:
			continue
		}
		if accessOffPair(k, s) {
			return k, true
		}
	}
	return "", false
}

// newAccessAPIWrite matches a request that changes something (any method
// but GET, HEAD and OPTIONS) on one of the hosts, under a path holding
// one of the paths, compared in lower case: a conditional access policy
// written through Microsoft Graph, an Okta sign-on policy.
func newAccessAPIWrite(with map[string]any) (matchFunc, error) {
	p := newParams(with)
	hosts := p.strings("hosts")
	paths := lowerAll(p.strings("paths"))
	if err := p.done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		for i := range v.httpFindings(inv) {
			f := &v.http[i]
			if f.kind != "write" || !matchAny(hosts, f.req.Host) {
				continue
			}
			lp := strings.ToLower(f.req.Path)
			for _, s := range paths {
				if strings.Contains(lp, s) {
					return f.req.Method + " " + f.req.Host + f.req.Path + " changes who may sign in", true
				}
			}
		}
		return "", false
	}, nil
}

// otherUserSSH reports whether p is in another user's ssh directory
// (/home/deploy/.ssh/authorized_keys, /Users/ann/.ssh): the keys that
// let people log in as that user, a credential store as much as one's
// own ~/.ssh. /root is a system directory already, unless it is home.
func otherUserSSH(p string) bool {
	for _, d := range [...]string{"/home/", "/Users/"} {
		if r, found := strings.CutPrefix(p, d); found {
			_, rest, ok := strings.Cut(r, "/")
			return ok && under(rest, ".ssh") && !knownHostsFile(rest)
		}
	}
	return false
}

// newFedNaming matches a command that reads its input on stdin (-f -,
// --filename=-) when that input, or the text of the whole command that
// pipes it in, names one of names: kubectl get cm aws-auth -o yaml | sed
// ... | kubectl apply -f - writes back a map a filter rewrote.
func newFedNaming(with map[string]any) (matchFunc, error) {
	p := newParams(with)
	names := lowerAll(p.strings("names"))
	if err := p.done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		if !readsStdinFile(inv.Own()) {
			return "", false
		}
		text := ctx.text
		if inv.Stdin.Kind == parse.Known {
			text = inv.Stdin.Text
		}
		lt := strings.ToLower(text)
		for _, n := range names {
			if strings.Contains(lt, n) {
				return "the input it reads on stdin is " + n + ", rewritten by the command", true
			}
		}
		return "", false
	}, nil
}

// readsStdinFile reports whether args name stdin as the file to read:
// -f -, --filename -, -f=-, --filename=-.
func readsStdinFile(args []parse.Word) bool {
	for i, a := range args {
		switch a.Value {
		case "-f=-", "--filename=-":
			return true
		case "-f", "--filename":
			if i+1 < len(args) && args[i+1].Value == "-" {
				return true
			}
		}
	}
	return false
}

// psAccessNouns end the names of PowerShell cmdlets whose Disable- verb
// takes an account or a way in out of use. Disable-PSBreakpoint and
// other Disable- cmdlets of local tooling pass.
const psAccessNouns = "account user mailbox netadapter psremoting pssessionconfiguration serviceprincipal application"

// psDisablesAccess reports whether a PowerShell cmdlet's name is
// Disable- followed by a noun of psAccessNouns: Disable-ADAccount,
// Disable-LocalUser, Disable-AzureADUser.
func psDisablesAccess(name string) bool {
	l := strings.ToLower(name)
	rest, ok := strings.CutPrefix(l, "disable-")
	if !ok {
		return false
	}
	for n := range strings.FieldsSeq(psAccessNouns) {
		if strings.HasSuffix(rest, n) {
			return true
		}
	}
	return false
}

// knownHostsFile reports whether rel, relative to a home directory, is
// ssh's list of known host keys (.ssh/known_hosts, known_hosts.old): the
// public keys of other machines, which ssh-keyscan appends to and
// ssh-keygen -R edits every day, not a credential.
func knownHostsFile(rel string) bool {
	return rel == ".ssh/known_hosts" || rel == ".ssh/known_hosts.old" || rel == ".ssh/known_hosts2"
}
