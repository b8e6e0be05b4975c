package rules

import (
	"strings"

	"github.com/guardsh/guard/internal/wordlist"
)

// A branch that deploys is often named for its environment under a
// namespace rather than plainly: deploy/production, env/prod,
// production/eu-west, release/live. Such a branch is protected by its name
// as main is, whatever the push's lease: --force-with-lease only checks
// that the remote has not moved since the last fetch, and the history it
// replaces is what the environment runs. A feature or fix branch about
// production (fix/prod-timeout, feature/live-chat) is not one: the
// production word must open the name or follow a namespace that names a
// deployment target.

// deployNamespaces are the words that, before a production word in a
// branch name, make the branch a deployment target.
const deployNamespaces = "deploy deploys deployed deployment deployments env envs environment environments " +
	"release releases target targets stage stages"

// protectedBranch reports whether a push or deletion of branch needs a
// person's word: it matches one of the protected patterns or, when the
// patterns are guard's own (custom is false), it names a deployment
// target.
func protectedBranch(patterns []string, custom bool, branch string) bool {
	return matchAny(patterns, branch) || !custom && deployBranch(branch)
}

// deployBranch reports whether a branch name is that of a deployment
// target: it opens with a production word (production/eu, prod-2), or one
// follows a deployment namespace (deploy/production, env-prod).
func deployBranch(branch string) bool {
	parts := strings.FieldsFunc(strings.ToLower(branch), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9')
	})
	for i, p := range parts {
		if !isProdWordPart(p) {
			continue
		}
		if i == 0 || wordlist.Has(deployNamespaces, parts[i-1]) {
			return true
		}
	}
	return false
}

// isProdWordPart reports whether one word of a name, without the digits
// at its end, is a production word.
func isProdWordPart(p string) bool {
	p = strings.TrimRight(p, "0123456789")
	for _, w := range prodWords {
		if p == w {
			return true
		}
	}
	return false
}
