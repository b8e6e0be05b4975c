package rules

import (
	"slices"
	"strings"

	"github.com/guardsh/guard/internal/parse"
	"github.com/guardsh/guard/internal/wordlist"
)

// An application served from /var/www/SITE or /srv/APP keeps directories
// it writes itself (storage, cache, uploads, bootstrap/cache), and giving
// them to the web server's user, or letting its group write them, is
// routine deploy work: sudo chown -R www-data:www-data
// /var/www/shop/storage. It is judged here, not as a change to a system
// location, when the target is at least two levels below the served
// directory (/var/www/SITE/DIR, /srv/APP/DIR), the new owner and group
// are a web server user or the application's own name (or, in a release
// directory, a deploy user), and a mode lets no one else write and sets
// no setuid or setgid bit.
// The site's root
// itself, /var/www, /srv, a path only known at run time, a production
// word, links followed (-L, -H) and chmod 777 keep asking.

// servedRoots are the directories applications are served from.
const servedRoots = "/var/www /srv"

// webUsers are the users and groups web servers and their PHP, Python
// and Node workers run as.
const webUsers = "www-data www nginx apache httpd http caddy lighttpd php-fpm nginx-unit"

// deployUsers are the users a deploy tool (Capistrano, Deployer, Mina)
// unpacks releases as: they own the code of /srv/APP/releases/TS, which a
// deploy makes and the next deploys prune. The directories the
// application writes (storage, uploads) stay the web user's: given to
// the deploy user, the application can no longer write them.
const deployUsers = "deploy deployer"

// releaseDir reports whether w is in a deploy tool's release directory
// of a served application: /srv/APP/releases/TS and below.
func releaseDir(w parse.Word, at place) bool {
	abs, ok := resolve(w.Value, at.dir)
	if !ok || w.Dynamic || w.Glob {
		return false
	}
	for root := range strings.FieldsSeq(servedRoots) {
		if rel, ok := strings.CutPrefix(abs, root+"/"); ok {
			parts := strings.Split(rel, "/")
			return len(parts) >= 3 && parts[1] == "releases" && parts[2] != "" && parts[2] != ".."
		}
	}
	return false
}

// servedSubtree returns the application's name when abs is at least two
// levels below a served root, with the first two names written out.
func servedSubtree(w parse.Word, at place) (string, bool) {
	if w.Dynamic || hasProdWord(w.Value) {
		return "", false
	}
	abs, ok := resolve(w.Value, at.dir)
	if !ok {
		return "", false
	}
	for root := range strings.FieldsSeq(servedRoots) {
		rel, ok := strings.CutPrefix(abs, root+"/")
		if !ok {
			continue
		}
		parts := strings.Split(rel, "/")
		if len(parts) < 2 || slices.ContainsFunc(parts[:2], func(s string) bool {
			return s == "" || s == "." || s == ".." || strings.ContainsAny(s, "*?[]{}")
		}) {
			return "", false
		}
		return parts[0], true
	}
	return "", false
}

// servedChange judges chown, chgrp or chmod of a served application's
// subtree (servedSubtree): ok reports that the change is routine.
func servedChange(name string, mode parse.Word, site string, followLinks, release bool) bool {
	if followLinks {
		return false
	}
	if name == "chmod" {
		m, ok := readMode(mode)
		return ok && !m.special && !m.othersWrite && !m.none
	}
	if mode.Dynamic || mode.Value == "" {
		return false
	}
	owner := mode.Value
	if name == "chgrp" {
		owner = ":" + owner
	}
	user, group, _ := strings.Cut(owner, ":")
	if !strings.Contains(owner, ":") {
		// The old spelling user.group.
		if u, g, ok := strings.Cut(owner, "."); ok {
			user, group = u, g
		}
	}
	if user == "" && group == "" {
		return false
	}
	for _, n := range []string{user, group} {
		if n != "" && !wordlist.Has(webUsers, n) && n != site && !(release && wordlist.Has(deployUsers, n)) {
			return false
		}
	}
	return true
}
