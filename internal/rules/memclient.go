package rules

import (
	"regexp"
	"strings"

	"github.com/guardsh/guard/internal/lazy"
	"github.com/guardsh/guard/internal/parse"
)

// In-memory clients: code that makes a client holding its data in the
// process's memory (QdrantClient(':memory:'), chromadb.EphemeralClient(),
// fakeredis.FakeRedis(), mongomock.MongoClient()) and deletes collections
// on it destroys nothing that outlives the process. A call passes when its
// receiver is such a constructor, or a plain variable the code assigns
// once, from such a constructor; a variable assigned twice, or from
// anything else, is judged as any client.

// memoryConstructors are what an in-memory client's constructor holds.
var memoryConstructors = []string{"(':memory:'", "(\":memory:\"", "location=':memory:'", "location=\":memory:\"",
	"EphemeralClient(", "fakeredis.", "FakeRedis(", "FakeStrictRedis(", "mongomock."}

// identRe matches a plain variable name.
var identRe = lazy.Regexp{Expr: `^[A-Za-z_][A-Za-z0-9_]*$`}

// inMemoryClient reports whether call c in code is made on an in-memory
// client.
func inMemoryClient(code string, c parse.CodeCall) bool {
	if memoryExpr(c.Receiver) {
		return true
	}
	if !identRe.Get().MatchString(c.Receiver) {
		return false
	}
	re, err := regexp.Compile(`(?m)(?:^|[;\s(])` + regexp.QuoteMeta(c.Receiver) + `\s*(?::[^=\n]*)?=([^=][^;\n]*)`)
	if err != nil {
		return false
	}
	m := re.FindAllStringSubmatch(code, 3)
	return len(m) == 1 && memoryExpr(m[0][1])
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
