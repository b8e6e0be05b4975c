package rules

import "testing"

func TestDeleteScope(t *testing.T) {
	want := map[string]bool{"delete-all": true, "delete-bulk": true, "mongo-delete-bulk": true, "drop": true, "alter-drop": true}
	tests := []struct{ sql, want string }{
		{"delete from orders where created_at < now() - interval '1 day'", "DELETE FROM orders WHERE created_at < now() interval '...', every row that matches"},
		{"DELETE FROM users WHERE inactive", "DELETE FROM users WHERE inactive, every row that matches"},
		{"DELETE FROM t WHERE status = 'x' OR id = 1", "DELETE FROM t WHERE status = '...' or id = 1, every row that matches"},
		{"DELETE FROM t WHERE id = 1", ""},
		{"DELETE FROM t WHERE id = $1", ""},
		{"DELETE FROM t WHERE id = ?", ""},
		{"DELETE FROM t WHERE id = :id", ""},
		{"DELETE FROM t WHERE user_id IN (1, 2) AND kind = 'a'", ""},
		{"DELETE FROM t WHERE user_id IN (SELECT id FROM u)", "DELETE FROM t WHERE user_id in (select id from u), every row that matches"},
		{"DELETE FROM dbo.Orders WHERE OrderId = 42", ""},
		{"DELETE FROM dbo.Orders WHERE dbo.Orders.OrderID IN (4, 5)", ""},
		{"DELETE FROM Sessions WHERE RowGuid = '6f1c'", ""},
		{"DELETE FROM Orders WHERE Paid = 0", "DELETE FROM orders WHERE paid = 0, every row that matches"},
		{"DELETE FROM Orders WHERE VALID = 0", "DELETE FROM orders WHERE valid = 0, every row that matches"},
		{"DELETE FROM Orders WHERE CustomerId > 10", "DELETE FROM orders WHERE customerid > 10, every row that matches"},
		{"DELETE FROM t WHERE id > 10", "DELETE FROM t WHERE id > 10, every row that matches"},
		{"DELETE FROM t WHERE 1", "DELETE FROM t with a WHERE that holds for every row"},
		{"DELETE FROM t WHERE true", "DELETE FROM t with a WHERE that holds for every row"},
		{"DELETE FROM t WHERE 1=1", "DELETE FROM t with a WHERE that holds for every row"},
		{"ALTER TABLE events DELETE WHERE 1", "ALTER TABLE events DELETE with a WHERE that holds for every row"},
		{"ALTER TABLE events ON CLUSTER c DELETE WHERE ts < now()", "ALTER TABLE events DELETE WHERE ts < now(), every row that matches"},
		{"ALTER TABLE events DROP PARTITION '2024-01'", "ALTER ... DROP partition '"},
		{"ALTER TABLE events CLEAR COLUMN payload", "ALTER ... CLEAR column payload"},
		{"REMOVE TABLE users;", "REMOVE TABLE users"},
		{"DELETE users", "DELETE FROM users without WHERE"},
		{"DELETE person:tobie", ""},
		{"DELETE FROM t LIMIT 1", ""},
		{"GRANT SELECT, DELETE ON t TO bob", ""},
		{"CREATE TABLE t (a int REFERENCES u ON DELETE CASCADE)", ""},
		{"db.users.deleteMany({ lastLogin: { $lt: new Date('2024-01-01') } })", "deleteMany({ lastLogin: { $lt: new Date('2024-01-01') } }) deletes every document that matches"},
		{"db.users.deleteMany({userId: {$in: [1, 2]}})", ""},
		{"db.users.remove({status: 'x'})", "remove({status: 'x'}) deletes every document that matches"},
		{"db.users.deleteOne({status: 'x'})", ""},
	}
	for _, tt := range tests {
		got, ok := scanSQL(tt.sql, want)
		if ok != (tt.want != "") || got != tt.want {
			t.Errorf("scanSQL(%q) = %q, %v; want %q", tt.sql, got, ok, tt.want)
		}
	}
}
