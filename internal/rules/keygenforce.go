package rules

import (
	"strings"

	"github.com/guardsh/guard/internal/parse"
)

// Key generators told to go ahead over an existing key: mungekey --create
// --force, create-munge-key -f, ceph-authtool --create-keyring, cockroach
// cert create-* --overwrite, step certificate create --force. Each writes a
// new key where the live one was; every node, daemon or client that holds
// the old key (MUNGE on every compute node, a Ceph client, a cluster's
// nodes signed by the old CA) stops authenticating until the new key
// reaches it. A key written under the project or /tmp passes; one in a
// system location or a credential store, or the tool's default system
// key, asks.

// newKeygenForce matches a key generator forced over a key kept in a
// system location or a credential store.
func newKeygenForce(with map[string]any) (matchFunc, error) {
	if err := newParams(with).done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		own := inv.Own()
		if len(own) < 2 {
			return "", false
		}
		words := own[1:]
		ops := v.operands
		var keys []parse.Word
		keyAt := func(def string, names ...string) {
			if w, ok := optValueWord(words, names...); ok {
				keys = append(keys, w)
			} else if def != "" {
				keys = append(keys, parse.Word{Value: def})
			}
		}
		what := ""
		switch inv.Name {
		case "mungekey":
			if !hasOpt(words, "-c", "--create") || !hasOpt(words, "-f", "--force") {
				return "", false
			}
			what = "mungekey --create --force"
			keyAt("/etc/munge/munge.key", "-k", "--keyfile")
		case "create-munge-key":
			if !hasOpt(words, "-f") {
				return "", false
			}
			what = "create-munge-key -f"
			keyAt("/etc/munge/munge.key")
		case "ceph-authtool":
			if !hasOpt(words, "-C", "--create-keyring") || len(ops) == 0 {
				return "", false
			}
			what = "ceph-authtool --create-keyring"
			keys = append(keys, ops[0])
		case "cockroach":
			if len(ops) < 2 || ops[0].Value != "cert" || !strings.HasPrefix(ops[1].Value, "create-") || !hasOpt(words, "--overwrite") {
				return "", false
			}
			what = "cockroach cert " + ops[1].Value + " --overwrite"
			keyAt("", "--ca-key")
			keyAt("", "--certs-dir")
		case "step", "step-cli":
			if !hasOpt(words, "-f", "--force") || len(ops) < 2 {
				return "", false
			}
			switch {
			case ops[0].Value == "certificate" && ops[1].Value == "create" && len(ops) > 3:
				keys = append(keys, ops[3:]...)
			case ops[0].Value == "crypto" && ops[1].Value == "keypair" && len(ops) > 2:
				keys = append(keys, ops[2:]...)
			default:
				return "", false
			}
			what = "step " + ops[0].Value + " " + ops[1].Value + " --force"
		default:
			return "", false
		}
		at := placeOf(inv, ctx)
		for _, k := range keys {
			if c := classify(k, at, ctx); c&(classSystem|classSecrets|classDynamic) != 0 {
				return what + " writes a new key over " + parse.Quote(k.Value), true
			}
		}
		return "", false
	}, nil
}

// optValueWord returns the value of the first of the options names among
// words, written as -k FILE, --keyfile FILE or --keyfile=FILE.
func optValueWord(words []parse.Word, names ...string) (parse.Word, bool) {
	for i, w := range words {
		for _, n := range names {
			switch {
			case w.Value == n && i+1 < len(words):
				return words[i+1], true
			case strings.HasPrefix(w.Value, n+"=") && strings.HasPrefix(n, "--"):
				out := w
				out.Value = w.Value[len(n)+1:]
				return out, true
			}
		}
	}
	return parse.Word{}, false
}
