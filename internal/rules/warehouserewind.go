package rules

import "strings"

// This file holds the rewinds of warehouse-history: statements that set a
// lake table back to an older state, so that every write made since
// vanishes for its readers, and the next expire_snapshots or VACUUM
// deletes those writes for good.
//
//   - Iceberg's rollback_to_snapshot, rollback_to_timestamp and
//     set_current_snapshot, called through Spark's CALL cat.system.x(...)
//     or Trino's ALTER TABLE ... EXECUTE x(...) and CALL.
//   - Delta's RESTORE [TABLE] t TO VERSION|TIMESTAMP AS OF ....
//
// A table with a throwaway name, or in a developer's schema, passes, as
// CREATE OR REPLACE does.

// icebergRewinds are the procedures that move a table's current
// snapshot back.
// Hudi's rollback_to_instant and rollback_to_savepoint do the same.
var icebergRewinds = [...]string{"rollback_to_snapshot", "rollback_to_timestamp", "set_current_snapshot", "rollback_to_instant", "rollback_to_savepoint"}

// rewoundTable says how a statement, as lower-case words f and their
// joined text s, sets a table back to an older state, or "".
func rewoundTable(f []string, s string, keep bool) string {
	if f[0] == "restore" && len(f) > 3 && strings.Contains(s, " as of") {
		name := f[1]
		if name == "table" {
			name = f[2]
		}
		if !keep && scratchRelation(strings.Trim(name, "`\"")) {
			return ""
		}
		return "RESTORE ... AS OF sets the Delta table back to an older version, and every write since leaves it"
	}
	if f[0] == "alter" && len(f) > 5 && f[1] == "table" && strings.Contains(s, " replace branch ") && strings.Contains(s, " as of ") {
		if !keep && scratchRelation(strings.Trim(f[2], "`\"")) {
			return ""
		}
		return "REPLACE BRANCH ... AS OF points the Iceberg branch at an older snapshot, and the writes made on it since leave it"
	}
	if f[0] == "call" && strings.Contains(s, "run_clean") {
		if n, ok := namedIntArg(s, "retain_commits"); ok && n <= 1 {
			return "run_clean keeping one commit or none deletes the file versions a Hudi rollback or time travel needs"
		}
	}
	if f[0] != "call" && (f[0] != "alter" || !strings.Contains(s, " execute ")) {
		return ""
	}
	for _, p := range icebergRewinds {
		i := strings.Index(s, p)
		if i < 0 {
			continue
		}
		if !keep && rewindScratch(f, s[i+len(p):]) {
			return ""
		}
		return p + " sets the Iceberg table back to an older snapshot, and every write since leaves it"
	}
	return ""
}

// rewindScratch reports whether the table a rewind names is a throwaway
// one: Trino's ALTER TABLE name, or the first quoted argument of a call
// (Spark's 'db.t', Trino's 'schema', 'table').
func rewindScratch(f []string, args string) bool {
	if f[0] == "alter" && len(f) > 2 && f[1] == "table" {
		return scratchRelation(strings.Trim(f[2], "`\""))
	}
	var names []string
	for _, part := range strings.Split(strings.TrimLeft(args, " ("), ",") {
		part = strings.TrimSpace(part)
		if _, v, ok := strings.Cut(part, "=>"); ok {
			part = strings.TrimSpace(v)
		}
		if !strings.HasPrefix(part, "'") {
			break
		}
		names = append(names, strings.Trim(part, "'\" )"))
	}
	if len(names) == 0 {
		return false
	}
	if len(names) >= 2 && !strings.Contains(names[0], ".") {
		return scratchRelation(names[0] + "." + names[1])
	}
	return scratchRelation(names[0])
}

// namedIntArg reads a procedure's integer argument key => n.
func namedIntArg(s, key string) (int, bool) {
	i := strings.Index(s, key)
	if i < 0 {
		return 0, false
	}
	v := strings.TrimLeft(s[i+len(key):], " =>")
	n, digits := 0, 0
	for ; digits < len(v) && v[digits] >= '0' && v[digits] <= '9'; digits++ {
		n = n*10 + int(v[digits]-'0')
	}
	return n, digits > 0
}
