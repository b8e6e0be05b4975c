package rules

import "strings"

// serverAdminStatement reports whether the statement starting at token i
// stops a database server or its pooler, throws every session off it,
// takes it offline, or deletes for good what could still be recovered:
//
//   - SHUTDOWN (Oracle's SHUTDOWN ABORT, SQL Server's SHUTDOWN WITH NOWAIT,
//     MySQL's SHUTDOWN, the admin consoles of pgbouncer and pgcat);
//   - a pooler's KILL, PAUSE, SUSPEND or DISABLE of a database (pgbouncer
//     KILL appdb); KILL of a numbered session or query stays everyday;
//   - DB2's FORCE APPLICATION, QUIESCE, DEACTIVATE DATABASE, a RESTORE
//     that replaces an existing database, PRUNE HISTORY ... AND DELETE;
//   - ProxySQL's PROXYSQL KILL, SHUTDOWN, STOP or PAUSE on its admin port;
//   - ClickHouse's DETACH ... PERMANENTLY;
//   - Oracle's PURGE RECYCLEBIN, DBA_RECYCLEBIN, TABLE or TABLESPACE and
//     FLASHBACK DATABASE (which rolls the whole database back);
//   - SQL Server's DBCC ... REPAIR_ALLOW_DATA_LOSS and ALTER DATABASE ...
//     SET OFFLINE, SINGLE_USER or EMERGENCY.
func serverAdminStatement(toks []sqlToken, i int) (string, bool) {
	word := func(k int) string {
		if i+k < len(toks) && !toks[i+k].quoted {
			return toks[i+k].word
		}
		return ""
	}
	// until reports whether a word appears before the statement ends.
	until := func(words ...string) string {
		for k := i + 1; k < len(toks) && toks[k].punct != ';'; k++ {
			if toks[k].quoted {
				continue
			}
			for _, w := range words {
				if toks[k].word == w {
					return w
				}
			}
		}
		return ""
	}
	switch word(0) {
	case "SHUTDOWN":
		return strings.TrimSpace("SHUTDOWN " + word(1)), true
	case "KILL":
		switch w := word(1); {
		case w == "":
			return "KILL of every client connection", true
		case w == "QUERY" || w == "CONNECTION" || w == "SESSION" || w == "STATS" || w == "MUTATION" ||
			w == "QUERY_ID" || allDigits(w):
			// MySQL KILL 123, KILL QUERY 123, SQL Server KILL 53 WITH
			// STATUSONLY, ClickHouse KILL QUERY WHERE ...: one session.
		case w == "ALL" || w == "APPLICATION" || w == "APPLICATIONS":
			return "KILL " + w, true
		default:
			return "KILL of database " + strings.ToLower(w), true
		}
	case "PROXYSQL":
		switch w := word(1); w {
		case "KILL", "SHUTDOWN", "STOP", "PAUSE":
			return "PROXYSQL " + w, true
		}
	case "PAUSE", "SUSPEND":
		return word(0) + " of the pooler's traffic", true
	case "DISABLE":
		if w := word(1); w != "" && w != "TRIGGER" && w != "TRIGGERS" {
			return "DISABLE " + strings.ToLower(w), true
		}
	case "FORCE":
		if w := word(1); w == "APPLICATION" || w == "APPLICATIONS" {
			return "FORCE APPLICATION", true
		}
	case "QUIESCE":
		return "QUIESCE " + word(1), true
	case "DEACTIVATE":
		if w := word(1); w == "DATABASE" || w == "DB" {
			return "DEACTIVATE DATABASE", true
		}
	case "RESTORE":
		if w := word(1); (w == "DATABASE" || w == "DB") && until("EXISTING") != "" && until("REPLACE") != "" {
			return "RESTORE DATABASE ... REPLACE EXISTING", true
		}
	case "PRUNE":
		if word(1) == "HISTORY" && until("DELETE") != "" {
			return "PRUNE HISTORY ... AND DELETE", true
		}
	case "DETACH":
		if until("PERMANENTLY") != "" {
			return "DETACH ... PERMANENTLY", true
		}
	case "PURGE":
		switch w := word(1); w {
		case "RECYCLEBIN", "DBA_RECYCLEBIN", "TABLE", "TABLESPACE":
			return "PURGE " + w, true
		}
	case "FLASHBACK":
		if word(1) == "DATABASE" || word(1) == "PLUGGABLE" {
			return "FLASHBACK DATABASE", true
		}
	case "DBCC":
		if until("REPAIR_ALLOW_DATA_LOSS") != "" {
			return "DBCC ... REPAIR_ALLOW_DATA_LOSS", true
		}
	case "ALTER":
		if word(1) == "DATABASE" && until("SET") != "" {
			if w := until("OFFLINE", "SINGLE_USER", "EMERGENCY"); w != "" {
				return "ALTER DATABASE ... SET " + w, true
			}
		}
	}
	return "", false
}
