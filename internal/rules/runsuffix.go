package rules

import (
	"regexp"
	"strings"

	"github.com/guardsh/guard/internal/lazy"
)

// A throwaway name with a run-time suffix (test-index-$(date +%s),
// e2e-bucket-$RUN_ID, tmp_${GITHUB_RUN_ID}) names one object a run
// makes for itself: the suffix only keeps runs apart, and what it stands
// for cannot turn the static, throwaway prefix into another name.
// runSuffixed returns the name with the suffix replaced by a fixed word,
// and whether the name is of that form: one expansion, at the end, after
// a - or _ separator, of a variable or of date, uuidgen or a random
// number, with nothing but the expansion only known at run time.

var runSuffix = lazy.Value[*regexp.Regexp]{Make: func() *regexp.Regexp {
	return regexp.MustCompile(`[-_](\$[A-Za-z_][A-Za-z0-9_]*|\$\{[A-Za-z_][A-Za-z0-9_]*\}|\$\(date( \+%[sNYmdHMS%-]+)?\)|\$\(uuidgen\)|\$RANDOM|\$\{RANDOM\}|` + "`date \\+%s`" + `)$`)
}}

func runSuffixed(s string) (string, bool) {
	loc := runSuffix.Get().FindStringIndex(s)
	if loc == nil {
		return "", false
	}
	prefix := s[:loc[0]]
	if strings.ContainsAny(prefix, "$`") || prefix == "" {
		return "", false
	}
	return prefix + s[loc[0]:loc[0]+1] + "run", true
}
