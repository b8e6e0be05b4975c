package rules

import (
	"errors"
	"github.com/guardsh/guard/internal/lazy"
	"io/fs"
	"os"
	"path"
	"strings"

	"github.com/guardsh/guard/internal/parse"
)

// One migration step back with no environment named, in a framework whose
// default environment is development (Rails and Rake, Phoenix's mix, the
// Node tools knex and sequelize), undoes the migration the developer just
// ran against their own database: bundle exec rails db:rollback STEP=1.
// Frameworks whose default is production (ASP.NET, Laravel's config) or
// that take the database from a file or URL (alembic, goose, flyway) are
// not here. Any environment named in the command or set in guard's
// environment, a database chosen by an assignment, a count above one,
// --all or VERSION=0, another machine, or a production word keeps asking.

// devDefaultTools are the programs whose environment is development unless
// something names another.
var devDefaultTools = lazy.Value[map[string]bool]{Make: func() map[string]bool {
	return map[string]bool{"rails": true, "rake": true, "mix": true, "knex": true, "sequelize": true,
		"sequelize-cli": true}
}}

// envChoosers are the variables that choose an environment or a database
// for the tools of devDefaultTools; set in guard's environment, any of them
// may send the default elsewhere.
const envChoosers = "RAILS_ENV RACK_ENV MIX_ENV NODE_ENV APP_ENV DATABASE_URL DB_HOST DB_URL"

// defaultDevStep reports whether a migration down runs one step back in
// the default (development) environment of a framework whose default is
// development, with nothing in the command or guard's environment naming
// another environment or database.
func defaultDevStep(inv *parse.Invocation, v *view, ctx *Context) bool {
	if !devDefaultTools.Get()[strings.ToLower(inv.Name)] || inv.Remote != "" || inv.MoreArgs || !oneStepBack(inv) ||
		prodMarker(inv, ctx) != "" {
		return false
	}
	for e := range strings.FieldsSeq(envChoosers) {
		if ctx.Env[e] != "" {
			return false
		}
	}
	for _, a := range inv.Assigns {
		if chooserName(a.Name) {
			return false
		}
	}
	for _, op := range v.operands {
		// Rake reads NAME=value operands as assignments; db:migrate:undo:all
		// and ecto.rollback.all go back all the way.
		n, _, ok := strings.Cut(op.Value, "=")
		if ok && chooserName(n) || strings.HasSuffix(strings.ToLower(op.Value), "all") {
			return false
		}
	}
	for _, f := range v.flags {
		switch n, _, _ := strings.Cut(f, "="); n {
		case "--env", "-e", "--environment", "--knexfile", "--config", "--url", "--migrations-path", "--options-path",
			"--name", "--to":
			return false
		}
	}
	if !inProject(inv, ctx) {
		// A deployed copy (cd /srv/shop) runs in whatever environment its
		// host sets.
		return false
	}
	for _, b := range ctx.before {
		// source .env.production, export RAILS_ENV=..., set -a: an
		// earlier step may choose the environment.
		switch b.Name {
		case "source", ".", "export", "set", "eval", "declare", "typeset", "direnv", "env":
			return false
		}
	}
	if ctx.probe(inv) != nil && !envFilesLocal(inv.Dir) {
		return false
	}
	for _, via := range inv.Via {
		// Only the project's own launchers: dotenv -e .env.staging, env,
		// op run and the like may name another environment.
		if !devLaunchers.Get()[via] {
			return false
		}
	}
	return true
}

// devLaunchers are the nesting paths that run a project's own binary and
// set no environment.
var devLaunchers = lazy.Value[map[string]bool]{Make: func() map[string]bool {
	return map[string]bool{"bundle exec": true, "npx": true, "yarn": true, "pnpm": true, "pnpm exec": true,
		"bunx": true, "bun x": true, "yarn exec": true, "npm exec": true, "bun": true}
}}

// inProject reports whether inv runs in the working directory the session
// started in, or below it.
func inProject(inv *parse.Invocation, ctx *Context) bool {
	if ctx.Dir == "" || inv.Dir == "" {
		return ctx.Dir == "" && inv.Dir == ""
	}
	d, top := path.Clean(inv.Dir), path.Clean(ctx.Dir)
	return d == top || strings.HasPrefix(d, top+"/")
}

// devEnvFiles are the files dotenv and the frameworks read in the
// development environment, from the project's directory.
const devEnvFiles = ".env .env.local .env.development .env.development.local"

// envFilesLocal reports whether the dotenv files in dir leave the
// development environment on this machine: none sets an environment other
// than development, local or test, or a database on another host. A file
// guard cannot read counts as one that does.
func envFilesLocal(dir string) bool {
	for f := range strings.FieldsSeq(devEnvFiles) {
		p := path.Join(dir, f)
		if _, err := os.Lstat(p); errors.Is(err, fs.ErrNotExist) {
			continue
		}
		text, err := parse.ReadScript(p)
		if err != nil {
			return false
		}
		for _, line := range strings.Split(text, "\n") {
			line = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(line), "export "))
			name, val, ok := strings.Cut(line, "=")
			if !ok || strings.HasPrefix(name, "#") || !chooserName(strings.TrimSpace(name)) {
				continue
			}
			val = strings.Trim(strings.TrimSpace(val), `"'`)
			if strings.HasSuffix(strings.ToUpper(name), "_ENV") {
				if !isDevWord(val) && !isTestWord(val) {
					return false
				}
				continue
			}
			if !localDBValue(val) {
				return false
			}
		}
	}
	return true
}

// localDBValue reports whether a database setting from a dotenv file
// names this machine or a compose service: localhost, a loopback address,
// a socket, a host without dots, or a value that is no host at all (a
// database name, a port, a user).
func localDBValue(val string) bool {
	if strings.ContainsAny(val, "$`") || hasProdWord(val) {
		return false
	}
	host := val
	if _, rest, ok := strings.Cut(val, "://"); ok {
		rest, _, _ = strings.Cut(rest, "/")
		if i := strings.LastIndexByte(rest, '@'); i >= 0 {
			rest = rest[i+1:]
		}
		host, _, _ = strings.Cut(rest, ":")
	}
	switch {
	case host == "" || host == "localhost" || strings.HasPrefix(host, "127.") || host == "::1" || host == "[::1]" ||
		strings.HasPrefix(host, "/"):
		return true
	}
	return !strings.Contains(host, ".")
}

// chooserName reports whether an assignment's name chooses an environment
// or a database (RAILS_ENV, DATABASE_URL, PGHOST, DB_NAME).
func chooserName(name string) bool {
	name = strings.ToUpper(name)
	if testEnvNames.Get()[name] || strings.HasSuffix(name, "_ENV") {
		return true
	}
	for p := range strings.FieldsSeq(dbTargetNames) {
		if strings.HasPrefix(name, p) {
			return true
		}
	}
	return false
}
