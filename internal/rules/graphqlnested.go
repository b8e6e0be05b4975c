package rules

import "strings"

// A GraphQL mutation may carry another as a string argument, run later
// on every line of an upload: Shopify's bulkOperationRunMutation(mutation:
// "mutation call($input: ProductDeleteInput!) { productDelete(...) }")
// deletes one product for each line. The outer field's name says nothing;
// the inner document is what runs, so it is judged as a document of the
// request.

// withNested returns docs and the mutations written as string literals
// inside them, one level deep.
func withNested(docs []string) []string {
	out := docs
	for _, d := range docs {
		if strings.Count(d, "mutation") < 2 {
			continue
		}
		for _, s := range graphQLStrings(d) {
			if strings.HasPrefix(strings.TrimSpace(s), "mutation") {
				if len(out) == len(docs) {
					out = append([]string(nil), docs...)
				}
				out = append(out, s)
			}
		}
	}
	return out
}

// graphQLStrings returns the string literals of a GraphQL document, with
// their escapes undone: "..." and block strings """...""".
func graphQLStrings(doc string) []string {
	var out []string
	for i := 0; i < len(doc); i++ {
		switch {
		case doc[i] == '#':
			// A comment runs to the end of the line.
			if j := strings.IndexByte(doc[i:], '\n'); j >= 0 {
				i += j
			} else {
				return out
			}
		case strings.HasPrefix(doc[i:], `"""`):
			end := strings.Index(doc[i+3:], `"""`)
			if end < 0 {
				return out
			}
			out = append(out, doc[i+3:i+3+end])
			i += end + 5
		case doc[i] == '"':
			var b strings.Builder
			j := i + 1
			for ; j < len(doc) && doc[j] != '"'; j++ {
				if doc[j] == '\\' && j+1 < len(doc) {
					j++
				}
				b.WriteByte(doc[j])
			}
			out = append(out, b.String())
			i = j
		}
	}
	return out
}
