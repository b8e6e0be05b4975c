package httpreq

import (
	"encoding/json"
	"maps"
	"net/url"
	"slices"
	"strconv"
	"strings"
)

// Value is a string a request carries, with the key it is given under: a
// JSON member, a form field, a query parameter. Key is empty for a raw
// body.
type Value struct {
	Key, Text string
}

// maxValues bounds the values read from one body.
const maxValues = 4096

// Values returns the strings the request carries: its query parameters,
// form fields, the members of a JSON body at any depth, and raw text.
// Keys are as written; a member inside an object keeps its own key. A
// member whose value is an object or a list is given as the text {...},
// and one whose value is true or false as true or false.
func (r *Request) Values() []Value {
	if r.values != nil {
		return *r.values
	}
	out := r.readValues()
	r.values = &out
	return out
}

func (r *Request) readValues() []Value {
	var out []Value
	if r.Query != "" {
		addForm(&out, r.Query)
	}
	for _, p := range r.Body {
		if p.Name != "" {
			out = append(out, Value{p.Name, p.Value})
			if t := strings.TrimSpace(p.Value); strings.HasPrefix(t, "{") || strings.HasPrefix(t, "[") {
				addJSON(&out, p.Name, t)
			}
			continue
		}
		addBody(&out, p.Value)
	}
	return out
}

// addBody adds the values of a raw body: JSON, a form, or text.
func addBody(out *[]Value, body string) {
	t := strings.TrimSpace(body)
	switch {
	case strings.HasPrefix(t, "{") || strings.HasPrefix(t, "["):
		if !addJSON(out, "", t) {
			// Not JSON that decodes, often because the shell left a
			// variable in it: read the strings one by one.
			addLooseJSON(out, t)
			*out = append(*out, Value{"", body})
		}
	case isForm(t):
		addForm(out, t)
	default:
		*out = append(*out, Value{"", body})
	}
}

// isForm reports whether a body looks like name=value&name=value.
func isForm(s string) bool {
	k, _, ok := strings.Cut(s, "=")
	if !ok || k == "" {
		return false
	}
	for i := 0; i < len(k); i++ {
		c := k[i]
		if !(isAlnum(c) || c == '_' || c == '-' || c == '.' || c == '[' || c == ']' || c == '%') {
			return false
		}
	}
	return true
}

func addForm(out *[]Value, s string) {
	for _, kv := range strings.Split(s, "&") {
		k, v, _ := strings.Cut(kv, "=")
		if dk, err := url.QueryUnescape(k); err == nil {
			k = dk
		}
		if dv, err := url.QueryUnescape(v); err == nil {
			v = dv
		}
		if len(*out) < maxValues {
			*out = append(*out, Value{k, v})
		}
	}
}

// addJSON adds the strings of a JSON text, reporting whether it decoded.
// Strings that hold JSON themselves (the operations field of a GraphQL
// upload) are read too.
func addJSON(out *[]Value, key, text string) bool {
	var v any
	d := json.NewDecoder(strings.NewReader(text))
	d.UseNumber()
	if err := d.Decode(&v); err != nil {
		return false
	}
	walkJSON(out, key, v, 0)
	// A body may hold several JSON values, one a line (_bulk).
	for d.More() && len(*out) < maxValues {
		var more any
		if d.Decode(&more) != nil {
			break
		}
		walkJSON(out, key, more, 0)
	}
	return true
}

func walkJSON(out *[]Value, key string, v any, depth int) {
	if depth > 32 || len(*out) >= maxValues {
		return
	}
	switch x := v.(type) {
	case string:
		*out = append(*out, Value{key, x})
		if t := strings.TrimSpace(x); depth < 4 && (strings.HasPrefix(t, "{") || strings.HasPrefix(t, "[")) {
			var inner any
			if json.Unmarshal([]byte(t), &inner) == nil {
				walkJSON(out, key, inner, depth+1)
			}
		}
	case map[string]any:
		// In the order of the keys, not the map's: a finding names the
		// first value that matches, and the same request must always
		// give the same one.
		for _, k := range slices.Sorted(maps.Keys(x)) {
			e := x[k]
			switch e.(type) {
			case map[string]any, []any:
				// The key of an object or list says what it is for:
				// {"delete": {"query": "*:*"}}.
				*out = append(*out, Value{k, "{...}"})
			}
			walkJSON(out, k, e, depth+1)
		}
	case []any:
		for _, e := range x {
			walkJSON(out, key, e, depth+1)
		}
	case bool:
		*out = append(*out, Value{key, strconv.FormatBool(x)})
	}
}

// addLooseJSON adds the "key": "string" pairs of text that is JSON-like
// but does not decode.
func addLooseJSON(out *[]Value, text string) {
	for i := 0; i < len(text) && len(*out) < maxValues; i++ {
		if text[i] != '"' {
			continue
		}
		key, end, ok := jsonString(text, i)
		if !ok {
			return
		}
		j := end
		for j < len(text) && (text[j] == ' ' || text[j] == '\t' || text[j] == '\n' || text[j] == '\r') {
			j++
		}
		if j >= len(text) || text[j] != ':' {
			i = end - 1
			continue
		}
		j++
		for j < len(text) && (text[j] == ' ' || text[j] == '\t' || text[j] == '\n' || text[j] == '\r') {
			j++
		}
		if j < len(text) && text[j] == '"' {
			val, vend, ok := jsonString(text, j)
			if !ok {
				// An unterminated string: take the rest.
				val = unescapeJSON(text[j+1:])
				vend = len(text)
			}
			*out = append(*out, Value{key, val})
			i = vend - 1
			continue
		}
		i = j - 1
	}
}

// jsonString reads the JSON string starting at text[i], a quote, leniently:
// unknown escapes are kept as written. It returns the string and the index
// after its closing quote.
func jsonString(text string, i int) (string, int, bool) {
	for j := i + 1; j < len(text); j++ {
		switch text[j] {
		case '\\':
			j++
		case '"':
			return unescapeJSON(text[i+1 : j]), j + 1, true
		}
	}
	return "", len(text), false
}

// unescapeJSON undoes JSON string escapes, keeping ones it does not know.
func unescapeJSON(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var quoted = `"` + s + `"`
	var out string
	if json.Unmarshal([]byte(quoted), &out) == nil {
		return out
	}
	return strings.NewReplacer(`\"`, `"`, `\\`, `\`, `\n`, "\n", `\t`, "\t", `\r`, "\r", `\/`, "/").Replace(s)
}

// Documents returns the GraphQL documents the request carries: the query
// member of a JSON body (or of each request of a batch), a query form
// field or query parameter, or the raw body of an application/graphql
// request. It returns no documents when the request is not GraphQL.
func (r *Request) Documents() []string {
	var docs []string
	for _, v := range r.Values() {
		switch strings.ToLower(v.Key) {
		case "query", "mutation":
			docs = append(docs, v.Text)
		case "":
			if looksGraphQL(v.Text) {
				docs = append(docs, v.Text)
			}
		}
	}
	return docs
}

// looksGraphQL reports whether raw text starts like a GraphQL document.
func looksGraphQL(s string) bool {
	t := strings.TrimLeft(s, " \t\r\n")
	for strings.HasPrefix(t, "#") {
		if i := strings.IndexByte(t, '\n'); i >= 0 {
			t = strings.TrimLeft(t[i+1:], " \t\r\n")
		} else {
			return false
		}
	}
	for _, kw := range []string{"query", "mutation", "subscription", "fragment"} {
		if rest, ok := strings.CutPrefix(t, kw); ok && (rest == "" || !isAlnum(rest[0]) && rest[0] != '_') {
			return true
		}
	}
	return strings.HasPrefix(t, "{") && !strings.HasPrefix(strings.TrimLeft(t[1:], " \t\r\n"), `"`)
}

// Mentions reports whether the query or a known part of the body holds
// one of the words, ignoring case: a cheap test before reading the body.
func (r *Request) Mentions(words ...string) bool {
	for _, w := range words {
		if containsFold(r.Query, w) {
			return true
		}
		for _, p := range r.Body {
			if containsFold(p.Value, w) || containsFold(p.Name, w) {
				return true
			}
		}
	}
	return false
}

// containsFold reports whether s holds sub, ignoring ASCII case; sub is in
// lower case.
func containsFold(s, sub string) bool {
	n := len(sub)
	if n == 0 {
		return true
	}
	first := sub[0]
	for i := 0; i+n <= len(s); i++ {
		if s[i]|0x20 != first {
			continue
		}
		j := 1
		for j < n && s[i+j]|0x20 == sub[j] {
			j++
		}
		if j == n {
			return true
		}
	}
	return false
}
