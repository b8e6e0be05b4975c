package rules

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/guardsh/guard/internal/httpreq"
	"github.com/guardsh/guard/internal/parse"
	"github.com/guardsh/guard/internal/wordlist"
)

// newRetention matches a retention setting lowered to (almost) nothing,
// which makes the service delete what it holds: a Kafka topic's
// retention.ms=1000, a log group kept for one day, backups kept for zero
// days. Each key in with.keys is written "name:unit", the unit a bare
// number means (ms, s, m, h, d); the value may carry its own unit (1h).
// The key is found as an option (--retention-in-days 1), as key=value, or
// inside JSON ("MessageRetentionPeriod":"60", or wrapped as Azure DevOps
// writes it, "runRetention":{"value":1}), in the arguments or in an HTTP
// body the client reads from stdin; a name written "*retention" is any
// key that ends so (artifactsRetention). A value at most with.max
// (a duration such as "1d") matches; a negative one (unlimited) does not,
// nor one of with.unlimited, the values a tool reads as keeping forever,
// nor a zero for a tool of zeroForever (InfluxDB's retention 0).
func newRetention(with map[string]any) (matchFunc, error) {
	p := newParams(with)
	specs := p.strings("keys")
	maxText := p.string("max", "1d")
	unlimited := p.strings("unlimited")
	if err := p.done(); err != nil {
		return nil, err
	}
	type key struct {
		name string
		unit time.Duration
	}
	var keys []key
	for _, s := range specs {
		name, unit, ok := strings.Cut(s, ":")
		u, uok := retentionUnit(unit)
		if !ok || !uok || name == "" {
			return nil, fmt.Errorf("key %q: want name:unit with unit ms, s, m, h or d", s)
		}
		keys = append(keys, key{strings.ToLower(name), u})
	}
	limit, ok := parseRetention(maxText, time.Hour)
	if !ok {
		return nil, fmt.Errorf("max %q is not a duration such as 1d", maxText)
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		var b strings.Builder
		for _, a := range inv.Args[1:] {
			b.WriteString(strings.ToLower(a.Value))
			b.WriteByte(' ')
		}
		if httpreq.IsClient(inv.Name) {
			// A body the client reads from stdin (-d @- <<EOF) is
			// the request's as much as one in its arguments.
			reqs := v.httpRequests(inv)
			if len(reqs) == 0 && wordlist.Has(requestOnlyClients, inv.Name) {
				// The client sends nothing: it only prints the
				// request (xh --curl, http --offline).
				return "", false
			}
			for i := range reqs {
				for _, p := range reqs[i].Body {
					b.WriteString(strings.ToLower(p.Value))
					b.WriteByte(' ')
				}
			}
		}
		text := b.String()
		for _, k := range keys {
			name, suffix := strings.CutPrefix(k.name, "*")
			for i := 0; ; {
				j := strings.Index(text[i:], name)
				if j < 0 {
					break
				}
				at := i + j
				i = at + len(name)
				// The key must stand alone: not part of a longer name,
				// unless it is a suffix (*retention: runRetention).
				if !suffix && at > 0 && isKeyChar(text[at-1]) || i < len(text) && isKeyChar(text[i]) {
					continue
				}
				val := retentionValue(text[i:])
				if slices.Contains(unlimited, val) || zeroKeepsForever(val, k.name, v.name, text[strings.LastIndexByte(text[:at], ' ')+1:at]) {
					// The word the key sits in names the tool as well:
					// loki.limits_config.retention_period=0s.
					continue
				}
				// The limit itself counts (--retention-in-days 1,
				// --time_partitioning_expiration=86400), but a count of
				// milliseconds that comes to it exactly is a day chosen
				// on purpose (Kafka's retention.ms=86400000), and passes.
				d, ok := parseRetention(val, k.unit)
				if ok && d >= 0 && (d < limit || d == limit && (k.unit >= time.Second || !allDigits(val))) {
					return fmt.Sprintf("%s set to %s: the service deletes what is older", k.name, val), true
				}
			}
		}
		return "", false
	}, nil
}

// requestOnlyClients are HTTP clients whose every run that sends anything
// sends a request guard reads.
const requestOnlyClients = "curl curlie wget wget2 http https xh xhs httpx lwp-request"

// retentionUnit returns the duration a unit stands for.
func retentionUnit(u string) (time.Duration, bool) {
	switch u {
	case "ms":
		return time.Millisecond, true
	case "s":
		return time.Second, true
	case "m":
		return time.Minute, true
	case "h":
		return time.Hour, true
	case "d":
		return 24 * time.Hour, true
	}
	return 0, false
}

func isKeyChar(c byte) bool { return isAlnum(c) || c == '.' || c == '_' }

// retentionValue returns the value after a key: past =, :, quotes and
// spaces, up to the next separator.
func retentionValue(s string) string {
	i := 0
	for i < len(s) && strings.IndexByte("=:\"' ", s[i]) >= 0 {
		i++
	}
	if i < len(s) && s[i] == '{' {
		// A value wrapped in an object of its own, as Azure DevOps
		// writes it: "runRetention": {"value": 1}.
		inner := strings.TrimLeft(s[i+1:], " \n\t")
		for _, w := range [...]string{`"value"`, `"days"`, `"count"`, `"duration"`} {
			if rest, ok := strings.CutPrefix(inner, w); ok {
				return retentionValue(rest)
			}
		}
		return ""
	}
	j := i
	for j < len(s) && (isAlnum(s[j]) || s[j] == '-' || s[j] == '.') {
		j++
	}
	return s[i:j]
}

// parseRetention reads a number with an optional unit (1000, 1h, 7d, 0).
func parseRetention(s string, unit time.Duration) (time.Duration, bool) {
	if s == "" {
		return 0, false
	}
	neg := strings.HasPrefix(s, "-")
	num := strings.TrimPrefix(s, "-")
	i := 0
	for i < len(num) && num[i] >= '0' && num[i] <= '9' {
		i++
	}
	if i == 0 || i > 15 {
		return 0, false
	}
	var n int64
	for _, c := range num[:i] {
		n = n*10 + int64(c-'0')
	}
	if rest := num[i:]; rest != "" {
		u, ok := retentionUnit(rest)
		if !ok {
			// A Go duration, as velero writes one: 0h0m0s, 1h30m.
			d, err := time.ParseDuration(num)
			if err != nil {
				return 0, false
			}
			if neg {
				d = -d
			}
			return d, true
		}
		unit = u
	}
	// A count too large for a Duration in its unit is longer than any
	// limit here; 3600000 milliseconds is an hour, not a cap of days.
	d := time.Duration(math.MaxInt64)
	if unit <= 0 || n <= int64(time.Duration(math.MaxInt64)/unit) {
		d = time.Duration(n) * unit
	}
	if neg {
		d = -d
	}
	return d, true
}
