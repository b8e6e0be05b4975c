package rules

import (
	"strings"

	"github.com/guardsh/guard/internal/httpreq"
	"github.com/guardsh/guard/internal/wordlist"
)

// Two Elasticsearch and OpenSearch requests lose data although no verb in
// their path says so:
//
//   - an _update_by_query whose script takes data out of the documents
//     (ctx._source.remove('body'), ctx._source.clear(), a field set to
//     null) over every document of the index (no query, or match_all),
//     the search engine's UPDATE without a WHERE; or whose script deletes
//     the documents it visits (ctx.op = 'delete'), whatever the query;
//   - a _cluster/reroute that allocates an empty or a stale copy as the
//     primary of a shard (allocate_empty_primary, allocate_stale_primary,
//     both with accept_data_loss: true): the shard's documents, or those
//     written since the stale copy, are gone.
//
// An _update_by_query with no script (picking up a new mapping) or a
// script that adds or copies fields, and a reroute that moves, cancels
// or retries shards, pass.

// narrowingQueries are the query clauses that choose some documents, not
// all of them.
const narrowingQueries = "term terms match match_phrase match_phrase_prefix multi_match range ids exists prefix " +
	"wildcard regexp fuzzy query_string simple_query_string nested has_child has_parent geo_distance " +
	"geo_bounding_box geo_shape terms_set script_score more_like_this knn"

// searchDataLoss returns why a request to a search engine's REST API loses
// documents or their fields, or "".
func searchDataLoss(r *httpreq.Request) string {
	if r.Method != "POST" && r.Method != "PUT" {
		return ""
	}
	segs := strings.Split(strings.Trim(strings.ToLower(r.Path), "/"), "/")
	for i, s := range segs {
		switch {
		case s == "_update_by_query":
			return updateByQueryLoss(r)
		case s == "_cluster" && i+1 < len(segs) && segs[i+1] == "reroute":
			return rerouteLoss(r)
		}
	}
	return ""
}

// updateByQueryLoss judges the script and query of an _update_by_query.
func updateByQueryLoss(r *httpreq.Request) string {
	query, narrowed := false, false
	var scripts []string
	for _, v := range r.Values() {
		k := strings.ToLower(v.Key)
		switch {
		case k == "query" || k == "q":
			query = true
		case wordlist.Has(narrowingQueries, k):
			narrowed = true
		case k == "source" || k == "inline" || k == "script":
			scripts = append(scripts, v.Text)
		}
	}
	for _, p := range r.Body {
		// A body the shell left unreadable as JSON: its raw text.
		scripts = append(scripts, p.Value)
	}
	removes := ""
	for _, s := range scripts {
		c := strings.ToLower(strings.Join(strings.Fields(s), ""))
		c = strings.NewReplacer(`\"`, "'", `"`, "'").Replace(c)
		if strings.Contains(c, "ctx.op='delete'") {
			return "whose script deletes every document it visits (ctx.op = 'delete')"
		}
		switch {
		case strings.Contains(c, "ctx._source.remove("):
			removes = "removes fields (ctx._source.remove)"
		case strings.Contains(c, "ctx._source.clear()"), strings.Contains(c, "ctx._source=[:]"), strings.Contains(c, "ctx._source={}"):
			removes = "empties the documents (ctx._source.clear)"
		case strings.Contains(c, "=null") && strings.Contains(c, "ctx._source"):
			removes = "sets fields to null"
		}
	}
	if removes == "" || query && narrowed {
		return ""
	}
	return "whose script " + removes + " in every document of the index: no query narrows it"
}

// rerouteLoss judges the commands of a _cluster/reroute.
func rerouteLoss(r *httpreq.Request) string {
	for _, v := range r.Values() {
		switch k := strings.ToLower(v.Key); {
		case k == "allocate_empty_primary":
			return "which allocates an empty primary for a shard: its documents are gone"
		case k == "allocate_stale_primary":
			return "which makes a stale copy the primary of a shard: what was written since is gone"
		case k == "accept_data_loss" && truthy(v.Text):
			return "with accept_data_loss: true"
		}
	}
	return ""
}
