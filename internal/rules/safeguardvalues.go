package rules

import (
	"strings"
	"time"

	"github.com/guardsh/guard/internal/parse"
)

// The value classes of the safeguard-off keys beyond on and off, and the
// ways a setting is spelled that the readers in safeguardsread.go leave
// to this file:
//
//   - <DURATION: a retention or time to live shorter than the duration
//     (loki.limits_config.retention_period=1h, retention_days=0,
//     schedules.daily.template.ttl=1h0m0s); a bare number is read in the
//     unit the key's name gives (retention_days, retention.ms,
//     expire_after_seconds), and only 0 counts when it gives none;
//   - anywhere: a list of addresses that holds the whole internet
//     (sourceRanges={0.0.0.0/0});
//   - admin: a role that can do anything (policy.default=role:admin);
//   - a setting written as a name and a value under one prefix
//     (extraEnvs[0].name=DISABLE_SECURITY_PLUGIN with
//     extraEnvs[0].value=true) is the named setting;
//   - a key that says disable (DISABLE_SECURITY_PLUGIN=true,
//     plugins.security.disabled=true) is the rest of the key set the
//     other way;
//   - the assignments before a program (SPRING_JPA_HIBERNATE_DDL_AUTO=create,
//     TF_VAR_deletion_protection=false) and a short option's key=value
//     (-var=retention_days=0) are settings too.

// shortDuration reports whether a value is a duration at least 0 and
// shorter than limit, a bare number read in the unit of the key's last
// segment.
func shortDuration(last, value string, limit time.Duration) bool {
	val := strings.ToLower(strings.Trim(strings.TrimSpace(value), `"'`))
	unit, known := keyUnit(last)
	if !known && allDigits(val) {
		// retention=30 in an unknown unit: only 0 is short in any.
		return val != "" && strings.Trim(val, "0") == ""
	}
	d, ok := parseRetention(val, unit)
	return ok && d >= 0 && d < limit
}

// keyUnit returns the unit a key's normalized name gives its bare
// numbers: retention_days, retentionInDays, retention.ms,
// expireAfterSeconds.
func keyUnit(last string) (time.Duration, bool) {
	for _, u := range [...]struct {
		suffix string
		unit   time.Duration
	}{
		{"milliseconds", time.Millisecond}, {"millis", time.Millisecond}, {"ms", time.Millisecond},
		{"seconds", time.Second}, {"secs", time.Second}, {"sec", time.Second},
		{"minutes", time.Minute}, {"mins", time.Minute},
		{"hours", time.Hour}, {"hrs", time.Hour},
		{"days", 24 * time.Hour},
		// Cassandra's and ScyllaDB's default_time_to_live, in seconds.
		{"timetolive", time.Second},
	} {
		if strings.HasSuffix(last, u.suffix) {
			return u.unit, true
		}
	}
	return time.Hour, false
}

// opensToAnyone reports whether a value lists the whole internet among
// its addresses: 0.0.0.0/0, ::/0, in a list as helm ({a,b}), JSON or a
// comma-separated option writes one.
func opensToAnyone(value string) bool {
	for _, f := range strings.FieldsFunc(value, func(r rune) bool {
		return strings.ContainsRune(`{}[](),; "'`, r)
	}) {
		if f == "0.0.0.0/0" || f == "::/0" {
			return true
		}
	}
	return false
}

// adminRole reports whether a normalized value names a role that can do
// anything: admin, role:admin, roles/owner, cluster-admin, superuser.
func adminRole(val string) bool {
	if i := strings.LastIndexAny(val, ":/"); i >= 0 {
		val = val[i+1:]
	}
	switch val {
	case "admin", "administrator", "clusteradmin", "superuser", "superadmin", "owner", "root":
		return true
	}
	return false
}

// pairedSettings appends, for each setting that names a key under a
// prefix (extraEnvs[0].name=X) and one that gives the same prefix's
// value (extraEnvs[0].value=true), the setting X=true.
func pairedSettings(found []setting) []setting {
	n := len(found)
	for i := 0; i < n && len(found) < maxSettings; i++ {
		s := found[i]
		if len(s.path) < 2 || s.path[len(s.path)-1] != "name" && s.path[len(s.path)-1] != "key" || s.value == "" {
			continue
		}
		prefix, ok := keyPrefix(s.key)
		if !ok {
			continue
		}
		for j := 0; j < n; j++ {
			t := found[j]
			if j == i || len(t.path) < 2 || t.path[len(t.path)-1] != "value" {
				continue
			}
			if p, ok := keyPrefix(t.key); ok && strings.EqualFold(p, prefix) {
				path := splitKey(s.value, clone(s.path[:len(s.path)-1]))
				found = append(found, setting{path: path, key: s.value, value: t.value, local: s.local, where: s.where})
				break
			}
		}
	}
	return found
}

// keyPrefix returns a key as written without its last segment:
// extraEnvs[0] for extraEnvs[0].name.
func keyPrefix(key string) (string, bool) {
	key = strings.TrimRight(key, "]")
	i := strings.LastIndexAny(key, ".[")
	if i <= 0 {
		return "", false
	}
	return key[:i], true
}

// invertedSetting returns a setting whose key says disable as the rest
// of its key set the other way: DISABLE_SECURITY_PLUGIN=true is
// security_plugin=false, plugins.security.disabled=true is
// plugins.security=false.
func invertedSetting(s setting) (setting, bool) {
	n := len(s.path)
	if n == 0 {
		return s, false
	}
	w := normWord(s.value)
	var val string
	switch {
	case onWord(w):
		val = "false"
	case offWord(w):
		val = "true"
	default:
		return s, false
	}
	last := s.path[n-1]
	var path []string
	if (last == "disabled" || last == "disable") && n > 1 {
		path = s.path[:n-1]
	} else if rest, ok := strings.CutPrefix(last, "disable"); ok && len(rest) >= 4 {
		path = append(clone(s.path[:n-1]), rest)
	} else if rest, ok := strings.CutSuffix(last, "disabled"); ok && len(rest) >= 4 {
		path = append(clone(s.path[:n-1]), rest)
	} else {
		return s, false
	}
	return setting{path: path, key: s.key, value: val, local: s.local, where: s.where}, true
}

// envSettings appends the settings of the assignments before a
// program: a framework's settings as environment variables
// (SPRING_JPA_HIBERNATE_DDL_AUTO=create) and terraform's TF_VAR_ ones.
func envSettings(inv *parse.Invocation, out []setting) []setting {
	for _, a := range inv.Assigns {
		if a.Inherited || a.Value.Dynamic || len(out) >= maxSettings {
			continue
		}
		name := a.Name
		if rest, ok := strings.CutPrefix(name, "TF_VAR_"); ok && rest != "" {
			name = rest
		}
		out = valueSettings(splitKey(name, nil), a.Name, a.Value.Value, out)
	}
	return out
}

// assignsMention reports whether the assignments before a program hold
// one of the stems.
func assignsMention(inv *parse.Invocation, stems []string) bool {
	for _, a := range inv.Assigns {
		if !a.Inherited && mentionsStem(a.Name, stems) {
			return true
		}
	}
	return false
}

// splitTop splits a list at sep outside braces, brackets and
// parentheses: helm's a={x,y},b=1 is two items.
func splitTop(text, sep string) []string {
	if !strings.ContainsAny(text, "{[(") {
		return strings.Split(text, sep)
	}
	var out []string
	depth, start := 0, 0
	for i := 0; i < len(text); i++ {
		switch c := text[i]; {
		case c == '{' || c == '[' || c == '(':
			depth++
		case (c == '}' || c == ']' || c == ')') && depth > 0:
			depth--
		case depth == 0 && strings.HasPrefix(text[i:], sep):
			out = append(out, text[start:i])
			start = i + len(sep)
			i += len(sep) - 1
		}
	}
	return append(out, text[start:])
}

// argList reports whether an option's value is itself a list of options
// that set keys: --args='--a=b --c=d', -Dapp.arguments=--a=b.
func argList(v string) bool {
	return strings.HasPrefix(v, "-") && strings.Contains(v, "=")
}

// argListSettings appends the settings of the key=value options in a
// list of arguments passed on to another program.
func argListSettings(text string, out []setting) []setting {
	for _, f := range strings.Fields(text) {
		if strings.Contains(f, "=") && len(out) < maxSettings {
			out = kvSettings(nil, strings.TrimLeft(f, "-"), ",", out)
		}
	}
	return out
}
