package rules

import (
	"os"
	"path"
	"strings"

	"github.com/guardsh/guard/internal/parse"
)

// A copy or move whose target is a backup replaces it: mv -f new.sql
// /backups/app/app-2026-12-06.sql leaves no older copy, as rm of it would.
// A new backup filed into a backup directory replaces nothing, and that
// is everyday work, so the disk decides where it is read: a landing path
// that exists as a non-empty file asks, one that does not exist passes.
// Where the disk is not read (guard audit, the bench), a named file under
// a backup path asks when the command forces it (-f, --force), which says
// the writer expects something to be there.

// newOverwritesBackup matches cp, mv, install and rsync writing over a
// backup: a path with a segment that with.names matches (backups,
// db-backup, nightly.dump). Temporary directories pass, as does a file
// renamed over its own draft.
func newOverwritesBackup(with map[string]any) (matchFunc, error) {
	p := newParams(with)
	names := lowerAll(p.strings("names"))
	if err := p.done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		w, ok := overwriteOf(inv, v)
		if !ok || v.name == "cat" {
			return "", false
		}
		lands, ok := landings(inv, v, ctx)
		if !ok {
			return "", false
		}
		at := placeOf(inv, ctx)
		disk := ctx.probe(inv) != nil && !ctx.stale()
		for _, l := range lands {
			if l.path.Dynamic || l.path.Value == "" || remotePath(l.path.Value) {
				continue
			}
			abs, ok := resolve(l.path.Value, at.dir)
			if !ok || !backupPath(abs, names) || throwawayPlace(l.path, at, ctx) {
				continue
			}
			base := strings.ToLower(path.Base(abs))
			if draft := sourceDraft(w.sources, base); draft {
				continue
			}
			if disk {
				st, err := os.Lstat(abs)
				if err == nil && st.Mode().IsRegular() && st.Size() > 0 {
					return w.how + " replaces the backup " + parse.Quote(l.path.Value) + ", which exists", true
				}
				continue
			}
			if l.into.Value == "" && w.forced && !w.dir {
				return w.how + " -f replaces the backup " + parse.Quote(l.path.Value), true
			}
		}
		return "", false
	}, nil
}

// backupPath reports whether a segment of an absolute path is named as a
// backup by names.
func backupPath(abs string, names []string) bool {
	for _, seg := range strings.Split(strings.TrimPrefix(abs, "/"), "/") {
		if seg != "" && matchLower(names, strings.ToLower(seg)) {
			return true
		}
	}
	return false
}

// throwawayPlace reports whether a path lies in a temporary directory
// or a cache outside the project (a project kept under /tmp is a project
// all the same).
func throwawayPlace(w parse.Word, at place, ctx *Context) bool {
	tc := classify(w, at, ctx)
	if tc&classInside != 0 && at.base != "" && !isTempRoot(path.Clean(at.base)) {
		tc &^= classTemp
	}
	return tc&(classTemp|classCache) != 0 && tc&(classSystem|classHome|classRoot) == 0
}

// sourceDraft reports whether one of the sources is the target's own
// draft (app.sql.tmp over app.sql).
func sourceDraft(sources []parse.Word, base string) bool {
	for _, s := range sources {
		if draftOf(strings.ToLower(path.Base(s.Value)), base) {
			return true
		}
	}
	return false
}
