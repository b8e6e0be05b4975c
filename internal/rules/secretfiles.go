package rules

import (
	"errors"
	"path"
	"slices"
	"strings"

	"github.com/guardsh/guard/internal/parse"
)

// This file holds the matcher for a deletion of files known by their
// names: .env, a Rails master.key, a private key, terraform.tfstate. Such
// files are usually kept out of git on purpose, so neither git nor a
// rebuild brings them back, and the disk's record of them as ignored says
// nothing about their worth.

// newDeletesNamed matches rm, unlink or shred given a file whose base name
// matches one of with.names (globs) and none of with.not (templates such
// as .env.example), and which is under no directory named in
// with.not_under. A glob operand matches when it would match a name of
// the list (rm .env*, rm *.pem), but not one as wide as * or *.*.
func newDeletesNamed(with map[string]any) (matchFunc, error) {
	p := newParams(with)
	names := lowerAll(p.strings("names"))
	not := lowerAll(p.strings("not"))
	notUnder := p.strings("not_under")
	if err := p.done(); err != nil {
		return nil, err
	}
	if len(names) == 0 {
		return nil, errors.New("deletes-named needs names")
	}
	for _, n := range append(append([]string(nil), names...), not...) {
		if _, err := path.Match(n, ""); err != nil {
			return nil, errors.New("deletes-named: bad pattern " + parse.Quote(n))
		}
	}
	// samples stand for the names a pattern of the list matches, for glob
	// operands: *.pem stands for x.pem.
	samples := make([]string, len(names))
	for i, n := range names {
		samples[i] = strings.NewReplacer("*", "x", "?", "x").Replace(n)
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		for _, op := range v.operands {
			if op.Dynamic || op.Value == "" || strings.HasSuffix(op.Value, "/") {
				continue
			}
			clean := path.Clean(op.Value)
			if underNamed(clean, notUnder) {
				continue
			}
			base := strings.ToLower(path.Base(clean))
			if op.Glob {
				if len(strings.Trim(base, "*?[]!.")) < 3 {
					continue
				}
				for i, s := range samples {
					if ok, _ := path.Match(base, s); ok && !matchLower(not, s) && !inCache(op, inv, ctx) {
						return parse.Quote(op.Value) + " can match " + names[i] + ", which git usually does not keep", true
					}
				}
				continue
			}
			if matchLower(names, base) && !matchLower(not, base) && !inCache(op, inv, ctx) {
				return parse.Quote(op.Value) + " holds secrets or state that git usually does not keep", true
			}
		}
		return "", false
	}, nil
}

// underNamed reports whether a path is under a directory with one of the
// names: testdata, fixtures, .terraform.
func underNamed(p string, dirs []string) bool {
	parts := strings.Split(path.Dir(p), "/")
	return slices.ContainsFunc(parts, func(d string) bool { return slices.Contains(dirs, d) })
}

// inCache reports whether a path operand is in a cache that is not a
// credential store: what is there is a copy its tool fetches again.
func inCache(op parse.Word, inv *parse.Invocation, ctx *Context) bool {
	set := classify(op, placeOf(inv, ctx), ctx)
	return set&classCache != 0 && set&classSecrets == 0
}
