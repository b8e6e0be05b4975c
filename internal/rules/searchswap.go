package rules

import (
	"encoding/json"
	"github.com/guardsh/guard/internal/lazy"
	"strings"

	"github.com/guardsh/guard/internal/httpreq"
	"github.com/guardsh/guard/internal/parse"
)

// This file holds the index-overwrite matcher: a search engine's API told
// to overwrite or swap out an index that serves data, from any HTTP
// client. Elasticsearch's and OpenSearch's _reindex into an index that
// exists (its documents are overwritten by the source's; a stale or empty
// source replaces live data), Meilisearch's swap-indexes, Algolia's move
// operation (the destination is replaced), a snapshot restored under the
// indices' own names, Solr's core SWAP and DELETEALIAS. A reindex
// into a new index (named with a version, a date or a new/tmp word) and
// one with op_type create, which only adds what is missing, pass.

func newIndexOverwrite(with map[string]any) (matchFunc, error) {
	p := newParams(with)
	if err := p.done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		for _, r := range v.httpRequests(inv) {
			if r.Method != "POST" && r.Method != "PUT" && !(r.Method == "GET" && solrSwap(&r)) {
				continue
			}
			local := func() bool { return r.Loopback() && inv.Remote == "" && prodMarker(inv, ctx) == "" }
			if why := indexOverwrite(&r, local); why != "" {
				return r.Method + " " + r.Where() + shortPath(&r) + ": " + why, true
			}
		}
		return "", false
	}, nil
}

// indexOverwrite says how a request overwrites an index, or "". On a
// server on this machine (local), only a reindex of a rebuilt or staged
// index (products_tmp) over one that is not new asks: a development
// cluster's own copies (a into b) pass, and so do swaps there.
func indexOverwrite(r *httpreq.Request, local func() bool) string {
	path := strings.TrimRight(r.Path, "/")
	last := strings.ToLower(path[strings.LastIndexByte(path, '/')+1:])
	switch {
	case last == "_reindex":
		src, dest, create, ok := reindexDest(r)
		switch {
		case !ok:
			if local() {
				return ""
			}
			return "a reindex whose destination guard cannot read"
		case create, !newIndexName(src) && local():
			return ""
		case !newIndexName(dest):
			return "reindexes into " + dest + ", an index that may hold live data, overwriting its documents"
		}
	case (last == "swap-indexes" || last == "operation" || last == "_restore" || solrSwap(r)) && local():
		return ""
	case last == "swap-indexes":
		return "swaps indexes: what the live index served is replaced by the other's content"
	case last == "operation" && algoliaOperation(path):
		for _, val := range r.Values() {
			if strings.EqualFold(val.Key, "operation") && strings.EqualFold(val.Text, "move") {
				return "moves an index over its destination, which is replaced"
			}
		}
	case last == "_restore" && strings.Contains(strings.ToLower(r.Path), "_snapshot/"):
		// A snapshot restored under the indices' own names replaces
		// them; one renamed (rename_pattern) makes new ones.
		for _, val := range r.Values() {
			if strings.EqualFold(val.Key, "rename_pattern") || strings.EqualFold(val.Key, "rename_replacement") {
				return ""
			}
		}
		return "restores a snapshot under the indices' own names, over what they hold now"
	case solrSwap(r):
		return "swaps Solr cores or moves a collection's alias away: the live name serves another index, or none"
	}
	return ""
}

// algoliaOperation reports whether a path is Algolia's
// /1/indexes/NAME/operation.
func algoliaOperation(path string) bool {
	segs := strings.Split(strings.Trim(path, "/"), "/")
	return len(segs) >= 3 && strings.EqualFold(segs[len(segs)-3], "indexes")
}

// solrSwap reports whether a request is Solr's core admin SWAP or its
// collections API's DELETEALIAS.
func solrSwap(r *httpreq.Request) bool {
	p := strings.ToLower(strings.TrimRight(r.Path, "/"))
	if !strings.HasSuffix(p, "/admin/cores") && !strings.HasSuffix(p, "/admin/collections") {
		return false
	}
	for _, a := range r.Param("action") {
		if strings.EqualFold(a, "swap") || strings.EqualFold(a, "deletealias") {
			return true
		}
	}
	return false
}

// reindexDest reads a _reindex body's source index (the first, when it
// lists several), destination index and whether its op_type is create.
// ok is false when the body cannot be read.
func reindexDest(r *httpreq.Request) (src, dest string, create, ok bool) {
	for _, p := range r.Body {
		if p.Name != "" {
			continue
		}
		var body struct {
			Source struct {
				Index json.RawMessage `json:"index"`
			} `json:"source"`
			Dest struct {
				Index  string `json:"index"`
				OpType string `json:"op_type"`
			} `json:"dest"`
		}
		if json.Unmarshal([]byte(strings.TrimSpace(p.Value)), &body) != nil || body.Dest.Index == "" {
			continue
		}
		var one string
		var many []string
		if json.Unmarshal(body.Source.Index, &one) != nil && json.Unmarshal(body.Source.Index, &many) == nil && len(many) > 0 {
			one = many[0]
		}
		return one, body.Dest.Index, strings.EqualFold(body.Dest.OpType, "create"), true
	}
	return "", "", false, false
}

// newIndexNames are words that name an index made for a migration or a
// copy, not the one that serves.
var newIndexNames = lazy.Value[map[string]bool]{Make: func() map[string]bool {
	return map[string]bool{"new": true, "next": true, "tmp": true, "temp": true, "copy": true,
		"reindex": true, "reindexed": true, "migrated": true, "migration": true, "backup": true, "bak": true,
		"restored": true, "restore": true, "scratch": true, "test": true, "shadow": true, "staging": true,
		"blue": true, "green": true, "clone": true, "archive": true, "snapshot": true,
		"rebuild": true, "import": true, "staged": true, "stage": true}
}}

// newIndexName reports whether an index name looks made for this
// reindex: a segment that is a version or a date (v2, 000002,
// 2026.12.07), or one of newIndexNames.
func newIndexName(name string) bool {
	segs := strings.FieldsFunc(strings.ToLower(name), func(c rune) bool { return c == '-' || c == '_' || c == '.' })
	for _, s := range segs {
		if newIndexNames.Get()[s] {
			return true
		}
		digits := strings.TrimPrefix(s, "v")
		if digits != "" && strings.Trim(digits, "0123456789") == "" {
			return true
		}
	}
	return false
}
