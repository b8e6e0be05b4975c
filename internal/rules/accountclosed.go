package rules

import (
	"slices"
	"strings"
)

// closedAccount reports whether a status set to lv closes an account for
// good: twilio api:core:accounts:update --status closed ends a Twilio
// subaccount and releases its numbers, and a closed account cannot be
// opened again. closed elsewhere (an issue, a pull request, a ticket) is
// everyday, so it is not among offStates.
func closedAccount(v *view, lv string) bool {
	return lv == "closed" && pathNames(v, "account", "accounts", "subaccount", "subaccounts")
}

// pathNames reports whether one of the command's first operands has a
// part that is one of words.
func pathNames(v *view, words ...string) bool {
	for k, op := range v.operands {
		if k >= 4 || op.Dynamic {
			break
		}
		for _, part := range strings.FieldsFunc(strings.ToLower(op.Value), func(r rune) bool { return r == '-' || r == '_' || r == ':' || r == '.' }) {
			if slices.Contains(words, part) {
				return true
			}
		}
	}
	return false
}
