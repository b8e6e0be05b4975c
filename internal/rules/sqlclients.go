package rules

import (
	"path"
	"regexp"
	"strings"

	"github.com/guardsh/guard/internal/lazy"
	"github.com/guardsh/guard/internal/parse"
)

// sqlFileFlags are the options that name a file of statements a client
// runs: psql -f, sqlcmd -i, clickhouse client --queries-file.
var sqlFileFlags = lazy.Value[map[string]bool]{Make: func() map[string]bool {
	return map[string]bool{"-f": true, "--file": true, "-i": true, "--input-file": true,
		"--queries-file": true, "-init": true, "--init": true, "-source": true, "--filename": true}
}}

// statementFileFlag reports whether a client's option names a file of
// statements: sqlFileFlags, less the letters a client gives another
// meaning (redis-cli -i is an interval, hdbsql -i an instance number, and
// hdbsql -I its input file).
func statementFileFlag(client, flag string) bool {
	switch client {
	case "redis-cli", "valkey-cli", "keydb-cli", "dragonfly-cli", "memurai-cli":
		return false
	case "hdbsql":
		return flag == "-I"
	}
	return sqlFileFlags.Get()[flag]
}

// sqlStarts are words a statement starts with, so that an argument that
// starts with one is read as SQL: bq query 'DELETE ...', a client's
// positional query, an option guard does not know.
var sqlStarts = lazy.Value[map[string]bool]{Make: func() map[string]bool {
	return map[string]bool{"SELECT": true, "WITH": true, "DELETE": true, "DROP": true,
		"TRUNCATE": true, "ALTER": true, "UPDATE": true, "INSERT": true, "REMOVE": true, "BEGIN": true,
		"START": true, "CREATE": true, "SET": true, "USE": true, "DO": true, "EXEC": true, "EXECUTE": true,
		"CALL": true, "MERGE": true, "REPLACE": true, "UPSERT": true, "OPTIMIZE": true, "EXPLAIN": true}
}}

// sqlQueryOperands are clients whose operands may be a query: bq query
// 'DELETE ...'. Other clients' operands name a database or a user.
var sqlQueryOperands = lazy.Value[map[string]bool]{Make: func() map[string]bool {
	return map[string]bool{"bq": true, "clickhouse-local": true, "spark-sql": true, "databricks": true, "dbsqlcli": true, "athena": true,
		// SAP HANA's hdbsql and Db2's command line processor take the
		// statement as their last operand.
		"hdbsql": true, "db2": true}
}}

// sqlExtraTexts returns the statements a client reads beyond its known
// options and stdin: arguments that read as SQL, and files of statements
// that the same command wrote (cat > q.sql <<EOF ... ; psql -f q.sql, or
// psql < q.sql).
func sqlExtraTexts(inv *parse.Invocation, v *view) []string {
	var out []string
	for _, op := range v.operands {
		if sqlQueryOperands.Get()[inv.Name] && looksLikeSQL(op.Value) {
			out = append(out, op.Value)
		}
		out = append(out, jsonStatements(op.Value)...)
	}
	for i, f := range v.flags {
		_, val, has := strings.Cut(f, "=")
		if !has && v.hasVal(i) {
			val, has = v.vals[i], true
		}
		if has && looksLikeSQL(val) {
			out = append(out, val)
		}
		if has {
			out = append(out, jsonStatements(val)...)
		}
	}
	out = append(out, writtenInputs(inv, v)...)
	return out
}

// looksLikeSQL reports whether text starts with a statement keyword and
// holds more than one word.
func looksLikeSQL(text string) bool {
	t := strings.TrimLeft(text, " \t\r\n(")
	end := strings.IndexAny(t, " \t\r\n;(")
	if end <= 0 {
		return false
	}
	return sqlStarts.Get()[strings.ToUpper(t[:end])]
}

// writtenText returns what the command wrote to a file before this
// invocation, when guard knows it.
func writtenText(inv *parse.Invocation, name string) (string, bool) {
	if len(inv.Written) == 0 || name == "" {
		return "", false
	}
	p := name
	if !path.IsAbs(p) {
		if inv.Dir == "" {
			return "", false
		}
		p = path.Join(inv.Dir, p)
	}
	text, ok := inv.Written[path.Clean(p)]
	return text, ok
}

// jsonStatements returns the statements a JSON body carries, as
// databricks api post .../sql/statements --json '{"statement": "..."}'
// sends them.
func jsonStatements(text string) []string {
	t := strings.TrimSpace(text)
	if !strings.HasPrefix(t, "{") && !strings.HasPrefix(t, "[") {
		return nil
	}
	var out []string
	for _, m := range jsonStatement.Get().FindAllStringSubmatch(t, 4) {
		out = append(out, strings.ReplaceAll(m[1], `\"`, `"`))
	}
	return out
}

// jsonStatement finds a statement in a JSON body: "statement": "...".
var jsonStatement = lazy.Value[*regexp.Regexp]{Make: func() *regexp.Regexp {
	return regexp.MustCompile(`"(?:statement|sql|query|stmt)"\s*:\s*"((?:[^"\\]|\\.)*)"`)
}}
