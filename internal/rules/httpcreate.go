package rules

import (
	"strings"

	"github.com/guardsh/guard/internal/httpreq"
	"github.com/guardsh/guard/internal/wordlist"
)

// addedKinds are the collections a POST adds a new member to without
// changing or costing anything that is there: a project's environment
// variables (Vercel's /env, Netlify's /env, Render's /env-vars), a
// database's branches (Neon, PlanetScale, Supabase), snapshots and
// backups, tags, labels, comments, notes and webhooks. Members that grant
// access (members, roles, keys, policies), that bill (droplets,
// instances, servers, managed databases), that move money (charges, refunds) or that route
// traffic (domains, records) are not among them, nor are collections of
// actions (actions, operations, runs, restores).
const addedKinds = "env envs vars variables branches previews snapshots backups tags labels comments notes hooks webhooks"

// addsMember reports whether a request only adds a new member to a
// collection of addedKinds: a POST whose last path segment names the
// collection (/v10/projects/web/env, /api/v2/projects/p/branches), with no
// custom method (:batchWrite) and nothing in the query or body that says
// to replace what has the same name (upsert, overwrite, force, replace).
func addsMember(r *httpreq.Request) bool {
	if r.Method != "POST" || r.IsGraphQL() {
		return false
	}
	path := strings.TrimRight(r.Path, "/")
	seg := strings.ToLower(path[strings.LastIndexByte(path, '/')+1:])
	if seg == "" || strings.ContainsAny(seg, ":$*{}") {
		return false
	}
	parts := httpreq.WordParts(seg)
	if len(parts) == 0 || !wordlist.Has(addedKinds, parts[len(parts)-1]) {
		return false
	}
	for _, v := range r.Values() {
		for _, p := range httpreq.WordParts(v.Key) {
			switch p {
			case "upsert", "overwrite", "force", "replace", "override":
				if !falsy(v.Text) {
					return false
				}
			}
		}
	}
	return !r.Mentions("upsert", "overwrite")
}
