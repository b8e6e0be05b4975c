package rules

import (
	"strings"

	"github.com/guardsh/guard/internal/parse"
)

// A Cypher delete in a test or scratch database on this machine
// (cypher-shell -d scratch 'MATCH (n) DETACH DELETE n') removes what the
// test suite or the developer loads again, as the SQL rules' test
// database model says (testdb.go). cypherTestDB reports whether the
// client names such a database (-d, --database, a URL path) with a
// throwaway or test name (testDBName), reaches this machine or no
// address at all (-a, --address, --uri: localhost, a loopback, a
// single-label compose service), runs here, and nothing marks production
// or a lasting thing. A DROP, of the database or anything else, is judged
// as before.
func cypherTestDB(inv *parse.Invocation, v *view, ctx *Context) bool {
	if inv.MoreArgs || inv.Remote != "" && !containerRemote(inv) || keepMarker(inv, ctx) != "" {
		return false
	}
	db := ""
	for i, f := range v.flags {
		name, val, has := strings.Cut(f, "=")
		if !has && v.hasVal(i) {
			val, has = v.vals[i], true
		}
		switch name {
		case "-d", "--database":
			if !has {
				return false
			}
			db = val
		case "-a", "--address", "--uri":
			if !has {
				return false
			}
			host := val
			if j := strings.Index(host, "://"); j >= 0 {
				host = host[j+3:]
			}
			if j := strings.LastIndexByte(host, '@'); j >= 0 {
				host = host[j+1:]
			}
			host, _, _ = strings.Cut(host, "/")
			if j := strings.LastIndexByte(host, ':'); j > 0 {
				host = host[:j]
			}
			if !localDBHost(host) {
				return false
			}
		}
	}
	for _, a := range inv.Assigns {
		if strings.HasPrefix(a.Name, "NEO4J_") && (strings.HasSuffix(a.Name, "ADDRESS") || strings.HasSuffix(a.Name, "URI")) {
			return false
		}
	}
	for _, e := range []string{"NEO4J_ADDRESS", "NEO4J_URI"} {
		if ctx.Env[e] != "" {
			return false
		}
	}
	return db != "" && testDBName(db)
}
