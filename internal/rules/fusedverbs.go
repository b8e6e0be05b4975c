package rules

import (
	"strings"

	"github.com/guardsh/guard/internal/parse"
)

// Verbs fused with their object into one word (removeacct, delacct,
// killacct, purgequeue), and options that join a destructive verb to
// what it destroys (--delete-content, --remove-data, --purge-all): the
// verb model reads them in the subcommand words and option names of
// programs guard has no rules for, and in one-word program names.

// fusedLongVerbs are verbs long enough that a word starting with one is
// the verb and its object, whatever the object: removeacct, deletesite,
// purgequeue. An ending that makes the verb a noun or an adjective
// (deleted, remover, deletion) is not an object.
var fusedLongVerbs = [...]string{"delete", "remove", "destroy", "purge", "wipe", "erase", "obliterate", "terminate", "nuke", "truncate"}

// fusedShortVerbs are verbs that start everyday words too (delta,
// delegate, killer, dropdown, droplet): a word starting with one is the
// verb and its object only when the rest is a known object (delacct,
// killacct, rmuser, dropuser).
var fusedShortVerbs = [...]string{"del", "rm", "kill", "drop", "kick"}

// fusedEndings are the endings after a verb that make another word of it.
var fusedEndings = [...]string{"d", "s", "r", "rs", "ed", "er", "ers", "es", "ing", "ion", "ions", "able", "al", "als", "ment", "ments", "ly", "te", "tion"}

// fusedObjects are objects written short or joined to a verb, beyond
// verbObjects: accounts, users and the things hosting panels, clusters
// and brokers hold.
var fusedObjects = [...]string{"acct", "accts", "usr", "grp", "group", "groups", "role", "roles", "client", "clients",
	"domain", "domains", "zone", "zones", "node", "nodes", "host", "hosts", "job", "jobs", "pkg", "package", "packages",
	"mailbox", "mailboxes", "vhost", "cert", "certs", "token", "tokens", "org", "orgs", "tenant", "tenants", "member",
	"members", "team", "teams", "subdomain", "container", "containers", "image", "images", "pod", "pods", "device", "devices",
	"policy", "policies", "rule", "rules", "vol", "file", "files", "dir", "dirs", "share", "shares", "mail", "email", "emails",
	"db", "dbs", "site", "sites", "acl", "acls", "pool", "pools", "lun", "luns", "branch", "release", "releases"}

// fusedVerb returns the destructive verb a word of letters starts with
// when the rest of it is an object, or "". strict asks for a known
// object after the long verbs too, as for a program's name (purgecss is
// a tool, removeacct a deletion).
func fusedVerb(word string, strict bool) string {
	var buf [64]byte
	low := string(lowerASCII(&buf, word))
	if !asciiLetters(low) {
		return ""
	}
	for _, v := range fusedLongVerbs {
		rest, ok := strings.CutPrefix(low, v)
		if !ok || len(rest) < 2 {
			continue
		}
		if strict && isFusedObject(rest) || !strict && !isFusedEnding(rest) {
			return v
		}
	}
	for _, v := range fusedShortVerbs {
		rest, ok := strings.CutPrefix(low, v)
		if !ok || rest == "" {
			continue
		}
		if isFusedObject(rest) {
			return v
		}
	}
	return ""
}

func isFusedEnding(rest string) bool {
	for _, e := range fusedEndings {
		if rest == e {
			return true
		}
	}
	return false
}

func isFusedObject(rest string) bool {
	for _, o := range fusedObjects {
		if rest == o {
			return true
		}
	}
	for _, o := range verbObjects {
		if rest == o {
			return true
		}
	}
	return false
}

// optionVerbs are the verbs an option name starts with when it destroys
// what the rest of the name says: --delete-content, --remove-data.
var optionVerbs = [...]string{"delete", "remove", "purge", "drop", "wipe", "erase", "destroy", "obliterate", "nuke", "truncate"}

// optionObjects are what such an option destroys: data, not a part of
// the output (--remove-comments, --drop-privileges, --delete-after).
var optionObjects = [...]string{"all", "content", "contents", "data", "files", "file", "user", "users", "account", "accounts",
	"database", "databases", "db", "table", "tables", "volume", "volumes", "object", "objects", "record", "records", "rows",
	"history", "backup", "backups", "snapshot", "snapshots", "everything", "storage", "disk", "disks", "bucket", "buckets",
	"repo", "repos", "repository", "project", "projects", "site", "sites", "media", "uploads", "attachments", "messages",
	"mail", "mailbox", "emails", "keys", "secrets", "versions", "index", "indices", "indexes", "documents", "collection",
	"collections", "namespace", "namespaces", "cluster", "clusters", "instance", "instances", "home", "homedir", "directory",
	"dirs", "folder", "folders", "existing", "state", "store", "queue", "queues", "topic", "topics", "stream", "streams",
	"posts", "pages", "comments-data", "entities", "nodes", "schema", "schemas", "vault", "certificates", "releases",
	"artifacts", "artifact", "builds", "packages"}

// destroyOption reports whether an option's name, without its dashes,
// joins a destructive verb to data it destroys: delete-content,
// remove-data, purge-all, delete_user_data.
func destroyOption(bare string) bool {
	var buf [maxParts]string
	n := splitParts(bare, buf[:])
	if n < 2 {
		return false
	}
	verb := strings.ToLower(buf[0])
	found := false
	for _, v := range optionVerbs {
		if verb == v {
			found = true
		}
	}
	if !found {
		return false
	}
	for _, part := range buf[1:n] {
		low := strings.ToLower(part)
		for _, o := range optionObjects {
			if low == o {
				return true
			}
		}
	}
	return false
}

// fusedAt reports whether word wi of the subcommand path, or its part
// part, is a verb fused with its object (removeacct, deleteClient's
// parts are read apart) that the next argument does not turn into a
// question about it (nodetool removenode status).
//
// Past the first two words of the path, a word is more often a name the
// subcommand takes (acmectl plugin enable purgecss): there the rest must
// be a known object.
func (m *verbModel) fusedAt(inv *parse.Invocation, p *subPath, wi int, part string) bool {
	if fusedVerb(part, wi > 1) == "" {
		return false
	}
	if next := p.index[wi] + 1; next < len(inv.Args) && !inv.Args[next].Dynamic && m.isBenign(inv.Args[next].Value) {
		return false
	}
	return true
}
