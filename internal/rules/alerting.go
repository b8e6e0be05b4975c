package rules

import (
	"encoding/json"
	"strings"
	"time"

	"github.com/guardsh/guard/internal/httpreq"
	"github.com/guardsh/guard/internal/parse"
)

// This file holds the matcher of alerts muted wholesale: a silence, a
// downtime or a maintenance window that covers every alert, a whole
// environment or severity, or that lasts longer than a week. Nothing is
// deleted, but the alarms stay quiet while production breaks. A silence
// of one alert or one instance for a few hours is everyday on-call work,
// and passes.

// longMute is the longest a silence or maintenance window may last before
// it is read as turning the alerting off.
const longMute = 7 * 24 * time.Hour

// broadLabels name labels that scope a whole fleet rather than one alert:
// a silence matching only these mutes everything there.
const broadLabels = "env environment stage cluster region zone datacenter dc severity priority team tenant namespace " +
	"prometheus receiver monitor account project"

// newAlertsMuted matches amtool silence add, an Alertmanager (or Grafana,
// Mimir) silence posted to its API, a Datadog downtime over every scope
// or mute_all, and a PagerDuty maintenance window, when what it mutes is
// everything or a whole environment, or when it lasts more than a week.
// A request body guard cannot read asks.
func newAlertsMuted(with map[string]any) (matchFunc, error) {
	if err := newParams(with).done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		if strings.EqualFold(inv.Name, "amtool") {
			return amtoolSilence(inv)
		}
		if strings.EqualFold(inv.Name, "dog") || strings.EqualFold(inv.Name, "dogshell") {
			return dogDowntime(inv)
		}
		for _, r := range v.httpRequests(inv) {
			if r.Method != "POST" && r.Method != "PUT" {
				continue
			}
			if why := requestMutes(&r); why != "" {
				return r.Method + " " + r.Where() + shortPath(&r) + ": " + why, true
			}
		}
		return "", false
	}, nil
}

// amtoolValueFlags are amtool's options that take a value.
const amtoolValueFlags = "-d --duration -c --comment -a --author --end --start --alertmanager.url -o --output --timeout " +
	"--http.config.file --config.file --version-check"

// amtoolSilence judges amtool silence add (and its short form silence
// with matchers): catch-all or fleet-wide matchers, or a duration or end
// more than a week away.
func amtoolSilence(inv *parse.Invocation) (string, bool) {
	args := inv.Own()
	var words []string
	var duration, end string
	for i := 1; i < len(args); i++ {
		a := args[i].Value
		if strings.HasPrefix(a, "-") && len(a) > 1 {
			name, val, attached := strings.Cut(a, "=")
			takes := false
			for f := range strings.FieldsSeq(amtoolValueFlags) {
				if name == f {
					takes = true
				}
			}
			if takes && !attached && i+1 < len(args) {
				i++
				val = args[i].Value
			}
			switch name {
			case "-d", "--duration":
				duration = val
			case "--end":
				end = val
			}
			continue
		}
		words = append(words, a)
	}
	if len(words) < 2 || words[0] != "silence" || words[1] != "add" {
		return "", false
	}
	matchers := words[2:]
	if why := silenceLong(duration, end); why != "" {
		return "amtool silence add " + why, true
	}
	if len(matchers) == 0 {
		return "", false
	}
	var parsed []labelMatcher
	for i, m := range matchers {
		lm, ok := parseLabelMatcher(m)
		if !ok {
			if i == 0 {
				lm = labelMatcher{name: "alertname", op: "=", value: m}
			} else {
				continue
			}
		}
		parsed = append(parsed, lm)
	}
	if why := mutesBroadly(parsed); why != "" {
		return "amtool silence add " + why, true
	}
	return "", false
}

// labelMatcher is one Alertmanager matcher: name, operator, value.
type labelMatcher struct {
	name, op, value string
}

// parseLabelMatcher reads name=value, name=~regex, name!=value or
// name!~regex, with the value quoted or not.
func parseLabelMatcher(s string) (labelMatcher, bool) {
	s = strings.Trim(strings.TrimSpace(s), "{}")
	for _, op := range []string{"=~", "!~", "!=", "="} {
		i := strings.Index(s, op)
		if i <= 0 {
			continue
		}
		name := strings.TrimSpace(s[:i])
		val := strings.TrimSpace(s[i+len(op):])
		val = strings.Trim(val, "\"'`")
		return labelMatcher{name: name, op: op, value: val}, true
	}
	return labelMatcher{}, false
}

// catchAll reports whether a matcher matches every alert: a regex that
// matches anything, or a label that is not empty.
func (m labelMatcher) catchAll() bool {
	v := strings.TrimSuffix(strings.TrimPrefix(m.value, "^"), "$")
	v = strings.TrimSuffix(strings.TrimPrefix(v, "("), ")")
	switch m.op {
	case "=~":
		return v == ".*" || v == ".+" || v == "" || v == ".*.*" || v == "(?s).*" || v == "(?s).+"
	case "!=":
		return m.value == ""
	case "!~":
		return v == "" || v == "^$"
	}
	return false
}

// mutesBroadly says how a set of matchers mutes more than one alert's
// worth: some matcher matches every alert, or every matcher only names
// an environment, a severity, a team or the like.
func mutesBroadly(ms []labelMatcher) string {
	if len(ms) == 0 {
		return ""
	}
	broad := true
	for _, m := range ms {
		if m.catchAll() {
			return "mutes every alert (" + m.name + m.op + `"` + m.value + `")`
		}
		named := false
		for b := range strings.FieldsSeq(broadLabels) {
			if strings.EqualFold(m.name, b) {
				named = true
			}
		}
		if !named {
			broad = false
		}
	}
	if broad {
		return "mutes every alert of a whole " + ms[0].name + " (" + ms[0].name + ms[0].op + ms[0].value + ")"
	}
	return ""
}

// silenceLong says how a silence's duration or end lies more than a
// week away, or "".
func silenceLong(duration, end string) string {
	if duration != "" {
		d, ok := muteDuration(duration)
		if ok && d > longMute {
			return "mutes for " + duration + ", more than a week"
		}
	}
	if end != "" {
		if t, err := time.Parse(time.RFC3339, end); err == nil && time.Until(t) > longMute {
			return "mutes until " + end + ", more than a week away"
		}
	}
	return ""
}

// muteDuration reads a duration as amtool and Prometheus write it: 2h,
// 30d, 1w, 1y, 1h30m.
func muteDuration(s string) (time.Duration, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if d, err := time.ParseDuration(s); err == nil {
		return d, true
	}
	var total time.Duration
	n := int64(0)
	digits := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= '0' && c <= '9' {
			if n < 1<<20 {
				n = n*10 + int64(c-'0')
			}
			digits = true
			continue
		}
		if !digits {
			return 0, false
		}
		var unit time.Duration
		switch c {
		case 's':
			unit = time.Second
		case 'm':
			unit = time.Minute
		case 'h':
			unit = time.Hour
		case 'd':
			unit = 24 * time.Hour
		case 'w':
			unit = 7 * 24 * time.Hour
		case 'y':
			unit = 365 * 24 * time.Hour
		default:
			return 0, false
		}
		total += time.Duration(n) * unit
		n, digits = 0, false
	}
	if digits {
		return 0, false
	}
	return total, total > 0
}

// dogDowntime judges the Datadog CLI: every monitor muted, or a downtime
// over every scope.
func dogDowntime(inv *parse.Invocation) (string, bool) {
	var words []string
	for _, a := range inv.Own()[1:] {
		if !strings.HasPrefix(a.Value, "-") {
			words = append(words, a.Value)
		}
	}
	if len(words) >= 2 && words[0] == "monitor" && (words[1] == "mute_all" || words[1] == "mute-all") {
		return "dog monitor mute_all mutes every monitor", true
	}
	if len(words) >= 3 && words[0] == "downtime" && words[1] == "post" {
		if s := strings.TrimSpace(words[2]); s == "*" || s == "" {
			return "dog downtime post '*' mutes every monitor", true
		}
	}
	return "", false
}

// requestMutes says how an API request mutes alerting wholesale, or "".
func requestMutes(r *httpreq.Request) string {
	p := strings.ToLower(strings.TrimRight(r.Path, "/"))
	for _, seg := range strings.Split(p, "/") {
		if s := strings.Trim(seg, "_"); s == "mute_all" || s == "muteall" || s == "mute-all" {
			return "mutes every alert of the rule or monitor"
		}
	}
	switch {
	case strings.HasSuffix(p, "/provisioning/policies") && r.Method == "PUT":
		for _, val := range r.Values() {
			if strings.EqualFold(val.Key, "receiver") && nullReceiver(val.Text) {
				return "routes every alert to the receiver " + val.Text + ", which notifies no one"
			}
		}
	case strings.HasSuffix(p, "/maintenance") && strings.Contains(p, "opsgenie") || strings.HasSuffix(p, "/v1/maintenance"):
		if len(r.Unread) > 0 {
			return "a maintenance whose body guard cannot read (" + r.Unread[0] + ")"
		}
		for _, val := range r.Values() {
			if strings.EqualFold(val.Key, "type") && strings.EqualFold(val.Text, "indefinitely") {
				return "a maintenance with no end stops the alerts of what it names"
			}
		}
	case strings.HasSuffix(p, "/silences"):
		return postedSilence(r)
	case strings.Contains(p, "/monitor/mute_all"):
		return "mutes every Datadog monitor"
	case strings.HasSuffix(p, "/downtime"):
		if len(r.Unread) > 0 {
			return "a downtime whose body guard cannot read (" + r.Unread[0] + ")"
		}
		for _, val := range r.Values() {
			if strings.EqualFold(val.Key, "scope") && (strings.TrimSpace(val.Text) == "*" || strings.TrimSpace(val.Text) == "") {
				return "a downtime over every scope mutes every monitor"
			}
			if strings.EqualFold(val.Key, "monitor_tags") && strings.TrimSpace(val.Text) == "*" {
				return "a downtime over every monitor"
			}
		}
	case strings.HasSuffix(p, "/maintenance_windows"):
		if len(r.Unread) > 0 {
			return "a maintenance window whose body guard cannot read (" + r.Unread[0] + ")"
		}
		var start, end time.Time
		for _, val := range r.Values() {
			switch strings.ToLower(val.Key) {
			case "start_time":
				start = parseWhen(val.Text)
			case "end_time":
				end = parseWhen(val.Text)
			}
		}
		if !start.IsZero() && !end.IsZero() && end.Sub(start) > longMute {
			return "a maintenance window of more than a week stops every incident on its services"
		}
	}
	return ""
}

// parseWhen reads an RFC 3339 time or a date.
func parseWhen(s string) time.Time {
	for _, layout := range []string{time.RFC3339, "2006-01-02T15:04:05", "2006-01-02"} {
		if t, err := time.Parse(layout, strings.TrimSpace(s)); err == nil {
			return t
		}
	}
	return time.Time{}
}

// postedSilence judges a silence posted to an Alertmanager API: its
// matchers and its length.
func postedSilence(r *httpreq.Request) string {
	if len(r.Unread) > 0 {
		return "a silence whose body guard cannot read (" + r.Unread[0] + ")"
	}
	for _, b := range silenceBodies(r) {
		var doc struct {
			Matchers []struct {
				Name    string `json:"name"`
				Value   string `json:"value"`
				IsRegex bool   `json:"isRegex"`
				IsEqual *bool  `json:"isEqual"`
			} `json:"matchers"`
			StartsAt string `json:"startsAt"`
			EndsAt   string `json:"endsAt"`
		}
		if json.Unmarshal([]byte(b), &doc) != nil {
			continue
		}
		var ms []labelMatcher
		for _, m := range doc.Matchers {
			op := "="
			if m.IsRegex {
				op = "=~"
			}
			if m.IsEqual != nil && !*m.IsEqual {
				op = map[string]string{"=": "!=", "=~": "!~"}[op]
			}
			ms = append(ms, labelMatcher{name: m.Name, op: op, value: m.Value})
		}
		if len(doc.Matchers) == 0 {
			return "a silence with no matchers"
		}
		if why := mutesBroadly(ms); why != "" {
			return "a silence that " + why
		}
		start, end := parseWhen(doc.StartsAt), parseWhen(doc.EndsAt)
		if start.IsZero() {
			start = time.Now()
		}
		if !end.IsZero() && end.Sub(start) > longMute {
			return "a silence of more than a week"
		}
	}
	return ""
}

// silenceBodies returns a silence request's JSON bodies: the raw body,
// or the object HTTPie builds from its items (matchers:='[...]'
// endsAt=...).
func silenceBodies(r *httpreq.Request) []string {
	var out []string
	items := map[string]json.RawMessage{}
	for _, b := range r.Body {
		if b.Name == "" {
			out = append(out, b.Value)
			continue
		}
		if json.Valid([]byte(b.Value)) && strings.EqualFold(b.Name, "matchers") {
			items[b.Name] = json.RawMessage(b.Value)
		} else if q, err := json.Marshal(b.Value); err == nil {
			items[b.Name] = q
		}
	}
	if len(items) > 0 {
		if doc, err := json.Marshal(items); err == nil {
			out = append(out, string(doc))
		}
	}
	return out
}

// nullReceiver reports whether a receiver's name says it notifies no one.
func nullReceiver(name string) bool {
	switch strings.ToLower(strings.TrimSpace(name)) {
	case "null", "none", "blackhole", "black-hole", "devnull", "dev-null", "/dev/null", "noop", "no-op", "void", "nowhere", "silence", "mute", "discard":
		return true
	}
	return false
}
