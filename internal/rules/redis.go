package rules

import (
	"slices"
	"strconv"
	"strings"

	"github.com/guardsh/guard/internal/lazy"
	"github.com/guardsh/guard/internal/parse"
)

// The redis matcher reads the commands a Redis client (redis-cli,
// valkey-cli, keydb-cli) sends: on its command line after its own
// options (-h host, -a "$PASS", -n 3, --tls, -u URL), on stdin (a heredoc,
// a here-string, echo FLUSHALL |), in --pipe's protocol, through
// --cluster call, and the commands a Lua script given to EVAL calls. The
// same judgement serves text sent to a store's port with nc, telnet or
// socat (store-protocol, in storeproto.go).
//
// Two kinds of finding:
//
//   - all: the command empties a database or a whole value, or replaces
//     or stops the server (FLUSHALL, FLUSHDB, XTRIM ... MAXLEN 0,
//     SWAPDB, REPLICAOF, SHUTDOWN, CONFIG SET dir, FT.DROPINDEX ... DD);
//   - keys: the command deletes keys or members (DEL, UNLINK, HDEL,
//     EXPIRE ... 0, ZREMRANGEBYSCORE) on a server reached by name, URL,
//     password or TLS, or whose keys come from elsewhere (xargs, $(...)):
//     deleting a named key on the local default server is everyday work,
//     deleting keys on a shared one is not.

// redisTarget is what is known about the server a client talks to.
type redisTarget struct {
	// shared holds why the server is not the local default one, or "".
	shared string
	// numbered is set when the client names a loopback host and selects
	// a database other than the default one by -n (a test suite's
	// redis-cli -h 127.0.0.1 -n 15).
	numbered bool
}

// newRedis matches destructive Redis commands of the kinds in with.kinds.
func newRedis(with map[string]any) (matchFunc, error) {
	p := newParams(with)
	kinds := p.strings("kinds")
	if err := p.done(); err != nil {
		return nil, err
	}
	if err := oneOf(kinds, "all", "keys"); err != nil {
		return nil, err
	}
	want := map[string]bool{}
	for _, k := range kinds {
		want[k] = true
	}
	if len(want) == 0 {
		want["all"], want["keys"] = true, true
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		cmds, more := redisClientCommands(inv, v)
		t := redisClientTarget(inv, v)
		for _, c := range cmds {
			if d, ok := judgeRedis(c, more, t, want); ok {
				return d, true
			}
		}
		// --eval script.lua, when the command wrote the script.
		for i, f := range v.flags {
			if f == "--eval" && v.hasVal(i) {
				if script, ok := writtenText(inv, v.vals[i]); ok {
					return judgeLua(script, t, want)
				}
			}
		}
		return "", false
	}, nil
}

// redisClientCommands returns the commands a Redis client sends, and
// whether unknown arguments are appended to the one on its command line.
func redisClientCommands(inv *parse.Invocation, v *view) (cmds [][]string, more bool) {
	var ops []string
	dynamicKeys := false
	fromStdin := true
	args := inv.Args
	if inv.OwnArgs > 0 {
		args = args[:inv.OwnArgs]
	}
	for i := 1; i < len(args); i++ {
		a := args[i]
		if len(ops) == 0 && len(a.Value) > 1 && a.Value[0] == '-' && !a.Dynamic {
			f, _, attached := strings.Cut(a.Value, "=")
			takes := !attached && v.tool != nil && slices.Contains(v.tool.ValueFlags, f)
			switch {
			case f == "-x" || f == "-X":
				// The last argument, or the named one, is read from stdin.
				fromStdin = false
			case f == "--cluster" && takes && i+1 < len(args):
				// --cluster call HOST:PORT COMMAND... runs it on every node.
				switch strings.ToLower(args[i+1].Value) {
				case "call":
					i += 2
					continue
				case "del-node":
					cmds = append(cmds, []string{"CLUSTER", "FORGET"})
				case "fix", "reshard", "rebalance":
					// Slots moved between masters, or assigned anew by
					// fix: CLUSTER SETSLOT on every node it touches.
					cmds = append(cmds, []string{"CLUSTER", "SETSLOT"})
				}
				return cmds, false
			}
			if takes {
				i++
			}
			continue
		}
		ops = append(ops, a.Value)
		if a.Dynamic && (strings.Contains(a.Value, "$(") || strings.Contains(a.Value, "`")) || a.Glob {
			dynamicKeys = true
		}
	}
	if len(ops) > 0 {
		cmds = append(cmds, ops)
		return cmds, inv.MoreArgs || dynamicKeys
	}
	if fromStdin && inv.Stdin.Kind == parse.Known {
		cmds = append(cmds, redisTextCommands(inv.Stdin.Text)...)
	} else if fromStdin && inv.Stdin.File() != "" {
		// redis-cli < cmds.txt: the file's commands, when guard reads it.
		if text, ok := clientFile(inv, inv.Stdin.File()); ok {
			cmds = append(cmds, redisTextCommands(text)...)
		}
	}
	return cmds, false
}

// redisClientTarget says whether a client reaches a shared server.
func redisClientTarget(inv *parse.Invocation, v *view) redisTarget {
	if inv.Remote != "" {
		return redisTarget{shared: "on " + inv.Remote}
	}
	for _, a := range inv.Assigns {
		if a.Name == "REDISCLI_AUTH" {
			return redisTarget{shared: "on a server reached with a password"}
		}
	}
	numbered, loopback := false, false
	for i, f := range v.flags {
		name, val, has := strings.Cut(f, "=")
		if !has && v.hasVal(i) {
			val, has = v.vals[i], true
		}
		switch name {
		case "-a", "--pass", "--user", "--askpass":
			return redisTarget{shared: "on a server reached with a password"}
		case "--tls", "--cacert", "--cert", "--sni":
			return redisTarget{shared: "on a server reached over TLS"}
		case "-c":
			return redisTarget{shared: "on a cluster"}
		case "-h", "--host":
			if has && !localHost(val) {
				return redisTarget{shared: "on " + val}
			}
			loopback = has
		case "-u", "--uri":
			if has && !localURL(val) {
				return redisTarget{shared: "on " + clipText(val, 40)}
			}
		case "-n":
			numbered = has && val != "" && strings.Trim(val, "0123456789") == "" && strings.Trim(val, "0") != ""
		}
	}
	return redisTarget{numbered: numbered && loopback}
}

// localHost reports whether a host name is this machine.
func localHost(h string) bool {
	switch strings.ToLower(strings.Trim(h, "[]")) {
	case "localhost", "127.0.0.1", "::1", "0.0.0.0", "ip6-localhost":
		return true
	}
	return false
}

// localURL reports whether a redis:// URL names this machine, without a
// password.
func localURL(u string) bool {
	rest := u
	if i := strings.Index(rest, "://"); i >= 0 {
		if strings.HasPrefix(strings.ToLower(rest[:i]), "rediss") {
			return false
		}
		rest = rest[i+3:]
	}
	if strings.Contains(rest, "@") || strings.Contains(rest, "$") {
		return false
	}
	host := rest
	if i := strings.IndexAny(host, "/?"); i >= 0 {
		host = host[:i]
	}
	if i := strings.LastIndexByte(host, ':'); i >= 0 && !strings.HasSuffix(host, "]") {
		host = host[:i]
	}
	return localHost(host)
}

// redisTextCommands splits text sent to Redis into commands: inline
// commands, one a line, or the RESP protocol that --pipe sends.
func redisTextCommands(text string) [][]string {
	if strings.HasPrefix(strings.TrimLeft(text, " \r\n"), "*") {
		return respCommands(text)
	}
	var out [][]string
	for _, line := range strings.Split(text, "\n") {
		if w := splitRedisArgs(strings.TrimRight(line, "\r")); len(w) > 0 {
			out = append(out, w)
		}
	}
	return out
}

// respCommands reads RESP arrays of bulk strings: *2\r\n$3\r\nDEL\r\n...
func respCommands(text string) [][]string {
	var out [][]string
	var cur []string
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimRight(line, "\r")
		switch {
		case strings.HasPrefix(line, "*"):
			if len(cur) > 0 {
				out = append(out, cur)
			}
			cur = nil
		case strings.HasPrefix(line, "$"), line == "":
		default:
			cur = append(cur, line)
		}
	}
	if len(cur) > 0 {
		out = append(out, cur)
	}
	return out
}

// splitRedisArgs splits a line as redis-cli does: words separated by
// spaces, "double quotes" with backslash escapes, 'single quotes'.
func splitRedisArgs(line string) []string {
	var out []string
	for i := 0; i < len(line); {
		for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
			i++
		}
		if i >= len(line) {
			break
		}
		var b strings.Builder
		for i < len(line) && line[i] != ' ' && line[i] != '\t' {
			c := line[i]
			if c == '"' || c == '\'' {
				i++
				for i < len(line) && line[i] != c {
					if line[i] == '\\' && i+1 < len(line) {
						i++
					}
					b.WriteByte(line[i])
					i++
				}
				i++
				continue
			}
			b.WriteByte(c)
			i++
		}
		out = append(out, b.String())
	}
	return out
}

// redisKeyDeletes are commands that delete keys, or members of a key.
// Trimming a stream or list to a length (XTRIM MAXLEN 1000, LTRIM 0 99)
// is upkeep, and only trimming to nothing is judged.
var redisKeyDeletes = lazy.Value[map[string]bool]{Make: func() map[string]bool {
	return map[string]bool{"DEL": true, "UNLINK": true, "GETDEL": true, "HDEL": true,
		"SREM": true, "ZREM": true, "LREM": true, "XDEL": true, "JSON.DEL": true, "JSON.FORGET": true,
		"TS.DEL": true, "CF.DEL": true, "HGETDEL": true, "ZREMRANGEBYSCORE": true, "ZREMRANGEBYRANK": true,
		"ZREMRANGEBYLEX": true, "FT.DICTDEL": true, "FT.ALIASDEL": true,
		"MIGRATE": true}
}}

// redisConfigKeys are settings whose change loses data or locks clients
// out: where the data is saved, whether it is, what is evicted.
var redisConfigKeys = lazy.Value[map[string]bool]{Make: func() map[string]bool {
	return map[string]bool{"dir": true, "dbfilename": true, "appendonly": true,
		"appendfilename": true, "save": true, "maxmemory": true, "maxmemory-policy": true,
		"requirepass": true, "masterauth": true, "masteruser": true, "replicaof": true, "slaveof": true,
		"aclfile": true, "bind": true, "protected-mode": true, "rename-command": true}
}}

// judgeRedis describes a destructive command, when it is of a wanted
// kind. more says the command's arguments are not all on the line.
func judgeRedis(c []string, more bool, t redisTarget, want map[string]bool) (string, bool) {
	if len(c) == 0 {
		return "", false
	}
	name := strings.ToUpper(c[0])
	sub := ""
	if len(c) > 1 {
		sub = strings.ToUpper(c[1])
	}
	all := func(d string) (string, bool) {
		if !want["all"] {
			return "", false
		}
		return d, true
	}
	keys := func(d string) (string, bool) {
		if !want["keys"] {
			return "", false
		}
		switch {
		case more:
			return d + ", with keys only known when it runs", true
		case t.shared != "":
			return d + " " + t.shared, true
		}
		return "", false
	}
	switch name {
	case "FLUSHALL", "FLUSHDB":
		if name == "FLUSHDB" && t.shared == "" && t.numbered && !more {
			// redis-cli -n 15 flushdb on this machine: a numbered
			// database of the local server, as test suites use.
			return "", false
		}
		return all(name + " deletes every key")
	case "SWAPDB":
		return all("SWAPDB swaps two databases' data")
	case "SHUTDOWN":
		if sub == "NOSAVE" {
			return all("SHUTDOWN NOSAVE stops the server and loses what was not saved")
		}
		return all("SHUTDOWN stops the server")
	case "REPLICAOF", "SLAVEOF":
		if sub != "NO" {
			return all(name + " makes the server discard its data and copy another's")
		}
	case "DEBUG":
		switch sub {
		case "SEGFAULT", "RELOAD", "RESTART", "CRASH-AND-RECOVER", "FLUSHALL", "OOM", "PANIC", "LOADAOF":
			return all("DEBUG " + sub)
		}
	case "CLUSTER":
		switch sub {
		case "RESET", "FLUSHSLOTS", "FORGET", "DELSLOTS", "DELSLOTSRANGE", "SETSLOT", "FAILOVER":
			return all("CLUSTER " + sub)
		}
	case "CONFIG":
		if sub == "SET" && len(c) > 2 {
			for k := 2; k < len(c); k += 2 {
				if redisConfigKeys.Get()[strings.ToLower(c[k])] {
					return all("CONFIG SET " + strings.ToLower(c[k]) + " changes where or whether the data is kept")
				}
			}
		}
	case "SCRIPT", "FUNCTION":
		if sub == "FLUSH" {
			return all(name + " FLUSH deletes every stored script")
		}
		if name == "FUNCTION" && sub == "DELETE" {
			return keys("FUNCTION DELETE")
		}
	case "FT.DROPINDEX", "FT.DROP":
		if len(c) > 2 && strings.EqualFold(c[len(c)-1], "DD") || name == "FT.DROP" {
			return all(name + " deletes the index and its documents")
		}
		return keys(name + " drops a search index")
	case "GRAPH.DELETE":
		return all("GRAPH.DELETE deletes a whole graph")
	case "ACL":
		if sub == "DELUSER" {
			return keys("ACL DELUSER")
		}
	case "XGROUP":
		if sub == "DESTROY" || sub == "DELCONSUMER" {
			return keys("XGROUP " + sub)
		}
	case "XTRIM":
		if len(c) > 3 && redisZeroCap(c[2:]) {
			return all("XTRIM to nothing empties the stream")
		}
	case "LTRIM":
		if len(c) > 3 {
			start, e1 := strconv.Atoi(c[2])
			stop, e2 := strconv.Atoi(c[3])
			if e1 == nil && e2 == nil && (stop >= 0 && start > stop || start < 0 && stop < 0 && start > stop) {
				return all("LTRIM to an empty range deletes the list")
			}
		}
	case "ZREMRANGEBYRANK":
		if len(c) > 3 && c[2] == "0" && c[3] == "-1" {
			return all("ZREMRANGEBYRANK 0 -1 empties the sorted set")
		}
	case "ZREMRANGEBYSCORE", "ZREMRANGEBYLEX":
		if len(c) > 3 {
			lo, hi := strings.ToLower(strings.TrimLeft(c[2], "([")), strings.ToLower(strings.TrimLeft(c[3], "(["))
			if (lo == "-inf" || lo == "-") && (hi == "+inf" || hi == "inf" || hi == "+") {
				return all(name + " over the whole range empties the sorted set")
			}
		}
	case "EXPIRE", "PEXPIRE", "EXPIREAT", "PEXPIREAT", "SETEX", "PSETEX":
		if len(c) > 2 {
			if n, err := strconv.ParseInt(c[2], 10, 64); err == nil && redisExpiresNow(name, n) {
				return keys(name + " " + c[2] + " deletes the key at once")
			}
		}
		return "", false
	case "EVAL", "EVAL_RO", "EVALSHA", "FCALL":
		if len(c) > 1 && name == "EVAL" {
			return judgeLua(c[1], t, want)
		}
		return "", false
	}
	if redisKeyDeletes.Get()[name] {
		return keys(name)
	}
	return "", false
}

// redisZeroCap reports whether XTRIM's arguments trim to nothing:
// MAXLEN 0, MAXLEN ~ 0, MAXLEN = 0.
func redisZeroCap(args []string) bool {
	for i := 0; i < len(args)-1; i++ {
		if !strings.EqualFold(args[i], "MAXLEN") {
			continue
		}
		n := args[i+1]
		if (n == "~" || n == "=") && i+2 < len(args) {
			n = args[i+2]
		}
		return n == "0"
	}
	return false
}

// redisExpiresNow reports whether an expiry deletes the key at once: a
// time to live of zero or less, or a Unix time in the past.
func redisExpiresNow(cmd string, n int64) bool {
	switch cmd {
	case "EXPIREAT":
		return n < 1_000_000_000
	case "PEXPIREAT":
		return n < 1_000_000_000_000
	}
	return n <= 0
}

// judgeLua looks at the commands a Lua script given to EVAL calls:
// redis.call('FLUSHALL'), redis.call('del', ...) with keys the script
// finds itself.
func judgeLua(script string, t redisTarget, want map[string]bool) (string, bool) {
	lower := strings.ToLower(script)
	for _, call := range []string{"redis.call(", "redis.pcall(", "server.call(", "server.pcall("} {
		for rest := lower; ; {
			i := strings.Index(rest, call)
			if i < 0 {
				break
			}
			rest = strings.TrimLeft(rest[i+len(call):], " ")
			if rest == "" || rest[0] != '\'' && rest[0] != '"' {
				continue
			}
			end := strings.IndexByte(rest[1:], rest[0])
			if end < 0 {
				break
			}
			name := rest[1 : 1+end]
			if d, ok := judgeRedis([]string{name}, true, t, want); ok {
				return "EVAL script calls " + strings.ToUpper(name) + ": " + d, true
			}
		}
	}
	return "", false
}
