package rules

import (
	"strings"
	"time"

	"github.com/guardsh/guard/internal/httpreq"
)

// zeroForever are the tools that read a retention of zero as keeping
// everything, each with the word its key holds: InfluxDB's bucket and
// database retention (0 is infinite), Loki's retention_period (0s turns
// deletion off), Mimir's and Cortex's compactor_blocks_retention_period,
// Thanos' --retention.resolution-* (0d keeps forever), NATS JetStream's
// max age (0 is unlimited), Cassandra's default_time_to_live (0 is
// no expiry). For them a retention set to 0 deletes
// nothing; a short one (1h) still does, and so does a zero for another
// key of the same tool (Thanos' --delete-delay=0 deletes at once).
const zeroForever = "influx=retention influxd=retention influxdb=retention influxdb2=retention influxdb3=retention " +
	"loki=retention mimir=retention cortex=retention thanos=retention nats=age jetstream=age " +
	"cqlsh=timetolive ycqlsh=timetolive"

// zeroKeepsForever reports whether value is a zero duration (0, 0s, 0d,
// 0h0m0s) for a key that one of words, a program's name or a setting's
// path, names as a tool of zeroForever whose key word key holds.
func zeroKeepsForever(value, key string, words ...string) bool {
	val := strings.ToLower(strings.Trim(strings.TrimSpace(value), `"'`))
	if d, ok := parseRetention(val, time.Hour); !ok || d != 0 {
		return false
	}
	key = strings.ToLower(key)
	for entry := range strings.FieldsSeq(zeroForever) {
		tool, word, _ := strings.Cut(entry, "=")
		if !strings.Contains(key, word) {
			continue
		}
		for _, w := range words {
			if strings.EqualFold(w, tool) {
				return true
			}
			for _, p := range httpreq.WordParts(w) {
				if p == tool {
					return true
				}
			}
		}
	}
	return false
}
