package rules

import (
	"strings"

	"github.com/guardsh/guard/internal/httpreq"
	"github.com/guardsh/guard/internal/parse"
)

// newTelemetryPurged matches telemetry deleted for good by a request or a
// search no verb names: Prometheus's clean_tombstones, which makes earlier
// series deletions permanent, and a Splunk search piped into the delete
// command (`search index=web | delete`), by the splunk CLI or its REST
// API, and delete_series by any method: VictoriaMetrics deletes on a
// GET.
func newTelemetryPurged(with map[string]any) (matchFunc, error) {
	if err := newParams(with).done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		if strings.EqualFold(inv.Name, "splunk") {
			own := inv.Own()
			for i := 1; i < len(own); i++ {
				if own[i].Value != "search" && own[i].Value != "dispatch" {
					continue
				}
				for _, a := range own[i+1:] {
					if splDeletes(a.Value) {
						return "splunk " + own[i].Value + " pipes events into | delete, which removes them from every search", true
					}
				}
				break
			}
			return "", false
		}
		for _, r := range v.httpRequests(inv) {
			if why := requestPurges(&r); why != "" {
				return r.Method + " " + r.Where() + shortPath(&r) + ": " + why, true
			}
		}
		return "", false
	}, nil
}

// requestPurges says how a request deletes telemetry for good, or "".
func requestPurges(r *httpreq.Request) string {
	p := strings.ToLower(strings.TrimRight(r.Path, "/"))
	if strings.HasSuffix(p, "/admin/tsdb/clean_tombstones") && r.Method != "GET" {
		return "clean_tombstones makes every series deletion permanent"
	}
	if strings.HasSuffix(p, "/admin/tsdb/delete_series") {
		// VictoriaMetrics deletes on a GET too, which the HTTP rules
		// read as a read.
		return "delete_series deletes every sample of the series it matches"
	}
	if strings.Contains(p, "/search/jobs") || strings.Contains(p, "/search/v2/jobs") {
		for _, val := range r.Values() {
			if (val.Key == "" || strings.EqualFold(val.Key, "search")) && splDeletes(val.Text) {
				return "a Splunk search piped into | delete removes the events it finds"
			}
		}
	}
	return ""
}

// splDeletes reports whether an SPL search pipes into the delete command:
// a pipe, optional space, then delete as the whole command.
func splDeletes(spl string) bool {
	s := strings.ToLower(spl)
	for i := strings.IndexByte(s, '|'); i >= 0; {
		rest := strings.TrimLeft(s[i+1:], " \t\n")
		if strings.HasPrefix(rest, "delete") {
			after := rest[len("delete"):]
			if after == "" || strings.IndexByte(" \t\n|", after[0]) >= 0 {
				return true
			}
		}
		j := strings.IndexByte(s[i+1:], '|')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return false
}
