package rules

import (
	"testing"
	"time"
)

func TestWarehouseHistory(t *testing.T) {
	now := time.Date(2026, 12, 7, 12, 0, 0, 0, time.UTC)
	cases := []struct {
		sql  string
		want bool
	}{
		{"create or replace table a.b as select 1", true},
		{"create or replace transient table a.b clone a.c", true},
		{"create or replace view a.b as select 1", false},
		{"create or replace temporary table b as select 1", false},
		{"create or replace table scratch.tmp_b as select 1", false},
		{"create or replace table dev_ann.b as select 1", false},
		{"replace table a.b using delta as select 1", true},
		{"insert overwrite table a.b select 1", true},
		{"insert overwrite table a.b partition (dt='x') select 1", false},
		{"insert overwrite directory '/tmp/x' select 1", false},
		{"alter table a set data_retention_time_in_days = 0", true},
		{"alter table a set data_retention_time_in_days = 0, change_tracking = true", true},
		{"alter table a set data_retention_time_in_days = 01", false},
		{"alter table a set data_retention_time_in_days = 10", false},
		{"vacuum a retain 0 hours", true},
		{"vacuum a retain 167 hours", true},
		{"vacuum a retain 168 hours", false},
		{"vacuum a", false},
		{"vacuum a retain 0 hours dry run", false},
		{"alter table t execute expire_snapshots(retention_threshold => '0d')", true},
		{"alter table t execute expire_snapshots(retention_threshold => '7d')", false},
		{"alter table t execute expire_snapshots", false},
		{"call c.system.expire_snapshots(table => 't', older_than => timestamp '2026-12-07 00:00:00')", true},
		{"call c.system.expire_snapshots(table => 't', older_than => timestamp '2026-11-01 00:00:00')", false},
		{"call c.system.expire_snapshots(table => 't', older_than => '2026-12-08')", true},
		{"call c.system.expire_snapshots(table => 't', older_than => now() - interval 10 days)", false},
		{"call c.system.expire_snapshots(table => 't', older_than => current_timestamp)", true},
		{"call c.system.remove_orphan_files('db', 't', '0s')", true},
		{"call c.system.remove_orphan_files('db', 't', '7d')", false},
		{"call c.system.expire_snapshots('db.t')", false},
		{"remove @s/path/", true},
		{"list @s", false},
		{"alter table a set tblproperties ('delta.deletedfileretentionduration' = 'interval 1 hours')", true},
		{"alter table a set tblproperties ('delta.deletedfileretentionduration' = 'interval 7 days')", false},
	}
	for _, c := range cases {
		if got := warehouseHistory(c.sql, false, now) != ""; got != c.want {
			t.Errorf("warehouseHistory(%q) = %v, want %v", c.sql, got, c.want)
		}
	}
}
