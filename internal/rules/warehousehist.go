package rules

import (
	"slices"
	"strings"
	"time"

	"github.com/guardsh/guard/internal/parse"
)

// This file holds the warehouse-history matcher: warehouse SQL that
// deletes data without a DROP or a DELETE, by replacing a table or by
// taking away the history that would bring it back.
//
//   - CREATE OR REPLACE TABLE, SCHEMA or DATABASE (Snowflake, Databricks,
//     BigQuery, DuckDB) and Spark's REPLACE TABLE put a new, usually
//     empty, object where the old one was. A view, a function, a
//     temporary table or a throwaway name (tmp_orders) passes.
//   - DATA_RETENTION_TIME_IN_DAYS = 0 ends Snowflake's time travel, so a
//     dropped table can no longer be undropped; Delta's
//     delta.deletedFileRetentionDuration or delta.logRetentionDuration of
//     a day or less does the same for Delta tables.
//   - Delta's VACUUM ... RETAIN n HOURS below the 168 hours Delta itself
//     insists on deletes the files time travel and running readers need.
//     VACUUM with its default retention, or DRY RUN, passes.
//   - Iceberg's expire_snapshots and remove_orphan_files (Trino's ALTER
//     TABLE ... EXECUTE, Spark's CALL ... system.) with a retention of a
//     day or less, or an older_than of now or a time within the last day,
//     delete every snapshot to roll back to. Their default retention
//     passes.
//   - Snowflake's REMOVE @stage deletes the staged files.

// warehouseStageWords start a statement that deletes staged files.
var warehouseStageWords = [...]string{"remove @", "rm @"}

// deltaRetentionKeys are Delta table properties whose shortening deletes
// history.
var deltaRetentionKeys = [...]string{"delta.deletedfileretentionduration", "delta.logretentionduration"}

// deltaVacuumFloor is the retention Delta's own check insists on.
const deltaVacuumFloor = 168 * time.Hour

func newWarehouseHistory(with map[string]any) (matchFunc, error) {
	p := newParams(with)
	if err := p.done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		if inMemory(inv, v, sqlTexts(inv, v)) {
			return "", false
		}
		keep := keepMarker(inv, ctx) != ""
		if !keep && localFileDB(inv, v) {
			// CREATE OR REPLACE in a local DuckDB file rebuilds a table
			// from its files, and DuckDB has no time travel to delete.
			return "", false
		}
		for _, a := range inv.Own()[1:] {
			if a.Dynamic || len(a.Value) < 8 {
				continue
			}
			if why := warehouseHistory(strings.ToLower(a.Value), keep, time.Now()); why != "" {
				return why, true
			}
		}
		if inv.Stdin.Kind == parse.Known {
			if why := warehouseHistory(strings.ToLower(inv.Stdin.Text), keep, time.Now()); why != "" {
				return why, true
			}
		}
		return "", false
	}, nil
}

// warehouseHistory says which statement of lower-case SQL text replaces a
// table or deletes its history, or "". keep says that the command marks
// production or a lasting thing, so that no name counts as throwaway.
func warehouseHistory(sql string, keep bool, now time.Time) string {
	for _, stmt := range strings.Split(sql, ";") {
		f := strings.Fields(stmt)
		if len(f) == 0 {
			continue
		}
		if why := replacedObject(f, keep); why != "" {
			return why
		}
		if why := overwrittenTable(f, keep); why != "" {
			return why
		}
		s := strings.Join(f, " ")
		if why := rewoundTable(f, s, keep); why != "" {
			return why
		}
		if why := expiringTable(s, now); why != "" {
			return why
		}
		for _, w := range warehouseStageWords {
			if strings.HasPrefix(s, w) {
				return "REMOVE deletes the files in a stage"
			}
		}
		if why := retentionOff(s); why != "" {
			return why
		}
		if why := shortVacuum(f); why != "" {
			return why
		}
		if why := expiredSnapshots(s, now); why != "" {
			return why
		}
	}
	return ""
}

// replacedObject reads CREATE OR REPLACE [kind...] TABLE|SCHEMA|DATABASE
// name and REPLACE TABLE name from a statement's words.
func replacedObject(f []string, keep bool) string {
	var rest []string
	switch {
	case len(f) > 3 && f[0] == "create" && f[1] == "or" && f[2] == "replace":
		rest = f[3:]
	case len(f) > 2 && f[0] == "replace" && f[1] == "table":
		rest = f[1:]
	default:
		return ""
	}
	for i, w := range rest {
		switch w {
		case "temporary", "temp", "volatile", "local", "global":
			return ""
		case "transient", "secure", "dynamic", "iceberg", "external", "hybrid", "event", "or", "replace":
			continue
		case "stage":
			// An internal stage holds its files, and a new one starts
			// empty; an external stage (URL =) only points at a bucket.
			if slices.ContainsFunc(rest, func(w string) bool { return strings.HasPrefix(w, "url") }) {
				return ""
			}
			return "CREATE OR REPLACE STAGE puts a new, empty internal stage where the old one was, and its files go with it"
		case "table", "schema", "database":
			name := ""
			if i+1 < len(rest) {
				name = strings.Trim(rest[i+1], "`\"'(")
			}
			if name != "" && !keep && scratchRelation(name) {
				return ""
			}
			return "CREATE OR REPLACE " + strings.ToUpper(w) + " puts a new " + w + " where the old one was, and its data goes with it"
		}
		return ""
	}
	return ""
}

// scratchRelation reports whether a table's name, with its schema and
// database, is a throwaway one (scratch.tmp_dedup, tmp_orders) or lives
// in a developer's schema (dev, dev_alice).
func scratchRelation(name string) bool {
	if throwawayName(name) {
		return true
	}
	parts := strings.Split(name, ".")
	for _, q := range parts[:len(parts)-1] {
		q = strings.Trim(q, "`\"")
		if q == "dev" || q == "development" || strings.HasPrefix(q, "dev_") {
			return true
		}
	}
	return false
}

// localFileDB reports whether a client's statements run in a database
// file on this machine that the statements rebuild from their sources,
// as duckdb's CREATE OR REPLACE TABLE t AS SELECT * FROM 'data.csv'
// idiom does; MotherDuck (md:) is a remote service.
func localFileDB(inv *parse.Invocation, v *view) bool {
	if inv.Name != "duckdb" || inv.MoreArgs {
		return false
	}
	if len(v.operands) == 0 {
		return true
	}
	db := v.operands[0]
	return !db.Dynamic && !strings.HasPrefix(db.Value, "md:") && !strings.HasPrefix(db.Value, "motherduck:")
}

// retentionOff reads a Snowflake retention of 0 days, or a Delta history
// retention of a day or less, from a statement.
func retentionOff(s string) string {
	if i := strings.Index(s, "data_retention_time_in_days"); i >= 0 {
		v := strings.TrimLeft(s[i+len("data_retention_time_in_days"):], " =")
		if v != "" && v[0] == '0' && (len(v) == 1 || v[1] < '0' || v[1] > '9') {
			return "DATA_RETENTION_TIME_IN_DAYS = 0 ends time travel, so what is dropped or changed can no longer be brought back"
		}
	}
	for _, k := range deltaRetentionKeys {
		i := strings.Index(s, k)
		if i < 0 {
			continue
		}
		if d, ok := sqlInterval(s[i+len(k):]); ok && d <= 24*time.Hour {
			return "a Delta history retention of a day or less lets VACUUM delete the files time travel needs"
		}
	}
	return ""
}

// shortVacuum reads Delta's VACUUM ... RETAIN n HOURS below Delta's floor.
func shortVacuum(f []string) string {
	if f[0] != "vacuum" {
		return ""
	}
	for i := 1; i+1 < len(f); i++ {
		if f[i] == "dry" && f[i+1] == "run" {
			return ""
		}
	}
	for i := 1; i+2 < len(f); i++ {
		if f[i] != "retain" || !strings.HasPrefix(f[i+2], "hour") {
			continue
		}
		d, ok := parseRetention(strings.SplitN(f[i+1], ".", 2)[0], time.Hour)
		if !ok || d < deltaVacuumFloor {
			return "VACUUM with a retention under 168 hours deletes the files that time travel and running readers still need"
		}
	}
	return ""
}

// expiredSnapshots reads an Iceberg expire_snapshots or
// remove_orphan_files call whose retention leaves nothing to roll back to.
func expiredSnapshots(s string, now time.Time) string {
	proc := ""
	for _, p := range [...]string{"expire_snapshots", "remove_orphan_files"} {
		if strings.Contains(s, p) {
			proc = p
			break
		}
	}
	if proc == "" {
		return ""
	}
	why := proc + " with a retention of a day or less deletes the snapshots and files a rollback needs"
	if i := strings.Index(s, "retention_threshold"); i >= 0 {
		v := strings.TrimLeft(s[i+len("retention_threshold"):], " =>'\"")
		if j := strings.IndexAny(v, "'\" ,)"); j >= 0 {
			v = v[:j]
		}
		if d, ok := parseRetention(v, 24*time.Hour); !ok || d <= 24*time.Hour {
			return why
		}
	}
	if i := strings.Index(s, "older_than"); i >= 0 {
		if recentCutoff(s[i+len("older_than"):], now) {
			return why
		}
		return ""
	}
	if strings.HasPrefix(s, "call ") {
		args := s[strings.Index(s, proc)+len(proc):]
		if recentCutoff(args, now) || shortDurationArg(args) {
			return why
		}
	}
	return ""
}

// shortDurationArg reports whether a procedure's positional arguments
// hold a quoted duration ('0s', '12h', '1d') of a day or less.
func shortDurationArg(args string) bool {
	for _, part := range strings.Split(args, ",") {
		v := strings.Trim(strings.TrimSpace(part), "()'\" ")
		if v == "" || v[0] < '0' || v[0] > '9' || v[len(v)-1] >= '0' && v[len(v)-1] <= '9' {
			continue
		}
		if d, ok := parseRetention(v, 24*time.Hour); ok && d <= 24*time.Hour {
			return true
		}
	}
	return false
}

// overwrittenTable reads Hive and Spark's INSERT OVERWRITE [TABLE] name
// with no PARTITION clause, which replaces every row of the table; one
// that names its partitions replaces those alone and passes, and so does
// INSERT OVERWRITE DIRECTORY, which writes files, and a table with a
// throwaway name unless keep.
func overwrittenTable(f []string, keep bool) string {
	if len(f) < 3 || f[0] != "insert" || f[1] != "overwrite" || f[2] == "directory" || f[2] == "local" {
		return ""
	}
	name := f[2]
	if name == "table" && len(f) > 3 {
		name = f[3]
	}
	if !keep && scratchRelation(strings.Trim(name, "`\"(")) {
		return ""
	}
	for _, w := range f[2:] {
		if w == "partition" || strings.HasPrefix(w, "partition(") {
			return ""
		}
		if w == "select" || w == "values" || w == "from" || w == "with" {
			break
		}
	}
	return "INSERT OVERWRITE with no PARTITION replaces every row of the table"
}

// recentCutoff reports whether the first time in text (a TIMESTAMP
// literal, now(), current_timestamp) is within the last day or later.
func recentCutoff(text string, now time.Time) bool {
	if end := strings.IndexByte(text, ')'); end >= 0 && !strings.Contains(text[:end], "(") {
		text = text[:end]
	}
	for _, n := range [...]string{"current_timestamp", "now()", "localtimestamp"} {
		if i := strings.Index(text, n); i >= 0 {
			if d, ok := sqlInterval(text[i:]); ok && strings.Contains(text[i:], "-") {
				return d <= 24*time.Hour
			}
			return true
		}
	}
	v := strings.TrimLeft(text, " =>")
	if i := strings.Index(v, "timestamp"); i >= 0 {
		v = v[i+len("timestamp"):]
	} else if !strings.HasPrefix(v, "'") && !strings.HasPrefix(v, "\"") {
		return false
	}
	v = strings.TrimLeft(v, " '\"")
	if len(v) < 10 {
		return true
	}
	t, err := time.Parse("2006-01-02", v[:10])
	if err != nil {
		return true
	}
	return !t.Before(now.Add(-48 * time.Hour))
}

// newCodeWarehouse matches the statements of warehouse-history handed to
// a database driver in interpreter code: spark.sql("VACUUM t RETAIN 0
// HOURS"), cursor.execute("CREATE OR REPLACE TABLE ..."). with.calls,
// client_calls and not_roots are read as code-sql reads them.
func newCodeWarehouse(with map[string]any) (matchFunc, error) {
	p := newParams(with)
	calls := lowerAll(p.strings("calls"))
	clientCalls := lowerAll(p.strings("client_calls"))
	notRoots := lowerAll(p.strings("not_roots"))
	if err := p.done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		if inv.Code == nil {
			return "", false
		}
		for _, c := range inv.Code.Calls() {
			name := strings.ToLower(c.Name)
			if !sqlClientCall(c, name, calls, clientCalls, notRoots) || testDBClient(inv.Code.Text, c) {
				continue
			}
			for _, a := range c.Args {
				if why := warehouseHistory(strings.ToLower(a), false, time.Now()); why != "" {
					return why + ": passed to " + callText(c) + " in the " + inv.Code.Lang + " code", true
				}
			}
		}
		return "", false
	}, nil
}
