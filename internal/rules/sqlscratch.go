package rules

import (
	"slices"
	"strings"
)

// A table or view whose name says it is a temporary step of a job
// (DROP TABLE IF EXISTS tmp_import_20261207, DROP VIEW scratch_report)
// holds what the job made a moment ago and makes again. scratchDrop
// reports whether the DROP at token i drops one such object: a single
// name, no list, no CASCADE to what depends on it, no wildcard, whose name holds tmp, temp, scratch or
// throwaway as a whole segment (digits may follow). Test words do not
// count for a table, whose database may be anyone's: test_results is a
// report someone keeps. The SQL rules let it pass only when nothing in
// the command marks production or a lasting thing.

// scratchTableWords are the name segments that mark a table as scratch.
var scratchTableWords = []string{"tmp", "temp", "scratch", "throwaway"}

func scratchDrop(toks []sqlToken, i int) bool {
	k := i + 1
	if k < len(toks) && (toks[k].word == "TEMPORARY" || toks[k].word == "TEMP") {
		k++
	}
	if k >= len(toks) {
		return false
	}
	switch toks[k].word {
	case "TABLE", "VIEW":
	default:
		return false
	}
	k++
	if k+1 < len(toks) && toks[k].word == "IF" && toks[k+1].word == "EXISTS" {
		k += 2
	}
	if k >= len(toks) || toks[k].quoted && toks[k].word == "" {
		return false
	}
	if k+1 < len(toks) && (toks[k+1].punct == ',' || toks[k+1].punct == '.' || toks[k+1].word == "CASCADE") {
		return false
	}
	name := toks[k].word
	if name == "" || strings.ContainsAny(name, "*%$`?") {
		return false
	}
	if _, table, ok := strings.Cut(name, "."); ok {
		name = table
	}
	return segments(name, func(_, seg string) bool {
		return slices.Contains(scratchTableWords, strings.TrimRight(seg, "0123456789"))
	})
}
