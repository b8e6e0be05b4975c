package rules

import (
	"strings"

	"github.com/guardsh/guard/internal/wordlist"
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
const scratchTableWords = "tmp temp scratch throwaway"

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
	return scratchTable(toks[k].word)
}

// scratchTable reports whether a table's name marks it as scratch, or
// its schema or dataset does (scratch.events_copy, tmp_work.orders: a
// schema kept for a job's temporary steps). The database or project
// before a schema (analytics.tmp.x) says nothing.
func scratchTable(name string) bool {
	if name == "" || strings.ContainsAny(name, "*%$`?") {
		return false
	}
	scratch := func(part string) bool {
		return segments(part, func(_, seg string) bool {
			return wordlist.Has(scratchTableWords, strings.TrimRight(seg, "0123456789"))
		})
	}
	i := strings.LastIndexByte(name, '.')
	if i < 0 {
		return scratch(name)
	}
	schema := name[:i]
	if j := strings.LastIndexByte(schema, '.'); j >= 0 {
		schema = schema[j+1:]
	}
	return scratch(name[i+1:]) || schema != "" && scratch(schema) && !keepName(schema)
}

// scratchTruncate reports whether the TRUNCATE at token i empties one
// scratch table, and nothing that depends on it. Emptying a table takes
// the narrower markers of throwawayTable: temp_readings may be a table of
// temperatures, whose rows no job makes again.
func scratchTruncate(toks []sqlToken, i int) bool {
	k := i + 1
	if k < len(toks) && toks[k].word == "TABLE" {
		k++
	}
	if k+1 < len(toks) && toks[k].word == "IF" && toks[k+1].word == "EXISTS" {
		k += 2
	}
	if k >= len(toks) || toks[k].quoted && toks[k].word == "" {
		return false
	}
	if k+1 < len(toks) && (toks[k+1].punct == ',' || toks[k+1].word == "CASCADE") {
		return false
	}
	return !strings.ContainsAny(toks[k].word, "*%$`?") && throwawayTable(toks[k].word)
}
