package rules

import (
	"iter"
	"strings"

	"github.com/guardsh/guard/internal/parse"
	"github.com/guardsh/guard/internal/wordlist"
)

// Some commands destroy or expose by the value they set, not by their
// verb: aws iot update-certificate --new-status REVOKED ends every device
// using the certificate, scontrol update nodename=gpu[01-16] state=down
// kills the jobs on those nodes, gh repo edit --visibility public
// publishes a private repository, put-bucket-acl --acl public-read opens
// a bucket's data to anyone.

// offStates are the values of a status or state that take a thing out of
// service or end it.
const offStates = "revoked revoke inactive disabled disable deleted delete down drain draining terminated terminate " +
	"suspended suspend deactivated deactivate decommissioned retired offline fail failed banned " +
	"blocked"

// setWords are the words of a subcommand that set a value on an existing
// thing.
var setWords = []string{"update", "set", "modify", "edit", "change", "patch", "put", "mark", "configure",
	"config", "conf"}

// readWords are the words of a subcommand that only read, where a status
// option filters what is listed.
var readWords = []string{"list", "ls", "get", "describe", "show", "search", "query", "find", "info", "view",
	"wait", "watch"}

// newStatusOff matches a command that sets a status or state option
// (--status, --new-status, --state, state=) to a value of offStates, in a
// subcommand that sets (update, set, modify ...) and does not only read.
func newStatusOff(with map[string]any) (matchFunc, error) {
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
			key, val, eq := strings.Cut(a.Value, "=")
			lk := strings.ToLower(strings.TrimLeft(key, "-"))
			if eq && activeKey(lk) {
				// Lustre's lctl conf_param fs-OST0007.osc.active=0: the
				// target is switched off for every client.
				if w := normWord(val); w == "0" || w == "false" || w == "no" || w == "off" {
					return "the command sets " + key + " to " + val + ", which takes it out of service", true
				}
				continue
			}
			if strings.Contains(lk, "routing") && strings.HasPrefix(key, "--") {
				// aws gamelift update-alias --routing-strategy
				// Type=TERMINAL,Message=...: every player is turned away.
				rv := val
				if !eq && i+1 < len(args) && !args[i+1].Dynamic {
					rv = args[i+1].Value
				}
				if w := routedOff(rv); w != "" {
					return "the command routes to " + w + ", which turns away everything sent to it", true
				}
				continue
			}
			if !statusKey(lk) {
				continue
			}
			switch {
			case eq:
			case strings.HasPrefix(key, "-") && i+1 < len(args) && !args[i+1].Dynamic:
				val = args[i+1].Value
			default:
				continue
			}
			lv := strings.ToLower(strings.Trim(val, `"'`))
			if closedAccount(v, lv) {
				return "the command sets " + key + " to " + val + ", which closes the account for good", true
			}
			for s := range strings.FieldsSeq(offStates) {
				if lv == s {
					return "the command sets " + key + " to " + val + ", which takes it out of service", true
				}
			}
		}
		return "", false
	}, nil
}

// routedOff returns the state a routing value names when it is one of
// offStates or terminal: Type=TERMINAL in a key=value list, or "".
func routedOff(v string) string {
	for _, item := range strings.Split(v, ",") {
		k, val, ok := strings.Cut(item, "=")
		if !ok {
			continue
		}
		switch normWord(k) {
		case "type", "state", "status":
		default:
			continue
		}
		w := normWord(val)
		if w == "terminal" || wordlist.Has(offStates, w) {
			return val
		}
	}
	return ""
}

// activeKey reports whether a key is a dotted path whose last segment
// says whether the thing is active: osc.fs-OST0007.active, plugin.active.
func activeKey(k string) bool {
	i := strings.LastIndexByte(k, '.')
	return i > 0 && k[i+1:] == "active"
}

// statusKey reports whether an option or key names a status or state.
func statusKey(k string) bool {
	switch k {
	case "status", "state", "new-status", "new_status", "newstatus", "desired-state", "desired_state", "target-state", "certificate-status", "key-status", "user-status":
		return true
	}
	return false
}

// subcommandSets reports whether a command's operands name a subcommand
// that sets a value (update-certificate, set, edit) and none that reads.
func subcommandSets(v *view) bool {
	sets := false
	for k, op := range v.operands {
		if k >= 4 || op.Dynamic {
			break
		}
		for part := range subcommandParts(op.Value) {
			for _, w := range readWords {
				if part == w {
					return false
				}
			}
			for _, w := range setWords {
				if part == w {
					sets = true
				}
			}
		}
	}
	return sets
}

// subcommandParts yields the parts of an operand in lower case, between
// the - _ and : that join them, leaving out empty ones: what
// strings.FieldsFunc gives, without the slice.
func subcommandParts(s string) iter.Seq[string] {
	return func(yield func(string) bool) {
		s := strings.ToLower(s)
		start := 0
		for i := 0; i <= len(s); i++ {
			if i < len(s) && s[i] != '-' && s[i] != '_' && s[i] != ':' {
				continue
			}
			if i > start && !yield(s[start:i]) {
				return
			}
			start = i + 1
		}
	}
}

// subcommandReads reports whether one of a command's first operands is
// a word of readWords (list, get, describe-...).
func subcommandReads(v *view) bool {
	for k, op := range v.operands {
		if k >= 3 || op.Dynamic {
			break
		}
		for part := range subcommandParts(op.Value) {
			for _, w := range readWords {
				if part == w {
					return true
				}
			}
		}
	}
	return false
}

// newMadePublic matches a command that opens a repository or a bucket to
// anyone: --visibility public, a public canned ACL on a bucket, a grant
// to allUsers, a container's public access turned on, private=false.
func newMadePublic(with map[string]any) (matchFunc, error) {
	if err := newParams(with).done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		if subcommandReads(v) {
			return "", false // gh repo list --visibility public
		}
		args := inv.Own()
		bucketWide := false
		for _, op := range v.operands {
			l := strings.ToLower(op.Value)
			if strings.Contains(l, "bucket") || l == "mb" || l == "defacl" {
				bucketWide = true
			}
		}
		if v.name == "gsutil" && hasOpt(v.flagWords(), "-r", "-R") {
			bucketWide = true
		}
		for i := 1; i < len(args); i++ {
			a := args[i]
			if a.Dynamic {
				continue
			}
			l := strings.ToLower(a.Value)
			if strings.Contains(l, "allusers") || strings.Contains(l, "allauthenticatedusers") {
				if !strings.HasPrefix(l, "-") || strings.Contains(l, "=") {
					return "the command grants " + a.Value + ": anyone can read it", true
				}
			}
			key, val, eq := strings.Cut(l, "=")
			if !eq && strings.HasPrefix(key, "-") && i+1 < len(args) && !args[i+1].Dynamic {
				val = strings.ToLower(args[i+1].Value)
			}
			switch strings.TrimLeft(key, "-") {
			case "visibility":
				if val == "public" {
					return "the command makes it public (" + a.Value + " " + val + ")", true
				}
			case "private":
				if val == "false" {
					return "the command makes it public (private=false)", true
				}
			case "acl", "canned-acl", "predefined-acl", "x-amz-acl":
				if bucketWide && (val == "public-read" || val == "public-read-write" || val == "publicread" || val == "publicreadwrite") {
					return "the command opens a bucket to anyone (" + val + ")", true
				}
			case "public-access":
				if val == "blob" || val == "container" {
					return "the command opens a storage container to anyone (--public-access " + val + ")", true
				}
			case "allow-blob-public-access":
				if val == "true" || !eq && (i+1 >= len(args) || strings.HasPrefix(args[i+1].Value, "-")) {
					return "the command allows public access to an account's blobs", true
				}
			}
			if v.name == "gsutil" && bucketWide && (l == "public-read" || l == "public-read-write") {
				return "the command opens a bucket to anyone (" + l + ")", true
			}
		}
		return "", false
	}, nil
}
