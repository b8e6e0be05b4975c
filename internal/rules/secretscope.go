package rules

import (
	"slices"
	"strings"

	"github.com/guardsh/guard/internal/parse"
	"github.com/guardsh/guard/internal/wordlist"
)

// A new value for a secret (aws secretsmanager put-secret-value) keeps the
// old one as the previous version, so what it risks is what reads the
// secret: nothing a person depends on when the secret's name puts it in a
// development, test, staging or throwaway environment (dev/api/jwt,
// myapp-test-db, staging/api/db). A name with no such marker, one only known at run time,
// or a production or lasting marker anywhere in the command still asks.

// devSecretWords are the name segments that put a secret in an
// environment no one serves customers from. Staging and QA count: what
// reads the secret there is a rehearsal of production, and the old value
// is one update-secret-version-stage away (AWSPREVIOUS).
const devSecretWords = "dev development local test testing sandbox scratch tmp ci e2e staging stage stg qa uat"

// newNotDevSecret matches unless every value of the options in ids (the
// secret's name or ARN) names a development secret. ids defaults to
// --secret-id.
func newNotDevSecret(with map[string]any) (matchFunc, error) {
	p := newParams(with)
	ids := p.strings("ids")
	if err := p.done(); err != nil {
		return nil, err
	}
	if len(ids) == 0 {
		ids = []string{"--secret-id"}
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		if inv.MoreArgs || keepMarker(inv, ctx) != "" {
			return "", true
		}
		found := false
		for i := 1; i < len(inv.Args); i++ {
			name, val, eq := strings.Cut(inv.Args[i].Value, "=")
			if !slices.Contains(ids, name) {
				continue
			}
			w := inv.Args[i]
			if !eq {
				if i+1 >= len(inv.Args) {
					return "", true
				}
				i++
				w = inv.Args[i]
				val = w.Value
			}
			if w.Dynamic || !devSecretName(val) {
				return "", true
			}
			found = true
		}
		return "", !found
	}, nil
}

// devSecretName reports whether a secret's name or ARN has a segment of
// devSecretWords.
func devSecretName(s string) bool {
	if i := strings.Index(s, ":secret:"); i >= 0 {
		s = s[i+len(":secret:"):]
	}
	return segments(s, func(_, seg string) bool {
		return wordlist.Has(devSecretWords, strings.TrimRight(seg, "0123456789"))
	})
}
