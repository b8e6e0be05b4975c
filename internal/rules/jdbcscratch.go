package rules

import (
	"strings"

	"github.com/guardsh/guard/internal/parse"
)

// A migration tool's clean run through the build (mvn flyway:clean,
// ./gradlew flywayClean) drops every object of the database the build's
// configuration names. When the command itself names the database, and
// every database it names is an in-memory one (jdbc:h2:mem:) or a test
// database on this machine (jdbc:postgresql://localhost/app_test), the
// clean empties a scratch database that the test run then migrates
// again: that is everyday. Options on the command line take precedence
// over the build's configuration files, in Flyway's and Liquibase's
// Maven and Gradle plugins alike.

// memJDBC are the prefixes of JDBC URLs of databases that live only in
// the process's memory.
var memJDBC = []string{"jdbc:h2:mem:", "jdbc:hsqldb:mem:", "jdbc:derby:memory:", "jdbc:sqlite::memory:", "jdbc:sqlite:file::memory:"}

// newJDBCScratch returns the jdbc-scratch matcher: it matches (want
// true) when the command names the migration tool's database by URL and
// every URL it names is a scratch one, or (want false) when not.
func newJDBCScratch(with map[string]any) (matchFunc, error) {
	return newScratchMatcher(with, jdbcScratch)
}

// newScratchMatcher returns a matcher that matches (with.want true, the
// default) when scratch says the command's database is a scratch one, or
// (want false) when it does not.
func newScratchMatcher(with map[string]any, scratch func(*parse.Invocation, *Context) bool) (matchFunc, error) {
	p := newParams(with)
	want := p.bool("want", true)
	if err := p.done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, _ *view, ctx *Context) (string, bool) {
		if scratch(inv, ctx) {
			return "a scratch database the command names", want
		}
		return "", !want
	}, nil
}

// jdbcScratch reports whether every -Dflyway.url=, -Pliquibase.url= (and
// the like) of the invocation is a scratch database, and there is one.
func jdbcScratch(inv *parse.Invocation, ctx *Context) bool {
	if inv.Remote != "" || prodMarker(inv, ctx) != "" || keepMarker(inv, ctx) != "" || hasProdWord(ctx.text) {
		return false
	}
	found := false
	for _, a := range inv.Args[1:] {
		if len(a.Value) > 2 && (a.Value[:2] == "-P" || a.Value[:2] == "-D") && hasProdWord(a.Value[2:]) {
			// A Maven profile or a property named for production: -Pprod.
			return false
		}
		name, val, ok := strings.Cut(a.Value, "=")
		if !ok || len(name) < 3 || (name[:2] != "-D" && name[:2] != "-P") {
			continue
		}
		key := strings.ToLower(name[2:])
		if !strings.HasSuffix(key, ".url") && !strings.HasSuffix(key, "url") {
			continue
		}
		if a.Dynamic || strings.ContainsAny(val, "$`") || !scratchJDBC(val) {
			return false
		}
		found = true
	}
	return found
}

// scratchJDBC reports whether a JDBC URL names an in-memory database, or
// a test database on this machine.
func scratchJDBC(u string) bool {
	l := strings.ToLower(u)
	for _, p := range memJDBC {
		if strings.HasPrefix(l, p) {
			return true
		}
	}
	rest, ok := strings.CutPrefix(l, "jdbc:")
	if !ok {
		return false
	}
	db, ok := localURLDB(rest)
	return ok && testDBName(db)
}

// newScratchSchema returns the scratch-schema matcher: it matches (want
// true) when every database URL of the command, as an option's value, an
// operand (goose's DSN) or an assignment before it, is a scratch one
// (scratchDBURL), and there is one; with want false, when not. A schema
// tool's drop or reset of a test database on this machine is the test
// run's own reset, as DROP DATABASE app_test through psql is.
func newScratchSchema(with map[string]any) (matchFunc, error) {
	return newScratchMatcher(with, scratchSchema)
}

// scratchSchema reports whether every database URL the invocation names
// is a scratch database, and it names one.
func scratchSchema(inv *parse.Invocation, ctx *Context) bool {
	if inv.Remote != "" || prodMarker(inv, ctx) != "" || keepMarker(inv, ctx) != "" || hasProdWord(ctx.text) {
		return false
	}
	found := false
	check := func(w parse.Word) bool {
		val := w.Value
		if _, v, ok := strings.Cut(val, "="); ok && strings.HasPrefix(val, "-") {
			val = v
		}
		if !strings.Contains(val, "://") && !strings.HasPrefix(strings.ToLower(val), "jdbc:") {
			return true
		}
		if w.Dynamic || strings.ContainsAny(val, "$`") || !scratchDBURL(val) {
			return false
		}
		found = true
		return true
	}
	for _, a := range inv.Args[1:] {
		if a.Dynamic || !check(a) {
			return false
		}
	}
	for _, a := range inv.Assigns {
		if !check(a.Value) {
			return false
		}
	}
	return found
}

// scratchDBURL reports whether a database URL names an in-memory JDBC
// database, an in-memory SQLite one or a test database on this machine: jdbc:h2:mem:it,
// postgres://localhost/app_test, sqitch's db:pg://localhost/app_test.
func scratchDBURL(u string) bool {
	l := strings.ToLower(u)
	if strings.HasPrefix(l, "jdbc:") {
		return scratchJDBC(l)
	}
	l = strings.TrimPrefix(l, "db:")
	if strings.HasPrefix(l, "sqlite") && (strings.HasSuffix(l, "://") || strings.HasSuffix(l, ":memory:")) {
		// sqlite://, sqlite:///:memory:: SQLAlchemy's in-memory database.
		return true
	}
	db, ok := localURLDB(l)
	return ok && testDBName(db)
}
