package rules

import (
	"errors"
	"slices"
	"strings"

	"github.com/guardsh/guard/internal/parse"
)

// newCypher matches Cypher (Neo4j, Memgraph) that deletes in bulk, given
// to a client on its command line, on stdin or in a heredoc: DETACH DELETE
// or DELETE with no WHERE, DROP of a database, index, constraint or graph,
// and the APOC procedures
// that delete in batches. Like the sql matcher, a filtered DELETE passes:
// what it deletes is chosen.
//
// With filtered set, it matches instead the deletes whose WHERE or
// pattern properties choose nodes by their data (WHERE u.inactive, WHERE
// s.expires < datetime()) rather than by a key ({id: 42}, WHERE n.id =
// 42, WHERE id(n) = 7): a bulk delete a person should look at.
func newCypher(with map[string]any) (matchFunc, error) {
	p := newParams(with)
	filtered := p.bool("filtered", false)
	if err := p.done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		texts := make([]string, 0, 2)
		for i, op := range v.operands {
			if strings.ContainsAny(op.Value, " \n") || i > 0 {
				texts = append(texts, op.Value)
			}
		}
		for i, f := range v.flags {
			if v.hasVal(i) && (f == "-c" || f == "--cypher" || f == "--query" || f == "-q") {
				texts = append(texts, v.vals[i])
			}
		}
		if inv.Stdin.Text != "" {
			texts = append(texts, inv.Stdin.Text)
		}
		texts = append(texts, writtenInputs(inv, v)...)
		testDB := cypherTestDB(inv, v, ctx)
		for _, t := range texts {
			if testDB && !strings.Contains(strings.ToUpper(t), "DROP") {
				continue
			}
			if filtered {
				if d, ok := scanCypherFiltered(t); ok {
					return d, true
				}
				continue
			}
			if d, ok := scanCypher(t); ok {
				return d, true
			}
		}
		return "", false
	}, nil
}

// scanCypher looks at each statement of a Cypher text.
func scanCypher(text string) (string, bool) {
	for _, stmt := range strings.Split(text, ";") {
		words := strings.Fields(strings.ToUpper(stripCypherStrings(stmt)))
		if len(words) > 0 && words[0] == "EXPLAIN" {
			// EXPLAIN plans the statement and runs nothing; PROFILE
			// runs it.
			continue
		}
		where := false
		for i, w := range words {
			props := strings.Contains(w, "{") && (strings.Contains(w[strings.IndexByte(w, '{'):], ":") ||
				i+1 < len(words) && strings.HasSuffix(words[i+1], ":"))
			switch {
			case w == "WHERE" || props:
				// A WHERE, or a pattern with properties ({id: 1}), picks
				// what the statement touches.
				where = true
			case w == "DROP" && i+1 < len(words):
				switch words[i+1] {
				case "DATABASE", "INDEX", "CONSTRAINT", "GRAPH", "ALIAS", "COMPOSITE":
					return "Cypher DROP " + words[i+1], true
				}
			case w == "STOP" && i == 0 && i+1 < len(words) && words[i+1] == "DATABASE":
				// Neo4j's STOP DATABASE takes a database offline for
				// every client until a START DATABASE.
				return "Cypher STOP DATABASE", true
			case strings.HasPrefix(w, "APOC.PERIODIC.") && strings.Contains(strings.ToUpper(stmt), "DELETE"):
				return "Cypher batch delete with " + strings.ToLower(strings.TrimRight(w, "(")), true
			case (w == "DELETE" || w == "DETACH") && !where:
				if clean := stripCypherStrings(stmt); scratchVars(clean, strings.ToUpper(clean)) {
					// MATCH (t:TmpImport) DETACH DELETE t empties a
					// scratch label, as DELETE FROM tmp_import does.
					continue
				}
				return "Cypher " + w + " with no WHERE deletes every matching node", true
			}
		}
	}
	return "", false
}

// scanCypherFiltered finds a DELETE whose WHERE or pattern properties
// do not pin what it deletes by a key.
func scanCypherFiltered(text string) (string, bool) {
	for _, stmt := range strings.Split(text, ";") {
		clean := stripCypherStrings(stmt)
		upper := strings.ToUpper(clean)
		words := strings.Fields(upper)
		if !slices.Contains(words, "DELETE") || words[0] == "EXPLAIN" {
			continue
		}
		if _, all := scanCypher(stmt); all {
			// A bulk delete with no filter is the other rule's.
			continue
		}
		if cypherPinned(clean) || cypherThrowaway(stmt) {
			continue
		}
		where := ""
		if i := strings.Index(upper, "WHERE"); i >= 0 {
			where = strings.TrimSpace(stmt[i+len("WHERE"):])
			if j := strings.Index(strings.ToUpper(where), "DELETE"); j >= 0 {
				where = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(where[:j]), "DETACH"))
			}
			return "Cypher DELETE of every node WHERE " + clipText(where, 50) + " matches", true
		}
		return "Cypher DELETE of every node its pattern matches", true
	}
	return "", false
}

// cypherPinned reports whether a statement names its nodes by a key: a
// pattern property such as {id: 42}, or a WHERE of key equalities joined
// by AND (n.id = 42, id(n) = 7, elementId(n) = $id).
func cypherPinned(stmt string) bool {
	for rest := stmt; ; {
		i := strings.IndexByte(rest, '{')
		if i < 0 {
			break
		}
		rest = rest[i+1:]
		key, _, ok := strings.Cut(rest, ":")
		if ok && mongoKey(strings.Trim(strings.TrimSpace(key), "`")) {
			return true
		}
	}
	upper := strings.ToUpper(stmt)
	i := strings.Index(upper, "WHERE")
	if i < 0 {
		return false
	}
	cond := upper[i+len("WHERE"):]
	for _, end := range []string{" DETACH ", " DELETE ", " WITH ", " RETURN "} {
		if j := strings.Index(cond, end); j >= 0 {
			cond = cond[:j]
		}
	}
	// ANDed terms: one that pins by a key is enough, whatever the others
	// compare (n.ts < 100 AND n.runId = 42).
	if strings.Contains(cond, " OR ") || strings.Contains(cond, " NOT ") || strings.Contains(cond, " XOR ") {
		return false
	}
	orig := cond
	if len(upper) == len(stmt) {
		// The property's name as written: runId is a key, RUNID is not.
		orig = stmt[i+len("WHERE"):][:len(cond)]
	}
	for at := 0; at <= len(cond); {
		n := strings.Index(cond[at:], " AND ")
		if n < 0 {
			n = len(cond) - at
		}
		term, termOrig := cond[at:at+n], orig[at:at+n]
		at += n + len(" AND ")
		lhs, _, ok := strings.Cut(term, "=")
		lhs = strings.TrimSpace(lhs)
		if !ok {
			continue
		}
		if strings.HasPrefix(lhs, "ID(") || strings.HasPrefix(lhs, "ELEMENTID(") {
			return true
		}
		name, _, _ := strings.Cut(termOrig, "=")
		name = strings.TrimSpace(name)
		if j := strings.LastIndexByte(name, '.'); j >= 0 && mongoKey(name[j+1:]) {
			return true
		}
	}
	return false
}

// cypherThrowaway reports whether a filtered Cypher delete deletes only
// what is marked as throwaway: every variable it deletes is a node whose
// label says so (MATCH (t:TmpImport {batch: "x"}) DETACH DELETE t), or
// its pattern or WHERE compares a property to a string that does
// ({source: "scratch-42"}, WHERE n.kind = 'tmp').
func cypherThrowaway(stmt string) bool {
	clean := stripCypherStrings(stmt)
	upper := strings.ToUpper(clean)
	if strings.Contains(upper, " OR ") || strings.Contains(upper, " NOT ") || strings.Contains(upper, " XOR ") {
		return false
	}
	if q := cypherStringProps(stmt, clean); slices.ContainsFunc(q, throwawayValue) {
		return true
	}
	return scratchVars(clean, upper)
}

// scratchVars reports whether every variable a Cypher statement deletes
// is a node whose label says it is scratch. clean is the statement with
// its strings blanked, upper the same in upper case.
func scratchVars(clean, upper string) bool {
	i := strings.LastIndex(upper, "DELETE")
	if i < 0 {
		return false
	}
	vars := strings.FieldsFunc(clean[i+len("DELETE"):], func(r rune) bool { return r == ',' || r == ' ' || r == '\n' || r == '\t' })
	if len(vars) == 0 {
		return false
	}
	for n, v := range vars {
		switch strings.ToUpper(v) {
		case "RETURN", "WITH", "UNION", "MATCH", "CALL", "FOREACH", "MERGE", "CREATE", "SET", "REMOVE":
			if n > 0 {
				return true
			}
		}
		if !isCypherIdent(v) {
			return false
		}
		label := cypherLabel(clean, v)
		if label == "" || !scratchName(label) || keepName(label) {
			return false
		}
	}
	return true
}

// cypherStringProps returns the strings a statement compares properties
// to, in pattern maps ({batch: "x"}) and WHERE equalities (n.kind = 'x').
// clean is stmt with its strings blanked.
func cypherStringProps(stmt, clean string) []string {
	var out []string
	for i := 0; i < len(stmt); i++ {
		c := stmt[i]
		if c != '"' && c != '\'' || clean[i] != c {
			continue
		}
		j := strings.IndexByte(stmt[i+1:], c)
		if j < 0 {
			break
		}
		before := strings.TrimRight(clean[:i], " \t")
		if strings.HasSuffix(before, ":") || strings.HasSuffix(before, "=") && !strings.HasSuffix(before, "<=") &&
			!strings.HasSuffix(before, ">=") && !strings.HasSuffix(before, "!=") {
			out = append(out, stmt[i+1:i+1+j])
		}
		i += j + 1
	}
	return out
}

// cypherLabel returns the first label of the node pattern that binds
// variable v: (v:Label ...) gives Label.
func cypherLabel(clean, v string) string {
	for rest := clean; ; {
		i := strings.Index(rest, "("+v+":")
		if i < 0 {
			return ""
		}
		rest = rest[i+len(v)+2:]
		j := strings.IndexFunc(rest, func(r rune) bool { return !(r == '_' || r < 128 && isAlnum(byte(r))) })
		if j > 0 {
			return rest[:j]
		}
	}
}

// isCypherIdent reports whether s is a variable name.
func isCypherIdent(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isAlnum(s[i]) && s[i] != '_' {
			return false
		}
	}
	return s != ""
}

// stripCypherStrings blanks out string literals, so that data that looks
// like a statement is not one.
func stripCypherStrings(s string) string {
	b := []byte(s)
	var quote byte
	for i := 0; i < len(b); i++ {
		c := b[i]
		switch {
		case quote != 0:
			if c == '\\' && i+1 < len(b) {
				b[i], b[i+1] = ' ', ' '
				i++
				continue
			}
			if c == quote {
				quote = 0
			}
			b[i] = ' '
		case c == '\'' || c == '"':
			quote = c
		}
	}
	return string(b)
}

// newCodePattern matches an interpreter's program text, when guard knows
// it (python -c, node -e, a heredoc), holding one of the strings in
// with.code, compared in lower case: .destroy_all. It is for application
// code that deletes through an ORM, which no shell rule sees. When
// with.any is given, text that holds none of its words is passed over
// first, cheaply.
func newCodePattern(with map[string]any) (matchFunc, error) {
	p := newParams(with)
	needles := lowerAll(p.strings("code"))
	anyOf := lowerAll(p.strings("any"))
	scoped := p.bool("scoped", false)
	if err := p.done(); err != nil {
		return nil, err
	}
	if len(needles) == 0 {
		return nil, errors.New("code needs strings")
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		if inv.Code == nil || scoped && scopedRun(inv, v, ctx) {
			return "", false
		}
		text := strings.ToLower(inv.Code.Text)
		if len(anyOf) > 0 && !slices.ContainsFunc(anyOf, func(w string) bool { return strings.Contains(text, w) }) {
			return "", false
		}
		for _, n := range needles {
			for off := 0; ; {
				i := strings.Index(text[off:], n)
				if i < 0 {
					break
				}
				i += off
				off = i + len(n)
				if scoped && onTestDB(statementBefore(text, i)) && testDBCode(inv, ctx) {
					// c.db('app_test').dropDatabase() on localhost:
					// codetestdb.go.
					continue
				}
				return "the " + inv.Code.Lang + " code holds " + n, true
			}
		}
		return "", false
	}, nil
}
