package rules

import (
	"maps"
	"strings"

	"github.com/guardsh/guard/internal/lazy"
	"github.com/guardsh/guard/internal/parse"
	"github.com/guardsh/guard/internal/wordlist"
)

// sqlKinds are the statement kinds the sql matcher knows.
var sqlKinds = []string{"drop", "truncate", "delete-all", "update-all", "delete", "delete-bulk", "alter-drop", "flush", "mongo-drop", "mongo-delete-all", "mongo-delete-bulk", "admin", "lockout"}

// sqlFlags are the options that carry statements for database clients.
var sqlFlags = []string{"-c", "--command", "-e", "--execute", "--eval", "-q", "--query", "-Q", "-cmd", "--sql", "--statement", "-execute", "--sql-query", "--query-string", "--sqls", "--ddl"}

// sqlPositional are clients whose operands after the first (the database)
// are statements.
var sqlPositional = lazy.Value[map[string]bool]{Make: func() map[string]bool {
	return map[string]bool{"sqlite3": true, "sqlite": true, "duckdb": true, "litecli": true, "turso": true}
}}

// sqlCommandLine are clients whose operands are themselves a command:
// Redis's, and DB2's command line processor (db2 "drop database x").
var sqlCommandLine = lazy.Value[map[string]bool]{Make: func() map[string]bool {
	return map[string]bool{"redis-cli": true, "valkey-cli": true, "keydb-cli": true, "dragonfly-cli": true, "db2": true}
}}

// newSQL matches destructive statements given to a database client on its
// command line, in a heredoc or through a pipe.
// sqlDisposableDB is the key of a matcher's set of kinds that lets a
// test database dropped by name pass; no rule can name it.
const sqlDisposableDB = "+disposable-db"

// sqlKindSet checks a matcher's kinds of statement and returns them as a
// set; no kinds means the destructive ones a plain rule wants.
func sqlKindSet(kinds []string) (map[string]bool, error) {
	if len(kinds) == 0 {
		kinds = []string{"drop", "truncate", "delete-all", "update-all", "flush", "mongo-drop", "mongo-delete-all"}
	}
	if err := oneOf(kinds, sqlKinds...); err != nil {
		return nil, err
	}
	want := map[string]bool{}
	for _, k := range kinds {
		want[k] = true
	}
	return want, nil
}

// sqlKindParams reads a matcher's only setting, kinds (the statement
// kinds it finds), into the sets sqlKindSets returns.
func sqlKindParams(with map[string]any) (want, keepTest map[string]bool, err error) {
	p := newParams(with)
	kinds := p.strings("kinds")
	if err := p.done(); err != nil {
		return nil, nil, err
	}
	return sqlKindSets(kinds)
}

// sqlKindSets returns the statement kinds a matcher's kinds name, and the
// same kinds for a command that marks production or a lasting thing: a
// test database dropped by name (DROP DATABASE myapp_test) is disposable
// (disposable.go) only without such a mark.
func sqlKindSets(kinds []string) (want, keepTest map[string]bool, err error) {
	if want, err = sqlKindSet(kinds); err != nil {
		return nil, nil, err
	}
	keepTest = want
	if want["drop"] || want["truncate"] || want["delete-all"] {
		keepTest = maps.Clone(want)
		keepTest[sqlDisposableDB] = true
	}
	return want, keepTest, nil
}

func newSQL(with map[string]any) (matchFunc, error) {
	want, keepTest, err := sqlKindParams(with)
	if err != nil {
		return nil, err
	}
	// In a test database on this machine (testdb.go) only a DROP of what
	// lives in the server is judged.
	inTestDB := testDBKinds(keepTest)
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		texts := sqlTexts(inv, v)
		if inMemory(inv, v, texts) {
			return "", false
		}
		w := want
		if !inv.MoreArgs && (want["drop"] || (want["truncate"] || want["delete-all"]) && mentionsEmptying(texts)) && keepMarker(inv, ctx) == "" {
			w = keepTest
		}
		if testDatabase(inv, v, ctx) && !leavesDatabase(texts, mysqlFamily.Get()[inv.Name]) {
			w = inTestDB
		} else if (w["delete-bulk"] || w["mongo-delete-bulk"]) && devDatabase(inv, v, ctx) && !leavesDatabase(texts, mysqlFamily.Get()[inv.Name]) {
			// A delete by condition in a development database on this
			// machine (lims_dev on localhost) is the developer's own data.
			w = withoutBulkDelete(w)
		}
		if w["lockout"] && localDBServer(inv, v, ctx) {
			// An account locked out of a server on this machine is the
			// developer's own (sqllockout.go).
			w = maps.Clone(w)
			delete(w, "lockout")
		}
		for _, text := range texts {
			if d, ok := scanSQL(text, w); ok {
				return d, true
			}
		}
		return "", false
	}, nil
}

// sqlTexts collects the statement text an invocation gives its client.
func sqlTexts(inv *parse.Invocation, v *view) []string {
	var out []string
	args := inv.Args
	for i := 1; i < len(args); i++ {
		a := args[i].Value
		if a == "--" {
			break
		}
		for _, f := range sqlFlags {
			switch {
			case a == f && i+1 < len(args):
				out = append(out, args[i+1].Value)
			case strings.HasPrefix(f, "--") && strings.HasPrefix(a, f+"="):
				out = append(out, a[len(f)+1:])
			}
		}
		if statementCluster(a) && i+1 < len(args) {
			// mysql -Nse "...", psql -qAtc "...": a cluster of short
			// options that ends with the one taking the statement.
			out = append(out, args[i+1].Value)
		}
	}
	if sqlPositional.Get()[inv.Name] && len(v.operands) > 1 {
		for _, op := range v.operands[1:] {
			out = append(out, op.Value)
		}
	}
	if sqlCommandLine.Get()[inv.Name] && len(v.operands) > 0 {
		words := make([]string, len(v.operands))
		for i, op := range v.operands {
			words[i] = op.Value
		}
		out = append(out, strings.Join(words, " "))
	}
	if inv.Stdin.Text != "" {
		out = append(out, inv.Stdin.Text)
	}
	return append(out, sqlExtraTexts(inv, v)...)
}

// sqlToken is a word or punctuation of SQL, strings and comments removed.
type sqlToken struct {
	word   string // upper case
	str    string // a string literal's or an identifier's text, as written
	depth  int
	punct  byte
	quoted bool // a quoted identifier, never a keyword
}

// tokenizeSQL splits SQL into tokens, skipping string literals and
// comments so that data that looks like a statement is not one. Dialects
// differ on what hides a statement: with mysql set, a backslash escapes a
// quote in a string and # starts a comment, as in MySQL; without it, as in
// PostgreSQL, 'a\' is a whole string and # is an operator. Callers scan
// both readings, so that neither can hide a statement from guard.
func tokenizeSQL(s string, mysql bool) []sqlToken {
	return tokenizeSQLDepth(s, mysql, 0)
}

func tokenizeSQLDepth(s string, mysql bool, nest int) []sqlToken {
	var out []sqlToken
	depth := 0
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '\'':
			j := i + 1
			for j < len(s) {
				if s[j] == '\\' && mysql {
					j += 2
					continue
				}
				if s[j] == c {
					if j+1 < len(s) && s[j+1] == c {
						j += 2
						continue
					}
					break
				}
				j++
			}
			str := s[i+1 : min(j, len(s))]
			i = j + 1
			if nest < 4 && runsString(out) {
				// EXEC('DROP TABLE t'), sp_executesql N'...',
				// sp_MSforeachtable 'DELETE FROM ?': the string is run
				// as statements, and they count.
				out = append(out, sqlToken{punct: ';', depth: depth})
				for _, t := range tokenizeSQLDepth(strings.ReplaceAll(str, "''", "'"), mysql, nest+1) {
					t.depth += depth
					out = append(out, t)
				}
				out = append(out, sqlToken{punct: ';', depth: depth})
				continue
			}
			out = append(out, sqlToken{word: "'", str: str, depth: depth})
		case c == '"' || c == '`':
			// A quoted identifier: "users", `users`.
			j := strings.IndexByte(s[i+1:], c)
			if j < 0 {
				j = len(s) - i - 1
			}
			out = append(out, sqlToken{word: strings.ToUpper(s[i+1 : i+1+j]), str: s[i+1 : i+1+j], depth: depth, quoted: true})
			i += j + 2
		case c == '-' && i+1 < len(s) && s[i+1] == '-', c == '#' && mysql:
			j := strings.IndexByte(s[i:], '\n')
			if j < 0 {
				return out
			}
			i += j
		case c == '/' && i+1 < len(s) && s[i+1] == '*':
			j := strings.Index(s[i+2:], "*/")
			if j < 0 {
				return out
			}
			i += j + 4
		case c == '$' && i+1 < len(s) && (s[i+1] == '$' || isAlnum(s[i+1])):
			// A dollar-quoted string: $$...$$ or $tag$...$tag$.
			k := strings.IndexByte(s[i+1:], '$')
			if k < 0 {
				i++
				continue
			}
			tag := s[i : i+k+2]
			body := s[i+len(tag):]
			end := strings.Index(body, tag)
			if end < 0 {
				i = len(s)
			} else {
				body = body[:end]
				i += len(tag) + end + len(tag)
			}
			if len(out) > 0 && out[len(out)-1].word == "DO" && nest < 4 {
				// DO $$ ... $$ runs its body at once: its statements
				// count. A function's body only runs when called.
				for _, t := range tokenizeSQLDepth(body, mysql, nest+1) {
					t.depth += depth
					out = append(out, t)
				}
				out = append(out, sqlToken{punct: ';', depth: depth})
				continue
			}
			out = append(out, sqlToken{word: "'", depth: depth})
		case c == '(':
			out = append(out, sqlToken{punct: c, depth: depth})
			depth++
			i++
		case c == ')':
			depth = max(depth-1, 0)
			out = append(out, sqlToken{punct: c, depth: depth})
			i++
		case c == '!' || c == '|':
			// != and <>'s other spelling, and MySQL's || (OR): one token
			// each, so that id != 3 is not read as id = 3.
			out = append(out, sqlToken{punct: c, depth: depth})
			i++
			if i < len(s) && (c == '!' && s[i] == '=' || c == '|' && s[i] == '|') {
				i++
			}
		case c == ';' || c == ',' || c == '=' || c == '{' || c == '}' || c == ':' || c == '<' || c == '>' || c == '?':
			out = append(out, sqlToken{punct: c, depth: depth})
			i++
		case isAlnum(c) || c == '_' || c == '.' || c >= 0x80:
			j := i
			for j < len(s) && (isAlnum(s[j]) || s[j] == '_' || s[j] == '.' || s[j] >= 0x80) {
				j++
			}
			out = append(out, sqlToken{word: strings.ToUpper(s[i:j]), str: s[i:j], depth: depth})
			i = j
		default:
			i++
		}
	}
	return out
}

// runsString reports whether a string literal that follows toks is run as
// statements: the argument of EXEC or EXECUTE (EXEC('...'), PL/pgSQL's
// EXECUTE '...'), of SQL Server's sp_executesql, or of sp_MSforeachtable
// and sp_MSforeachdb, which run it once for each table or database with
// ? standing for its name (also as @command1 = '...', @stmt = N'...').
func runsString(toks []sqlToken) bool {
	k := len(toks) - 1
	if k >= 0 && toks[k].word == "N" && !toks[k].quoted {
		k-- // N'...', a Unicode string
	}
	if k >= 1 && toks[k].punct == '=' && wordlist.Has("COMMAND1 STMT STATEMENT", toks[k-1].word) {
		k -= 2
	}
	if k >= 0 && toks[k].punct == '(' {
		k--
	}
	if k < 0 || toks[k].quoted {
		return false
	}
	name := toks[k].word
	if d := strings.LastIndexByte(name, '.'); d >= 0 {
		name = name[d+1:] // master.dbo.sp_MSforeachdb, master..sp_MSforeachdb
	}
	return wordlist.Has("EXEC EXECUTE SP_EXECUTESQL SP_MSFOREACHTABLE SP_MSFOREACHDB", name)
}

var dropObjects = lazy.Value[map[string]bool]{Make: func() map[string]bool {
	return map[string]bool{"DATABASE": true, "SCHEMA": true, "TABLE": true, "VIEW": true,
		"INDEX": true, "USER": true, "ROLE": true, "TABLESPACE": true, "COLLECTION": true, "KEYSPACE": true,
		"MATERIALIZED": true, "FUNCTION": true, "PROCEDURE": true, "TRIGGER": true, "SEQUENCE": true,
		"TYPE": true, "EXTENSION": true, "OWNED": true, "DOMAIN": true, "PUBLICATION": true, "SUBSCRIPTION": true,
		"STREAM": true, "STAGE": true, "WAREHOUSE": true, "SHARE": true, "DICTIONARY": true, "IF": true,
		// Kinds of table written before TABLE (BigQuery DROP SNAPSHOT
		// TABLE, Snowflake DROP TRANSIENT TABLE, DROP FOREIGN TABLE), and
		// the stores' own objects that hold data (InfluxQL DROP
		// MEASUREMENT, DROP SERIES, DROP RETENTION POLICY, DROP SHARD;
		// DROP GRAPH). DROP TEMPORARY TABLE ends the session's own table.
		"SNAPSHOT": true, "EXTERNAL": true, "TRANSIENT": true, "DYNAMIC": true, "ICEBERG": true,
		"HYBRID": true, "FOREIGN": true, "VIRTUAL": true, "COLUMNFAMILY": true,
		"MEASUREMENT": true, "SERIES": true, "RETENTION": true, "SHARD": true, "GRAPH": true,
		// Couchbase: DROP SCOPE drops every collection in it.
		"SCOPE": true,
		// Unity Catalog and lakehouses: DROP CATALOG drops its schemas and
		// managed tables, DROP VOLUME its files; BigQuery's DROP MODEL.
		"CATALOG": true, "VOLUME": true, "MODEL": true}
}}

// scanSQL finds the first statement of a wanted kind and describes it.
func scanSQL(text string, want map[string]bool) (string, bool) {
	if want["mongo-drop"] || want["mongo-delete-all"] || want["mongo-delete-bulk"] {
		if d, ok := scanMongo(text, want); ok {
			return d, true
		}
	}
	if want["admin"] {
		if d, ok := sqliteRestore(text); ok {
			return d, true
		}
		if d, ok := scanAdmin(tokenizeSQL(text, false)); ok {
			return d, true
		}
		if strings.ContainsAny(text, "\\#") {
			if d, ok := scanAdmin(tokenizeSQL(text, true)); ok {
				return d, true
			}
		}
	}
	if want["lockout"] {
		if d, ok := scanLockout(tokenizeSQL(text, false)); ok {
			return d, true
		}
	}
	if !strings.ContainsAny(text, "dDtTuUaAfF") {
		return "", false
	}
	if d, ok := scanTokens(tokenizeSQL(text, false), want); ok {
		return d, true
	}
	if strings.ContainsAny(text, "\\#") {
		return scanTokens(tokenizeSQL(text, true), want)
	}
	return "", false
}

// sqliteRestore reports whether SQLite's shell is given the dot-command
// .restore (on a line of its own, or as the whole argument), which
// replaces the content of the open database with a backup file's.
func sqliteRestore(text string) (string, bool) {
	for _, line := range strings.Split(text, "\n") {
		f := strings.Fields(line)
		if len(f) >= 2 && f[0] == ".restore" {
			return ".restore, which replaces the open database with " + f[len(f)-1], true
		}
	}
	return "", false
}

// scanTokens finds the first statement of a wanted kind in tokens.
func scanTokens(toks []sqlToken, want map[string]bool) (string, bool) {
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		next := func(k int) string {
			if i+k < len(toks) {
				return toks[i+k].word
			}
			return ""
		}
		if t.quoted {
			continue
		}
		if t.word == "EXPLAIN" && startsStatement(toks, i) && !explainRuns(toks, i) {
			// EXPLAIN DELETE FROM t shows the plan and deletes nothing.
			for i+1 < len(toks) && toks[i+1].punct != ';' {
				i++
			}
			continue
		}
		switch t.word {
		case "DROP":
			if dropObjects.Get()[next(1)] && want["drop"] && !precededBy(toks, i, "ALTER") {
				// The kind stays a keyword; the tokenizer upper-cases
				// names, which read better in lower case.
				kind, name := next(1), next(2)
				switch {
				case next(1) == "IF":
					kind, name = next(3), next(4)
				case next(2) == "IF":
					name = next(4)
				}
				if createdHere(toks, i) || want[sqlDisposableDB] && kind == "DATABASE" && throwawayName(name) && namedOne(parse.Word{Value: name}) ||
					want[sqlDisposableDB] && scratchDrop(toks, i) ||
					want[sqlTestDB] && inDatabaseObjects.Get()[kind] {
					continue
				}
				return strings.TrimSpace("DROP " + kind + " " + strings.ToLower(name)), true
			}
			if want["alter-drop"] && precededBy(toks, i, "ALTER") {
				return "ALTER ... DROP " + strings.ToLower(next(1)+" "+next(2)), true
			}
		case "REMOVE":
			// SurrealQL: REMOVE TABLE users, REMOVE DATABASE app.
			if want["drop"] && startsStatement(toks, i) && surrealObjects.Get()[next(1)] {
				return "REMOVE " + next(1) + " " + strings.ToLower(next(2)), true
			}
		case "ENGINE", "DISCARD":
			// MySQL: ALTER TABLE t ENGINE=BLACKHOLE converts the table to
			// an engine that keeps nothing, and ALTER TABLE t DISCARD
			// TABLESPACE deletes its data file.
			if want["alter-drop"] && precededBy(toks, i, "ALTER") {
				if d := alterEmpties(toks, i); d != "" {
					return d, true
				}
			}
		case "CLEAR":
			// ClickHouse: ALTER TABLE t CLEAR COLUMN c empties a column.
			if want["alter-drop"] && precededBy(toks, i, "ALTER") && (next(1) == "COLUMN" || next(1) == "INDEX") {
				return "ALTER ... CLEAR " + strings.ToLower(next(1)+" "+next(2)), true
			}
		case "TRUNCATE":
			if want["truncate"] && startsStatement(toks, i) {
				name, at := next(1), 1
				if name == "TABLE" {
					name, at = next(2), 2
				}
				if name == "IF" && next(at+1) == "EXISTS" {
					name = next(at + 2)
				}
				if createdBefore(toks, i, "TABLE", i+1+btoi(next(1) == "TABLE")) || want[sqlDisposableDB] && scratchTruncate(toks, i) {
					continue
				}
				return "TRUNCATE " + strings.ToLower(name), true
			}
		case "DELETE":
			if want["delete-bulk"] && mergeSourceDelete(toks, i) {
				return "MERGE ... WHEN NOT MATCHED BY SOURCE THEN DELETE", true
			}
			if !startsStatement(toks, i) && !precededBy(toks, i, "ALTER") || mergeClause(toks, i) || startsStatement(toks, i) && rolledBack(toks, i) {
				continue
			}
			if d, ok := judgeDelete(toks, i, want); ok {
				return d, true
			}
		case "UPDATE":
			if !startsStatement(toks, i) && !precededBy(toks, i, "ALTER") || i+2 >= len(toks) || mergeClause(toks, i) || startsStatement(toks, i) && rolledBack(toks, i) {
				continue
			}
			set := -1
			for k := i + 1; k < len(toks) && k < i+8; k++ {
				if toks[k].word == "SET" {
					set = k
					break
				}
			}
			if set < 0 && precededBy(toks, i, "ALTER") {
				// ClickHouse: ALTER TABLE t UPDATE c = 0 WHERE 1, a
				// mutation with no SET.
				set = i
			}
			if set < 0 {
				continue
			}
			if !hasWhere(toks, set, t.depth) && want["update-all"] {
				return "UPDATE " + strings.ToLower(next(1)) + " without WHERE", true
			}
		case "LOAD", "IMPORT", "ACTIVATE":
			if want["truncate"] && (t.word == "ACTIVATE" || startsStatement(toks, i)) {
				if d := db2Empties(toks, i); d != "" {
					return d, true
				}
			}
		case "FLUSHALL", "FLUSHDB":
			if want["flush"] && startsStatement(toks, i) {
				return t.word, true
			}
		}
	}
	return "", false
}

// explainRuns reports whether the EXPLAIN at token i also runs its
// statement: EXPLAIN ANALYZE (PostgreSQL, MySQL, DuckDB), written bare or
// among the options in parentheses, before the statement's own words.
func explainRuns(toks []sqlToken, i int) bool {
	for k := i + 1; k < len(toks) && k <= i+8; k++ {
		switch toks[k].word {
		case "ANALYZE", "ANALYSE":
			return true
		case "DELETE", "UPDATE", "INSERT", "MERGE", "SELECT", "WITH", "TRUNCATE", "DROP", "REPLACE", "CREATE", "ALTER":
			return false
		}
		if toks[k].punct == ';' {
			return false
		}
	}
	return false
}

// startsStatement reports whether token i begins a statement: it is first,
// or follows ; or ( or a WITH ... AS (...) clause.
func startsStatement(toks []sqlToken, i int) bool {
	if i == 0 {
		return true
	}
	p := toks[i-1]
	if p.punct == ';' || p.punct == '(' || p.punct == ')' {
		return true
	}
	switch p.word {
	case "THEN", "ELSE", "BEGIN", "DO", "EXPLAIN", "ANALYZE", "EXEC", "EXECUTE":
		return true
	}
	return false
}

func precededBy(toks []sqlToken, i int, word string) bool {
	for k := i - 1; k >= 0 && k >= i-12; k-- {
		if toks[k].punct == ';' {
			return false
		}
		if toks[k].word == word {
			return true
		}
	}
	return false
}

// hasWhere reports whether a WHERE (or LIMIT, which bounds the rows too)
// follows token i in the same statement and at the same depth.
func hasWhere(toks []sqlToken, i, depth int) bool {
	for k := i + 1; k < len(toks); k++ {
		t := toks[k]
		if t.punct == ';' || (t.punct == ')' && t.depth < depth) {
			return false
		}
		if t.depth == depth && (t.word == "LIMIT" || t.word == "CURRENT") {
			return true
		}
		if t.depth == depth && t.word == "WHERE" {
			return !tautology(toks[k+1:], depth)
		}
	}
	return false
}

// tautology reports whether a WHERE condition holds for every row:
// WHERE 1=1, WHERE true, WHERE 'a'='a' (whose strings the tokenizer drops),
// WHERE id=id, WHERE NOT FALSE, WHERE email LIKE '%' (every value that is
// not null), or any of these as one alternative of a top-level OR
// (WHERE id = 7 OR 1=1), which makes the whole condition true.
func tautology(toks []sqlToken, depth int) bool {
	var cond []sqlToken
	for _, t := range toks {
		if t.punct == ';' || t.depth < depth || t.word == "RETURNING" && !t.quoted {
			// RETURNING ends the condition and bounds nothing.
			break
		}
		switch t.word {
		case "ORDER", "LIMIT", "GROUP":
			return false
		}
		cond = append(cond, t)
	}
	start := 0
	for k := 0; k <= len(cond); k++ {
		if k < len(cond) && !(cond[k].word == "OR" && !cond[k].quoted && cond[k].depth == depth) {
			continue
		}
		if alwaysTrue(cond[start:k]) {
			return true
		}
		start = k + 1
	}
	return false
}

// alwaysTrue reports whether one condition, with no top-level OR, holds
// for every row (see tautology).
func alwaysTrue(cond []sqlToken) bool {
	is := func(i int, w string) bool { return i < len(cond) && cond[i].word == w && !cond[i].quoted }
	if n := len(cond); n >= 3 && (is(n-2, "LIKE") || is(n-2, "ILIKE")) && cond[n-1].word == "'" &&
		cond[n-1].str != "" && strings.Trim(cond[n-1].str, "%") == "" && !is(n-3, "NOT") {
		// email LIKE '%': every value but null.
		return true
	}
	switch {
	case len(cond) == 1:
		return is(0, "TRUE") || is(0, "1") || cond[0].punct == '='
	case len(cond) == 2:
		return is(0, "NOT") && (is(1, "FALSE") || is(1, "0"))
	case len(cond) == 3 && cond[1].punct == '=':
		return cond[0].word != "" && cond[0].word == cond[2].word && cond[0].quoted == cond[2].quoted
	}
	return false
}

// scanMongo finds destructive MongoDB shell calls.
func scanMongo(text string, want map[string]bool) (string, bool) {
	if !strings.Contains(text, ".") {
		return "", false
	}
	if want["mongo-drop"] {
		for i, call := range []string{".dropAllUsers(", ".dropUser(", ".dropAllRoles(", ".dropRole(", ".dropDatabase(", ".drop(", ".dropCollection(", ".dropIndexes(", ".dropIndex(", ".dropSearchIndex("} {
			if i >= 4 && want[sqlTestDB] {
				// The test database and what is in it (testdb.go).
				break
			}
			if strings.Contains(text, call) {
				return strings.TrimPrefix(strings.TrimSuffix(call, "("), ".") + "()", true
			}
		}
	}
	if want["mongo-drop"] && !want[sqlTestDB] && strings.Contains(text, "runCommand(") {
		for _, key := range []string{"dropDatabase", "drop:", "drop\":", "drop':", "dropAllUsersFromDatabase"} {
			if strings.Contains(text, key) {
				return "runCommand " + strings.Trim(key, ":\"'"), true
			}
		}
	}
	if want["mongo-delete-all"] {
		for _, call := range []string{".deleteMany(", ".remove(", ".updateMany("} {
			for rest := text; ; {
				i := strings.Index(rest, call)
				if i < 0 {
					break
				}
				rest = rest[i+len(call):]
				arg := strings.TrimLeft(rest, " \t\n")
				if strings.HasPrefix(arg, "{") {
					inner := strings.TrimLeft(arg[1:], " \t\n")
					if strings.HasPrefix(inner, "}") {
						return strings.TrimPrefix(strings.TrimSuffix(call, "("), ".") + "({}) on every document", true
					}
				} else if strings.HasPrefix(arg, ")") {
					return strings.TrimPrefix(strings.TrimSuffix(call, "("), ".") + "() on every document", true
				}
			}
		}
	}
	if want["mongo-delete-bulk"] {
		if d, ok := scanMongoBulk(text); ok {
			return d, true
		}
	}
	return "", false
}

// statementCluster reports whether an argument is a cluster of short
// options whose last one takes a statement: -Nse, -qAtc, -bQ.
func statementCluster(a string) bool {
	if len(a) < 3 || a[0] != '-' || a[1] == '-' || !isLetters(a[1:]) {
		return false
	}
	switch a[len(a)-1] {
	case 'c', 'e', 'q', 'Q':
		return true
	}
	return false
}

// inMemoryClients are clients whose database is in memory when no file is
// named or the name is :memory:.
var inMemoryClients = lazy.Value[map[string]bool]{Make: func() map[string]bool {
	return map[string]bool{"sqlite3": true, "sqlite": true, "duckdb": true}
}}

// inMemory reports whether the invocation runs its statements against a
// database in memory, which nothing outlives: sqlite3 :memory: "...", or
// duckdb with no file. Statements that open or attach a file (.open,
// ATTACH), an -init file guard does not read, or stdin it cannot read
// keep it from counting.
func inMemory(inv *parse.Invocation, v *view, texts []string) bool {
	if !inMemoryClients.Get()[inv.Name] || inv.MoreArgs || inv.Stdin.Kind == parse.Unknown {
		return false
	}
	if len(v.operands) > 0 {
		db := v.operands[0]
		if db.Dynamic || db.Value != ":memory:" && !strings.HasPrefix(db.Value, "file::memory:") {
			return false
		}
	}
	for _, f := range v.flags {
		if name, _, _ := strings.Cut(f, "="); name == "-init" || name == "--init" {
			return false
		}
	}
	for _, t := range texts {
		l := strings.ToLower(t)
		if strings.Contains(l, "attach") || strings.Contains(l, ".open") || strings.Contains(l, ".restore") ||
			strings.Contains(l, "vacuum into") || strings.Contains(l, "copy") {
			return false
		}
	}
	return true
}

// mentionsEmptying reports whether statement texts may empty a table
// (TRUNCATE, DELETE), before the command's markers are looked up.
func mentionsEmptying(texts []string) bool {
	for _, t := range texts {
		if hasFoldSub(t, "truncate") || hasFoldSub(t, "delete") {
			return true
		}
	}
	return false
}

// withoutBulkDelete returns the kinds of w without the deletes by a
// condition.
func withoutBulkDelete(w map[string]bool) map[string]bool {
	out := make(map[string]bool, len(w))
	for k, v := range w {
		if k != "delete-bulk" && k != "mongo-delete-bulk" {
			out[k] = v
		}
	}
	return out
}

// alterEmpties describes an ALTER TABLE clause at token i that deletes a
// table's rows while the table stays: ENGINE = BLACKHOLE, whose tables
// keep nothing written to them, and DISCARD TABLESPACE, which deletes the
// table's data file. It returns "" for any other clause.
func alterEmpties(toks []sqlToken, i int) string {
	k := i + 1
	if toks[i].word == "DISCARD" {
		if k < len(toks) && toks[k].word == "TABLESPACE" && !toks[k].quoted {
			return "ALTER TABLE ... DISCARD TABLESPACE"
		}
		return ""
	}
	if k < len(toks) && toks[k].punct == '=' {
		k++
	}
	if k < len(toks) && strings.EqualFold(toks[k].str, "blackhole") {
		return "ALTER TABLE ... ENGINE = BLACKHOLE"
	}
	return ""
}
