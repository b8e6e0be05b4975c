package rules

import (
	"testing"
	"time"
)

func TestWarehouseRewindsAndExpirations(t *testing.T) {
	now := time.Date(2026, 12, 7, 18, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		sql  string
		want bool
	}{
		{"call glue.system.rollback_to_snapshot('sales.payments', 77)", true},
		{"call glue.system.rollback_to_snapshot('scratch.tmp_payments', 77)", false},
		{"call iceberg.system.rollback_to_snapshot('db', 'orders', 8744736658442914487)", true},
		{"call iceberg.system.rollback_to_snapshot('scratch', 'tmp_orders', 1)", false},
		{"alter table iceberg.db.orders execute rollback_to_snapshot(123)", true},
		{"restore table lake.orders to version as of 3", true},
		{"restore table dev_alice.orders to version as of 3", false},
		{"restore database shop from disk = 'x'", false},
		{"insert overwrite table scratch.tmp_orders select 1", false},
		{"insert overwrite table lake.orders select 1", true},
		{"alter table mart.churn set options (expiration_timestamp = current_timestamp())", true},
		{"alter table mart.churn set options (expiration_timestamp = timestamp_add(current_timestamp(), interval 1 hour))", true},
		{"alter table mart.churn set options (expiration_timestamp = timestamp_add(current_timestamp(), interval 30 day))", false},
		{"alter table mart.churn set options (expiration_timestamp = timestamp '2027-06-01 00:00:00 utc')", false},
		{"alter table mart.churn set options (expiration_timestamp = null)", false},
		{"alter table logs.requests set options (partition_expiration_days = 0.5)", true},
		{"alter table logs.requests set options (partition_expiration_days = 1)", true},
		{"alter table logs.requests set options (partition_expiration_days = 90)", false},
		{"spark.databricks.delta.retentiondurationcheck.enabled=false", true},
		{"set spark.databricks.delta.retentiondurationcheck.enabled = true", false},
	} {
		if got := warehouseHistory(tc.sql, false, now) != ""; got != tc.want {
			t.Errorf("warehouseHistory(%q) = %v, want %v", tc.sql, got, tc.want)
		}
	}
}

func TestFrameOverwrite(t *testing.T) {
	for _, tc := range []struct {
		code string
		want bool
	}{
		{`df.write.mode("overwrite").saveAsTable("gold.orders")`, true},
		{"(df.write\n  .mode('overwrite')\n  .saveAsTable('gold.orders'))", true},
		{`df.write.mode("overwrite").saveAsTable("scratch.tmp_orders")`, false},
		{`df.write.mode("append").saveAsTable("gold.orders")`, false},
		{`df.write.mode("overwrite").parquet("out/x")`, false},
		{`df.write.mode("overwrite").parquet("s3a://lake/x")`, true},
		{`df.write.mode("overwrite").parquet(path)`, true},
		{`wr.s3.to_parquet(pd.DataFrame({'a':[1]}), path='s3://lake/o/', dataset=True, mode='overwrite')`, true},
		{`df.to_sql('orders', engine, if_exists='replace')`, true},
		{"e = create_engine('sqlite:///x.db')\ndf.to_sql('orders', e, if_exists='replace')", false},
		{`df.writeTo("gold.orders").createOrReplace()`, true},
		{`name.replace()`, false},
	} {
		if got := frameOverwrite(tc.code, false) != ""; got != tc.want {
			t.Errorf("frameOverwrite(%q) = %v, want %v", tc.code, got, tc.want)
		}
	}
}

func TestStructuredDryRunOff(t *testing.T) {
	for s, want := range map[string]bool{
		`{dry_run: false}`:           true,
		`{"dry_run": false, "n": 1}`: true,
		`{"dryRun":0}`:               true,
		`dry_run=no`:                 true,
		`{dry_run: true}`:            false,
		`{"days": 7}`:                false,
		`dry_run_label: off-hours`:   false,
	} {
		if got := structuredDryRunOff(s); got != want {
			t.Errorf("structuredDryRunOff(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestWarehouseBranchesAndStages(t *testing.T) {
	now := time.Date(2026, 12, 7, 18, 0, 0, 0, time.UTC)
	for sql, want := range map[string]bool{
		"alter table cat.db.orders replace branch main as of version 57":         true,
		"alter table scratch.tmp_orders replace branch main as of version 57":    false,
		"alter table cat.db.orders create branch audit":                          false,
		"call run_clean(table => 'hudi_orders', retain_commits => 1)":            true,
		"call run_clean(table => 'hudi_orders', retain_commits => 30)":           false,
		"call rollback_to_instant(table => 'hudi_orders', instant_time => '20')": true,
		"create or replace stage raw.public.landing":                             true,
		"create or replace stage raw.public.landing url='s3://acme-landing/'":    false,
	} {
		if got := warehouseHistory(sql, false, now) != ""; got != want {
			t.Errorf("warehouseHistory(%q) = %v, want %v", sql, got, want)
		}
	}
}
