package rules

import (
	"strings"

	"github.com/guardsh/guard/internal/parse"
	"github.com/guardsh/guard/internal/wordlist"
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
const dbURLVars = "DATABASE_URL DB_URL POSTGRES_URL MYSQL_URL MONGODB_URI MONGO_URL TEST_DATABASE_URL"

func testDBURL(inv *parse.Invocation, ctx *Context) bool { return localDBURL(inv, ctx, testDBName) }

// devDBURL is testDBURL for a development database (shop_dev,
// app_development) or a test one.
func devDBURL(inv *parse.Invocation, ctx *Context) bool {
	return localDBURL(inv, ctx, testOrDevDBName)
}

// localDBURL reports whether every database URL the command sets for
// itself points at a database on this machine whose name named accepts,
// at least one, with nothing marking production or a lasting thing.
func localDBURL(inv *parse.Invocation, ctx *Context, named func(string) bool) bool {
	if inv.Remote != "" || len(inv.Assigns) == 0 || keepMarker(inv, ctx) != "" {
		return false
	}
	found := false
	for _, a := range inv.Assigns {
		known := false
		for n := range strings.FieldsSeq(dbURLVars) {
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
		if db, ok := localURLDB(a.Value.Value); !ok || !named(db) {
			return false
		}
		found = true
	}
	return found
}

// dbURLOptions are the options migration tools take a database URL in:
// diesel --database-url, sqlx --database-url, dbmate --url, goose's and
// migrate's -database, refinery --db-uri.
const dbURLOptions = "--database-url --database_url --db-url --url -u -database --database --db-uri --dsn"

// localDBURLOption is localDBURL for the database URL options of the
// command (dbURLOptions): every one points at a database on this machine
// whose name named accepts, at least one, and nothing marks production. A
// value only known at run time, or one that is not a URL, fails.
func localDBURLOption(inv *parse.Invocation, v *view, ctx *Context, named func(string) bool) bool {
	if inv.Remote != "" || keepMarker(inv, ctx) != "" || prodMarker(inv, ctx) != "" {
		return false
	}
	found := false
	for i, f := range v.flags {
		name, val, has := strings.Cut(f, "=")
		if !wordlist.Has(dbURLOptions, name) {
			continue
		}
		if !has {
			if v.hasVal(i) {
				val = v.vals[i]
			} else {
				val = valueAfter(inv, f)
			}
		}
		if !strings.Contains(val, "://") && (name == "-u" || name == "--database") {
			// A user name, or a database by name: not a URL option here.
			continue
		}
		if db, ok := localURLDB(val); !ok || strings.ContainsAny(val, "$`") || !named(db) {
			return false
		}
		found = true
	}
	return found
}

// localURLDB returns the database a URL (postgres://, mysql://, ...)
// names, without its query, when the URL points at this machine.
func localURLDB(u string) (string, bool) {
	host, db, ok := connURL(u)
	if !ok || !strings.Contains(u, "://") || !localDBHost(host) {
		return "", false
	}
	if i := strings.IndexByte(db, '?'); i >= 0 {
		db = db[:i]
	}
	return db, true
}

// testOrDevDBName accepts a test database's name or a development one's.
func testOrDevDBName(db string) bool { return testDBName(db) || devDBName(db) }

// devDBName reports whether a database's name says it is a development
// one: a last segment dev, development or local (app_dev, shop-local).
func devDBName(s string) bool {
	if !namedOne(parse.Word{Value: s}) {
		return false
	}
	i := strings.LastIndexAny(s, "_-")
	return i > 0 && isDevWord(s[i+1:])
}
