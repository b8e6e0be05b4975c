package rules

import (
	"strings"

	"github.com/guardsh/guard/internal/parse"
	"github.com/guardsh/guard/internal/wordlist"
)

// newBareSQL matches a command line that is itself a destructive SQL
// statement (DROP TABLE users;, TRUNCATE TABLE orders, DELETE FROM t):
// bash finds no such program, but the same line typed where a database
// console reads it (an agent's terminal session, a REPL, a pane a tool
// sends keys to) runs it, and an agent that writes it meant it to. The
// words are joined back into the statement and read by the SQL scanner,
// so that truncate -s 0 app.log, which is coreutils', does not match.
func newBareSQL(with map[string]any) (matchFunc, error) {
	want, keepTest, err := sqlKindParams(with)
	if err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		if len(inv.Args) < 2 {
			return "", false
		}
		words := make([]string, len(inv.Args))
		for i, a := range inv.Args {
			if a.Dynamic {
				return "", false
			}
			words[i] = a.Value
		}
		if !sqlShape(words) {
			// truncate -s 0 f, update --help, truncate text-sm: a
			// program's words, not a statement.
			return "", false
		}
		w := want
		if prodMarker(inv, ctx) == "" {
			// DROP DATABASE shop_test: a test database dropped by name,
			// as for the clients (disposable.go).
			w = keepTest
		}
		if d, ok := scanSQL(strings.Join(words, " "), w); ok {
			return d, true
		}
		return "", false
	}, nil
}

// sqlShape reports whether words start the way a statement does: DROP
// and a kind of object, TRUNCATE TABLE, DELETE FROM, UPDATE ... SET,
// ALTER TABLE.
func sqlShape(words []string) bool {
	second := strings.ToUpper(words[1])
	switch strings.ToUpper(words[0]) {
	case "DROP":
		return wordlist.Has("TABLE DATABASE SCHEMA VIEW INDEX SEQUENCE TYPE FUNCTION PROCEDURE TRIGGER USER ROLE "+
			"KEYSPACE COLLECTION MATERIALIZED TEMPORARY TEMP IF EXTENSION TABLESPACE OWNED", second)
	case "TRUNCATE":
		return second == "TABLE"
	case "DELETE":
		return second == "FROM"
	case "ALTER":
		return second == "TABLE"
	case "UPDATE":
		for _, w := range words[2:] {
			if strings.EqualFold(w, "SET") {
				return true
			}
		}
	}
	return false
}
