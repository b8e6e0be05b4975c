package rules

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/guardsh/guard/internal/parse"
)

// Deleting a context, cluster or user from a kubeconfig (kubectl config
// delete-context) changes only a local file, and for a local or
// development cluster it is housekeeping. For a production cluster it
// loses the way in: the server address, its certificate authority and
// the credentials, which an administrator may have to issue again, at the
// worst moment. The names-prod matcher matches when one of the names the
// command acts on holds a production word (prod-admin,
// gke_acme_europe-west1_production, users.prd), or is only known at run
// time ($(kubectl config current-context) may be production).

// newNamesProd matches when an operand after the first skip ones (the
// subcommand path), or the value of an option in flags, holds a
// production word or is only known at run time.
func newNamesProd(with map[string]any) (matchFunc, error) {
	return namesProd(with, "removes", func(w parse.Word) bool {
		return w.Dynamic || hasProdWord(w.Value) || strings.ContainsAny(w.Value, "$`")
	})
}

// namesProd reads the skip and flags parameters of names-prod and
// local-names-prod and returns a matcher of the names that bad rejects:
// an operand after the first skip ones, the value of an option in flags
// (--name=x or --name x), or names xargs appends at run time.
func namesProd(with map[string]any, verb string, bad func(parse.Word) bool) (matchFunc, error) {
	p := newParams(with)
	skip, err := strconv.Atoi(p.string("skip", "0"))
	if err != nil || skip < 0 {
		return nil, fmt.Errorf("skip must be a count of operands, such as \"2\"")
	}
	flags := p.strings("flags")
	if err := p.done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, _ *Context) (string, bool) {
		if inv.MoreArgs {
			return "it " + verb + " names that xargs appends at run time", true
		}
		for i, op := range v.operands {
			if i >= skip && bad(op) {
				return "it " + verb + " " + op.Value, true
			}
		}
		own := inv.Own()
		for i := 1; i < len(own); i++ {
			name, val, has := strings.Cut(own[i].Value, "=")
			dynamic := own[i].Dynamic
			if !has {
				if i+1 >= len(own) {
					continue
				}
				val, dynamic = own[i+1].Value, own[i+1].Dynamic
			}
			for _, want := range flags {
				if name == want && bad(parse.Word{Value: val, Dynamic: dynamic}) {
					return "it " + verb + " " + val, true
				}
			}
		}
		return "", false
	}, nil
}
