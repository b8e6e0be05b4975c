package rules

import (
	"net/url"
	"slices"
	"strings"

	"github.com/guardsh/guard/internal/parse"
	"github.com/guardsh/guard/internal/wordlist"
)

// This file holds the matcher for a data-store client fed statements
// guard cannot know (a pipe from a program, a file it cannot read, a
// process substitution whose output is only known at run time) toward a
// server that is not this machine or a development one: cat cmds.txt |
// redis-cli -h redis.prod.internal, mysql -h prod-db app < dump.sql.
// Loading a dump there overwrites tables. Statements guard knows are
// judged by the sql and redis matchers instead.

// storeHostFlag reports an option that names a client's server. It is a
// switch, not a map, so that no table is built when guard starts.
func storeHostFlag(name string) bool {
	switch name {
	case "-h", "--host", "--hostname", "-S", "--server", "-u", "--uri", "--url", "-d", "--dbname", "--connect":
		return true
	}
	return false
}

// storeInputFlags are options whose value is the statements themselves,
// after which a client does not read stdin for statements.
var storeInputFlags = append(slices.Clone(sqlFlags), "-x", "-X")

// devWords mark a development server: db.dev.internal, test-db.
const devWords = "dev development local localhost test testing sandbox ci"

func newStoreInput(with map[string]any) (matchFunc, error) {
	if err := newParams(with).done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		what := unknownStatements(inv, v)
		if what == "" {
			return "", false
		}
		target := storeTarget(inv, v, ctx)
		if target == "" {
			return "", false
		}
		return what + ", sent to " + target, true
	}, nil
}

// unknownStatements says where a client's statements come from when guard
// cannot know them, or returns "".
func unknownStatements(inv *parse.Invocation, v *view) string {
	if d := atScript(inv, v); d != "" {
		return d
	}
	for i, f := range v.flags {
		name, val, has := strings.Cut(f, "=")
		if !has && v.hasVal(i) {
			val, has = v.vals[i], true
		}
		if has && statementFileFlag(v.name, name) && val != "-" {
			if _, ok := clientFile(inv, val); !ok {
				return "the statements in " + parse.Quote(val) + " are not known"
			}
			return ""
		}
	}
	if _, ok := v.hasFlagExact(storeInputFlags); ok {
		return ""
	}
	if sqlCommandLine.Get()[inv.Name] && len(v.operands) > 0 {
		// redis-cli -h prod GET key: the command is on the command line.
		return ""
	}
	if inv.Stdin.Kind != parse.Unknown {
		return ""
	}
	if f := inv.Stdin.File(); f != "" {
		if _, ok := clientFile(inv, f); ok {
			return ""
		}
		return "the statements in " + parse.Quote(f) + " are not known"
	}
	return "the statements it reads (" + inv.Stdin.From + ") are not known"
}

// storeTarget names the server a client reaches when it is neither this
// machine nor a development server, or returns "". A client given no
// server talks to this machine; a server only named at run time counts
// only with a production marker in its name; a production marker
// anywhere (psql -d prod, --login-path=prod) counts on any host.
func storeTarget(inv *parse.Invocation, v *view, ctx *Context) string {
	if inv.Remote != "" && !containerRemote(inv) && !devHost(inv.Remote) {
		return inv.Remote
	}
	if m := storeProdMarker(inv, v, ctx); m != "" {
		// mysql --login-path=prod, psql -d prod: production, on any host.
		return m
	}
	var hosts []string
	args := inv.Own()
	for i := 1; i < len(args); i++ {
		a := args[i].Value
		if a == "--" {
			break
		}
		name, val, has := strings.Cut(a, "=")
		switch {
		case !strings.HasPrefix(a, "-"):
		case storeHostFlag(name) && (name != "-u" || sqlCommandLine.Get()[inv.Name]):
			if has {
				hosts = append(hosts, val)
			} else if i+1 < len(args) {
				hosts = append(hosts, args[i+1].Value)
				i++
			}
		case len(a) > 2 && (a[:2] == "-h" || a[:2] == "-S") && !has:
			hosts = append(hosts, a[2:]) // mysql -hprod-db
		}
	}
	for _, op := range v.operands {
		o := op.Value
		if strings.Contains(o, "://") || strings.Contains(o, "host=") || inv.Name == "cqlsh" || inv.Name == "ycqlsh" {
			hosts = append(hosts, o)
		}
		if h := oracleLoginHost(inv.Name, o); h != "" {
			hosts = append(hosts, h)
		}
	}
	for _, a := range inv.Assigns {
		switch a.Name {
		case "PGHOST", "MYSQL_HOST", "REDISCLI_HOST", "CQLSH_HOST", "DATABASE_URL", "MONGODB_URI", "REDIS_URL":
			hosts = append(hosts, a.Value.Value)
		}
	}
	if len(hosts) == 0 && ctx.Env["PGHOST"] != "" && (inv.Name == "psql" || inv.Name == "pgcli") {
		hosts = append(hosts, ctx.Env["PGHOST"])
	}
	for _, h := range hosts {
		if remoteStoreHost(h) {
			return h
		}
	}
	return ""
}

// storeProdMarker is prodMarker without the statements file's own name:
// sqlcmd -i 0042_add_production_index.sql names what the script is about,
// not the server it is sent to.
func storeProdMarker(inv *parse.Invocation, v *view, ctx *Context) string {
	m := prodMarker(inv, ctx)
	if m == "" {
		return ""
	}
	var files []string
	for i, f := range v.flags {
		name, val, has := strings.Cut(f, "=")
		if !has && v.hasVal(i) {
			val, has = v.vals[i], true
		}
		if has && statementFileFlag(v.name, name) {
			files = append(files, val, name+"="+val)
		}
	}
	if len(files) == 0 || !slices.Contains(files, m) {
		return m
	}
	mark := func(s string) bool { return !slices.Contains(files, s) && hasProdWord(s) }
	if m := wordMarker(inv, mark); m != "" {
		return m
	}
	for _, name := range prodEnv {
		if val := ctx.Env[name]; val != "" && hasProdWord(val) {
			return name + "=" + val
		}
	}
	return ""
}

// containerRemote reports whether inv runs in a container on this
// machine (docker exec, podman exec, docker compose exec).
func containerRemote(inv *parse.Invocation) bool {
	return slices.ContainsFunc(inv.Via, func(s string) bool {
		return strings.HasPrefix(s, "docker") || strings.HasPrefix(s, "podman") || strings.HasPrefix(s, "nerdctl")
	})
}

// remoteStoreHost reports whether a host, URL or connection string names
// a server that is not this machine or a development one: a host name
// with dots (redis.prod.internal, 10.0.0.5), or any name with a
// production word (prod-db). A single-label name (db, redis) is a
// service of a local compose file; a name only known at run time counts
// only with a production word ($PROD_DATABASE_URL).
func remoteStoreHost(h string) bool {
	if hasProdWord(h) {
		return true
	}
	if strings.ContainsAny(h, "$`") {
		return false
	}
	host := h
	if i := strings.Index(host, "://"); i >= 0 {
		scheme := strings.ToLower(host[:i])
		if strings.HasSuffix(scheme, "+srv") || scheme == "rediss" {
			return true // DNS seed lists and TLS: a hosted server
		}
		if u, err := url.Parse(host); err == nil {
			host = u.Hostname()
		}
	}
	for _, kv := range strings.Fields(h) {
		if v, ok := strings.CutPrefix(kv, "host="); ok {
			host = v
		}
	}
	if i := strings.LastIndexByte(host, ':'); i > 0 && !strings.Contains(host[:i], ":") {
		host = host[:i]
	}
	host = strings.Trim(strings.ToLower(host), "[]")
	switch {
	case host == "", strings.HasPrefix(host, "/"), localHost(host), strings.HasPrefix(host, "127."),
		host == "host.docker.internal", host == "." || host == "(local)", strings.HasPrefix(host, "tcp:localhost"):
		return false
	}
	if devHost(host) {
		return false
	}
	return strings.Contains(host, ".") || strings.Contains(host, ":")
}

// devHost reports whether a name holds a development word.
func devHost(s string) bool {
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9')
	}) {
		if wordlist.Has(devWords, w) {
			return true
		}
	}
	return false
}
