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
//     that replaces an existing database, PRUNE HISTORY ... AND DELETE,
//     PRUNE LOGFILE, and a configuration that gives up recovery
//     (db2ConfigLoss);
//   - ProxySQL's PROXYSQL KILL, SHUTDOWN, STOP or PAUSE on its admin port;
//   - ClickHouse's DETACH ... PERMANENTLY;
//   - Oracle's PURGE RECYCLEBIN, DBA_RECYCLEBIN, TABLE or TABLESPACE and
//     FLASHBACK DATABASE (which rolls the whole database back);
//   - SQL Server's DBCC ... REPAIR_ALLOW_DATA_LOSS and ALTER DATABASE ...
//     SET OFFLINE, SINGLE_USER or EMERGENCY;
//   - the log a point-in-time restore replays, given up (recoveryChainOff);
//   - SQL Server's BACKUP that writes over the backups already on its
//     media or throws the backup away (backupOverwrites).
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
		if word(1) == "LOGFILE" {
			// The archived logs a roll-forward needs, deleted.
			return "PRUNE LOGFILE", true
		}
	case "UPDATE":
		if d, ok := db2ConfigLoss(toks, i); ok {
			return d, true
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
	case "BACKUP":
		if d, ok := backupOverwrites(toks, i); ok {
			return d, true
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
		if d, ok := recoveryChainOff(toks, i); ok {
			return d, true
		}
	}
	return "", false
}

// backupOverwrites reports whether SQL Server's BACKUP DATABASE or BACKUP
// LOG at token i destroys backups: WITH FORMAT or INIT writes over the
// backup sets already in the file or on the tape (NOINIT, the default,
// appends); a backup written to the null device (DISK = 'NUL', 'NUL:',
// '/dev/null') keeps nothing, yet a log backup there truncates the log and
// breaks the chain of log backups, and a full one resets the base of the
// next differential; WITH TRUNCATE_ONLY or NO_LOG throws the log away.
// COPY_ONLY leaves the chain alone, so a copy-only backup to the null
// device passes.
func backupOverwrites(toks []sqlToken, i int) (string, bool) {
	kind := ""
	if i+1 < len(toks) && !toks[i+1].quoted {
		kind = toks[i+1].word
	}
	if kind != "DATABASE" && kind != "LOG" {
		return "", false
	}
	with, copyOnly, null := false, false, false
	for k := i + 2; k < len(toks) && toks[k].punct != ';'; k++ {
		t := toks[k]
		if t.quoted {
			continue
		}
		if t.word == "'" {
			switch strings.ToUpper(strings.TrimSpace(t.str)) {
			case "NUL", "NUL:", "/DEV/NULL":
				null = true
			}
			continue
		}
		switch t.word {
		case "WITH":
			with = true
		case "COPY_ONLY":
			copyOnly = with
		case "FORMAT", "INIT":
			if with {
				return "BACKUP " + kind + " ... WITH " + t.word + ", which writes over the backups already on the media", true
			}
		case "TRUNCATE_ONLY", "NO_LOG":
			if with && kind == "LOG" {
				return "BACKUP LOG ... WITH " + t.word + ", which throws the log away", true
			}
		}
	}
	if null && !copyOnly {
		return "BACKUP " + kind + " to the null device, which keeps nothing and breaks the backup chain", true
	}
	return "", false
}

// recoveryChainOff reports whether the ALTER statement at token i gives
// up the log that a point-in-time restore replays, so that only the last
// full backup can be restored: SQL Server's ALTER DATABASE ... SET
// RECOVERY SIMPLE (the log is truncated at each checkpoint and the chain
// of log backups ends), Oracle's ALTER DATABASE NOARCHIVELOG, and
// PostgreSQL's ALTER SYSTEM SET archive_mode = off.
func recoveryChainOff(toks []sqlToken, i int) (string, bool) {
	word := func(k int) string {
		if k < len(toks) && !toks[k].quoted {
			return toks[k].word
		}
		return ""
	}
	switch word(i + 1) {
	case "DATABASE":
		for k := i + 2; k < len(toks) && toks[k].punct != ';'; k++ {
			switch word(k) {
			case "NOARCHIVELOG":
				return "ALTER DATABASE NOARCHIVELOG", true
			case "RECOVERY":
				if word(k+1) == "SIMPLE" {
					return "ALTER DATABASE ... SET RECOVERY SIMPLE", true
				}
			}
		}
	case "SYSTEM":
		if word(i+2) != "SET" || word(i+3) != "ARCHIVE_MODE" {
			return "", false
		}
		k := i + 4
		if toks[min(k, len(toks)-1)].punct == '=' || word(k) == "TO" {
			k++
		}
		if k < len(toks) {
			v := toks[k].word
			if v == "'" {
				v = strings.ToUpper(toks[k].str)
			}
			if v == "OFF" || v == "FALSE" {
				return "ALTER SYSTEM SET archive_mode = off", true
			}
		}
	}
	return "", false
}

// db2ConfigLoss reports whether the statement at token i is DB2's UPDATE
// DB CFG ... USING KEY VALUE ... that gives up what a recovery needs:
// archive logging turned off (LOGARCHMETH1 OFF, LOGRETAIN OFF), so that
// no backup can be rolled forward, or the recovery history kept for no
// time, or for at most one backup while AUTO_DEL_REC_OBJ ON deletes the
// images and logs it no longer lists.
func db2ConfigLoss(toks []sqlToken, i int) (string, bool) {
	k := i + 1
	next := func() string {
		for k < len(toks) && toks[k].punct != ';' {
			t := toks[k]
			k++
			if t.word != "" {
				return t.word
			}
		}
		return ""
	}
	if w := next(); w != "DB" && w != "DATABASE" {
		return "", false
	}
	if w := next(); w != "CFG" && w != "CONFIGURATION" && w != "CONFIG" {
		return "", false
	}
	for w := next(); w != "USING"; w = next() {
		if w == "" {
			return "", false
		}
	}
	settings := map[string]string{}
	for key := next(); key != ""; key = next() {
		if key == "IMMEDIATE" || key == "DEFERRED" {
			continue
		}
		settings[key] = next()
	}
	switch {
	case settings["LOGARCHMETH1"] == "OFF":
		return "LOGARCHMETH1 OFF, which turns archive logging off", true
	case settings["LOGRETAIN"] == "OFF" || settings["LOGRETAIN"] == "NO":
		return "LOGRETAIN " + settings["LOGRETAIN"] + ", which turns archive logging off", true
	case settings["REC_HIS_RETENTN"] == "0":
		return "REC_HIS_RETENTN 0, which keeps no recovery history", true
	case settings["AUTO_DEL_REC_OBJ"] == "ON" && (settings["NUM_DB_BACKUPS"] == "0" || settings["NUM_DB_BACKUPS"] == "1"):
		return "AUTO_DEL_REC_OBJ ON with NUM_DB_BACKUPS " + settings["NUM_DB_BACKUPS"] + ", which deletes the older backups", true
	}
	return "", false
}
