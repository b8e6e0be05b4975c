package rules

import (
	"strings"

	"github.com/guardsh/guard/internal/parse"
	"github.com/guardsh/guard/internal/wordlist"
)

// Kerberos administration (kadmin, kadmin.local, Heimdal's kadmin -l)
// runs its requests from -q, from the words after its options, or from
// stdin. Some of them take a principal's keys away from whatever holds
// them:
//
//   - delprinc (delete_principal, Heimdal's delete) deletes the principal:
//     the host or service can no longer get or accept tickets;
//   - ktadd (xst) without -norandkey gives the principal new random keys
//     to write into a keytab: every other keytab of it (on the host
//     itself, on the other nodes of a cluster) stops working at once;
//   - cpw -randkey (Heimdal's cpw -r) re-keys it the same way;
//   - purgekeys drops its old keys, with which keytabs and tickets still
//     in use were made.
//
// Reading (getprinc, listprincs, get_policy), adding a principal and
// ktadd -norandkey pass.

// kadminDeletes are the requests that delete a principal.
const kadminDeletes = "delprinc delete_principal delete del"

// kadminRekeys are the requests that give a principal new keys.
const kadminRekeys = "ktadd xst"

// kadminRequest returns the first request of text that takes keys away,
// described, or "".
func kadminRequest(text string) string {
	for _, line := range strings.Split(text, "\n") {
		for _, stmt := range strings.Split(line, ";") {
			f := strings.Fields(stmt)
			if len(f) == 0 {
				continue
			}
			verb := strings.ToLower(f[0])
			rest := f[1:]
			switch {
			case wordlist.Has(kadminDeletes, verb):
				return strings.TrimSpace(stmt) + ", which deletes the principal"
			case wordlist.Has(kadminRekeys, verb) && !hasWordFold(rest, "-norandkey", "--norandkey"):
				return strings.TrimSpace(stmt) + ", which gives the principal new keys: its other keytabs stop working"
			case (verb == "cpw" || verb == "change_password") && hasWordFold(rest, "-randkey", "-r", "--random-key"):
				return strings.TrimSpace(stmt) + ", which gives the principal new keys: its keytabs stop working"
			case verb == "purgekeys" || verb == "purge_keys":
				return strings.TrimSpace(stmt) + ", which drops the principal's old keys"
			}
		}
	}
	return ""
}

// hasWordFold reports whether words holds one of ws, ignoring case.
func hasWordFold(words []string, ws ...string) bool {
	for _, w := range words {
		for _, x := range ws {
			if strings.EqualFold(w, x) {
				return true
			}
		}
	}
	return false
}

// newKadminRequest matches kadmin given a request that deletes or
// re-keys a principal, on its command line or on stdin.
func newKadminRequest(with map[string]any) (matchFunc, error) {
	if err := newParams(with).done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		var texts []string
		args := inv.Own()
		for i := 1; i < len(args); i++ {
			a := args[i].Value
			switch {
			case (a == "-q" || a == "--query") && i+1 < len(args):
				texts = append(texts, args[i+1].Value)
				i++
			case strings.HasPrefix(a, "--query="):
				texts = append(texts, a[len("--query="):])
			}
		}
		if len(v.operands) > 0 {
			words := make([]string, 0, len(v.operands))
			for _, op := range v.operands {
				words = append(words, op.Value)
			}
			texts = append(texts, strings.Join(words, " "))
		}
		if inv.Stdin.Kind == parse.Known {
			texts = append(texts, inv.Stdin.Text)
		}
		for _, t := range texts {
			if d := kadminRequest(t); d != "" {
				return d, true
			}
		}
		return "", false
	}, nil
}
