package rules

import (
	"slices"
	"strings"

	"github.com/guardsh/guard/internal/lazy"
	"github.com/guardsh/guard/internal/parse"
	"github.com/guardsh/guard/internal/wordlist"
)

// testEnvNames are the assignments that choose a framework's environment:
// Rails and Rack, Phoenix (MIX_ENV), Laravel and Symfony (APP_ENV), Node
// tools such as sequelize and knex (NODE_ENV).
var testEnvNames = lazy.Value[map[string]bool]{Make: func() map[string]bool {
	return map[string]bool{"RAILS_ENV": true, "RACK_ENV": true, "MIX_ENV": true, "APP_ENV": true,
		"NODE_ENV": true}
}}

// dbTargetNames are assignments that point a framework at a database
// whatever its environment: with one of them the test environment may not
// mean the test database.
const dbTargetNames = "DATABASE_URL DB_ PG MYSQL_ POSTGRES_ MONGO REDIS_URL"

// newTestEnv matches a framework command aimed at its test environment,
// whose database the test suite itself wipes: RAILS_ENV=test rails
// db:reset, php artisan migrate:fresh --env=testing, python manage.py flush
// --settings=app.settings.test. With want = false (the default is true) it
// matches every other command instead. Only what the command itself says
// counts: an inline assignment, a NAME=value operand (which rake reads as
// one), or the tool's --env or --settings option.
// A production marker, a database named by an assignment or in the
// environment (DATABASE_URL), or a second environment that is not a test
// one leaves the command not aimed at the test environment.
func newTestEnv(with map[string]any) (matchFunc, error) {
	p := newParams(with)
	want := p.bool("want", true)
	if err := p.done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		test := testEnv(inv, v, ctx) || testDBURL(inv, ctx)
		if test {
			return "the test environment", want
		}
		return "", !want
	}, nil
}

// testEnv reports whether the invocation names its test environment and
// nothing else.
func testEnv(inv *parse.Invocation, v *view, ctx *Context) bool {
	return namedEnv(inv, v, ctx, isTestWord, djangoTestSettings)
}

// namedEnv reports whether the invocation names an environment that is
// word's (or, for Django, settings') and nothing else. A wrapper that
// loads an env file of that environment names it too: dotenv -e .env.test
// --, dotenvx run -f .env.test --, env-cmd -f .env.test.
func namedEnv(inv *parse.Invocation, v *view, ctx *Context, word, settings func(string) bool) bool {
	if prodMarker(inv, ctx) != "" || inv.MoreArgs {
		return false
	}
	if ctx.Env["DATABASE_URL"] != "" {
		return false
	}
	test, ok := envFilesVia(inv, word)
	if !ok {
		return false
	}
	assigns := inv.Assigns
	for _, op := range v.operands {
		// Rake reads NAME=value operands as assignments: rails db:drop
		// db:create RAILS_ENV=test.
		if name, val, ok := strings.Cut(op.Value, "="); ok && name != "" && !strings.HasPrefix(name, "-") {
			assigns = append(assigns[:len(assigns):len(assigns)], parse.Assign{Name: name, Value: parse.Word{Value: val, Dynamic: op.Dynamic}})
		}
	}
	for _, a := range assigns {
		name := strings.ToUpper(a.Name)
		for p := range strings.FieldsSeq(dbTargetNames) {
			if strings.HasPrefix(name, p) {
				return false
			}
		}
		switch {
		case testEnvNames.Get()[name]:
			if a.Value.Dynamic || !word(a.Value.Value) {
				return false
			}
			test = true
		case name == "DJANGO_SETTINGS_MODULE":
			if a.Value.Dynamic || !settings(a.Value.Value) {
				return false
			}
			test = true
		}
	}
	for i, f := range v.flags {
		name, val, has := strings.Cut(f, "=")
		if name != "--env" && name != "-e" && name != "--settings" && name != "--environment" && name != "--database" {
			continue
		}
		if name == "-e" && inv.Code != nil && wordlist.Has(envInterpreters, inv.Name) {
			continue // node -e CODE, ruby -e CODE
		}
		if !has {
			if !v.hasVal(i) && i+1 < len(v.flags) {
				return false
			}
			val = valueAfter(inv, f)
		}
		ok := word(val)
		switch name {
		case "--settings":
			ok = settings(val)
		case "--database":
			// Laravel's and Django's connection name: sqlite_testing.
			ok = !strings.Contains(val, "/") && slices.ContainsFunc(strings.FieldsFunc(val, func(r rune) bool { return r == '_' || r == '-' || r == '.' }), word)
		}
		if !ok {
			return false
		}
		test = true
	}
	return test
}

// valueAfter returns the word after the option f in the invocation's
// arguments, for options the tool's value_flags do not list.
func valueAfter(inv *parse.Invocation, f string) string {
	for i := 1; i+1 < len(inv.Args); i++ {
		if inv.Args[i].Value == f && !inv.Args[i+1].Dynamic {
			return inv.Args[i+1].Value
		}
	}
	return ""
}

// isTestWord reports whether an environment's name is the test one.
func isTestWord(s string) bool {
	switch strings.ToLower(s) {
	case "test", "testing":
		return true
	}
	return false
}

// djangoTestSettings reports whether a Django settings module is a test one:
// app.settings.test, config.settings.testing, settings_test, test_settings.
func djangoTestSettings(s string) bool {
	if s == "" || strings.ContainsAny(s, "$`") {
		return false
	}
	last := strings.ToLower(s[strings.LastIndexByte(s, '.')+1:])
	switch last {
	case "test", "testing", "settings_test", "test_settings", "tests", "settings_testing":
		return true
	}
	return false
}

// envFileRunners are the wrappers that load env files, and their options
// that name one.
var envFileRunners = lazy.Value[map[string][]string]{Make: func() map[string][]string {
	return map[string][]string{"dotenv": {"-e", "-f", "--env-file", "--file"},
		"dotenvx": {"-f", "--env-file"}, "env-cmd": {"-f", "--file"}}
}}

// envFilesVia reports whether the invocation runs under a wrapper that
// loads env files, all of them named for an environment word accepts
// (.env.test, .env.test.local). ok is false when a wrapper loads a file
// of another environment, or one guard cannot name.
func envFilesVia(inv *parse.Invocation, word func(string) bool) (named, ok bool) {
	for _, step := range inv.Via {
		f := strings.Fields(step)
		if len(f) == 0 {
			continue
		}
		opts, runs := envFileRunners.Get()[f[0]]
		if !runs {
			continue
		}
		for i := 1; i < len(f); i++ {
			name, val, has := strings.Cut(f[i], "=")
			if !slices.Contains(opts, name) {
				continue
			}
			if !has {
				if i+1 >= len(f) {
					return false, false
				}
				i++
				val = f[i]
			}
			if !envFileOf(val, word) {
				return false, false
			}
			named = true
		}
	}
	return named, true
}

// envFileOf reports whether an env file is named for an environment word
// accepts: .env.test, config/.env.testing, .env.test.local.
func envFileOf(file string, word func(string) bool) bool {
	base := file[strings.LastIndexByte(file, '/')+1:]
	rest, ok := strings.CutPrefix(base, ".env.")
	if !ok || strings.ContainsAny(rest, "$`*?") {
		return false
	}
	rest = strings.TrimSuffix(rest, ".local")
	return word(rest)
}
