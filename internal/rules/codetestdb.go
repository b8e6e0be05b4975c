package rules

import (
	"regexp"
	"strings"

	"github.com/guardsh/guard/internal/lazy"
	"github.com/guardsh/guard/internal/parse"
	"github.com/guardsh/guard/internal/wordlist"
)

// Code that connects to a database server on this machine and drops or
// empties a database named as a test one (c.db('scanners_test')
// .dropDatabase(), client['app_test'].drop_collection('x')) does what
// mongosh app_test --eval 'db.dropDatabase()' does, which the test
// database model lets pass (testdb.go). It passes when every database
// the code names is a test one, every URL in the command (the code's,
// the arguments', the assignments') is a local server's, and every
// environment variable the code reads is set on the command line, so
// that nothing the command does not show picks the server.

// codeDBNames finds the databases code names: .db('x'), getSiblingDB,
// get_database, client['x'].
var codeDBNames = lazy.Value[*regexp.Regexp]{Make: func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)(?:\.db|getSiblingDB|get_database|\.database|\.use|drop_database)\(\s*['"]([^'"]+)['"]|(?:client|conn|mongo)\[\s*['"]([^'"]+)['"]\s*\]`)
}}

// codeEnvReads finds the environment variables code reads.
var codeEnvReads = lazy.Value[*regexp.Regexp]{Make: func() *regexp.Regexp {
	return regexp.MustCompile(`process\.env\.([A-Za-z_][A-Za-z0-9_]*)|process\.env\[\s*['"]([^'"]+)|os\.environ(?:\.get\(|\[)\s*['"]([^'"]+)|os\.getenv\(\s*['"]([^'"]+)|ENV(?:\.fetch\(|\[)\s*['"]([^'"]+)|getenv\(\s*['"]([^'"]+)|Deno\.env\.get\(\s*['"]([^'"]+)`)
}}

// anyURL finds the URLs in a text.
var anyURL = lazy.Value[*regexp.Regexp]{Make: func() *regexp.Regexp {
	return regexp.MustCompile(`[A-Za-z][A-Za-z0-9+.-]*://[^\s'"` + "`" + `)]*`)
}}

// testDBCode reports whether an interpreter's code works only on test
// databases of a server on this machine (see above).
func testDBCode(inv *parse.Invocation, ctx *Context) bool {
	if inv.Code == nil || !wordlist.Has(envInterpreters, inv.Name) || inv.Remote != "" || prodMarker(inv, ctx) != "" || keepMarker(inv, ctx) != "" {
		return false
	}
	text := inv.Code.Text
	names := codeDBNames.Get().FindAllStringSubmatch(text, -1)
	if len(names) == 0 {
		return false
	}
	for _, m := range names {
		name := m[1] + m[2]
		if !testDBName(name) {
			return false
		}
	}
	for _, m := range codeEnvReads.Get().FindAllStringSubmatch(text, -1) {
		name := strings.Join(m[1:], "")
		if !assignedHere(inv, name) {
			return false
		}
	}
	urls := anyURL.Get().FindAllString(text, -1)
	for _, a := range inv.Assigns {
		if a.Value.Dynamic {
			return false
		}
		urls = append(urls, anyURL.Get().FindAllString(a.Value.Value, -1)...)
	}
	for _, a := range inv.Args[1:] {
		if !a.Dynamic {
			urls = append(urls, anyURL.Get().FindAllString(a.Value, -1)...)
		}
	}
	for _, u := range urls {
		host, db, ok := connURL(u)
		if !ok || !localDBHost(host) {
			return false
		}
		if db, _, _ = strings.Cut(db, "?"); db != "" && !testDBName(db) {
			return false
		}
	}
	return true
}

// onTestDB reports whether a piece of code (a call's receiver chain, or
// the statement before a matched text) reaches its database through an
// accessor naming a test database: c.db('app_test').
func onTestDB(code string) bool {
	names := codeDBNames.Get().FindAllStringSubmatch(code, -1)
	for _, m := range names {
		if !testDBName(m[1] + m[2]) {
			return false
		}
	}
	return len(names) > 0
}

// onTestDBCall reports whether a call works on a test database: its
// receiver names one (c.db('app_test').dropDatabase()), or it drops the
// test database it names (client.drop_database('app_test')).
func onTestDBCall(c parse.CodeCall) bool {
	if onTestDB(c.Receiver) {
		return true
	}
	switch strings.ToLower(c.Name) {
	case "drop_database", "dropdatabase":
		return len(c.Args) > 0 && testDBName(c.Args[0])
	}
	return false
}

// statementBefore returns the text of the statement in code that ends at
// i: back to the last ; or line break.
func statementBefore(code string, i int) string {
	s := code[:i]
	if j := strings.LastIndexAny(s, ";\n"); j >= 0 {
		s = s[j+1:]
	}
	return s
}

// assignedHere reports whether the command sets an environment variable
// for the invocation itself.
func assignedHere(inv *parse.Invocation, name string) bool {
	for _, a := range inv.Assigns {
		if a.Name == name {
			return true
		}
	}
	return false
}
