package rules

import (
	"strings"

	"github.com/guardsh/guard/internal/lazy"
)

// sqlAdminCalls are server functions whose call destroys data or changes
// which server is the primary, by the way they are called: "one" asks for
// any call, "rows" only for a call applied to the rows of a FROM (every
// backend of pg_stat_activity, every large object of a table), since one
// backend ended or one object unlinked by its id is everyday work.
var sqlAdminCalls = lazy.Value[map[string]string]{Make: func() map[string]string {
	return map[string]string{
		"PG_DROP_REPLICATION_SLOT": "one", "PG_PROMOTE": "one", "PG_REPLICATION_ORIGIN_DROP": "one",
		"PG_TERMINATE_BACKEND": "rows", "LO_UNLINK": "rows", "PG_FILE_UNLINK": "one",
		"SP_DETACH_DB": "one", "SP_DROPSERVER": "one",
	}
}}

// sqlAdminStatement reports whether the statement starting at token i
// destroys a server's history or replication state: MySQL's PURGE BINARY
// LOGS and RESET MASTER / REPLICA / SLAVE / BINARY LOGS, ClickHouse's
// SYSTEM DROP REPLICA, the replication protocol's DROP_REPLICATION_SLOT, a
// failover forced on an availability group or a standby activated.
func sqlAdminStatement(toks []sqlToken, i int) (string, bool) {
	word := func(k int) string {
		if i+k < len(toks) && !toks[i+k].quoted {
			return toks[i+k].word
		}
		return ""
	}
	if d, ok := serverAdminStatement(toks, i); ok {
		return d, true
	}
	switch word(0) {
	case "PURGE":
		if w := word(1); w == "BINARY" || w == "MASTER" {
			return "PURGE " + w + " LOGS", true
		}
	case "RESET":
		switch w := word(1); w {
		case "MASTER", "REPLICA", "SLAVE", "BINARY":
			if word(2) == "ALL" {
				return "RESET " + w + " ALL", true
			}
			return "RESET " + w, true
		}
	case "SYSTEM":
		if word(1) == "DROP" && word(2) == "REPLICA" {
			return "SYSTEM DROP REPLICA", true
		}
	case "DROP_REPLICATION_SLOT":
		return "DROP_REPLICATION_SLOT", true
	case "ALTER":
		for k := i + 1; k < len(toks) && toks[k].punct != ';'; k++ {
			switch toks[k].word {
			case "FAILOVER", "FORCE_FAILOVER_ALLOW_DATA_LOSS", "ACTIVATE", "SWITCHOVER":
				if !toks[k].quoted {
					return "ALTER ... " + toks[k].word, true
				}
			}
		}
	}
	return "", false
}

// sqlAdminCall reports whether token i calls a function of sqlAdminCalls
// in a way that destroys: any call of a "one" function, a "rows" function
// in a statement that reads a FROM at its depth.
func sqlAdminCall(toks []sqlToken, i int) (string, bool) {
	t := toks[i]
	if t.quoted || i+1 >= len(toks) || toks[i+1].punct != '(' {
		return "", false
	}
	name := t.word
	if k := strings.LastIndexByte(name, '.'); k >= 0 {
		name = name[k+1:] // pg_catalog.pg_promote()
	}
	how := sqlAdminCalls.Get()[name]
	switch how {
	case "one":
		return strings.ToLower(name) + "()", true
	case "rows":
		for k := i + 2; k < len(toks); k++ {
			u := toks[k]
			if u.punct == ';' || u.depth < t.depth {
				break
			}
			if u.depth == t.depth && u.word == "FROM" && !u.quoted {
				return strings.ToLower(name) + "() over the rows of a query", true
			}
		}
	}
	return "", false
}

// scanAdmin finds the first call or statement of sqlAdminStatement and
// sqlAdminCall in tokens.
func scanAdmin(toks []sqlToken) (string, bool) {
	for i := range toks {
		if toks[i].word == "" || toks[i].quoted {
			continue
		}
		if startsStatement(toks, i) {
			if d, ok := sqlAdminStatement(toks, i); ok {
				return d, true
			}
		}
		if d, ok := sqlAdminCall(toks, i); ok {
			return d, true
		}
	}
	return "", false
}
