package rules

import "github.com/guardsh/guard/internal/httpreq"

// namesSafeguard reports whether a body key names a safeguard against a
// verb rather than the verb itself: delete_protected, deletionProtection,
// destroy_lock. Set to true it turns the safeguard on; set off, the
// safeguards rules judge it.
func namesSafeguard(key string) bool {
	for _, p := range httpreq.WordParts(key) {
		switch p {
		case "protected", "protection", "protect", "prevention", "lock", "locked":
			return true
		}
	}
	return false
}
