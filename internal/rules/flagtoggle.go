package rules

import (
	"encoding/json"
	"strconv"
	"strings"

	"github.com/guardsh/guard/internal/httpreq"
	"github.com/guardsh/guard/internal/parse"
)

// newFlagToggled matches a feature flag turned on or off through a flag
// service's API (LaunchDarkly, Unleash, Flagsmith, GitLab's flags and
// their kind): a path ending in /on or /off under a flag or environment,
// a semantic patch that turns a flag on or off, a JSON patch of an
// environment's on, or an enabled value sent to a flag. The rule using
// it adds the production marker: a flag flipped there changes what every
// user gets at once, a kill switch included.
func newFlagToggled(with map[string]any) (matchFunc, error) {
	if err := newParams(with).done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		for _, r := range v.httpRequests(inv) {
			if r.Method == "GET" || r.Method == "HEAD" || r.Method == "DELETE" {
				continue
			}
			if why := flagToggle(&r); why != "" {
				return r.Method + " " + r.Where() + shortPath(&r) + ": " + why, true
			}
		}
		return "", false
	}, nil
}

// flagToggle says how a request turns a feature flag on or off, or "".
func flagToggle(r *httpreq.Request) string {
	p := strings.ToLower(strings.TrimRight(r.Path, "/"))
	flagPath := containsAny(p, "/flags", "/features", "/feature_flags", "/feature-flags", "/featurestates", "/toggles")
	if !flagPath && !strings.Contains(p, "/environments/") {
		return ""
	}
	last := p[strings.LastIndexByte(p, '/')+1:]
	if (last == "on" || last == "off") && (flagPath || strings.Contains(p, "/environments/")) {
		return "turns a feature flag " + last
	}
	if !flagPath {
		return ""
	}
	for _, b := range r.Body {
		if k := strings.ToLower(b.Name); k == "enabled" || k == "on" || k == "active" {
			return "sets a feature flag's " + k + " to " + b.Value
		}
		var doc map[string]any
		if b.Name != "" || json.Unmarshal([]byte(b.Value), &doc) != nil {
			continue
		}
		for _, k := range []string{"enabled", "on", "active"} {
			if on, ok := doc[k].(bool); ok {
				return "sets a feature flag's " + k + " to " + strconv.FormatBool(on)
			}
		}
	}
	for _, val := range r.Values() {
		k, t := strings.ToLower(val.Key), strings.ToLower(val.Text)
		switch {
		case k == "kind" && (t == "turnflagon" || t == "turnflagoff"):
			return "turns a feature flag " + strings.TrimPrefix(t, "turnflag")
		case k == "path" && strings.HasPrefix(t, "/environments/") && strings.HasSuffix(t, "/on"):
			return "sets a feature flag's on in " + t
		case (k == "enabled" || k == "on" || k == "active") && (t == "true" || t == "false"):
			return "sets a feature flag's " + k + " to " + t
		}
	}
	return ""
}
