package rules

import (
	"slices"
	"strings"

	"github.com/guardsh/guard/internal/httpreq"
	"github.com/guardsh/guard/internal/lazy"
	"github.com/guardsh/guard/internal/wordlist"
)

// The verb model for names in APIs: a GraphQL field (volumeDelete,
// deleteProject, delete_users), a REST path segment (_delete_by_query,
// doDelete, purge), a gRPC method (DeleteVolume), an action in a body
// ({"action": "delete"}). A name destroys when one of its word parts is a
// destructive verb. This is the one list the HTTP rules use; it is meant
// to be merged with the verb table of the CLI rules.

// destroyVerbs are the verbs that destroy, as word parts in lower case.
var destroyVerbs = lazy.Value[map[string]bool]{Make: func() map[string]bool {
	return map[string]bool{
		"delete": true, "destroy": true, "remove": true, "drop": true, "purge": true, "wipe": true,
		"erase": true, "reset": true, "truncate": true, "terminate": true, "nuke": true, "teardown": true,
		"revoke": true, "deprovision": true, "unregister": true, "deregister": true, "flush": true,
		"prune": true, "expunge": true, "obliterate": true, "clear": true, "decommission": true,
		"uninstall": true, "expire": true, "shred": true, "discard": true, "unpublish": true, "deletes": true,
		"removes": true, "drops": true, "purges": true, "cleanup": true,
		// A managed device retired (Intune, Workspace ONE) loses its
		// company data and management.
		"retire": true,
		// A branch or a tag unprotected loses the safeguard against a
		// force push or a deletion.
		"unprotect": true,
		// Verbs of the CLI verb model (verbs.toml) that erase a device or
		// a machine: PyEZ's request_system_zeroize, a VM reimaged.
		"zeroize": true, "wipeout": true, "reimage": true, "unprovision": true, "deltree": true,
	}
}}

// deletionStarts are the verbs that, before the noun deletion in a name,
// set a deletion going: ScheduleKeyDeletion, request_deletion.
const deletionStarts = "schedule request initiate start begin submit confirm perform execute trigger enqueue force"

// unmountObjects are what a secrets store's API disables by unmounting
// it, deleting what it holds: a Vault secrets engine, its older name a
// secret backend, an auth method with its roles.
const unmountObjects = "engine engines backend backends mount auth"

// verbObjects are words that may follow a verb in one lower-case word:
// deleterange (etcd), flushall, flushdb, deletebyquery, dropdatabase.
var verbObjects = []string{"all", "many", "one", "range", "byquery", "by", "db", "database", "databases", "table",
	"tables", "index", "indices", "collection", "collections", "bucket", "buckets", "key", "keys", "everything",
	"data", "user", "users", "record", "records", "item", "items", "object", "objects", "document", "documents",
	"docs", "rows", "schema", "volume", "volumes", "namespace", "project", "projects", "cluster", "instance",
	"account", "series", "snapshot", "snapshots", "backup", "backups",
	// Bigtable's cbt and kin: deletetable, deleteinstance, deletefamily.
	"topic", "topics", "queue", "queues", "row", "allrows", "column", "columns", "family", "cluster", "clusters",
	"instances", "app", "apps", "appprofile", "repo", "repos", "repository", "workspace", "service", "services",
	"stack", "stacks", "env", "environment", "secret", "secrets", "disk", "disks", "vm", "server",
	"servers", "site", "sites", "dataset", "datasets", "partition", "partitions", "stream", "streams", "bucketdata",
	// Hosting panels' RPC names (WHM removeacct, cPanel deletedomain,
	// Plesk deletemailbox): the verb and a short object run together.
	"acct", "accts", "accounts", "domain", "domains", "subdomain", "addondomain", "parkeddomain", "zone", "zones",
	"mailbox", "mailboxes", "email", "emails", "dbuser", "ftpuser", "reseller", "client", "clients", "tenant", "tenants",
	"device", "devices", "vhost", "cert", "certificate", "files", "folder", "dns", "zonerecord",
	// Solr's Collections API actions (DELETEREPLICA, DELETESHARD,
	// DELETEALIAS, DELETENODE): a verb run together with a cluster's part.
	"replica", "replicas", "shard", "shards", "core", "cores", "alias", "aliases", "node", "nodes"}

// cacheWords are objects whose loss a cache refill repairs: purging or
// clearing a cache is routine (purgeCache, /purge_cache, clear-cache).
var cacheWords = lazy.Value[map[string]bool]{Make: func() map[string]bool {
	return map[string]bool{"cache": true, "caches": true, "cdn": true, "cached": true, "transient": true, "transients": true}
}}

// cacheVerbs are the verbs that are routine on a cache.
var cacheVerbs = lazy.Value[map[string]bool]{Make: func() map[string]bool {
	return map[string]bool{"purge": true, "clear": true, "flush": true, "invalidate": true, "reset": true,
		"expire": true, "purges": true, "cleanup": true, "delete": true, "remove": true, "drop": true, "prune": true}
}}

// passwordWords are objects a reset does not destroy: a password reset
// sends a link or sets a new one (reset-password-email).
var passwordWords = lazy.Value[map[string]bool]{Make: func() map[string]bool {
	return map[string]bool{"password": true, "passwords": true, "passwd": true, "pwd": true}
}}

// destroyVerb returns the destructive verb among a name's word parts, or
// "". context are other words around the name (the rest of a path) that
// may say the object is a cache.
func destroyVerb(name string, context ...string) string {
	parts := httpreq.WordParts(name)
	verb, at := "", 0
	for i, p := range parts {
		v := ""
		switch {
		case destroyVerbs.Get()[p]:
			v = p
		case p == "tear" && i+1 < len(parts) && parts[i+1] == "down":
			v = "teardown"
		case (p == "invalidate" || p == "invalidates") && credentialNamed(parts, context):
			// An API key or a token invalidated is revoked: every
			// client that holds it is cut off (Elasticsearch's
			// _security/api_key/_invalidate).
			v = "invalidate"
		case (p == "deletion" || p == "deletions") && slices.ContainsFunc(parts[:i], func(q string) bool { return wordlist.Has(deletionStarts, q) }):
			// ScheduleKeyDeletion, schedule_secret_deletion,
			// requestDeletion: a verb that sets a deletion going. A
			// deletion cancelled, read or protected against
			// (cancel_key_deletion, getDeletionStatus, deletion_protection)
			// is not one.
			v = "delete"
		case p == "disable" && slices.ContainsFunc(parts[i+1:], func(q string) bool { return wordlist.Has(unmountObjects, q) }):
			// hvac's disable_secrets_engine, disable_auth_method: Vault
			// unmounts the engine and deletes everything stored under it.
			v = "disable"
		case (p == "restore" || p == "factory") && i+1 < len(parts) && (parts[i+1] == "default" || parts[i+1] == "defaults"):
			// restore-default, factory_defaults: a factory reset.
			v = "factory reset"
		default:
			v = compoundVerb(p)
			if v == "" {
				// removeacct, delacct: a verb fused with a known object.
				v = fusedVerb(p, true)
			}
		}
		if v != "" {
			verb, at = v, i
			break
		}
	}
	if verb == "" {
		return ""
	}
	if at+1 < len(parts) && (parts[at+1] == "deletes" || parts[at+1] == "tombstones") {
		// only_expunge_deletes, expungeDeletes: a merge that reclaims the
		// space of documents already deleted, whose markers are all it
		// removes.
		return ""
	}
	if verb == "reset" && slices.ContainsFunc(parts, func(p string) bool { return passwordWords.Get()[p] }) && !storeContext(context) {
		// A user's password reset sends a link; a data store's cuts off
		// every client that holds the old one.
		return ""
	}
	if cacheVerbs.Get()[verb] {
		for _, p := range parts {
			if cacheWords.Get()[p] {
				return ""
			}
		}
		for _, c := range context {
			for _, p := range httpreq.WordParts(c) {
				if cacheWords.Get()[p] {
					return ""
				}
			}
		}
	}
	return verb
}

// credentialObjects are the word parts that name a credential.
const credentialObjects = "key keys apikey apikeys apitoken apitokens token tokens credential credentials secret secrets cert certs " +
	"certificate certificates"

// credentialNamed reports whether a name's parts, or the words around it,
// name a credential.
func credentialNamed(parts, context []string) bool {
	for _, p := range parts {
		if wordlist.Has(credentialObjects, p) {
			return true
		}
	}
	for _, c := range context {
		for _, p := range httpreq.WordParts(c) {
			if wordlist.Has(credentialObjects, p) {
				return true
			}
		}
	}
	return false
}

// compoundVerb returns the verb a lower-case word starts with when the
// rest is an object: flushall, deleterange, dropdatabase.
func compoundVerb(p string) string {
	for _, v := range [...]string{"delete", "destroy", "remove", "drop", "purge", "wipe", "truncate", "flush", "erase", "nuke", "reset", "clear", "kill", "terminate"} {
		if len(p) <= len(v) || p[:len(v)] != v {
			continue
		}
		rest := p[len(v):]
		for _, o := range verbObjects {
			if rest == o {
				return v
			}
		}
	}
	return ""
}

// rpcMarkers are path segments of APIs that name the call in the path
// and take GET for every call, reads and deletions alike: WHM's
// json-api/removeacct, cPanel's execute/Module/delete_x, JSON-RPC and
// XML-RPC gateways.
var rpcMarkers = lazy.Value[map[string]bool]{Make: func() map[string]bool {
	return map[string]bool{"json-api": true, "xml-api": true, "execute": true, "api2": true, "rpc": true,
		"jsonrpc": true, "json-rpc": true, "xmlrpc": true, "xml-rpc": true, "cgi-bin": true}
}}

// rpcVerb returns the destructive verb of the call an RPC-style path
// names after one of rpcMarkers, or "".
func rpcVerb(segs []string) string {
	for i, s := range segs {
		if !rpcMarkers.Get()[strings.ToLower(s)] {
			continue
		}
		for _, call := range segs[i+1:] {
			if v := destroyVerb(call, segs...); v != "" {
				return v
			}
		}
	}
	return ""
}

// credentialStores are the path words of a resource that clients reach
// with one shared password: a database, a cache, a cluster.
const credentialStores = "redis database databases db dbs cluster clusters instance instances " +
	"kafka postgres postgresql mysql mongodb memcached valkey elasticsearch opensearch"

// storeContext reports whether a request's path segments name a
// resource in credentialStores.
func storeContext(segs []string) bool {
	for _, s := range segs {
		for _, p := range httpreq.WordParts(s) {
			if wordlist.Has(credentialStores, p) {
				return true
			}
		}
	}
	return false
}
