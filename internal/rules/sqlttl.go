package rules

import (
	"fmt"
	"strings"
	"time"

	"github.com/guardsh/guard/internal/parse"
)

// This file holds the ttl-short matcher: SQL that changes an existing
// table's or hypertable's retention to a day or less, so that the store
// deletes the rows older than that: ClickHouse's ALTER TABLE ... MODIFY
// TTL ts + INTERVAL 1 HOUR, TimescaleDB's add_retention_policy('t',
// INTERVAL '6 hours'), TimescaleDB's drop_chunks('t', older_than =>
// now()), which deletes the older chunks at once, InfluxQL's ALTER
// RETENTION POLICY ... DURATION 1h,
// and MongoDB's TTL index on a collection's time field (mongoTTL).
// A CREATE TABLE with a short TTL starts empty and passes.

func newTTLShort(with map[string]any) (matchFunc, error) {
	p := newParams(with)
	maxText := p.string("max", "1d")
	if err := p.done(); err != nil {
		return nil, err
	}
	limit, ok := parseRetention(maxText, time.Hour)
	if !ok {
		return nil, fmt.Errorf("max %q is not a duration such as 1d", maxText)
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		judge := func(t string) string {
			if len(t) <= 12 {
				return ""
			}
			if holdsFold(t, "expireaftersecond") {
				return mongoTTL(strings.ToLower(t), limit)
			}
			if !holdsFold(t, "ttl") && !holdsFold(t, "retention") && !holdsFold(t, "drop_chunks") {
				return ""
			}
			return shortTTL(strings.ToLower(t), limit)
		}
		for _, a := range inv.Own()[1:] {
			if a.Dynamic {
				continue
			}
			if why := judge(a.Value); why != "" {
				return why, true
			}
		}
		if inv.Stdin.Kind == parse.Known {
			if why := judge(inv.Stdin.Text); why != "" {
				return why, true
			}
		}
		return "", false
	}, nil
}

// shortTTL says which statement in lower-case SQL text sets a retention
// of at most limit on existing data, or "".
func shortTTL(sql string, limit time.Duration) string {
	for _, lead := range [...]string{"modify ttl", "add_retention_policy", "set_retention_policy", "alter retention policy", "drop_chunks("} {
		i := strings.Index(sql, lead)
		if i < 0 {
			continue
		}
		rest := sql[i+len(lead):]
		if end := strings.IndexByte(rest, ';'); end >= 0 {
			rest = rest[:end]
		}
		var d time.Duration
		var ok bool
		if lead == "alter retention policy" {
			j := strings.Index(rest, "duration")
			if j < 0 {
				continue
			}
			d, ok = parseRetention(retentionValue(rest[j+len("duration"):]), time.Hour)
		} else {
			d, ok = sqlInterval(rest)
		}
		if lead == "drop_chunks(" {
			// TimescaleDB deletes every chunk older than the cutoff
			// now: drop_chunks('t', older_than => now()) keeps nothing,
			// INTERVAL '1 hour' an hour.
			if !ok && (strings.Contains(rest, "now()") || strings.Contains(rest, "current_timestamp") || strings.Contains(rest, "clock_timestamp()")) {
				d, ok = 0, true
			}
			if ok && d >= 0 && d <= limit {
				if d == 0 {
					return "DROP_CHUNKS up to now deletes every chunk of the table"
				}
				return fmt.Sprintf("DROP_CHUNKS deletes every chunk older than %s", d)
			}
			continue
		}
		if ok && d >= 0 && d <= limit {
			return fmt.Sprintf("%s keeps %s of data, so the store deletes what is older", strings.ToUpper(lead), d)
		}
	}
	return ""
}

// sqlInterval reads the first INTERVAL in text: INTERVAL 1 HOUR,
// INTERVAL '6 hours', INTERVAL '1' DAY, toIntervalHour(1).
func sqlInterval(text string) (time.Duration, bool) {
	if i := strings.Index(text, "tointerval"); i >= 0 {
		rest := text[i+len("tointerval"):]
		if open := strings.IndexByte(rest, '('); open > 0 {
			unit := rest[:open]
			num := strings.TrimSpace(strings.TrimSuffix(strings.SplitN(rest[open+1:], ")", 2)[0], " "))
			return intervalOf(num, unit)
		}
	}
	i := strings.Index(text, "interval")
	if i < 0 {
		return 0, false
	}
	f := strings.Fields(strings.NewReplacer("'", " ", `"`, " ", ",", " ", ")", " ").Replace(text[i+len("interval"):]))
	if len(f) < 2 {
		return 0, false
	}
	return intervalOf(f[0], f[1])
}

// intervalOf returns a count of SQL units (second, minute, hour, day,
// week, month) as a duration.
func intervalOf(num, unit string) (time.Duration, bool) {
	n, ok := parseRetention(num, time.Second)
	if !ok {
		return 0, false
	}
	n /= time.Second
	unit = strings.TrimSuffix(unit, "s")
	var u time.Duration
	switch unit {
	case "second", "sec":
		u = time.Second
	case "minute", "min":
		u = time.Minute
	case "hour", "hr":
		u = time.Hour
	case "day":
		u = 24 * time.Hour
	case "week":
		u = 7 * 24 * time.Hour
	case "month":
		u = 30 * 24 * time.Hour
	case "year":
		u = 365 * 24 * time.Hour
	default:
		return 0, false
	}
	return time.Duration(n) * u, true
}

// holdsFold reports whether s holds word, a lower-case ASCII word, in
// any case, without allocating.
func holdsFold(s, word string) bool {
	for i := 0; i+len(word) <= len(s); i++ {
		if strings.EqualFold(s[i:i+len(word)], word) {
			return true
		}
	}
	return false
}

// mongoTTL says which TTL index in lower-case MongoDB shell or driver
// code deletes the documents older than at most limit, or "": a
// createIndex (create_index, ensureIndex) or a collMod's keyPattern
// with expireAfterSeconds of at most limit. An index on a field that
// holds each document's own expiry (expireAt, expiresAt, validUntil),
// where 0 is the documented way to expire at that time, and a collection
// of short-lived things (sessions, caches, tokens, locks) pass.
func mongoTTL(code string, limit time.Duration) string {
	for i := 0; ; {
		j := strings.Index(code[i:], "expireafterseconds")
		if j < 0 {
			return ""
		}
		at := i + j
		i = at + len("expireafterseconds")
		d, ok := parseRetention(retentionValue(code[i:]), time.Second)
		if !ok || d < 0 || d > limit {
			continue
		}
		head := code[:at]
		c, field := -1, ""
		for _, call := range [...]string{"createindex(", "create_index(", "ensureindex(", "keypattern"} {
			if k := strings.LastIndex(head, call); k > c {
				c = k
				field = firstKey(head[k+len(call):])
			}
		}
		if c < 0 || field == "" {
			continue
		}
		if holdsAny(field, "expir", "ttl", "until", "deadline", "due") || holdsAny(collectionBefore(head[:c]), "session", "cache", "token", "lock", "otp", "nonce", "temp", "tmp") {
			continue
		}
		return fmt.Sprintf("a TTL index on %s with expireAfterSeconds %s deletes every document older than %s", field, retentionValue(code[i:]), d)
	}
}

// firstKey returns the first key of the object after a call's opening:
// createdAt in ({createdAt: 1}, or [("ts", 1)] in Python.
func firstKey(s string) string {
	k := 0
	for k < len(s) && strings.IndexByte(" \t:({[\"'", s[k]) >= 0 {
		k++
	}
	e := k
	for e < len(s) && (isAlnum(s[e]) || s[e] == '_' || s[e] == '.') {
		e++
	}
	return s[k:e]
}

// collectionBefore returns the collection a call is made on: reports in
// db.reports.createIndex or db.getCollection('reports').createIndex.
func collectionBefore(s string) string {
	s = strings.TrimRight(s, ".")
	s = strings.TrimRight(s, "\"') ")
	k := len(s)
	for k > 0 && (isAlnum(s[k-1]) || s[k-1] == '_' || s[k-1] == '-') {
		k--
	}
	return s[k:]
}

// holdsAny reports whether s holds one of the words.
func holdsAny(s string, words ...string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}
