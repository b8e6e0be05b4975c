package rules

import (
	"strings"
	"unicode/utf8"

	"github.com/guardsh/guard/internal/lazy"
	"github.com/guardsh/guard/internal/parse"
)

// The migration-down matcher finds schema migrations run backwards, by
// any tool: a down migration drops the tables and columns its up
// migration made, with their data. It reads the subcommand words, split
// into parts at : . - _ and camelCase (db:rollback, ecto.rollback,
// migration:revert, db:migrate:undo:all, rollbackCount, down-to), and
// asks when a part runs migrations down (rollback, downgrade, revert,
// undo, down, redo; doctrine's migrate prev) and either the program is a migration tool (alembic,
// goose, dbmate, flyway, liquibase, ...) or another part says what is
// migrated (migrate, migration, db, schema, ecto). So npm run
// migrate:down and make db-rollback ask, and helm rollback, git revert
// and docker compose down do not. A target of all, base, zero or 0 rolls
// back everything and raises the severity. Previews (--sql, --pretend,
// rollback-sql, status) pass.

// migrationTools run migrations with down verbs as their own subcommands.
var migrationTools = lazy.Value[map[string]bool]{Make: func() map[string]bool {
	return map[string]bool{"alembic": true, "dbmate": true, "goose": true, "flyway": true,
		"liquibase": true, "sqitch": true, "phinx": true, "migrate": true, "golang-migrate": true, "tern": true,
		"shmig": true, "db-migrate": true, "node-pg-migrate": true, "migrate-mongo": true, "sea-orm-cli": true,
		"graphile-migrate": true, "soda": true, "refinery": true, "dbmigrate": true,
		"yoyo": true, "yoyo-migrate": true, "pgmigrate": true, "umzug": true,
		"postgrator": true, "ley": true, "rambler": true, "mongrate": true, "evolve": true, "grate": true,
		"dbup": true, "knex": true, "sequelize": true, "sequelize-cli": true, "typeorm": true,
		"typeorm-ts-node-commonjs": true, "typeorm-ts-node-esm": true, "mikro-orm": true, "diesel": true,
		"sqlx": true, "atlas": true, "hasura": true, "ecto": true}
}}

// downVerbs run migrations down.
var downVerbs = lazy.Value[map[string]bool]{Make: func() map[string]bool {
	return map[string]bool{"rollback": true, "downgrade": true, "revert": true, "undo": true,
		"down": true, "redo": true, "unapply": true, "rollbackcount": true, "rollbacktodate": true, "prev": true}
}}

// migrationNouns say that a command's words are about migrations; the
// weak ones (false) only with a verb other than down.
var migrationNouns = lazy.Value[map[string]bool]{Make: func() map[string]bool {
	return map[string]bool{"migrate": true, "migration": true, "migrations": true, "db": false,
		"schema": true, "ecto": true, "database": false}
}}

// migrationPreviews make a down command print or report instead of run.
var migrationPreviews = lazy.Value[map[string]bool]{Make: func() map[string]bool {
	return map[string]bool{"sql": true, "status": true, "history": true, "pretend": true,
		"preview": true, "plan": true, "print": true, "dry": true, "list": true, "info": true, "help": true}
}}

// migrationStops are subcommands under which the words that follow are
// names, not verbs: goose create add_down_col, alembic revision -m ...
var migrationStops = lazy.Value[map[string]bool]{Make: func() map[string]bool {
	return map[string]bool{"create": true, "new": true, "revision": true, "generate": true,
		"make": true, "add": true, "init": true, "show": true, "help": true}
}}

// newMigrationDown matches migrations run backwards, unless the command
// names its test environment (RAILS_ENV=test, dotenv -e .env.test --),
// whose database the test suite rebuilds, or names the development one
// and steps back once (rails db:rollback STEP=1 RAILS_ENV=development):
// undoing the migration one is writing, the everyday loop of a developer.
func newMigrationDown(with map[string]any) (matchFunc, error) {
	if err := newParams(with).done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		d, ok := migrationDown(inv, v)
		if ok && localMigration(inv, v, ctx) {
			return "", false
		}
		return d, ok
	}, nil
}

// newMigrationDownLocal matches the migrations run backwards that
// migration-down lets pass, for an allow rule that keeps the verb model
// from asking about them (MIX_ENV=test mix ecto.rollback).
func newMigrationDownLocal(with map[string]any) (matchFunc, error) {
	if err := newParams(with).done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		if _, ok := migrationDown(inv, v); ok && localMigration(inv, v, ctx) {
			return "a migration down in the test or development environment", true
		}
		return "", false
	}, nil
}

// localMigration reports whether a migration down is aimed at the test
// environment, or at the development one and only one step back.
func localMigration(inv *parse.Invocation, v *view, ctx *Context) bool {
	// A database URL given for this run: any steps in a test database, one
	// in a development one.
	if localDBURLOption(inv, v, ctx, testDBName) || testDBURL(inv, ctx) ||
		(localDBURLOption(inv, v, ctx, testOrDevDBName) || devDBURL(inv, ctx)) && oneStepBack(inv) {
		return true
	}
	return testEnv(inv, v, ctx) || namedEnv(inv, v, ctx, isDevWord, djangoDevSettings) && oneStepBack(inv) || defaultDevStep(inv, v, ctx) ||
		localContainerStep(inv, ctx)
}

// isDevWord reports whether an environment's name is the development one.
func isDevWord(s string) bool {
	switch strings.ToLower(s) {
	case "development", "dev", "local":
		return true
	}
	return false
}

// djangoDevSettings reports whether a Django settings module is a
// development one: app.settings.dev, settings.local.
func djangoDevSettings(s string) bool {
	if s == "" || strings.ContainsAny(s, "$`") {
		return false
	}
	switch strings.ToLower(s[strings.LastIndexByte(s, '.')+1:]) {
	case "dev", "development", "local", "settings_dev", "settings_local", "dev_settings", "local_settings":
		return true
	}
	return false
}

// oneStepBack reports whether a migration down goes back at most one
// step: no count above one (STEP=3, --step=5, -n 2, -3), no --all, base,
// zero or a target to go down to.
func oneStepBack(inv *parse.Invocation) bool {
	for _, a := range inv.Args[min(1, len(inv.Args)):] {
		if a.Dynamic {
			return false
		}
		s := strings.ToLower(a.Value)
		if _, val, ok := strings.Cut(s, "="); ok {
			s = val
		}
		switch strings.TrimLeft(s, "-+") {
		case "all", "base", "0", "to", "down-to", "reset", "target", "version":
			return false
		}
		if n := strings.TrimLeft(s, "-+"); n != "" && strings.Trim(n, "0123456789") == "" && n != "1" {
			return false
		}
	}
	return true
}

func migrationDown(inv *parse.Invocation, v *view) (string, bool) {
	if d, ok := migrationToZero(inv); ok {
		v.facts.severity = High
		return d, true
	}
	if !mentionsDown(inv) {
		return "", false
	}
	image := migrationTools.Get()[containerImage(inv)]
	tool := migrationTools.Get()[v.name] || image
	for _, f := range v.flags {
		name, val, _ := strings.Cut(strings.ToLower(f), "=")
		switch name {
		case "--sql", "--pretend", "--dry-run", "--dryrun", "--help", "-h", "--print", "--fake", "--plan":
			if !falsy(val) && !afterOperand(inv, v, f) {
				return "", false
			}
		case "--down":
			// hasura migrate apply --down 1.
			if tool || nounBefore(operandValues(v), "rollback") {
				return migrationFinding(v, "--down")
			}
		}
	}
	if d, ok := namedDown(v.name); ok {
		return d, true
	}
	words := operandValues(v)
	if image && !strings.HasPrefix(inv.Args[0].Value, "-") {
		// The image's entrypoint takes the first word too.
		words = append([]string{inv.Args[0].Value}, words...)
	}
	if !tool {
		words = migrationWords(inv, v)
	}
	for n, w := range words {
		if n >= 4 {
			break
		}
		parts := wordParts(w)
		if len(parts) > 0 && migrationStops.Get()[parts[0]] {
			return "", false
		}
		if fileLike(w) {
			continue
		}
		down, preview := "", false
		for _, p := range parts {
			switch {
			case downVerbs.Get()[p]:
				if down == "" {
					down = p
				}
			case migrationPreviews.Get()[p]:
				preview = true
			}
		}
		if down == "" {
			continue
		}
		if preview {
			return "", false
		}
		if tool || nounFits(v.name, down) || nounIn(parts, down) || nounBefore(words[:n], down) {
			return migrationFinding(v, w)
		}
	}
	return "", false
}

// afterOperand reports whether the option f comes after the first operand
// of a program whose options end there (options_first: goose and migrate
// use Go's flag package), where it is an operand, not an option: goose
// postgres "$DSN" down-to 0 --help runs the migration down.
func afterOperand(inv *parse.Invocation, v *view, f string) bool {
	if len(v.operands) == 0 || v.set == nil || v.set.verbs == nil || !v.set.verbs.has(listOptionsFirst, v.name) {
		return false
	}
	for i, a := range inv.Args {
		if i > 0 && a.Value == f {
			return i > v.opIndex[0]
		}
	}
	return false
}

// namedDown matches a program or script named for a migration down:
// yarn db:rollback runs the package's db:rollback binary.
func namedDown(name string) (string, bool) {
	parts := wordParts(name)
	down := ""
	for _, p := range parts {
		if downVerbs.Get()[p] && down == "" {
			down = p
		}
	}
	if down != "" && nounIn(parts, down) {
		return parse.Quote(name) + " runs migrations down, dropping the tables and columns they made", true
	}
	return "", false
}

// migrationWords returns the subcommand path as the verb model reads it
// (after an interpreter's script: php artisan migrate:rollback), or the
// operands when there is no model. Programs whose operands are data
// (echo, grep) have none.
func migrationWords(inv *parse.Invocation, v *view) []string {
	if v.set == nil || v.set.verbs == nil {
		return operandValues(v)
	}
	m := v.set.verbs
	if m.has(listPlain, v.name) || m.has(listExempt, v.name) {
		return nil
	}
	var p subPath
	m.readPath(inv, v, &p)
	return p.words[:p.n]
}

// fileLike reports whether a word names a file: db/rollback.sql.
func fileLike(w string) bool {
	if strings.Contains(w, "/") && !strings.Contains(strings.ToLower(w), "migrate/") {
		return true
	}
	i := strings.LastIndexByte(w, '.')
	if i < 0 {
		return false
	}
	switch strings.ToLower(w[i+1:]) {
	case "sql", "rb", "py", "js", "ts", "go", "sh", "md", "txt", "yml", "yaml", "json", "exs", "ex", "php", "java", "kt", "cs", "log":
		return true
	}
	return false
}

// mentionsDown is a cheap first test: some word holds a down verb's
// stem.
func mentionsDown(inv *parse.Invocation) bool {
	for i, a := range inv.Args {
		if i > 6 {
			break
		}
		if hasDownStem(a.Value) {
			return true
		}
	}
	return false
}

// downStems are the stems mentionsDown looks for, in lower case.
var downStems = []string{"down", "rollback", "revert", "undo", "redo", "unapply", "prev"}

// hasDownStem reports whether s, in lower case, holds one of downStems.
// An ASCII word is read in one pass, comparing where a stem's first
// letter is (audit asks this of nearly every command); any other is
// lowered first, as a non-ASCII letter can lower to an ASCII one.
func hasDownStem(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			l := strings.ToLower(s)
			for _, stem := range downStems {
				if strings.Contains(l, stem) {
					return true
				}
			}
			return false
		}
	}
	for i := 0; i+4 <= len(s); i++ {
		c := s[i] | 0x20
		if c != 'd' && c != 'r' && c != 'u' && c != 'p' {
			continue
		}
		for _, stem := range downStems {
			if stem[0] == c && len(s)-i >= len(stem) && strings.EqualFold(s[i:i+len(stem)], stem) {
				return true
			}
		}
	}
	return false
}

// nounBefore reports whether an earlier word says what is migrated:
// diesel migration revert, sqlx migrate revert, supabase migration down.
func nounBefore(words []string, down string) bool {
	for _, w := range words {
		if nounIn(wordParts(w), down) {
			return true
		}
	}
	return false
}

// nounIn reports whether some part says what a down verb migrates.
func nounIn(parts []string, down string) bool {
	for _, p := range parts {
		if nounFits(p, down) {
			return true
		}
	}
	return false
}

// nounFits reports whether a noun says that the down verb runs
// migrations: db:rollback does, but db-down is as often a database
// container stopped, so plain down needs migrate, migration or schema.
func nounFits(noun, down string) bool {
	strong, ok := migrationNouns.Get()[noun]
	return ok && (strong || down != "down")
}

// migrationFinding describes a down migration, raising the severity
// when it goes all the way back.
func migrationFinding(v *view, word string) (string, bool) {
	all := false
	for _, a := range append(append([]string{}, v.flags...), operandValues(v)...) {
		l := strings.ToLower(a)
		for _, scope := range []string{"all", "base", "zero", "0", "--all", "--step=0"} {
			if l == scope || strings.HasSuffix(l, ":"+scope) || strings.HasSuffix(l, "="+scope) && !strings.HasPrefix(l, "--step") {
				all = true
			}
		}
	}
	if all {
		v.facts.severity = High
		return parse.Quote(word) + " runs every migration down, dropping the schema they made", true
	}
	return parse.Quote(word) + " runs migrations down, dropping the tables and columns they made", true
}

func operandValues(v *view) []string {
	out := make([]string, len(v.operands))
	for i, op := range v.operands {
		out[i] = op.Value
	}
	return out
}

// wordParts splits a word into lower-case parts at : . - _ / = and
// camelCase boundaries: migration:revert, ecto.rollback, rollbackCount.
func wordParts(w string) []string {
	var out []string
	start := 0
	flush := func(end int) {
		if end > start {
			out = append(out, strings.ToLower(w[start:end]))
		}
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch {
		case c == ':' || c == '.' || c == '-' || c == '_' || c == '/' || c == '=' || c == ' ':
			flush(i)
			start = i + 1
		case c >= 'A' && c <= 'Z' && i > start && w[i-1] >= 'a' && w[i-1] <= 'z':
			flush(i)
			start = i
		}
	}
	flush(len(w))
	return out
}

// containerImage returns the base name of the image a container runs the
// invocation in, when it is the image's entrypoint that receives the
// words: docker run --rm flyway/flyway -url=... undo is flyway undo.
func containerImage(inv *parse.Invocation) string {
	if len(inv.Via) == 0 || len(inv.Args) == 0 || !strings.HasPrefix(inv.Args[0].Value, "-") && !downVerbs.Get()[strings.ToLower(inv.Args[0].Value)] {
		return ""
	}
	f := strings.Fields(inv.Via[len(inv.Via)-1])
	if len(f) < 3 || f[len(f)-2] != "run" {
		return ""
	}
	switch f[0] {
	case "docker", "podman", "nerdctl", "finch":
	default:
		return ""
	}
	img := f[len(f)-1]
	if i := strings.LastIndexByte(img, '/'); i >= 0 {
		img = img[i+1:]
	}
	if i := strings.IndexAny(img, ":@"); i >= 0 {
		img = img[:i]
	}
	return strings.ToLower(img)
}
