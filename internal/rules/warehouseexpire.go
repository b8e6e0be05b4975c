package rules

import (
	"strconv"
	"strings"
	"time"
)

// This file holds the expirations and the safety checks of
// warehouse-history:
//
//   - BigQuery's ALTER TABLE ... SET OPTIONS (expiration_timestamp = t)
//     with t now or within a day deletes the table then; a
//     partition_expiration_days of a day or less deletes every partition
//     older than that. NULL, which removes an expiration, and later
//     times pass.
//   - spark.databricks.delta.retentionDurationCheck.enabled = false, as a
//     SET statement or a --conf of spark-submit, turns off the check that
//     stops VACUUM from deleting the files time travel still needs.

// deltaRetentionCheck is the Spark setting that guards Delta's VACUUM.
const deltaRetentionCheck = "spark.databricks.delta.retentiondurationcheck.enabled"

// expiringTable says how a lower-case statement s makes a table or its
// partitions expire within a day, or turns Delta's retention check off,
// or "".
func expiringTable(s string, now time.Time) string {
	if i := strings.Index(s, deltaRetentionCheck); i >= 0 {
		v := strings.TrimLeft(s[i+len(deltaRetentionCheck):], " =\"'")
		if strings.HasPrefix(v, "false") {
			return "turning off Delta's retention check lets VACUUM delete the files that time travel and running readers still need"
		}
	}
	if !strings.HasPrefix(s, "alter table ") {
		return ""
	}
	if i := strings.Index(s, "expiration_timestamp"); i >= 0 {
		v := strings.TrimLeft(s[i+len("expiration_timestamp"):], " =")
		if soonTime(v, now) {
			return "an expiration_timestamp of now or within a day makes BigQuery delete the table then"
		}
	}
	if i := strings.Index(s, "partition_expiration_days"); i >= 0 {
		v := strings.TrimLeft(s[i+len("partition_expiration_days"):], " =")
		if end := strings.IndexAny(v, " ,)"); end >= 0 {
			v = v[:end]
		}
		if days, err := strconv.ParseFloat(v, 64); err == nil && days > 0 && days <= 1 {
			return "a partition_expiration_days of a day or less makes BigQuery delete every partition older than that"
		}
	}
	return ""
}

// soonTime reports whether an SQL time value (current_timestamp(), now(),
// either plus an interval, or a TIMESTAMP literal) lies no more than a day
// ahead of now. NULL and values it cannot read are not soon.
func soonTime(v string, now time.Time) bool {
	if end := strings.IndexByte(v, ';'); end >= 0 {
		v = v[:end]
	}
	for _, n := range [...]string{"current_timestamp", "now()", "localtimestamp"} {
		if i := strings.Index(v, n); i >= 0 {
			past := strings.Contains(v, "_sub(") || strings.Contains(v, "- interval")
			if d, ok := sqlInterval(v); ok && !past {
				return d <= 24*time.Hour
			}
			return true
		}
	}
	if i := strings.Index(v, "timestamp"); i >= 0 {
		v = v[i+len("timestamp"):]
	}
	v = strings.TrimLeft(v, " '\"")
	if len(v) < 10 {
		return false
	}
	t, err := time.Parse("2006-01-02", v[:10])
	if err != nil {
		return false
	}
	return t.Before(now.Add(48 * time.Hour))
}
