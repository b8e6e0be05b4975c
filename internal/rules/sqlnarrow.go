package rules

import (
	"slices"
	"strings"

	"github.com/guardsh/guard/internal/wordlist"
)

// Narrowed deletes. A DELETE whose WHERE is a list of conditions joined by
// AND deletes no more than any one of them chooses, so one condition that
// names the rows is enough to make the whole delete a named one:
//
//   - key = value or key IN (values), on a column whose name says it is a
//     key (id, user_id, run_id, uuid): DELETE FROM feature_values WHERE
//     computed_at < '2026-01-01' AND run_id = 42;
//   - column = 'a string that names a throwaway thing' (scratch-42,
//     tmp_load, test): rows someone marked as throwaway;
//
// A table whose own name is throwaway (tmp_import, scratch_rows) makes
// any filtered delete from it a named one; one with no WHERE still asks.
// And, on a table that only holds what expires (sessions, tokens, cache
// entries, nonces), a condition that the expiry column lies in the past
// deletes only the rows the application already ignores: DELETE FROM
// sessions WHERE expires_at < now(). The same comparison on any other
// table (orders, events, users) is a bulk delete chosen by the data, and
// asks.
//
// Any OR, XOR or ||, a NOT that starts a condition, or a subquery
// (SELECT, EXISTS, ANY, ALL) leaves the delete a bulk one: guard does not
// work out what they choose.

// ephemeralTables are the last words of the names of tables whose rows
// expire by design.
const ephemeralTables = "session sessions token tokens cache caches nonce nonces otp otps lock locks lease leases"

// conjuncts splits a WHERE condition into its top-level AND terms. It
// reports false when the condition is not a plain conjunction.
func conjuncts(cond []sqlToken) ([][]sqlToken, bool) {
	if len(cond) == 0 {
		return nil, false
	}
	base := cond[0].depth
	for _, t := range cond {
		base = min(base, t.depth)
	}
	var terms [][]sqlToken
	start, between := 0, false
	for k, t := range cond {
		if t.punct == '|' {
			return nil, false
		}
		if t.quoted {
			continue
		}
		switch t.word {
		case "OR", "XOR", "SELECT", "EXISTS", "ANY", "ALL", "SOME", "CASE":
			return nil, false
		case "NOT":
			if k == start || cond[k-1].punct == '(' {
				return nil, false
			}
		case "BETWEEN":
			between = true
		case "AND":
			if t.depth != base {
				continue
			}
			if between {
				between = false
				continue
			}
			terms = append(terms, cond[start:k])
			start = k + 1
		}
	}
	return append(terms, cond[start:]), true
}

// pinnedByKey reports whether a condition names the rows it deletes: a
// conjunction one of whose terms is key = value, key IN (values) or
// column = a throwaway string.
func pinnedByKey(cond []sqlToken) bool {
	terms, ok := conjuncts(cond)
	if !ok {
		return false
	}
	return slices.ContainsFunc(terms, namingTerm)
}

// namingTerm reports whether one term of a conjunction names rows.
func namingTerm(term []sqlToken) bool {
	if len(term) < 3 || term[0].word == "" || term[0].word == "'" {
		return false
	}
	switch {
	case term[1].punct == '=' && literal(term[2]):
		if end := literalEnd(term, 2); end != len(term) {
			return false
		}
		if keyColumn(term[0].str) {
			return true
		}
		return term[2].word == "'" && throwawayValue(term[2].str)
	case term[1].word == "LIKE" && !term[1].quoted && len(term) == 3 && term[2].word == "'":
		return cachePrefix(term[2].str)
	case term[1].word == "IN" && !term[1].quoted && keyColumn(term[0].str) && term[2].punct == '(':
		for k := 3; k < len(term); k++ {
			t := term[k]
			switch {
			case t.punct == ')' && t.depth == term[2].depth:
				return k == len(term)-1
			case t.punct == ',' || literal(t):
			default:
				return false
			}
		}
	}
	return false
}

// literalEnd returns the index after the literal at k and any cast or
// parameter name that goes with it: 'x'::text, :id.
func literalEnd(term []sqlToken, k int) int {
	if term[k].punct == ':' && k+1 < len(term) && term[k+1].word != "" {
		k++
	}
	k++
	if k+2 < len(term) && term[k].punct == ':' && term[k+1].punct == ':' && term[k+2].word != "" {
		k += 3
	}
	return k
}

// expiryCleanup reports whether a DELETE from table with condition cond
// deletes only expired rows of a table whose rows expire.
func expiryCleanup(table string, cond []sqlToken) bool {
	if !ephemeralTable(table) {
		return false
	}
	terms, ok := conjuncts(cond)
	return ok && slices.ContainsFunc(terms, expiredTerm)
}

// ephemeralTable reports whether a table's or collection's name says its
// rows expire by design: sessions, user_sessions, refresh_tokens,
// cache_entries; not a record kept about them (session_audit_log,
// token_history).
func ephemeralTable(name string) bool {
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		name = name[i+1:]
	}
	if keepName(name) {
		return false
	}
	found, kept := false, false
	segments(name, func(_, seg string) bool {
		found = found || wordlist.Has(ephemeralTables, seg)
		kept = kept || wordlist.Has(recordWords, seg)
		return kept
	})
	return found && !kept
}

// recordWords are the segments of the names of tables that keep a record
// of something: an audit log of sessions is not a session store.
const recordWords = "audit audits log logs history histories events ledger"

// throwawayTable reports whether a table's or collection's own name says
// it holds throwaway rows (tmp_import, scratch_rows): a filtered delete
// from it deletes nothing a person would miss.
func throwawayTable(name string) bool {
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		name = name[i+1:]
	}
	return name != "" && scratchName(name) && !keepName(name)
}

// scratchWords are the segments that make a table, collection or label
// throwaway by its own name. Narrower than throwawayWords: test_results
// and temp_readings (temperatures) are data.
const scratchWords = "tmp scratch throwaway disposable ephemeral sandbox dummy"

// scratchName reports whether a name holds a segment of scratchWords,
// also with digits after it (tmp2).
func scratchName(s string) bool {
	return segments(s, func(_, seg string) bool {
		return wordlist.Has(scratchWords, strings.TrimRight(seg, "0123456789"))
	})
}

// throwawayValue reports whether a string a condition compares a column
// to marks rows as throwaway: 'scratch-42', 'tmp_load', 'test', 'ci-4821'.
// A temperature is not temporary: temp is left out.
func throwawayValue(s string) bool {
	if keepName(s) {
		return false
	}
	if scratchName(s) || perRunName(s) {
		return true
	}
	return segments(s, func(prev, seg string) bool {
		if wordlist.Has(notThrowawayBefore, prev) {
			return false
		}
		switch strings.TrimRight(seg, "0123456789") {
		case "test", "tests", "testing", "e2e", "smoke":
			return true
		}
		return false
	})
}

// expiredTerm reports whether a term says an expiry column lies before
// something: expires_at < now(), now() > expire_date.
func expiredTerm(term []sqlToken) bool {
	n := len(term)
	if n >= 3 && expiryColumn(term[0].word) && term[1].punct == '<' && term[2].punct != '>' {
		return true
	}
	if n >= 3 && expiryColumn(term[n-1].word) {
		k := n - 2
		if term[k].punct == '=' {
			k--
		}
		return k >= 1 && term[k].punct == '>' && term[k-1].punct != '<'
	}
	return false
}

// expiryColumn reports whether a column's name says when its row
// expires: expires_at, expiry, expire_date, expiration, valid_until.
func expiryColumn(name string) bool {
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		name = name[i+1:]
	}
	name = strings.ToLower(strings.Trim(name, "_"))
	return strings.HasPrefix(name, "expir") || name == "valid_until" || name == "not_after"
}

// mongoCollection returns the name of the collection whose method call
// follows text: db.sessions, db.getCollection("sessions").
func mongoCollection(text string) string {
	text = strings.TrimRight(text, " \t\n")
	if t, ok := strings.CutSuffix(text, ")"); ok {
		t = strings.TrimRight(t, " \t\"'`")
		i := strings.LastIndexAny(t, "\"'`(")
		return t[i+1:]
	}
	i := len(text)
	for i > 0 && (isAlnum(text[i-1]) || text[i-1] == '_') {
		i--
	}
	return text[i:]
}

// mongoExpired reports whether a filter on a collection whose documents
// expire chooses the expired ones: {expiresAt: {$lt: new Date()}}.
func mongoExpired(coll, filter string) bool {
	if !ephemeralTable(coll) {
		return false
	}
	if strings.Contains(filter, "$or") || strings.Contains(filter, "$nor") || strings.Contains(filter, "$where") ||
		strings.Contains(filter, "$expr") || strings.Contains(filter, "$not") {
		return false
	}
	inner := strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(filter, "{"), "}"))
	for rest := inner; rest != ""; {
		key, val, ok := strings.Cut(rest, ":")
		if !ok {
			break
		}
		key = strings.Trim(strings.TrimSpace(key), "\"'`,{ ")
		val = strings.TrimLeft(val, " \t\n")
		if expiryColumn(camelSnake(key)) && strings.HasPrefix(val, "{") {
			op := strings.Trim(strings.TrimSpace(strings.TrimPrefix(val, "{")), "\"'")
			if strings.HasPrefix(op, "$lt") {
				return true
			}
		}
		rest = val
	}
	return false
}

// camelSnake turns expiresAt into expires_at.
func camelSnake(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			if i > 0 {
				b.WriteByte('_')
			}
			c += 'a' - 'A'
		}
		b.WriteByte(c)
	}
	return b.String()
}

// cacheKeyWords are the words a key's prefix starts with when its rows are
// cache entries.
const cacheKeyWords = "transient transients cache cached"

// cachePrefix reports whether a LIKE pattern is a fixed prefix naming
// cache entries, then a wildcard: '_transient_%', 'cache:%'.
func cachePrefix(pattern string) bool {
	fixed := strings.ReplaceAll(pattern, `\_`, "-")
	end := strings.IndexAny(fixed, "%_")
	if end <= 0 || keepName(fixed[:end]) {
		return false
	}
	// The first word, or the second after site (WordPress's
	// _site_transient_).
	n := 0
	return segments(fixed[:end], func(prev, seg string) bool {
		n++
		return n <= 2 && wordlist.Has(cacheKeyWords, seg) && (n == 1 || prev == "site")
	})
}
