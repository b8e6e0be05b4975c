package rules

import (
	"strings"

	"github.com/guardsh/guard/internal/lazy"
	"github.com/guardsh/guard/internal/parse"
)

// A migration tool told to go to version zero runs every migration down,
// whatever its verb says: sequel -m db/migrations -M 0, migrate goto 0,
// rails db:migrate VERSION=0, tern migrate --destination 0, atlas
// migrate down --to-version 0. The target is read from the options that
// name a version to migrate to, and from the goto verbs of golang-migrate
// and its kin.

// targetOptions name the version a migration tool migrates to.
var targetOptions = lazy.Value[map[string]bool]{Make: func() map[string]bool {
	return map[string]bool{"-M": true, "--migrate-version": true, "--target": true, "-target": true,
		"--to": true, "--to-version": true, "--target-version": true, "--destination": true, "-destination": true,
		"--version": false, "-version": false}
}}

// gotoVerbs move a migration tool to the version that follows them.
var gotoVerbs = lazy.Value[map[string]bool]{Make: func() map[string]bool {
	return map[string]bool{"goto": true, "migrate-to": true, "down-to": true, "to": true, "migrateto": true}
}}

// migrationToZero reports a migration tool sent to version zero. A plain
// --version (which most tools read as "print the version") counts only
// with a value joined by = or after a migrate verb.
func migrationToZero(inv *parse.Invocation) (string, bool) {
	if len(inv.Args) < 2 {
		return "", false
	}
	tool := migrationTools.Get()[inv.Name] || inv.Name == "sequel"
	migrate := tool
	for _, a := range inv.Args[1:] {
		if !a.Dynamic && strings.Contains(strings.ToLower(a.Value), "migrat") {
			migrate = true
			break
		}
	}
	if !migrate {
		return "", false
	}
	args := inv.Args[1:]
	for i, a := range args {
		if a.Dynamic {
			continue
		}
		w := a.Value
		next := ""
		if i+1 < len(args) && !args[i+1].Dynamic {
			next = args[i+1].Value
		}
		name, val, joined := strings.Cut(w, "=")
		switch {
		case strings.HasPrefix(w, "-"):
			strong, ok := targetOptions.Get()[name]
			if !ok {
				continue
			}
			if !joined {
				if !strong {
					continue
				}
				val = next
			}
		case joined && (strings.EqualFold(name, "VERSION") || strings.EqualFold(name, "TARGET")):
			// rails db:migrate VERSION=0.
		case tool && gotoVerbs.Get()[strings.ToLower(w)]:
			val = next
		default:
			continue
		}
		if zeroVersion(val) {
			return parse.Quote(w) + " migrates to version zero, running every migration down and dropping the schema they made", true
		}
	}
	return "", false
}

// zeroVersion reports whether a migration target is the empty schema.
func zeroVersion(s string) bool {
	switch strings.ToLower(s) {
	case "base", "zero", "@root":
		return true
	}
	return s != "" && strings.Trim(s, "0") == ""
}
