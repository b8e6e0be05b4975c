package rules

import (
	"net/url"
	"slices"
	"strings"

	"github.com/guardsh/guard/internal/lazy"
	"github.com/guardsh/guard/internal/parse"
	"github.com/guardsh/guard/internal/wordlist"
)

// Test databases: a statement that empties or drops tables in a database
// named as a test one (psql -d myapp_test -c 'TRUNCATE users', mongosh
// app_test --eval 'db.dropDatabase()', sqlite3 tmp/test.db 'DELETE FROM
// t') on this machine destroys what the test suite itself recreates on
// every run. The SQL rules let such statements pass when
//
//   - the command names the database (an operand, -d, --dbname, -D,
//     --database, a URL's path, a conninfo's dbname, an inline PGDATABASE)
//     and its name holds a throwaway marker (throwawayName) or ci as a
//     whole segment (myapp_test, test_app, app_ci); for SQLite and DuckDB,
//     the file's path does (/tmp/x.db, tmp/dev.sqlite3, test/fixtures/a.db);
//   - the server is this machine: no host, or localhost, a loopback
//     address, a socket, or a single-label name such as a compose service
//     (db); not a host with dots, a dev server shared by others, a name
//     only known at run time, an inherited PGHOST that names another host,
//     a login path or defaults file, or a command run on another machine;
//   - nothing in the command marks production or a lasting thing
//     (keepMarker);
//   - the statements stay in that database: no USE, \c, ATTACH or
//     getSiblingDB, and, for MySQL's family whose a.b names another
//     database, no qualified name outside it.
//
// Only statements on the objects inside the database pass: dropping a
// database, a role, a user or a tablespace, which live in the server,
// is judged as before.

// testDBWords are name segments that mark a database as the test suite's,
// on top of throwawayWords.
const testDBWords = "ci fixture fixtures"

// inDatabaseObjects are the kinds of DROP whose object lives inside the
// database the client is connected to.
var inDatabaseObjects = lazy.Value[map[string]bool]{Make: func() map[string]bool {
	return map[string]bool{"SCHEMA": true, "TABLE": true, "VIEW": true, "INDEX": true, "COLLECTION": true,
		"MATERIALIZED": true, "FUNCTION": true, "PROCEDURE": true, "TRIGGER": true, "SEQUENCE": true,
		"TYPE": true, "DOMAIN": true, "OWNED": true}
}}

// sqlTestDB is the key of a matcher's set of kinds that lets statements
// on the objects inside a test database pass; no rule can name it.
const sqlTestDB = "+test-db"

// testDBKinds returns the kinds a matcher still wants in a test database:
// a DROP of what lives in the server, for the drop kinds.
func testDBKinds(want map[string]bool) map[string]bool {
	out := map[string]bool{sqlTestDB: true}
	for _, k := range []string{"drop", "mongo-drop", sqlDisposableDB} {
		if want[k] {
			out[k] = true
		}
	}
	return out
}

// mysqlFamily are the clients whose a.b names a table in another database.
var mysqlFamily = lazy.Value[map[string]bool]{Make: func() map[string]bool {
	return map[string]bool{"mysql": true, "mariadb": true, "mycli": true, "mysqlsh": true,
		"clickhouse-client": true, "clickhouse": true}
}}

// fileDBClients are the clients whose first operand is the database file.
var fileDBClients = lazy.Value[map[string]bool]{Make: func() map[string]bool {
	return map[string]bool{"sqlite3": true, "sqlite": true, "duckdb": true, "litecli": true}
}}

// testDBClients are the clients the test database model reads.
var testDBClients = lazy.Value[map[string]bool]{Make: func() map[string]bool {
	return map[string]bool{"psql": true, "pgcli": true, "mysql": true, "mariadb": true, "mycli": true,
		"mongosh": true, "mongo": true, "clickhouse-client": true, "sqlite3": true, "sqlite": true,
		"duckdb": true, "litecli": true}
}}

// testDBName reports whether a database's name or file path is a test
// one.
func testDBName(s string) bool {
	if !namedOne(parse.Word{Value: s}) {
		return false
	}
	return throwawayName(s) || segments(s, func(_, seg string) bool { return wordlist.Has(testDBWords, seg) })
}

// localDBHost reports whether a database server's host is this machine
// or a service of a local compose file.
func localDBHost(h string) bool {
	h = strings.Trim(strings.ToLower(h), "[]")
	switch {
	case h == "", strings.HasPrefix(h, "/"), localHost(h), strings.HasPrefix(h, "127."), h == "host.docker.internal":
		return true
	case strings.ContainsAny(h, "$`.:@/ ") || hasProdWord(h) || devHost(h):
		return false
	}
	return true
}

// connURL reads a postgres://, mysql:// or mongodb:// URL, or MongoDB's
// host/db, into its host and database.
func connURL(s string) (host, db string, ok bool) {
	if i := strings.Index(s, "://"); i >= 0 {
		if strings.HasSuffix(strings.ToLower(s[:i]), "+srv") {
			return "", "", false
		}
		u, err := url.Parse(s)
		if err != nil || strings.Contains(u.Host, ",") {
			return "", "", false
		}
		return u.Hostname(), strings.TrimPrefix(u.Path, "/"), true
	}
	host, db, _ = strings.Cut(s, "/")
	if i := strings.LastIndexByte(host, ':'); i > 0 {
		host = host[:i]
	}
	return host, db, true
}

// testDatabase reports whether a database client is aimed at a test
// database on this machine (see above).
func testDatabase(inv *parse.Invocation, v *view, ctx *Context) bool {
	return localDatabase(inv, v, ctx, testDBName)
}

// devDatabase reports whether a database client is aimed at a
// development database on this machine: lims_dev on localhost.
func devDatabase(inv *parse.Invocation, v *view, ctx *Context) bool {
	return localDatabase(inv, v, ctx, devDBName)
}

// localDatabase reports whether a database client is aimed at a database
// on this machine whose name named accepts.
func localDatabase(inv *parse.Invocation, v *view, ctx *Context, named func(string) bool) bool {
	return localDatabaseAt(inv, v, ctx, named, true)
}

// localDBServer reports whether a database client is aimed at a server on
// this machine, whatever database it names, or none.
func localDBServer(inv *parse.Invocation, v *view, ctx *Context) bool {
	return localDatabaseAt(inv, v, ctx, func(string) bool { return true }, false)
}

// localDatabaseAt is localDatabase; needName says whether the command
// must name its database.
func localDatabaseAt(inv *parse.Invocation, v *view, ctx *Context, named func(string) bool, needName bool) bool {
	if !testDBClients.Get()[inv.Name] || inv.MoreArgs || inv.Remote != "" && !containerRemote(inv) {
		return false
	}
	found, ok := false, true
	db := func(s string) {
		found = true
		ok = ok && named(s)
	}
	host := func(s string) { ok = ok && localDBHost(s) }
	for _, a := range inv.Assigns {
		if a.Value.Dynamic {
			return false
		}
		switch a.Name {
		case "PGHOST", "MYSQL_HOST":
			host(a.Value.Value)
		case "PGDATABASE":
			db(a.Value.Value)
		case "DATABASE_URL", "PGSERVICE", "MONGODB_URI", "PGSERVICEFILE":
			return false
		}
	}
	args := inv.Own()
	file := fileDBClients.Get()[inv.Name]
	first := true
	for i := 1; i < len(args) && ok; i++ {
		a := args[i]
		if a.Dynamic && !first {
			continue // a statement, judged by the SQL scanner
		}
		s := a.Value
		if s == "--" {
			break
		}
		if len(s) < 2 || s[0] != '-' {
			if !first {
				continue
			}
			first = false
			switch {
			case a.Dynamic:
				return false
			case file:
				db(s)
			case strings.Contains(s, "host=") || strings.Contains(s, "dbname="):
				for _, kv := range strings.Fields(s) {
					k, val, _ := strings.Cut(kv, "=")
					switch k {
					case "host", "hostaddr":
						host(val)
					case "dbname":
						db(val)
					case "service":
						return false
					}
				}
			case strings.Contains(s, "/"):
				h, d, parsed := connURL(s)
				if !parsed {
					return false
				}
				host(h)
				db(d)
			default:
				db(s)
			}
			continue
		}
		name, val, has := strings.Cut(s, "=")
		if slices.Contains(sqlFlags, name) || statementCluster(s) {
			if !has {
				i++
			}
			continue
		}
		takes := func() string {
			if has {
				return val
			}
			if i+1 < len(args) {
				i++
				if args[i].Dynamic {
					return "$"
				}
				return args[i].Value
			}
			return ""
		}
		switch name {
		case "-d", "--dbname", "-D", "--database", "--db":
			db(takes())
		case "-h", "--host", "--hostname", "-S", "--socket":
			host(takes())
		case "-u", "--user", "-U", "--username", "--port", "-P", "--authenticationDatabase", "--authenticationMechanism":
			takes()
		case "-p", "--password":
			if !mysqlFamily.Get()[inv.Name] {
				takes() // psql's port, mongosh's password; MySQL's is attached
			}
		case "--login-path", "--defaults-file", "--defaults-extra-file", "--uri", "--url", "--conn", "--service",
			"--nodename", "--apiVersion", "--init", "-init", "-cmd":
			return false
		default:
			switch {
			case len(s) > 2 && s[1] != '-' && (s[1] == 'h' || s[1] == 'S') && !has && !file:
				host(s[2:]) // mysql -hlocalhost
			case len(s) > 2 && s[1] != '-' && (s[1] == 'D' || s[1] == 'd') && !has && !file && inv.Name != "psql":
				db(s[2:]) // mysql -Dapp_test
			case v.tool != nil && slices.Contains(v.tool.ValueFlags, name) && !has:
				i++
			}
		}
	}
	if !found && needName || !ok {
		return false
	}
	if h := ctx.Env["PGHOST"]; h != "" && !localDBHost(h) && (inv.Name == "psql" || inv.Name == "pgcli") {
		return false
	}
	if h := ctx.Env["MYSQL_HOST"]; h != "" && !localDBHost(h) && mysqlFamily.Get()[inv.Name] {
		return false
	}
	return keepMarker(inv, ctx) == ""
}

// leavesDatabase reports whether statements may reach past the database
// the client is connected to: they switch or attach one, or, for MySQL's
// family, name a table as db.table in a database that is not a test one.
func leavesDatabase(texts []string, mysql bool) bool {
	for _, t := range texts {
		l := strings.ToLower(t)
		if strings.Contains(l, "\\c") || strings.Contains(l, "attach") || strings.Contains(l, "getsiblingdb") ||
			strings.Contains(l, "getdb(") || strings.Contains(l, ".open") || strings.Contains(l, "dblink") ||
			strings.Contains(l, "connect(") {
			return true
		}
		for _, tok := range tokenizeSQL(t, mysql) {
			if tok.word == "USE" || tok.word == "CONNECT" {
				return true
			}
			if mysql && !tok.quoted {
				if q, _, ok := strings.Cut(tok.word, "."); ok && q != "" && !testDBName(q) {
					return true
				}
			}
		}
	}
	return false
}
