package rules

import (
	"encoding/json"
	"maps"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/guardsh/guard/internal/httpreq"
	"github.com/guardsh/guard/internal/lazy"
)

// Two kinds of request write everything behind an endpoint whose path
// names no destroy verb guard reads elsewhere: a flush-all endpoint
// (/admin/cache/flush-all, /flushall, /memcached/flush_all), which
// empties every key where flushing one cache is routine; and a PostgREST
// or Supabase PATCH whose row filter matches every row (no filter,
// id=gt.0, id=gte.0, email=not.is.null, id=neq.-1), or that sets fields
// to null over rows no equality filter picks. A PATCH filtered by one
// key (id=eq.42) passes.

// bulkEndpoint returns why a request writes every key or row, or "".
func bulkEndpoint(r *httpreq.Request) string {
	if r.Method == "GET" || r.Method == "HEAD" {
		return ""
	}
	if why := flushAllPath(r); why != "" {
		return why
	}
	if why := connectOffsets(r); why != "" {
		return why
	}
	if why := resetJob(r); why != "" {
		return why
	}
	if why := zeroedPrices(r); why != "" {
		return why
	}
	if why := searchDataLoss(r); why != "" {
		return why
	}
	if r.Method == "PATCH" {
		return postgrestBulk(r)
	}
	return ""
}

// zeroedPrices returns why a write sets the price of several items to
// zero, or "": a bulk update of a shop's catalog ([{"id":77,"price":0},
// {"id":78,"price":0}]) puts every item it names on sale for nothing,
// and the orders placed meanwhile are the shop's loss. One price of zero
// is a free item someone may mean; several at once is a mistake or a
// wipe.
func zeroedPrices(r *httpreq.Request) string {
	n, key := 0, ""
	for _, v := range r.Values() {
		// Prices written as strings ("0.00") and in forms.
		if priceKey(v.Key) && zeroAmount(v.Text) {
			n++
			key = v.Key
		}
	}
	for _, p := range r.Body {
		// Prices written as JSON numbers, which Values leaves out.
		t := strings.TrimSpace(p.Value)
		if !strings.HasPrefix(t, "{") && !strings.HasPrefix(t, "[") || !strings.Contains(t, "rice") {
			continue
		}
		d := json.NewDecoder(strings.NewReader(t))
		d.UseNumber()
		var v any
		if d.Decode(&v) == nil {
			zeroNumbers(v, "", 0, &n, &key)
		}
	}
	if n < 2 {
		return ""
	}
	return "which sets " + key + " to zero on " + strconv.Itoa(n) + " items (they sell for nothing)"
}

// zeroNumbers counts in n the members of a decoded JSON value whose key
// is a price and whose value is the number zero, and keeps the last key.
func zeroNumbers(v any, key string, depth int, n *int, last *string) {
	if depth > 16 || *n > 1000 {
		return
	}
	switch x := v.(type) {
	case json.Number:
		if priceKey(key) && zeroAmount(x.String()) {
			*n++
			*last = key
		}
	case map[string]any:
		// In the order of the keys, so that the message is always the
		// same.
		for _, k := range slices.Sorted(maps.Keys(x)) {
			zeroNumbers(x[k], k, depth+1, n, last)
		}
	case []any:
		for _, e := range x {
			zeroNumbers(e, key, depth+1, n, last)
		}
	}
}

// priceKey reports whether a body key names what an item sells for:
// price, sale_price, unitPrice, regular_price; not compare_at_price, the
// struck-through price beside it.
func priceKey(k string) bool {
	parts := httpreq.WordParts(k)
	if len(parts) == 0 || parts[len(parts)-1] != "price" {
		return false
	}
	for _, p := range parts {
		if p == "compare" || p == "max" || p == "min" || p == "old" || p == "original" {
			return false
		}
	}
	return true
}

// zeroAmount reports whether a value is an amount of zero: 0, 0.00, "0".
func zeroAmount(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] != '0' && (s[i] != '.' || i == 0) {
			return false
		}
	}
	return true
}

// flushAllPath returns why a path empties every key: flush-all, flushall,
// flush_all, flushdb.
func flushAllPath(r *httpreq.Request) string {
	for _, seg := range strings.Split(strings.Trim(r.Path, "/"), "/") {
		parts := httpreq.WordParts(seg)
		for i, p := range parts {
			switch {
			case p == "flushall" || p == "flushdb",
				p == "flush" && i+1 < len(parts) && (parts[i+1] == "all" || parts[i+1] == "db" || parts[i+1] == "everything"):
				return "whose path says " + seg + ", which empties every key"
			}
		}
	}
	return ""
}

// postgrestReserved are PostgREST query parameters that choose no rows.
var postgrestReserved = lazy.Value[map[string]bool]{Make: func() map[string]bool {
	return map[string]bool{"select": true, "order": true, "limit": true, "offset": true,
		"on_conflict": true, "columns": true, "apikey": true}
}}

// postgrestOps are PostgREST's filter operators.
var postgrestOps = lazy.Value[map[string]bool]{Make: func() map[string]bool {
	return map[string]bool{"eq": true, "neq": true, "gt": true, "gte": true, "lt": true, "lte": true,
		"like": true, "ilike": true, "match": true, "imatch": true, "is": true, "in": true, "cs": true, "cd": true,
		"ov": true, "fts": true, "plfts": true, "phfts": true, "wfts": true, "isdistinct": true, "not": true}
}}

// postgrestBulk returns why a PATCH to a PostgREST table updates every
// row, or rows no equality filter picks with nulls, or "".
func postgrestBulk(r *httpreq.Request) string {
	q, err := url.ParseQuery(r.Query)
	if err != nil || r.Dynamic && strings.ContainsAny(r.Query, "$`") {
		return ""
	}
	rest := strings.Contains(r.Path, "/rest/v1/")
	every, narrowed, filters := true, false, 0
	for key, vals := range q {
		if postgrestReserved.Get()[strings.ToLower(key)] {
			continue
		}
		for _, val := range vals {
			op, _, _ := strings.Cut(val, ".")
			if !postgrestOps.Get()[op] {
				continue
			}
			rest = true
			filters++
			switch {
			case op == "eq" || op == "in" || op == "is" && !strings.HasPrefix(val, "is.not"):
				narrowed = true
				every = false
			case !matchesEveryRow(val):
				every = false
			}
		}
	}
	if !rest {
		return ""
	}
	if every {
		if filters == 0 {
			return "a PostgREST update with no row filter, which writes every row of the table"
		}
		return "a PostgREST update whose filter (" + r.Query + ") matches every row of the table"
	}
	if !narrowed && setsNull(r) {
		return "a PostgREST update that sets fields to null over every row its range filter matches"
	}
	return ""
}

// matchesEveryRow reports whether a PostgREST filter value holds for
// every row: neq or not of a value, not.is.null, gt or gte of zero or
// less, a like of only wildcards.
func matchesEveryRow(val string) bool {
	op, arg, _ := strings.Cut(val, ".")
	switch op {
	case "neq", "not":
		if op == "not" && !strings.HasPrefix(arg, "is.null") && !strings.HasPrefix(arg, "eq.") {
			return false
		}
		return true
	case "gt", "gte":
		n, err := strconv.ParseFloat(arg, 64)
		return err == nil && n <= 0
	case "like", "ilike":
		return strings.Trim(arg, "*%") == ""
	}
	return false
}

// setsNull reports whether a request's body sets some field to null.
func setsNull(r *httpreq.Request) bool {
	for _, p := range r.Body {
		v := strings.ReplaceAll(p.Value, " ", "")
		if strings.Contains(v, ":null") {
			return true
		}
	}
	return false
}
