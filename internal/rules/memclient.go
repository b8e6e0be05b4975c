package rules

import (
	"regexp"
	"strings"

	"github.com/guardsh/guard/internal/lazy"
	"github.com/guardsh/guard/internal/parse"
)

// In-memory clients: code that makes a client holding its data in the
// process's memory (QdrantClient(':memory:'), chromadb.EphemeralClient()
// and chromadb.Client() with no settings,
// fakeredis.FakeRedis(), mongomock.MongoClient()) and deletes collections
// on it destroys nothing that outlives the process. A call passes when its
// receiver is such a constructor, or a plain variable the code assigns
// once, from such a constructor; a variable assigned twice, or from
// anything else, is judged as any client.

// memoryConstructors are what an in-memory client's constructor holds.
var memoryConstructors = []string{"(':memory:'", "(\":memory:\"", "location=':memory:'", "location=\":memory:\"", "duckdb.connect()",
	"EphemeralClient(", "chromadb.Client()", "fakeredis.", "FakeRedis(", "FakeStrictRedis(", "mongomock."}

// identRe matches a plain variable name.
var identRe = lazy.Regexp{Expr: `^[A-Za-z_][A-Za-z0-9_]*$`}

// inMemoryClient reports whether call c in code is made on an in-memory
// client.
func inMemoryClient(code string, c parse.CodeCall) bool {
	return memoryReceiver(code, c.Receiver, 2, memoryExpr)
}

// testDBClient reports whether call c in code is made on a database in
// memory or in a test database file (sqlite3.connect('/tmp/test.db')),
// for the SQL it runs.
func testDBClient(code string, c parse.CodeCall) bool {
	return memoryReceiver(code, c.Receiver, 2, func(e string) bool { return memoryExpr(e) || testFileExpr(e) })
}

// memoryReceiver reports whether a receiver is a client whose
// constructor made accepts: the constructor itself, a variable assigned
// once from one, or, up to depth times, a cursor of one (cur =
// con.cursor()).
func memoryReceiver(code, recv string, depth int, made func(string) bool) bool {
	if made(recv) {
		return true
	}
	if base, ok := strings.CutSuffix(recv, ".cursor()"); ok && depth > 0 {
		return memoryReceiver(code, base, depth-1, made)
	}
	if !identRe.Get().MatchString(recv) {
		return false
	}
	re, err := regexp.Compile(`(?m)(?:^|[;\s(])` + regexp.QuoteMeta(recv) + `\s*(?::[^=\n]*)?=([^=][^;\n]*)`)
	if err != nil {
		return false
	}
	m := re.FindAllStringSubmatch(code, 3)
	if len(m) != 1 {
		return false
	}
	expr := strings.TrimSpace(m[0][1])
	if base, ok := strings.CutSuffix(expr, ".cursor()"); ok && depth > 0 {
		return memoryReceiver(code, base, depth-1, made)
	}
	return made(expr)
}

// testFileExpr reports whether an expression opens a database file named
// as a test one (testDBName) and nothing else: sqlite3.connect('/tmp/t.db'),
// duckdb.connect('test/fixtures/a.duckdb'), new Database('tmp/x.db').
func testFileExpr(expr string) bool {
	expr = strings.TrimSpace(expr)
	if strings.Count(expr, "(") != 1 || !strings.Contains(expr, "connect(") && !strings.Contains(expr, "Database(") {
		return false
	}
	_, arg, _ := strings.Cut(expr, "(")
	arg = strings.TrimSuffix(strings.TrimSpace(arg), ")")
	if len(arg) < 3 || arg[0] != '\'' && arg[0] != '"' || arg[len(arg)-1] != arg[0] {
		return false
	}
	file := arg[1 : len(arg)-1]
	return !strings.ContainsAny(file, "'\"$`{}") && testDBName(file) && !keepName(file)
}

// memoryExpr reports whether an expression makes an in-memory client and
// nothing else: one constructor call, no host or path.
func memoryExpr(expr string) bool {
	expr = strings.TrimSpace(expr)
	if expr == "" || strings.Count(expr, "(") != 1 || hasProdWord(expr) {
		return false
	}
	for _, m := range memoryConstructors {
		if strings.Contains(expr, m) {
			return true
		}
	}
	return false
}
