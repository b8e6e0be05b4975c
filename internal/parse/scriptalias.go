package parse

import "github.com/guardsh/guard/internal/wordlist"

// scriptCLIs are command-line tools that projects commonly wrap in a
// package script of the same name ("typeorm": "typeorm-ts-node-commonjs"):
// npm run typeorm -- schema:drop runs that tool with those arguments, so
// it is read as the tool itself.
const scriptCLIs = "typeorm typeorm-ts-node-commonjs typeorm-ts-node-esm prisma sequelize sequelize-cli knex " +
	"drizzle-kit mikro-orm migrate-mongo db-migrate node-pg-migrate kysely supabase firebase wrangler " +
	"vercel netlify cdk serverless sls terraform pulumi rimraf del-cli psql mongosh redis-cli hasura " +
	"convex payload"

// scriptAlias reads npm run NAME -- ARGS: when NAME is one of scriptCLIs
// and arguments follow it, what runs is read as NAME ARGS; any other
// script, whose body guard cannot see, stays the npm command itself.
func (w *walker) scriptAlias(c call, at int) {
	rest := c.args[at:]
	if len(rest) < 2 || rest[0].Dynamic || !wordlist.Has(scriptCLIs, rest[0].Value) {
		w.record(c)
		return
	}
	words := []Word{rest[0]}
	dropped := false
	for _, a := range rest[1:] {
		if a.Value == "--" && !dropped && !a.Dynamic {
			dropped = true
			continue
		}
		words = append(words, a)
	}
	if len(words) < 2 {
		w.record(c)
		return
	}
	w.inner(c, words, wrapperVia(c.args[:at]))
}
