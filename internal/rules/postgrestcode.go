package rules

import (
	"strings"

	"github.com/guardsh/guard/internal/lazy"
	"github.com/guardsh/guard/internal/parse"
)

// supabase-js and postgrest-js write rows through a query chain whose
// filter picks them: .update({...}).neq('id', 0), .update({...}).gte('id',
// 0) and .update({...}).not('email', 'is', null) pick every row, as the
// same filters in a PostgREST URL do (see httpbulk.go). An update by
// .eq('id', 42) passes; deletes are judged by code-calls.

// bulkChain matches an update followed by a filter that holds for every
// row.
var bulkChain = lazy.Regexp{Expr: `\.update\((?s:.*?)\)\s*\.(?:neq\(\s*['"][\w.]+['"]\s*,|gte?\(\s*['"][\w.]+['"]\s*,\s*['"]?(?:0|-\d+)['"]?\s*\)|not\(\s*['"][\w.]+['"]\s*,\s*['"]is['"]\s*,\s*null)`}

// newPostgrestBulkCode matches supabase-js or postgrest-js code that
// updates every row of a table. It takes no options.
func newPostgrestBulkCode(with map[string]any) (matchFunc, error) {
	if err := newParams(with).done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		if inv.Code == nil {
			return "", false
		}
		t := inv.Code.Text
		if !strings.Contains(t, "supabase") && !strings.Contains(t, "postgrest") || !strings.Contains(t, ".update(") {
			return "", false
		}
		if m := bulkChain.Get().FindString(t); m != "" {
			return "the " + inv.Code.Lang + " code updates every row: " + parse.Quote(shorten(m, 80)), true
		}
		return "", false
	}, nil
}

// shorten cuts s to at most n bytes.
func shorten(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "..."
}
