package rules

import (
	"regexp"
	"strings"

	"github.com/guardsh/guard/internal/lazy"
	"github.com/guardsh/guard/internal/parse"
	"github.com/guardsh/guard/internal/wordlist"
)

// A server's settings changed by a statement rather than an option: a
// SQL or CQL client that runs ALTER SYSTEM SET fsync = off (PostgreSQL),
// SET GLOBAL or SET PERSIST innodb_flush_log_at_trx_commit = 0 (MySQL),
// ALTER DATABASE or ROLE ... SET, or ALTER TABLE and ALTER KEYSPACE ...
// WITH default_time_to_live = 60 AND ... (Cassandra). The settings are
// read into the same model as an option's (safeguards.go), so that the
// keys of a rule judge them. A session's own SET, which lasts as long as
// the connection, and a CREATE, whose object holds no data yet, are not
// read.

// sqlClients are the programs whose statements are read for settings.
const sqlClients = "psql mysql mariadb cqlsh cockroach clickhouse-client sqlcmd yb-ysqlsh ysqlsh ycqlsh"

// sqlSetRe finds a server-wide SET: the statement's head, then the key
// and its value.
var sqlSetRe = lazy.Value[*regexp.Regexp]{Make: func() *regexp.Regexp {
	return regexp.MustCompile(`(?is)\b(?:alter\s+system\s+set|set\s+(?:global|persist|persist_only)\s+|set\s+@@(?:global|persist|persist_only)\.|alter\s+(?:database|role|user)\s+\S+\s+set)\s*([a-z_][\w.]*)\s*(?:=|\bto\b)\s*('[^']*'|"[^"]*"|[^\s;,)]+)`)
}}

// cqlWithRe finds an ALTER TABLE or ALTER KEYSPACE ... WITH clause,
// up to the end of the statement.
var cqlWithRe = lazy.Value[*regexp.Regexp]{Make: func() *regexp.Regexp {
	return regexp.MustCompile(`(?is)\balter\s+(?:table|keyspace|columnfamily|materialized\s+view)\s+\S+\s+with\s+([^;]*)`)
}}

// cqlOptionRe reads one option of a WITH clause: key = value.
var cqlOptionRe = lazy.Value[*regexp.Regexp]{Make: func() *regexp.Regexp {
	return regexp.MustCompile(`(?is)(?:^|\band\s+)([a-z_][\w.]*)\s*=\s*('[^']*'|[^\s;,{}]+)`)
}}

// sqlSettings appends the server-wide settings that a SQL or CQL
// client's statements make to out.
func sqlSettings(inv *parse.Invocation, v *view, stems []string, out []setting) []setting {
	if !wordlist.Has(sqlClients, inv.Name) {
		return out
	}
	for _, text := range clientTexts(inv, v) {
		if len(out) >= maxSettings || !mentionsStem(text, stems) {
			continue
		}
		for _, m := range sqlSetRe.Get().FindAllStringSubmatch(text, 8) {
			out = append(out, setting{path: splitKey(m[1], nil), key: m[1], value: strings.Trim(m[2], `'"`)})
		}
		for _, m := range cqlWithRe.Get().FindAllStringSubmatch(text, 8) {
			for _, o := range cqlOptionRe.Get().FindAllStringSubmatch(strings.TrimSpace(m[1]), 8) {
				out = append(out, setting{path: splitKey(o[1], nil), key: o[1], value: strings.Trim(o[2], `'"`)})
			}
		}
	}
	return out
}
