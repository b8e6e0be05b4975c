package rules

import (
	"strings"

	"github.com/guardsh/guard/internal/parse"
)

// A framework command given a database URL for this one run
// (DATABASE_URL=postgresql://postgres:postgres@localhost:5433/app_test npx
// prisma migrate reset --force) names its database as plainly as
// RAILS_ENV=test does: testDBURL reports whether every such URL the
// command sets points at a test database (testDBName) on this machine
// (localDBHost), at least one, with the command run here and nothing
// marking production or a lasting thing. An inherited DATABASE_URL does
// not count: the agent's environment is not the command's text.

// dbURLVars are the variables that frameworks read a database URL from.
var dbURLVars = []string{"DATABASE_URL", "DB_URL", "POSTGRES_URL", "MYSQL_URL", "MONGODB_URI", "MONGO_URL", "TEST_DATABASE_URL"}

func testDBURL(inv *parse.Invocation, ctx *Context) bool {
	if inv.Remote != "" || len(inv.Assigns) == 0 || keepMarker(inv, ctx) != "" {
		return false
	}
	found := false
	for _, a := range inv.Assigns {
		known := false
		for _, n := range dbURLVars {
			if a.Name == n {
				known = true
			}
		}
		if !known && !strings.HasSuffix(a.Name, "_URL") {
			continue
		}
		if !known || a.Value.Dynamic {
			if strings.Contains(a.Value.Value, "://") || a.Value.Dynamic {
				return false
			}
			continue
		}
		host, db, ok := connURL(a.Value.Value)
		if !ok || !strings.Contains(a.Value.Value, "://") || !localDBHost(host) {
			return false
		}
		if i := strings.IndexByte(db, '?'); i >= 0 {
			db = db[:i]
		}
		if !testDBName(db) {
			return false
		}
		found = true
	}
	return found
}
