package rules

import (
	"net/url"
	"slices"
	"strings"

	"github.com/guardsh/guard/internal/parse"
	"github.com/guardsh/guard/internal/wordlist"
)

// Fresh stores: an agent often starts a throwaway store and empties it in
// the same command (docker run --rm -d --name r -p 6390:6379 redis:7 &&
// redis-cli -p 6390 FLUSHALL). The store is new and empty, so its flush,
// drop or delete destroys nothing a person would miss. A finding of the
// database, store, search, broker, verb or HTTP rules passes when an
// earlier invocation of the same command
//
//   - runs a detached container (docker, podman or nerdctl run -d) from a
//     store image (freshStoreImages: redis, postgres, mysql, mongo,
//     elasticsearch...), with no volume or mount that may hold data from
//     before (-v /srv/redis:/data, a named volume, --volumes-from) and not
//     on the host's network;
//   - is joined to the client by && only, at the top level, so that the
//     client runs only when the container started (a port already taken
//     makes docker run fail);
//   - and the client reaches that container: `docker exec NAME ...` with
//     the container's --name, or a store client (redis-cli, psql, mysql,
//     mongosh, curl...) aimed over TCP at loopback on a host port the
//     container publishes (-p 6390:6379).
//
// A different port, a remote host, a Unix socket (psql or mysql without
// a TCP host reach the host's server), or a container not started here
// keeps asking, as does anything marked production.

// freshStoreImages are the base names of images that start an empty
// data store.
const freshStoreImages = "redis redis-stack redis-stack-server valkey keydb dragonfly memcached postgres postgis pgvector " +
	"timescaledb mysql mariadb percona mongo mongodb-community-server elasticsearch opensearch " +
	"cassandra scylla clickhouse-server cockroach neo4j couchdb rabbitmq influxdb postgresql mongodb " +
	"mysql-server redis-cluster meilisearch typesense qdrant"

// freshStorePacks are the packs whose findings a fresh store makes
// harmless.
const freshStorePacks = "databases stores search brokers verbs http"

// relaxesFreshStore reports whether a finding of rule r may pass because
// the store it acts on was started by the same command.
func relaxesFreshStore(r *Rule) bool {
	return r.Severity < Critical && wordlist.Has(freshStorePacks, r.Pack)
}

// freshContainer is what a docker run of a store image started.
type freshContainer struct {
	tool  string
	name  string
	ports []string
}

// runValueOptions are the options of docker run that take the next word
// as their value.
const runValueOptions = "-p --publish --name -e --env --env-file -l --label -w --workdir -u --user -h --hostname -m " +
	"--memory --cpus --platform --restart --entrypoint --network --net --health-cmd --health-interval " +
	"--shm-size --ulimit --add-host --tmpfs --pull --stop-timeout --network-alias"

// startedStore reads a docker run of a store image, or reports false.
func startedStore(c *parse.Invocation) (freshContainer, bool) {
	fc := freshContainer{tool: c.Name}
	switch c.Name {
	case "docker", "podman", "nerdctl":
	default:
		return fc, false
	}
	own := c.Own()
	i := 1
	if i < len(own) && own[i].Value == "container" {
		i++
	}
	if i >= len(own) || own[i].Value != "run" {
		return fc, false
	}
	if slices.ContainsFunc(own, func(w parse.Word) bool { return hasProdWord(w.Value) }) {
		return fc, false
	}
	detached, image := false, ""
	for i++; i < len(own) && image == ""; i++ {
		w := own[i]
		if w.Dynamic || w.Glob {
			return fc, false
		}
		opt, val, has := strings.Cut(w.Value, "=")
		if !strings.HasPrefix(opt, "-") {
			image = w.Value
			break
		}
		switch opt {
		case "-v", "--volume", "--mount", "--volumes-from", "--privileged":
			if opt != "-v" && opt != "--volume" || has || i+1 >= len(own) || strings.Contains(own[i+1].Value, ":") {
				return fc, false
			}
			i++
			continue
		case "-d", "--detach", "-d=true", "--detach=true":
			detached = true
			continue
		}
		if strings.HasPrefix(opt, "--") || len(opt) == 2 {
			if !has && wordlist.Has(runValueOptions, opt) {
				if i+1 >= len(own) || own[i+1].Dynamic {
					return fc, false
				}
				i++
				val = own[i].Value
			}
		} else if strings.ContainsAny(opt[1:], "vp") {
			// A cluster of short flags (-dit) may not hide a volume or a
			// port whose value would be read as the image.
			return fc, false
		} else if strings.Contains(opt, "d") {
			detached = true
		}
		switch opt {
		case "-p", "--publish":
			if p := hostPort(val); p != "" {
				fc.ports = append(fc.ports, p)
			}
		case "--name":
			fc.name = val
		case "--network", "--net":
			if val == "host" {
				return fc, false
			}
		}
	}
	if !detached || !storeImage(image) {
		return fc, false
	}
	return fc, true
}

// hostPort returns the host port of a -p value (6390:6379,
// 127.0.0.1:6390:6379/tcp), or "" when docker picks it.
func hostPort(v string) string {
	v, _, _ = strings.Cut(v, "/")
	parts := strings.Split(v, ":")
	if len(parts) < 2 {
		return ""
	}
	if len(parts) == 3 && parts[0] != "127.0.0.1" && parts[0] != "0.0.0.0" && parts[0] != "" {
		return ""
	}
	p := parts[len(parts)-2]
	if p == "" || strings.Trim(p, "0123456789") != "" {
		return ""
	}
	return p
}

// storeImage reports whether an image reference names a store image.
func storeImage(ref string) bool {
	if ref == "" || hasProdWord(ref) {
		return false
	}
	base := ref[strings.LastIndex(ref, "/")+1:]
	base, _, _ = strings.Cut(base, "@")
	base, _, _ = strings.Cut(base, ":")
	return wordlist.Has(freshStoreImages, strings.ToLower(base))
}

// loopbackHost reports whether a host name is this machine over TCP, at
// the address a published port listens on (another 127.x address may
// hold a server of its own).
func loopbackHost(h string) bool {
	h = strings.Trim(strings.ToLower(h), "[]")
	return h == "localhost" || h == "::1" || h == "127.0.0.1"
}

// freshStoreTarget reports whether inv acts on a store an earlier step of
// the same command started.
func freshStoreTarget(inv *parse.Invocation, ctx *Context) bool {
	if inv.MoreArgs {
		return false
	}
	for e := range strings.FieldsSeq(endpointEnv) {
		// Another engine publishes its ports on another machine.
		if ctx.Env[e] != "" {
			return false
		}
	}
	for i := len(ctx.before) - 1; i >= 0; i-- {
		c := ctx.before[i]
		if c.Remote != "" || len(c.Via) > 0 || len(c.Assigns) > 0 {
			continue
		}
		fc, ok := startedStore(c)
		if !ok || !andAfter(ctx, c, topLevel(inv, ctx)) {
			continue
		}
		if inv.Remote != "" {
			if fc.name != "" && inv.Remote == "container "+fc.name && len(inv.Via) > 0 && strings.HasPrefix(inv.Via[0], fc.tool+" exec ") {
				return true
			}
			continue
		}
		if len(inv.Via) == 0 && slices.Contains(fc.ports, clientPort(inv, ctx)) {
			return true
		}
	}
	return false
}

// topLevel returns the top-level invocation of the command that runs
// inv: inv itself, or the one whose text holds a nested inv.
func topLevel(inv *parse.Invocation, ctx *Context) *parse.Invocation {
	if len(inv.Via) == 0 {
		return inv
	}
	for i := len(ctx.before) - 1; i >= 0; i-- {
		c := ctx.before[i]
		if len(c.Via) == 0 && c.Pos.Offset >= 0 && c.Pos.Offset <= inv.Pos.Offset && inv.Pos.Offset < c.Pos.Offset+len(c.Text) {
			return c
		}
	}
	return inv
}

// andAfter reports whether inv, or the top-level command that runs it,
// follows c at the top level joined by && only.
func andAfter(ctx *Context, c, inv *parse.Invocation) bool {
	start := c.Pos.Offset + len(c.Text)
	end := inv.Pos.Offset
	if c.Pos.Offset < 0 || start > end || end > len(ctx.text) || ctx.text[c.Pos.Offset:start] != c.Text {
		return false
	}
	if !strings.HasPrefix(ctx.text[end:], inv.Text) {
		return false
	}
	gap := ctx.text[start:end]
	if strings.Contains(gap, "||") {
		return false
	}
	gap = strings.ReplaceAll(gap, "&&", "")
	return !strings.ContainsAny(gap, ";&|\n(){}`$<>") && !hasKeyword(gap)
}

// clientPort returns the loopback TCP port a store client connects to,
// or "" when it may reach anything else.
func clientPort(inv *parse.Invocation, ctx *Context) string {
	args := inv.Own()
	for _, a := range inv.Assigns {
		if strings.HasSuffix(a.Name, "HOST") || strings.HasSuffix(a.Name, "PORT") || strings.HasSuffix(a.Name, "URL") || strings.HasSuffix(a.Name, "URI") {
			return ""
		}
	}
	var host, port, defPort string
	hostOpts, portOpts := []string{"-h", "--host"}, []string{"-p", "--port"}
	needHost := false
	switch inv.Name {
	case "redis-cli", "valkey-cli", "keydb-cli":
		host, defPort = "127.0.0.1", "6379"
	case "psql", "pg_restore", "dropdb", "createdb":
		defPort, needHost = "5432", true
		if ctx.Env["PGHOST"] != "" || ctx.Env["PGPORT"] != "" || ctx.Env["PGSERVICE"] != "" {
			return ""
		}
	case "mysql", "mariadb", "mysqladmin":
		defPort, needHost = "3306", true
		portOpts = []string{"-P", "--port"}
		if ctx.Env["MYSQL_HOST"] != "" || ctx.Env["MYSQL_TCP_PORT"] != "" {
			return ""
		}
	case "mongosh", "mongo":
		host, defPort = "127.0.0.1", "27017"
		hostOpts = []string{"--host"}
		portOpts = []string{"--port"}
	case "curl", "http", "https", "xh", "wget":
		return urlPort(args)
	default:
		return ""
	}
	for i := 1; i < len(args); i++ {
		w := args[i]
		if w.Dynamic {
			return ""
		}
		v := w.Value
		opt, val, has := strings.Cut(v, "=")
		isHost, isPort := slices.Contains(hostOpts, opt), slices.Contains(portOpts, opt)
		if !has && len(opt) > 2 && opt[0] == '-' && opt[1] != '-' {
			// Attached short values: -h127.0.0.1, -P3307.
			if slices.Contains(hostOpts, opt[:2]) {
				isHost, val, has = true, opt[2:], true
			} else if slices.Contains(portOpts, opt[:2]) {
				isPort, val, has = true, opt[2:], true
			}
		}
		if (isHost || isPort) && !has {
			if i+1 >= len(args) || args[i+1].Dynamic {
				return ""
			}
			i++
			val = args[i].Value
		}
		switch {
		case isHost:
			h, p, hasPort := strings.Cut(val, ":")
			host = h
			if hasPort {
				port = p
			}
		case isPort:
			port = val
		case opt == "-u" || opt == "--uri" || strings.Contains(v, "://"):
			if strings.HasPrefix(opt, "-") && !has && !strings.Contains(v, "://") {
				if i+1 >= len(args) {
					return ""
				}
				i++
				v = args[i].Value
			}
			if !strings.Contains(v, "://") {
				continue
			}
			u, err := url.Parse(v)
			if err != nil || u.Hostname() == "" {
				return ""
			}
			host, port = u.Hostname(), u.Port()
		case strings.Contains(v, "host="):
			return ""
		}
	}
	if host == "" && needHost || !loopbackHost(host) {
		return ""
	}
	if inv.Name != "psql" && needHost && host == "localhost" && !slices.ContainsFunc(args, func(w parse.Word) bool { return strings.EqualFold(w.Value, "--protocol=tcp") }) {
		// mysql reaches localhost through the host server's socket.
		return ""
	}
	if port == "" {
		port = defPort
	}
	return port
}

// urlPort returns the port of the only loopback URL an HTTP client
// names, or "".
func urlPort(args []parse.Word) string {
	port := ""
	for _, w := range args[1:] {
		v := w.Value
		if strings.HasPrefix(v, "-") {
			continue
		}
		if !strings.Contains(v, "://") {
			if h, _, ok := strings.Cut(strings.SplitN(v, "/", 2)[0], ":"); ok && loopbackHost(h) {
				v = "http://" + v
			} else {
				continue
			}
		}
		u, err := url.Parse(v)
		if err != nil || w.Dynamic || !loopbackHost(u.Hostname()) || u.Port() == "" || port != "" && port != u.Port() {
			return ""
		}
		port = u.Port()
	}
	return port
}
