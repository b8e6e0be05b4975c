package rules

import (
	"slices"
	"strings"

	"github.com/guardsh/guard/internal/parse"
)

// ownOptionValue returns the value of the first of the invocation's own
// options named in names, attached (--target=dev) or as the next word:
// "" when none is given or it ends the command, and known false when the
// value is only known at run time.
func ownOptionValue(inv *parse.Invocation, names ...string) (value string, known bool) {
	args := inv.Own()
	for i := 1; i < len(args); i++ {
		name, val, eq := strings.Cut(args[i].Value, "=")
		if !slices.Contains(names, name) {
			continue
		}
		a := args[i]
		if !eq {
			if i+1 >= len(args) {
				return "", true
			}
			a = args[i+1]
			val = a.Value
		}
		if a.Dynamic {
			return "", false
		}
		return val, true
	}
	return "", true
}
