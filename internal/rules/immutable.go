package rules

import (
	"strings"

	"github.com/guardsh/guard/internal/parse"
)

// newClearsImmutable matches a command that takes away a file's
// immutable or append-only flag: chattr -i, chattr -R -a, chattr = (which
// sets the attributes to exactly those given), chflags noschg, nouchg,
// nosappnd or 0. The flag is what a person set so that nothing, root
// included, deletes or rewrites the file (sealed evidence, an audit log,
// resolv.conf kept by hand); taking it away destroys nothing by itself
// and lets the next write or rm go through. Files under a temporary
// directory pass.
func newClearsImmutable(with map[string]any) (matchFunc, error) {
	if err := newParams(with).done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		clears, recursive := "", false
		var targets []parse.Word
		args := inv.Args[1:]
		for i := 0; i < len(args); i++ {
			a := args[i].Value
			switch v.name {
			case "chattr":
				switch {
				case a == "-R":
					recursive = true
				case a == "-V" || a == "-f":
				case a == "-v" || a == "-p":
					i++ // a version or a project number
				case strings.HasPrefix(a, "-") && strings.ContainsAny(a[1:], "ia"):
					clears = "chattr " + a
				case strings.HasPrefix(a, "=") && !strings.ContainsAny(a[1:], "ia"):
					clears = "chattr " + a
				case strings.HasPrefix(a, "+") || strings.HasPrefix(a, "-") || strings.HasPrefix(a, "="):
				default:
					targets = append(targets, args[i])
				}
			default: // chflags
				switch {
				case a == "-R":
					recursive = true
				case strings.HasPrefix(a, "-"):
				case clears == "" && len(targets) == 0 && (a == "0" || clearsBSDFlag(a)):
					clears = "chflags " + a
				case len(targets) == 0 && clears == "" && !strings.Contains(a, "/"):
					// Another flag word (hidden, nodump): not a target.
					clears = "-"
				default:
					targets = append(targets, args[i])
				}
			}
		}
		if clears == "" || clears == "-" || len(targets) == 0 {
			return "", false
		}
		at := placeOf(inv, ctx)
		for _, t := range targets {
			if c := classify(t, at, ctx); c&classTemp != 0 && c&(classRoot|classHome|classSystem) == 0 {
				continue
			}
			what := "the file " + parse.Quote(t.Value)
			if recursive {
				what = "every file under " + parse.Quote(t.Value)
			}
			return clears + " takes the immutable or append-only flag off " + what + ", so it can be deleted or rewritten", true
		}
		return "", false
	}, nil
}

// clearsBSDFlag reports whether a chflags flag list clears an immutable
// or append-only flag: noschg, nouchg, nosappnd, nouappnd, nosimmutable,
// nouimmutable.
func clearsBSDFlag(list string) bool {
	for f := range strings.SplitSeq(list, ",") {
		switch f {
		case "noschg", "nouchg", "nosappnd", "nouappnd", "nosimmutable", "nouimmutable", "nosappend", "nouappend", "noschange", "nouchange":
			return true
		}
	}
	return false
}
