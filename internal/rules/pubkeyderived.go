package rules

import (
	"strings"

	"github.com/guardsh/guard/internal/parse"
)

// newNotDerivedPubkey matches a redirection from ssh-keygen unless the
// command derives a public key from its private key and writes it beside
// it: ssh-keygen -y -f ~/.ssh/id_ed25519 > ~/.ssh/id_ed25519.pub. That
// file holds what the private key already holds, and the command makes it
// again. Any other target (authorized_keys, another key's .pub, a path
// only known at run time) matches.
func newNotDerivedPubkey(with map[string]any) (matchFunc, error) {
	if err := newParams(with).done(); err != nil {
		return nil, err
	}
	const not = "not the public key ssh-keygen -y makes again beside its -f key"
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		if !hasOpt(v.flagWords(), "-y") {
			return not, true
		}
		key, ok := keygenFile(inv.Own())
		if !ok {
			return not, true
		}
		at := placeOf(inv, ctx)
		want, ok := resolve(key+".pub", at.dir)
		if !ok {
			return not, true
		}
		for _, rd := range inv.Redirs {
			if !rd.Writes() {
				continue
			}
			t := rd.Target
			if !t.Dynamic && (t.Value == "/dev/null" || t.Value == "/dev/stderr" || t.Value == "/dev/stdout") {
				continue
			}
			got, ok := resolve(t.Value, at.dir)
			if t.Dynamic || !ok || got != want {
				return not, true
			}
		}
		return "", false
	}, nil
}

// keygenFile returns the static value of ssh-keygen's -f option (-f FILE
// or -fFILE).
func keygenFile(args []parse.Word) (string, bool) {
	for i := 1; i < len(args); i++ {
		a := args[i]
		if a.Dynamic {
			continue
		}
		if a.Value == "-f" && i+1 < len(args) && !args[i+1].Dynamic && args[i+1].Value != "" {
			return args[i+1].Value, true
		}
		if s, ok := strings.CutPrefix(a.Value, "-f"); ok && s != "" && !strings.HasPrefix(s, "-") && len(a.Value) > 2 && a.Value[1] == 'f' {
			return s, true
		}
	}
	return "", false
}
