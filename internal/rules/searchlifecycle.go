package rules

import (
	"encoding/json"
	"strings"
	"time"

	"github.com/guardsh/guard/internal/httpreq"
	"github.com/guardsh/guard/internal/parse"
)

// This file holds the matcher of search lifecycle policies that delete:
// an OpenSearch ISM policy attached to indices (_ism/add, change_policy),
// an Elasticsearch ILM policy set on them (index.lifecycle.name in
// _settings), a policy written with a delete phase that starts at once,
// and an index moved into its delete phase. Nothing says DELETE in the
// request, but the cluster deletes the indices on its next run.

// newSearchLifecycle matches a request that makes a search cluster's
// lifecycle management delete indices within a day: a policy whose name
// says it deletes (delete_immediately, purge-now; not delete-after-30d)
// attached to a wildcard, every index, a production index or one only
// known at run time; a policy whose body deletes with a min_age or
// min_index_age of a day or less; _ilm/move into the delete phase. On a
// server on this machine with no production marker, it passes.
func newSearchLifecycle(with map[string]any) (matchFunc, error) {
	if err := newParams(with).done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		for _, r := range v.httpRequests(inv) {
			if r.Method != "POST" && r.Method != "PUT" {
				continue
			}
			if r.Loopback() && inv.Remote == "" && prodMarker(inv, ctx) == "" {
				continue
			}
			if why := lifecycleDeletes(&r); why != "" {
				return r.Method + " " + r.Where() + shortPath(&r) + ": " + why, true
			}
		}
		return "", false
	}, nil
}

// lifecycleDeletes says how a request makes lifecycle management delete
// indices, or "".
func lifecycleDeletes(r *httpreq.Request) string {
	p := strings.ToLower(r.Path)
	for _, api := range []string{"/_ism/add", "/_ism/change_policy"} {
		i := strings.Index(p, api)
		if i < 0 {
			continue
		}
		target := strings.Trim(p[i+len(api):], "/")
		for _, val := range r.Values() {
			if strings.EqualFold(val.Key, "policy_id") && deletingPolicy(val.Text) && broadIndex(target) {
				return "attaches the lifecycle policy " + val.Text + " to " + orAll(target) + ", which deletes the indices"
			}
		}
		return ""
	}
	switch {
	case strings.HasSuffix(strings.TrimRight(p, "/"), "/_settings"):
		target := strings.Trim(strings.TrimSuffix(strings.TrimRight(p, "/"), "/_settings"), "/")
		for _, val := range r.Values() {
			k := strings.ToLower(val.Key)
			named := strings.HasSuffix(k, "lifecycle.name") || strings.HasSuffix(k, "index_state_management.policy_id") ||
				k == "name" && r.Mentions("lifecycle")
			if named && deletingPolicy(val.Text) && broadIndex(target) {
				return "sets the lifecycle policy " + val.Text + " on " + orAll(target) + ", which deletes the indices"
			}
		}
	case strings.Contains(p, "/_ilm/move/"):
		for _, val := range r.Values() {
			if strings.EqualFold(val.Key, "phase") && strings.EqualFold(val.Text, "delete") {
				return "moves the index into its lifecycle's delete phase"
			}
		}
	case strings.Contains(p, "/_ilm/policy/"), strings.Contains(p, "/_ism/policies/"):
		for _, b := range r.Body {
			if b.Name == "" && immediateDelete(b.Value) {
				return "writes a lifecycle policy that deletes indices within a day"
			}
		}
	}
	return ""
}

// orAll names an index pattern, or every index when there is none.
func orAll(target string) string {
	if target == "" {
		return "every index"
	}
	return target
}

// broadIndex reports whether an index target holds data a person would
// miss: a wildcard, a list, _all, every index (empty), a production
// index, one only known at run time, or any one index not named as
// throwaway (test-events, tmp-reindex).
func broadIndex(target string) bool {
	return target == "" || strings.ContainsAny(target, "*,$") || strings.Contains(target, "_all") || hasProdWord(target) || !throwawayName(target)
}

// deletingPolicy reports whether a lifecycle policy's name says it
// deletes soon: delete_immediately, purge, expire-now. A name that gives a
// longer age (delete-after-30d, logs-90days-delete) does not.
func deletingPolicy(name string) bool {
	n := strings.ToLower(name)
	if !containsAny(n, "delete", "purge", "expire", "wipe", "drop", "destroy", "nuke", "remove") {
		return false
	}
	for i := 0; i < len(n); i++ {
		if n[i] < '0' || n[i] > '9' || i > 0 && n[i-1] >= '0' && n[i-1] <= '9' {
			continue
		}
		j := i
		for j < len(n) && n[j] >= '0' && n[j] <= '9' {
			j++
		}
		unit := strings.TrimLeft(n[j:], "-_ ")
		d, ok := parseRetention(n[i:j]+firstUnit(unit), 24*time.Hour)
		if ok && d > 24*time.Hour {
			return false
		}
	}
	return true
}

// firstUnit returns the unit a number in a name is followed by (d, days,
// h, w), in the letters parseRetention reads, or "" for days.
func firstUnit(s string) string {
	switch {
	case strings.HasPrefix(s, "ms"):
		return "ms"
	case strings.HasPrefix(s, "m") && !strings.HasPrefix(s, "mo"):
		return "m"
	case strings.HasPrefix(s, "h"):
		return "h"
	case strings.HasPrefix(s, "s"):
		return "s"
	}
	// Days, weeks, months and years: a day or more each.
	return "d"
}

// containsAny reports whether s holds one of the words.
func containsAny(s string, words ...string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// immediateDelete reports whether a lifecycle policy's JSON deletes
// within a day: an ILM delete phase whose min_age is a day or less (or
// absent), or an ISM state with a delete action entered at once or after
// a min_index_age of a day or less.
func immediateDelete(body string) bool {
	var doc struct {
		Policy struct {
			Phases map[string]struct {
				MinAge *string `json:"min_age"`
			} `json:"phases"`
			DefaultState string `json:"default_state"`
			States       []struct {
				Name        string                       `json:"name"`
				Actions     []map[string]json.RawMessage `json:"actions"`
				Transitions []struct {
					StateName  string                     `json:"state_name"`
					Conditions map[string]json.RawMessage `json:"conditions"`
				} `json:"transitions"`
			} `json:"states"`
		} `json:"policy"`
	}
	if json.Unmarshal([]byte(body), &doc) != nil {
		return false
	}
	short := func(age *string) bool {
		if age == nil {
			return true
		}
		d, ok := parseRetention(strings.ToLower(*age), 24*time.Hour)
		return ok && d <= 24*time.Hour
	}
	if ph, ok := doc.Policy.Phases["delete"]; ok && short(ph.MinAge) {
		return true
	}
	deletes := map[string]bool{}
	for _, s := range doc.Policy.States {
		for _, a := range s.Actions {
			if _, ok := a["delete"]; ok {
				deletes[s.Name] = true
			}
		}
	}
	if deletes[doc.Policy.DefaultState] {
		return true
	}
	for _, s := range doc.Policy.States {
		for _, t := range s.Transitions {
			if !deletes[t.StateName] {
				continue
			}
			if len(t.Conditions) == 0 {
				return true
			}
			var age string
			if raw, ok := t.Conditions["min_index_age"]; ok && json.Unmarshal(raw, &age) == nil && short(&age) {
				return true
			}
		}
	}
	return false
}
