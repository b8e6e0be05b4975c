package rules

import (
	"slices"
	"strings"

	"github.com/guardsh/guard/internal/parse"
	"github.com/guardsh/guard/internal/wordlist"
)

// A framework's runner (rails runner, manage.py shell, artisan tinker)
// runs code against the database of the environment it is given. In the
// test environment that database is the one the test suite wipes; in a
// named development environment it is the developer's own, and a bulk
// delete narrowed by a condition (User.where(email: x).destroy_all)
// removes what the developer picked. Both pass the rules that use
// scopedRun; an unnarrowed bulk delete in development (User.destroy_all,
// where() with nothing in it, unscoped), any production marker, or a
// database chosen by an assignment (DATABASE_URL) still asks.

// runnerPrograms are the framework command lines whose code runs against
// an environment's database.
var runnerPrograms = []string{"rails", "bin/rails", "manage.py", "./manage.py", "artisan", "bundle", "python", "python3", "php", "mix"}

// envInterpreters run code that loads the project's own modules, which
// pick their database by the environment named (NODE_ENV, APP_ENV).
const envInterpreters = "node nodejs bun deno tsx ts-node python python3 ruby php"

// runnerWords are the subcommands that run code: rails runner, manage.py
// shell, artisan tinker, mix run, rails console.
var runnerWords = []string{"runner", "r", "shell", "tinker", "run", "console", "c"}

// newUnscopedRun matches every invocation but a scoped framework run
// (scopedRun). It takes no options.
func newUnscopedRun(with map[string]any) (matchFunc, error) {
	if err := newParams(with).done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		return "", !scopedRun(inv, v, ctx)
	}, nil
}

// scopedRun reports whether a framework runner's code runs in the test
// environment, or in a named development environment with every bulk
// delete in it narrowed by a condition; or whether an interpreter's code
// that names no database URL runs in the test environment.
func scopedRun(inv *parse.Invocation, v *view, ctx *Context) bool {
	if inv.Code != nil && wordlist.Has(envInterpreters, inv.Name) && !strings.Contains(inv.Code.Text, "://") && testEnv(inv, v, ctx) {
		// NODE_ENV=test node -e "require('./models').sequelize.sync({
		// force: true })": the project's code picks the test
		// environment's database, and the code names no other.
		return true
	}
	if !containsFold(runnerPrograms, inv.Name) || !slices.ContainsFunc(inv.Args[1:], func(w parse.Word) bool { return containsFold(runnerWords, w.Value) }) {
		return false
	}
	if testEnv(inv, v, ctx) {
		return true
	}
	if !namedEnv(inv, v, ctx, isDevWord, djangoDevSettings) {
		return false
	}
	if inv.Code != nil {
		return narrowedDeletes(inv.Code.Text)
	}
	// rails runner CODE, which the parser does not read as code: its words.
	return narrowedDeletes(strings.Join(inv.Argv()[1:], " "))
}

// bulkDeletes are the calls that delete every record of the query they
// end.
const bulkDeletes = "destroy_all delete_all .delete() ->delete() forcedelete() truncate drop"

// narrowers are the query calls that limit which records a bulk delete
// reaches.
const narrowers = ".where( .filter( ->where( .find_by( .exclude("

// narrowedDeletes reports whether the code holds a bulk delete and each
// one ends a query narrowed by a condition in the same statement: a
// where() or filter() with something inside, and no unscoped or all
// after it.
func narrowedDeletes(code string) bool {
	text := strings.ToLower(code)
	found := false
	for d := range strings.FieldsSeq(bulkDeletes) {
		for off := 0; ; {
			i := strings.Index(text[off:], d)
			if i < 0 {
				break
			}
			i += off
			off = i + len(d)
			if d == "truncate" || d == "drop" {
				return false
			}
			found = true
			start := strings.LastIndexAny(text[:i], ";\n") + 1
			if !narrowedQuery(text[start:i]) {
				return false
			}
		}
	}
	return found
}

// narrowedQuery reports whether a query's text, up to its bulk delete,
// narrows it with a condition that holds something.
func narrowedQuery(q string) bool {
	if strings.Contains(q, "unscoped") || strings.Contains(q, ".all") && !strings.Contains(q, ".all(") {
		return false
	}
	for n := range strings.FieldsSeq(narrowers) {
		i := strings.LastIndex(q, n)
		if i < 0 {
			continue
		}
		inner := strings.TrimSpace(q[i+len(n):])
		inner = strings.TrimSpace(strings.TrimSuffix(strings.TrimRight(inner, ". "), ")"))
		switch inner {
		case "", "{}", "{ }", "[]", "nil", "none", "null", "true", "1=1", "'1=1'", "\"1=1\"", "''", "\"\"":
			continue
		}
		if !strings.HasPrefix(inner, ")") {
			return true
		}
	}
	return false
}
