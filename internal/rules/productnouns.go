package rules

import (
	"strings"

	"github.com/guardsh/guard/internal/parse"
)

// productNouns are benign verbs that CLIs also use as the name of a
// product they manage, with a resource kind after it: confluent connect
// cluster delete and rpk connect ... delete act on Kafka Connect, not a
// connection.
var productNouns = [...]string{"connect"}

// productNoun reports whether word is one of productNouns followed by a
// bare resource word and then a word that destroys (connect cluster
// delete), or at once by one (connect delete).
func (m *verbModel) productNoun(word string, rest []parse.Word) bool {
	w := strings.ToLower(word)
	found := false
	for _, n := range productNouns {
		found = found || n == w
	}
	if !found {
		return false
	}
	for i := 0; i < len(rest) && i < 2; i++ {
		if rest[i].Dynamic || !bareWord(rest[i].Value) {
			return false
		}
		if m.has(listDestroy, strings.ToLower(rest[i].Value)) {
			return true
		}
	}
	return false
}
