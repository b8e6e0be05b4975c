package rules

import (
	"strings"
	"testing"
)

func allSQLKinds() map[string]bool {
	want := map[string]bool{}
	for _, k := range sqlKinds {
		want[k] = true
	}
	return want
}

func TestScanSQL(t *testing.T) {
	tests := []struct {
		sql, want string // want is the detail, "" for no match
	}{
		// Statement kinds.
		{"DROP TABLE users", "DROP TABLE users"},
		{"drop table if exists users", "DROP TABLE users"},
		{"DROP DATABASE IF EXISTS prod", "DROP DATABASE prod"},
		{"Drop Table T", "DROP TABLE t"},
		{"DROP INDEX idx", "DROP INDEX idx"},
		{"drop view v", "DROP VIEW v"},
		{"drop user bob", "DROP USER bob"},
		{"DROP SCHEMA public CASCADE", "DROP SCHEMA public"},
		{"DROP TABLE `users`", "DROP TABLE users"},
		{`DROP TABLE "Users"`, "DROP TABLE users"},
		{"truncate users", "TRUNCATE users"},
		{"TRUNCATE TABLE users", "TRUNCATE users"},
		{"truncate a, b", "TRUNCATE a"},
		{"delete from users", "DELETE FROM users without WHERE"},
		{"delete from a.b", "DELETE FROM a.b without WHERE"},
		{"DELETE x FROM x", "DELETE FROM x without WHERE"},
		{"DELETE FROM users WHERE id=1", "DELETE FROM users"},
		{"DELETE FROM t LIMIT 10", "DELETE FROM t"},
		{"DELETE FROM t USING u WHERE t.id=u.id", "DELETE FROM t"},
		{"update users set a=1", "UPDATE users without WHERE"},
		{"UPDATE users SET a=1 WHERE id=2", ""},
		{"UPDATE t SET a = (SELECT b FROM c WHERE d)", "UPDATE t without WHERE"},
		{"ALTER TABLE x DROP COLUMN y", "ALTER ... DROP column y"},
		{"FLUSHALL", "FLUSHALL"},
		{"flushdb", "FLUSHDB"},
		{"EXPLAIN ANALYZE DELETE FROM x", "DELETE FROM x without WHERE"},
		{"with d as (delete from x returning *) select * from d", "DELETE FROM x without WHERE"},
		// Several statements.
		{"SELECT 1; DROP DATABASE prod", "DROP DATABASE prod"},
		{"BEGIN; DELETE FROM x; COMMIT;", "DELETE FROM x without WHERE"},
		{"select 'it''s'; drop table x", "DROP TABLE x"},
		{"select * from t where x='#'; drop table y", "DROP TABLE y"},
		{"select * from x where a='--'; drop table y", "DROP TABLE y"},
		// Strings, identifiers and comments are not statements.
		{"select 'drop table x'", ""},
		{`select "drop" from t`, ""},
		{`select "drop" "table" x`, ""},
		{"-- drop table x\nselect 1", ""},
		{"/* drop table x */ select 1", ""},
		{"select 1 /* unterminated drop table", ""},
		{"DELETE FROM users -- WHERE id=1", "DELETE FROM users without WHERE"},
		{"DELETE FROM users /* WHERE */", "DELETE FROM users without WHERE"},
		{"update t set a=1 -- where id=1\nwhere id=2", ""},
		{"select truncate(1.5)", ""},
		{"CREATE TABLE drop_log(id int)", ""},
		{"select $1; drop table x", "DROP TABLE x"},
		// Dollar quoting: a function body runs when called, a DO block now.
		{"$$ drop table x $$", ""},
		{"$tag$ drop table x $tag$; select 1", ""},
		{"CREATE FUNCTION f() AS $$ BEGIN DELETE FROM x; END $$", ""},
		{"DO $$ BEGIN DROP TABLE users; END $$;", "DROP TABLE users"},
		{"do $x$ begin delete from t; end $x$", "DELETE FROM t without WHERE"},
		// Backslashes and # differ between dialects; both readings count.
		{`SELECT 'a\'; drop table x; --'`, "DROP TABLE x"},
		{`select E'a\'b'; drop table x`, "DROP TABLE x"},
		{"select 1 # 2; drop table y", "DROP TABLE y"},
		{`select 'x\' from t`, ""},
		// Odd input.
		{"", ""},
		{"drop", ""},
		{"delete", ""},
		{"update t set", "UPDATE t without WHERE"},
		{"select 1 -", ""},
		{"'", ""},
		{"$", ""},
		{"$$", ""},
		{"\"", ""},
		// MongoDB.
		{"db.users.drop()", "drop()"},
		{"db.dropDatabase()", "dropDatabase()"},
		{"db.users.deleteMany({})", "deleteMany({}) on every document"},
		{"db.users.deleteMany( { } )", "deleteMany({}) on every document"},
		{"db.users.remove()", "remove() on every document"},
		{"db.users.deleteMany({a:1})", "deleteMany({a:1}) deletes every document that matches"},
		{"db.users.deleteMany({_id: ObjectId('x')})", ""},
		{"db.users.find({})", ""},
	}
	want := allSQLKinds()
	for _, tt := range tests {
		got, ok := scanSQL(tt.sql, want)
		if ok != (tt.want != "") || got != tt.want {
			t.Errorf("scanSQL(%q) = %q, %v; want %q", tt.sql, got, ok, tt.want)
		}
	}
}

func TestScanSQLKinds(t *testing.T) {
	tests := []struct {
		kinds []string
		sql   string
		match bool
	}{
		{[]string{"drop"}, "DELETE FROM x", false},
		{[]string{"delete-all"}, "DELETE FROM x", true},
		{[]string{"delete-all"}, "DELETE FROM x WHERE a", false},
		{[]string{"delete"}, "DELETE FROM x WHERE a", true},
		{[]string{"update-all"}, "UPDATE x SET a=1", true},
		{[]string{"alter-drop"}, "ALTER TABLE x DROP COLUMN y", true},
		{[]string{"drop"}, "ALTER TABLE x DROP COLUMN y", false},
		{[]string{"truncate"}, "TRUNCATE x", true},
		{[]string{"flush"}, "flushall", true},
		{[]string{"mongo-drop"}, "db.x.drop()", true},
		{[]string{"drop"}, "db.x.drop()", false},
		{[]string{"mongo-delete-all"}, "db.x.deleteMany({})", true},
		// EXPLAIN plans and runs nothing, unless it analyzes.
		{[]string{"delete-all"}, "EXPLAIN DELETE FROM x", false},
		{[]string{"delete-all"}, "explain (format json) delete from x", false},
		{[]string{"delete-all"}, "EXPLAIN QUERY PLAN DELETE FROM x", false},
		{[]string{"delete-all"}, "EXPLAIN ANALYZE DELETE FROM x", true},
		{[]string{"delete-all"}, "EXPLAIN (ANALYZE, BUFFERS) DELETE FROM x", true},
		{[]string{"delete-all"}, "EXPLAIN DELETE FROM x; DELETE FROM y", true},
		{[]string{"drop"}, "EXPLAIN SELECT 1; DROP TABLE y", true},
	}
	for _, tt := range tests {
		want := map[string]bool{}
		for _, k := range tt.kinds {
			want[k] = true
		}
		if _, ok := scanSQL(tt.sql, want); ok != tt.match {
			t.Errorf("scanSQL(%q, %v) = %v", tt.sql, tt.kinds, ok)
		}
	}
}

func TestSQLMatcher(t *testing.T) {
	tests := []struct {
		cmd  string
		want string
	}{
		{"psql -c 'DROP TABLE users'", "DROP TABLE users"},
		{"psql --command='DROP TABLE users'", "DROP TABLE users"},
		{"psql --command 'DROP TABLE users'", "DROP TABLE users"},
		{"mysql -e 'DROP DATABASE prod'", "DROP DATABASE prod"},
		{"mysql --execute='truncate t'", "TRUNCATE t"},
		{"sqlite3 app.db 'DROP TABLE users'", "DROP TABLE users"},
		{"sqlite3 app.db", ""},
		{"sqlite3 'DROP TABLE users'", ""},
		{"redis-cli FLUSHALL", "FLUSHALL"},
		{"redis-cli -h prod flushdb", "FLUSHDB"},
		{"redis-cli get flushall", ""},
		{"psql <<'EOF'\nTRUNCATE orders;\nEOF", "TRUNCATE orders"},
		{"echo 'DROP SCHEMA public CASCADE' | psql", "DROP SCHEMA public"},
		{"psql -f migrations/001.sql", ""},
		{"psql -- -c 'DROP TABLE x'", ""},
		{"mongosh --eval 'db.dropDatabase()'", "dropDatabase()"},
		{"psql -c \"$SQL\"", ""},
	}
	for _, tt := range tests {
		got, ok := matcherHit(t, "sql", map[string]any{"kinds": []any{"drop", "truncate", "delete-all", "flush", "mongo-drop"}}, tt.cmd)
		if ok != (tt.want != "") || got != tt.want {
			t.Errorf("%s: %q, %v; want %q", tt.cmd, got, ok, tt.want)
		}
	}
}

func TestSQLMatcherParams(t *testing.T) {
	for _, with := range []map[string]any{
		{"kinds": []any{"nope"}},
		{"kinds": "drop"},
		{"kinds": []any{1}},
		{"other": true},
	} {
		if _, err := newSQL(with); err == nil {
			t.Errorf("newSQL(%v): no error", with)
		}
	}
	if _, err := newSQL(nil); err != nil {
		t.Errorf("newSQL(nil): %v", err)
	}
}

func FuzzScanSQL(f *testing.F) {
	for _, s := range []string{"DROP TABLE x", "alter user u set disabled =", "ALTER ROLE a NOLOGIN", "revoke all on t from", "DO $$ drop table x $$", "select 'a\\'; drop", "$a$", "/*", "--", "'", "`", "\"", "db.x.deleteMany({})"} {
		f.Add(s)
	}
	want := allSQLKinds()
	f.Fuzz(func(t *testing.T, s string) {
		d, ok := scanSQL(s, want)
		if ok && d == "" {
			t.Fatalf("%q: a match with no detail", s)
		}
		// Upper and lower case read the same, outside strings.
		if !strings.ContainsAny(s, "'\"`$\\") {
			_, ok2 := scanSQL(strings.ToUpper(s), want)
			if ok != ok2 && !strings.Contains(s, ".") {
				t.Fatalf("%q: case changes the result", s)
			}
		}
	})
}
