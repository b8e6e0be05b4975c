package rules

import (
	"fmt"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/guardsh/guard/internal/lazy"
	"github.com/guardsh/guard/internal/parse"
	"github.com/guardsh/guard/internal/wordlist"
)

// Matchers for the calls in interpreter code (parse.Code.Calls): the SQL a
// program hands its database driver (cursor.execute('DROP TABLE users'),
// $dbh->do(...), client.query(...)), read with the SQL scanner of the
// database clients, and the methods it calls on clients of databases,
// clouds and stores (boto3.client('ec2').terminate_instances,
// redis.Redis().flushall()), read with the verb model of API names. Both
// run only for interpreters whose code guard knows.

// newCodeSQL matches destructive statements passed as strings to the calls
// named in with.calls (execute, query), as methods or functions, or in
// with.client_calls, names too common to read on any receiver (run, do,
// raw), when the receiver is a client.
// with.kinds are the statement kinds, as for the sql matcher; with.not_roots
// the modules whose calls of those names run commands, not SQL
// (subprocess.run, child_process.exec), which the parser reads as such.
// with.ttl_max, when set, matches a statement that cuts an existing
// table's retention to at most that, or drops TimescaleDB's chunks up to
// that age, as the ttl-short matcher does for psql.
func newCodeSQL(with map[string]any) (matchFunc, error) {
	p := newParams(with)
	calls := lowerAll(p.strings("calls"))
	clientCalls := lowerAll(p.strings("client_calls"))
	notRoots := lowerAll(p.strings("not_roots"))
	kinds := p.strings("kinds")
	ttlText := p.string("ttl_max", "")
	if err := p.done(); err != nil {
		return nil, err
	}
	want, err := sqlKindSet(kinds)
	if err != nil {
		return nil, err
	}
	var ttl time.Duration
	if ttlText != "" {
		d, ok := parseRetention(ttlText, time.Hour)
		if !ok {
			return nil, fmt.Errorf("ttl_max %q is not a duration such as 1d", ttlText)
		}
		ttl = d
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		if inv.Code == nil {
			return "", false
		}
		for _, c := range inv.Code.Calls() {
			name := strings.ToLower(c.Name)
			if !sqlClientCall(c, name, calls, clientCalls, notRoots) {
				continue
			}
			if testDBClient(inv.Code.Text, c) && !strings.Contains(strings.ToLower(inv.Code.Text), "attach") {
				// A database in memory, which nothing outlives, or in a
				// test file, unless the code attaches a file to it.
				continue
			}
			for _, a := range c.Args {
				if d, ok := scanSQL(a, want); ok {
					return d + " passed to " + callText(c) + " in the " + inv.Code.Lang + " code", true
				}
				if ttl > 0 && len(a) > 12 {
					// A retention cut to nothing, or TimescaleDB's
					// chunks dropped up to now, as store.ttl-short
					// reads them in psql (sqlttl.go).
					if d := shortTTL(strings.ToLower(a), ttl); d != "" {
						return d + ", passed to " + callText(c) + " in the " + inv.Code.Lang + " code", true
					}
				}
			}
		}
		return "", false
	}, nil
}

// newCodeCalls matches methods whose name holds a destructive verb
// (terminate_instances, deleteBucket, flushall, drop_database), called on
// a receiver that comes from a module, class or factory: a client, not a
// local list or map. with.not_roots are the modules and classes whose
// methods are left to other rules or touch only memory (os, pandas, Map),
// and with.not_names method names to leave alone (removeListener), both
// patterns compared in lower case. with.object_roots are the SDKs whose
// values are remote objects that delete themselves (docker's
// container.remove(), dockerode's getVolume(n).remove()): on a value from
// one of them a remove() without arguments is no local let-go, and the
// names in with.object_names (prune) are judged although not_names
// excuses them elsewhere, each as the receiver's last name and the method
// (volumes.prune: docker volume prune deletes data, container prune not).
// A method named flush is judged only on a client from with.flush_roots
// (a cache: Dalli, Memcached), as a Kafka producer's flush only sends.
// with.not_receivers are receivers, as written, whose calls are left to
// the parser (Deno.remove, a file deletion).
func newCodeCalls(with map[string]any) (matchFunc, error) {
	p := newParams(with)
	notRoots := lowerAll(p.strings("not_roots"))
	notNames := lowerAll(p.strings("not_names"))
	objectRoots := lowerAll(p.strings("object_roots"))
	objectNames := lowerAll(p.strings("object_names"))
	flushRoots := lowerAll(p.strings("flush_roots"))
	notReceivers := p.strings("not_receivers")
	scoped := p.bool("scoped", false)
	if err := p.done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		if inv.Code == nil {
			return "", false
		}
		// A framework runner scoped to the test or a development database
		// (devscope.go) passes for ORM queries only: a cloud client's call
		// reaches the real service whatever the environment.
		ormScoped, scopeRead := false, false
		for _, c := range inv.Code.Calls() {
			name, root := strings.ToLower(c.Name), strings.ToLower(c.Root)
			object := root != "" && matchesAny(objectRoots, root)
			if c.Root == "" && !ormQuery(c) || matchesAny(notNames, name) && !(object && matchesAny(objectNames, lastName(c.Context)+"."+name)) ||
				c.Root != "" && matchesAny(notRoots, root) {
				continue
			}
			if slices.Contains(notReceivers, c.Receiver) {
				// Deno.remove(p): the runtime's file call, read as rm.
				continue
			}
			if itemDelete(c) && !(object && c.Arity == 0) && c.Listing == "" {
				// One item, named (r.delete("session:1")); not each item
				// of a listing (for k in r.scan_iter(): r.delete(k)).
				continue
			}
			if oneDocument(name) && c.Listing == "" {
				// collection.delete_one({'_id': x}): one document, as
				// mongosh's deleteOne is.
				continue
			}
			if name == "flush" && c.Root != "" && !matchesAny(flushRoots, root) {
				// A producer's, writer's or stream's flush sends what it
				// buffered; only a cache's flush empties it.
				continue
			}
			verb := destroyVerb(c.Name, c.Context)
			if verb == "" && name == "del" {
				// stripe.customers.del(id), superagent.del(url): the
				// short spelling of delete, past itemDelete's keys.
				verb = "delete"
			}
			if verb == "" {
				// conversations_archive, basic_api.archive: httpretire.go.
				verb = retireCall(c.Name, c.Root)
			}
			if verb == "" && c.Root == "powershell" && c.Receiver == "" && psDisablesAccess(c.Name) {
				verb = "disable" // Disable-ADAccount, Disable-LocalUser: identity.go
			}
			if verb == "" && c.Listing != "" {
				verb = "delete" // r.del(k), r.unlink(k) for each key listed
			}
			if verb != "" && scoped && (ormQuery(c) || strings.EqualFold(c.Name, "destroy_all") || strings.EqualFold(c.Name, "delete_all") || projectModule(c.Root)) {
				if !scopeRead {
					ormScoped, scopeRead = scopedRun(inv, v, ctx), true
				}
				if ormScoped {
					continue
				}
			}
			if verb != "" && scoped && onTestDBCall(c) && testDBCode(inv, ctx) {
				// c.db('app_test').dropDatabase() on localhost:
				// codetestdb.go.
				continue
			}
			if verb != "" && (ormQuery(c) || schemaCall(c)) && scratchSchema(inv, ctx) {
				// The command names its database by URL, and every one
				// is a test database on this machine
				// (DATABASE_URL=sqlite:///./test.db python -c ...): what
				// the ORM drops there the test run makes again. A cloud
				// client's call reaches its service whatever the URL.
				continue
			}
			if verb != "" && matchesAny([]string{"boto3", "aioboto3", "botocore", "aws-sdk", "@aws-sdk/*"}, root) && codeEmulated(inv) {
				// boto3.client('s3', endpoint_url='http://localhost:4566'):
				// LocalStack, as aws --endpoint-url is (emulator.go).
				continue
			}
			if verb != "" && dryRunCall(c, inv.Code.Text) {
				// ec2.terminate_instances(..., DryRun=True): the service
				// checks the request and changes nothing.
				continue
			}
			if verb != "" {
				if inMemoryClient(inv.Code.Text, c) {
					continue
				}
				if c.Root == "powershell" && c.Receiver == "" {
					return "the PowerShell code runs " + c.Name + " (" + verb + ")", true
				}
				from := " on a client from " + c.Root
				if c.Root == "" {
					from = " on a query of an ORM"
				}
				if c.Listing != "" {
					from += ", for each item of " + c.Listing
				}
				return "the " + inv.Code.Lang + " code calls " + callText(c) + " (" + verb + ")" + from, true
			}
		}
		return "", false
	}, nil
}

// matchesAny reports whether s matches one of the patterns, in which *
// stands for any text, slashes included: @aws-sdk/*.
func matchesAny(patterns []string, s string) bool {
	for _, p := range patterns {
		if starMatch(p, s) {
			return true
		}
	}
	return false
}

// callText returns a call as written, shortened for messages.
func callText(c parse.CodeCall) string {
	s := c.Name
	if c.Receiver != "" {
		s = c.Receiver + "." + c.Name
	}
	if len(s) > 80 {
		s = "..." + s[len(s)-77:]
	}
	return s + "()"
}

// ormQuery reports whether a call deletes the records of an ORM query,
// wherever the model comes from: User.objects.all().delete(),
// session.query(Event).delete(), Order.where(x).delete_all.
// projectModule reports whether a call's root is one of the project's
// own modules, loaded by a relative path (require('./models')), whose
// database is the one the environment picks.
func projectModule(root string) bool {
	return strings.HasPrefix(root, "./") || strings.HasPrefix(root, "../")
}

// schemaCall reports whether a call drops an ORM's tables: SQLAlchemy's
// metadata.drop_all, Flask-SQLAlchemy's db.drop_all, Peewee's
// drop_tables.
func schemaCall(c parse.CodeCall) bool {
	switch strings.ToLower(c.Name) {
	case "drop_all", "drop_tables", "drop_table", "dropall", "droptables":
		return true
	}
	return false
}

func ormQuery(c parse.CodeCall) bool {
	switch strings.ToLower(c.Name) {
	case "delete", "destroy", "delete_all", "destroy_all", "deletemany", "destroyall", "update_all", "truncate":
	default:
		return false
	}
	ctx := c.Context
	for _, q := range []string{".objects", ".query(", "->query(", ".all()", ".where(", "->where(", "::where(", ".filter(", ".filter_by(", ".exclude("} {
		if strings.Contains(ctx, q) {
			return true
		}
	}
	return false
}

// sessionNames are the last names of receivers that are a session or a
// connection, whose delete(x) deletes the one item x.
var sessionNames = lazy.Value[map[string]bool]{Make: func() map[string]bool {
	return map[string]bool{"session": true, "sess": true, "client": true, "conn": true, "connection": true,
		"cache": true, "store": true, "redis": true, "kv": true}
}}

// itemDelete reports whether a call deletes one item the client holds,
// named by its arguments: r.delete("session:1"), redis.Redis().delete(k),
// memcache.delete(key), session.delete(user). These are routine, as
// redis-cli del is; deleting a named object (delete_object, indices.delete)
// or the receiver itself (bucket.delete(), query(X).delete()) is not. A
// remove() without arguments lets go of something (session.remove()) or
// takes the receiver out of a list, and is left alone too.
func itemDelete(c parse.CodeCall) bool {
	switch strings.ToLower(c.Name) {
	case "delete", "del", "remove", "unset", "delete!", "remove!":
	default:
		return false
	}
	if c.Arity == 0 {
		// session.remove(), element.remove(): the receiver lets go of
		// something, or removes itself from a list.
		return strings.EqualFold(c.Name, "remove")
	}
	for _, sw := range c.Switches {
		if wordlist.Has(treeSwitches, sw) {
			// zk.delete('/brokers', recursive=True), etcd's
			// delete(key, prefix=True), consul's kv.delete('app/',
			// recurse=True): everything under the key.
			return false
		}
	}
	ctx := strings.TrimPrefix(strings.TrimSpace(c.Context), "new ")
	if sessionNames.Get()[lastName(ctx)] {
		// db.session.delete(user): a unit of work deletes the one object.
		return true
	}
	// The client itself: a variable, or the call that made it.
	if i := strings.IndexAny(ctx, "({["); i >= 0 {
		// redis.Redis(...): the arguments are left out of the context.
		return i == len(ctx)-2 && strings.HasSuffix(ctx, "()") && !strings.Contains(ctx, "->")
	}
	return !strings.ContainsAny(ctx, ".>") || strings.HasSuffix(ctx, ".new") && strings.Count(ctx, ".") == 1
}

// treeSwitches are the keyword arguments that make a client's delete of
// one key a delete of everything under it.
const treeSwitches = "recursive recurse prefix is_prefix with_prefix all_versions children"

// lastName returns the last name of a receiver in lower case: volumes for
// docker.from_env().volumes, session for db.session.
func lastName(recv string) string {
	recv = strings.TrimSpace(recv)
	return strings.ToLower(recv[strings.LastIndexAny(recv, ".>:")+1:])
}

// newFromCode matches an invocation that interpreter code makes (a
// deletion the parser read in python or php code, judged as rm), with
// with.glob, only when an operand is a pattern: the files a glob in code
// matches, deleted one by one.
func newFromCode(with map[string]any) (matchFunc, error) {
	p := newParams(with)
	glob := p.bool("glob", false)
	if err := p.done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		from := ""
		for _, via := range inv.Via {
			if strings.HasSuffix(via, " code") {
				from = via
			}
		}
		if from == "" {
			return "", false
		}
		if !glob {
			return "run by " + from, true
		}
		for _, op := range v.operands {
			if op.Glob && !cachePath(op.Value) {
				return "the files matching " + op.Value + ", deleted by " + from, true
			}
		}
		return "", false
	}, nil
}

// cachePath reports whether a path is under a cache or temporary
// directory, whose files are there to be deleted: ~/.cache/pip/*,
// ~/Library/Caches/x/*, ~/tmp/*.
func cachePath(p string) bool {
	// Cleaned first: ~/.cache/../Documents/* is no cache.
	for _, part := range strings.Split(strings.ToLower(path.Clean(p)), "/") {
		part = strings.TrimPrefix(part, ".")
		if strings.Contains(part, "cache") || part == "tmp" || part == "temp" {
			return true
		}
	}
	return false
}

// sqlClientCall reports whether a call in code, its lower-case name
// given, sends SQL through a database client as code-sql and
// code-warehouse read it: one of calls, or one of clientCalls on some
// object, with arguments, and not on one of notRoots (subprocess.run).
func sqlClientCall(c parse.CodeCall, name string, calls, clientCalls, notRoots []string) bool {
	return len(c.Args) > 0 && (matchesAny(calls, name) || c.Root != "" && matchesAny(clientCalls, name)) &&
		!(c.Root != "" && matchesAny(notRoots, strings.ToLower(c.Root)))
}

// dryRunSwitches are the keyword arguments that, set to true, make an
// SDK's call a check of the request that changes nothing: boto3's
// DryRun=True, Google's validate_only=True, a client's dry_run=True.
const dryRunSwitches = "dryrun dry_run validate_only validateonly"

// dryRunCall reports whether a call in code asks its service only to
// check the request: a dry-run switch set to true, or the Kubernetes
// clients' dry_run='All' (dryRun: 'All') in code that makes no other
// call of the name.
func dryRunCall(c parse.CodeCall, code string) bool {
	for _, sw := range c.Switches {
		if wordlist.Has(dryRunSwitches, sw) {
			return true
		}
	}
	if !slices.Contains(c.Args, "All") {
		return false
	}
	lower := strings.ReplaceAll(strings.ToLower(code), " ", "")
	return (strings.Contains(lower, "dry_run='all'") || strings.Contains(lower, `dry_run="all"`) ||
		strings.Contains(lower, "dryrun:'all'") || strings.Contains(lower, `dryrun:"all"`)) &&
		strings.Count(code, c.Name+"(") == 1
}

// oneDocument reports whether a method, its name in lower case, deletes
// at most one document, the first its filter matches: MongoDB's
// delete_one, deleteOne and findOneAndDelete.
func oneDocument(name string) bool {
	switch name {
	case "delete_one", "deleteone", "find_one_and_delete", "findoneanddelete", "findoneandremove", "find_one_and_remove":
		return true
	}
	return false
}

// endpointRe matches an endpoint set in code: endpoint_url='...',
// endpoint: "...", endpointUrl = '...'; group 1 is a quoted value.
var endpointRe = lazy.Regexp{Expr: `(?i)\bendpoint(?:_url|url)?["']?\s*(?:=|:)\s*(?:['"]([^'"]*)['"])?`}

// codeEmulated reports whether AWS SDK code is aimed at an emulator on
// this machine, and only there: every endpoint it sets, in the code or in
// the command's AWS_ENDPOINT_URL, is a literal emulator URL
// (http://localhost:4566), and it sets at least one.
func codeEmulated(inv *parse.Invocation) bool {
	found, ok := endpointEnvEmulated(inv)
	if !ok {
		return false
	}
	text := inv.Code.Text
	if !strings.Contains(strings.ToLower(text), "endpoint") {
		return found
	}
	for _, m := range endpointRe.Get().FindAllStringSubmatchIndex(text, 16) {
		if m[2] < 0 || !emulatorURL(text[m[2]:m[3]]) {
			// An endpoint from a variable, or one elsewhere.
			return false
		}
		found = true
	}
	return found
}
