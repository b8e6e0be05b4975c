package rules

import (
	"strings"

	"github.com/guardsh/guard/internal/lazy"
)

// How much a DELETE deletes. A DELETE with no WHERE, or with one that
// holds for every row (WHERE 1, WHERE true, 1=1), deletes everything. One
// whose WHERE pins rows by a key (id = 3, user_id IN (1, 2), a record id
// such as person:tobie) deletes the rows a person named. Any other
// condition (created_at < now() - interval '1 day', inactive, status =
// 'x' OR ...) deletes a set chosen by the data: a bulk delete.

// deleteScope is how much a DELETE deletes.
type deleteScope uint8

const (
	deletesAll deleteScope = iota
	deletesBulk
	deletesPinned
)

// surrealObjects are what SurrealQL's REMOVE drops.
var surrealObjects = lazy.Value[map[string]bool]{Make: func() map[string]bool {
	return map[string]bool{"TABLE": true, "DATABASE": true, "NAMESPACE": true, "NS": true,
		"DB": true, "FIELD": true, "INDEX": true, "EVENT": true, "ANALYZER": true, "USER": true, "ACCESS": true,
		"FUNCTION": true, "PARAM": true, "MODEL": true}
}}

// judgeDelete describes the DELETE at token i when its scope is wanted.
// It reads DELETE FROM t, DELETE t FROM t JOIN ..., DELETE t (T-SQL,
// Oracle, SurrealQL) and ClickHouse's ALTER TABLE t DELETE WHERE.
func judgeDelete(toks []sqlToken, i int, want map[string]bool) (string, bool) {
	word := func(k int) string {
		if k < len(toks) {
			return toks[k].word
		}
		return ""
	}
	depth := toks[i].depth
	from, table := -1, ""
	switch {
	case !startsStatement(toks, i):
		// ALTER TABLE t [ON CLUSTER c] DELETE WHERE ...
		for k := i - 1; k >= 0 && k >= i-12; k-- {
			if toks[k].word == "TABLE" && k+1 < i {
				table = strings.ToLower(toks[k+1].word)
				break
			}
		}
		from = i
	case word(i+1) == "FROM":
		from = i + 1
	case word(i+2) == "FROM":
		from = i + 2
	case word(i+1) != "" && word(i+1) != "'" && bareDeleteEnd(toks, i+2):
		// DELETE users, DELETE person:tobie (T-SQL, Oracle, SurrealQL).
		from = i
		table = strings.ToLower(word(i + 1))
		if i+2 < len(toks) && toks[i+2].punct == ':' {
			if want["delete"] {
				return "DELETE " + table + ":" + strings.ToLower(word(i+3)), true
			}
			return "", false
		}
	default:
		return "", false
	}
	if table == "" && from+1 < len(toks) {
		table = strings.ToLower(toks[from+1].word)
	}
	name := "DELETE FROM " + table
	if from == i && !startsStatement(toks, i) {
		name = "ALTER TABLE " + table + " DELETE"
	}
	switch scopeOf(toks, from, depth, table) {
	case deletesAll:
		if want[sqlDisposableDB] && throwawayTable(table) {
			// Emptying a scratch table (sqlscratch.go).
			return "", false
		}
		if want["delete-all"] || want["delete"] {
			if hasWhereWord(toks, from, depth) {
				return name + " with a WHERE that holds for every row", true
			}
			return name + " without WHERE", true
		}
	case deletesBulk:
		if want["delete"] {
			return name, true
		}
		if want["delete-bulk"] {
			return name + " WHERE " + describeCondition(toks, from, depth) + ", every row that matches", true
		}
	case deletesPinned:
		if want["delete"] {
			return name, true
		}
	}
	return "", false
}

// scopeOf reads the WHERE (or LIMIT) after token i of a DELETE from
// table.
func scopeOf(toks []sqlToken, i, depth int, table string) deleteScope {
	for k := i + 1; k < len(toks); k++ {
		t := toks[k]
		if t.punct == ';' || (t.punct == ')' && t.depth < depth) {
			return deletesAll
		}
		if t.depth != depth || t.quoted {
			continue
		}
		switch t.word {
		case "LIMIT":
			if k+1 < len(toks) && toks[k+1].word == "1" {
				return deletesPinned
			}
			return deletesBulk
		case "CURRENT":
			return deletesPinned
		case "WHERE":
			if tautology(toks[k+1:], depth) {
				return deletesAll
			}
			if pinnedByKey(condition(toks[k+1:], depth)) {
				return deletesPinned
			}
			if expiryCleanup(table, condition(toks[k+1:], depth)) || throwawayTable(table) {
				return deletesPinned
			}
			return deletesBulk
		}
	}
	return deletesAll
}

// hasWhereWord reports whether a WHERE follows token i in its statement.
func hasWhereWord(toks []sqlToken, i, depth int) bool {
	for k := i + 1; k < len(toks) && toks[k].punct != ';'; k++ {
		if toks[k].word == "WHERE" && toks[k].depth == depth && !toks[k].quoted {
			return true
		}
	}
	return false
}

// condition returns the tokens of a WHERE condition.
func condition(toks []sqlToken, depth int) []sqlToken {
	for n, t := range toks {
		if t.punct == ';' || t.depth < depth {
			return toks[:n]
		}
		switch t.word {
		case "RETURNING", "ORDER", "LIMIT", "GROUP", "SETTINGS":
			if !t.quoted && t.depth == depth {
				return toks[:n]
			}
		}
	}
	return toks
}

// describeCondition renders a WHERE condition for a message, with its
// strings shown as '...'.
func describeCondition(toks []sqlToken, i, depth int) string {
	for k := i + 1; k < len(toks); k++ {
		if toks[k].word == "WHERE" && toks[k].depth == depth {
			var b strings.Builder
			prev, last := byte('('), ""
			for _, t := range condition(toks[k+1:], depth) {
				if prev != '(' && t.punct != ')' && t.punct != ',' && !(t.punct == '(' && prev == 0 && !sqlKeyword(last)) {
					b.WriteByte(' ')
				}
				prev, last = t.punct, t.word
				switch {
				case t.punct == '!':
					b.WriteString("!=")
				case t.punct == '|':
					b.WriteString("||")
				case t.punct != 0:
					b.WriteByte(t.punct)
				case t.word == "'":
					b.WriteString("'...'")
				default:
					b.WriteString(strings.ToLower(t.word))
				}
				if b.Len() > 60 {
					b.WriteString(" ...")
					break
				}
			}
			return b.String()
		}
	}
	return ""
}

// keyColumn reports whether a column's name, as written, says it is a
// key: id, user_id, userId, MessageID (T-SQL's Pascal case), uuid, pk,
// email, slug.
func keyColumn(name string) bool {
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		name = name[i+1:]
	}
	if camelKey(name) {
		return true
	}
	name = strings.ToLower(strings.Trim(name, "_"))
	switch name {
	case "id", "uuid", "guid", "pk", "key", "email", "slug", "sku", "oid", "rowid", "username", "userid", "uid":
		return true
	}
	return strings.HasSuffix(name, "_id") || strings.HasSuffix(name, "_uuid") || strings.HasSuffix(name, "_key") ||
		strings.HasSuffix(name, "_pk") || strings.HasSuffix(name, "_email")
}

// camelKey reports whether a name written in camel or Pascal case ends
// in a key's word after a lower-case letter or a digit: MessageId,
// orderID, RowGuid, CustomerKey. Valid, PAID and android do not.
func camelKey(name string) bool {
	for _, k := range [...]string{"Id", "ID", "Uuid", "UUID", "Guid", "GUID", "Key"} {
		if n := len(name) - len(k); n > 0 && strings.HasSuffix(name, k) {
			if c := name[n-1]; c >= 'a' && c <= 'z' || c >= '0' && c <= '9' {
				return true
			}
		}
	}
	return false
}

// literal reports whether a token is a value written in the statement:
// a string, a number or a parameter.
func literal(t sqlToken) bool {
	if t.word == "'" {
		return true
	}
	if t.word == "" || t.quoted {
		return t.punct == ':' || t.punct == '?'
	}
	c := t.word[0]
	return c >= '0' && c <= '9' || c == '.' || t.word == "NULL"
}

// scanMongoBulk finds a MongoDB delete whose filter chooses documents
// by their data rather than by a key: deleteMany({lastLogin: {$lt: d}}),
// remove({status: "x"}), bulkWrite with deleteMany.
func scanMongoBulk(text string) (string, bool) {
	for _, call := range []string{".deleteMany(", ".remove(", "deleteMany:", "deleteMany\":", "deleteMany':"} {
		for rest := text; ; {
			i := strings.Index(rest, call)
			if i < 0 {
				break
			}
			coll := mongoCollection(rest[:i])
			rest = rest[i+len(call):]
			arg := strings.TrimLeft(rest, " \t\n")
			if strings.HasSuffix(call, ":") {
				// bulkWrite([{deleteMany: {filter: {...}}}])
				if j := strings.Index(arg, "filter"); j >= 0 && j < 20 {
					arg = strings.TrimLeft(arg[j+len("filter"):], "\"' \t:")
				}
			}
			if !strings.HasPrefix(arg, "{") {
				continue
			}
			filter := mongoObject(arg)
			if empty := strings.TrimSpace(strings.Trim(filter, "{}")); empty != "" && !mongoPinned(filter) && !mongoExpired(coll, filter) && !throwawayTable(coll) {
				name := strings.Trim(call, ".(:\"'")
				return name + "(" + clipText(filter, 50) + ") deletes every document that matches", true
			}
		}
	}
	return "", false
}

// mongoObject returns the {...} object text starts with, strings
// included.
func mongoObject(text string) string {
	depth := 0
	var quote byte
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch {
		case quote != 0:
			if c == '\\' {
				i++
			} else if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'' || c == '`':
			quote = c
		case c == '{' || c == '[' || c == '(':
			depth++
		case c == '}' || c == ']' || c == ')':
			depth--
			if depth == 0 {
				return text[:i+1]
			}
		}
	}
	return text
}

// mongoPinned reports whether a filter names documents by a key: a top
// level _id, id or fooId that is a value or {$in: [...]}, with no $or.
func mongoPinned(filter string) bool {
	inner := strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(filter, "{"), "}"))
	if inner == "" || strings.Contains(filter, "$or") || strings.Contains(filter, "$nor") ||
		strings.Contains(filter, "$where") || strings.Contains(filter, "$expr") {
		return false
	}
	depth := 0
	start := 0
	for i := 0; i <= len(inner); i++ {
		if i < len(inner) {
			switch inner[i] {
			case '{', '[', '(':
				depth++
				continue
			case '}', ']', ')':
				depth--
				continue
			case ',':
				if depth != 0 {
					continue
				}
			default:
				continue
			}
		}
		key, val, ok := strings.Cut(inner[start:i], ":")
		start = i + 1
		if !ok {
			continue
		}
		key = strings.Trim(strings.TrimSpace(key), "\"'")
		val = strings.TrimSpace(val)
		if q := strings.Trim(val, "\"'`"); len(q) == len(val)-2 && strings.IndexAny(val[:1], "\"'`") == 0 && throwawayValue(q) {
			// {batch: "scratch-42"}: documents marked as throwaway.
			return true
		}
		if !mongoKey(key) {
			continue
		}
		if !strings.HasPrefix(val, "{") || strings.Contains(val, "$in") || strings.Contains(val, "$eq") {
			return true
		}
	}
	return false
}

// mongoKey reports whether a field name says it is a key: _id, id,
// userId, user_id, email, slug.
func mongoKey(k string) bool {
	if strings.HasSuffix(k, "Id") || strings.HasSuffix(k, "ID") || strings.HasSuffix(k, "Uuid") {
		return true
	}
	return keyColumn(k) || k == "_id"
}

// sqlKeyword reports whether a word is an operator keyword, which a
// parenthesis follows after a space.
func sqlKeyword(w string) bool {
	switch w {
	case "IN", "AND", "OR", "NOT", "EXISTS", "ANY", "ALL", "WHERE":
		return true
	}
	return false
}

// bareDeleteEnd reports whether token k can follow DELETE name: the end
// of the statement, a WHERE or RETURN clause, or a record id's colon.
// "delete old files" is prose, not a statement.
func bareDeleteEnd(toks []sqlToken, k int) bool {
	if k >= len(toks) {
		return true
	}
	t := toks[k]
	switch {
	case t.punct == ';' || t.punct == ':' || t.punct == ')':
		return true
	case t.quoted:
		return false
	}
	switch t.word {
	case "WHERE", "RETURN", "RETURNING", "TIMEOUT", "PARALLEL", "OUTPUT":
		return true
	}
	return false
}

// createdHere reports whether the DROP at token i drops one object that
// the same text created before it, such as a scratch table (CREATE TEMP
// TABLE scratch ...; DROP TABLE scratch): what it deletes is what the
// text itself made. A list of objects, or a CREATE ... IF NOT EXISTS,
// which may have found the object there with its data, does not count.
func createdHere(toks []sqlToken, i int) bool {
	k := i + 1
	if k < len(toks) && toks[k].word == "TEMPORARY" {
		k++
	}
	if k >= len(toks) {
		return false
	}
	kind := toks[k].word
	if kind == "MATERIALIZED" {
		kind = "VIEW"
		k++
	}
	k++
	if k+1 < len(toks) && toks[k].word == "IF" && toks[k+1].word == "EXISTS" {
		k += 2
	}
	if k+1 < len(toks) && toks[k+1].punct == ',' {
		return false
	}
	return createdBefore(toks, i, kind, k)
}

// createModifiers are the words between CREATE and the kind of object.
var createModifiers = lazy.Value[map[string]bool]{Make: func() map[string]bool {
	return map[string]bool{"OR": true, "REPLACE": true, "TEMP": true, "TEMPORARY": true,
		"UNLOGGED": true, "GLOBAL": true, "LOCAL": true, "UNIQUE": true, "MATERIALIZED": true}
}}

// createdBefore reports whether a statement before token i creates an
// object of the given kind named as token at is, without IF NOT EXISTS.
func createdBefore(toks []sqlToken, i int, kind string, at int) bool {
	if at >= len(toks) || toks[at].word == "" || toks[at].word == "'" {
		return false
	}
	name := toks[at].word
	for c := 0; c < i; c++ {
		if toks[c].word != "CREATE" || toks[c].quoted || !startsStatement(toks, c) {
			continue
		}
		k := c + 1
		for k < i && createModifiers.Get()[toks[k].word] {
			k++
		}
		if k >= i || toks[k].word != kind {
			continue
		}
		k++
		if kind == "INDEX" && k < i && toks[k].word == "CONCURRENTLY" {
			k++
		}
		if k < i && toks[k].word == "IF" {
			continue
		}
		if k < i && toks[k].word == name {
			return true
		}
	}
	return false
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}
