package rules

import (
	"strings"

	"github.com/guardsh/guard/internal/parse"
)

// optionNamesObject reports whether an option names the thing the verb at
// index at acts on, by the word of the subcommand path just before the
// verb: in contentful space environment delete --environment-id pr-482
// --space-id abc, --environment-id names the environment deleted, while
// --space-id is the scope it lives in. The option's name is that word
// (--environment), or that word and id or name (--environment-id,
// --dataset-name); a plural path word counts as its singular.
func optionNamesObject(inv *parse.Invocation, at int, bare string) bool {
	if at < 2 || at >= len(inv.Args) {
		return false
	}
	obj := inv.Args[at-1]
	if obj.Dynamic || strings.HasPrefix(obj.Value, "-") || !bareWord(obj.Value) {
		return false
	}
	o := strings.ToLower(obj.Value)
	var prev, last string
	segments(bare, func(_, seg string) bool { prev, last = last, seg; return false })
	same := func(w string) bool {
		w = strings.ToLower(w)
		return w != "" && (w == o || w+"s" == o)
	}
	switch last {
	case "id", "name":
		return same(prev) && prev != ""
	}
	return same(last) && prev == ""
}

// orgScope reports whether an option names the organization a deletion
// happens in, as Salesforce's --target-org and --org do: sf data delete
// record --sobject Account --record-id 001 --target-org dev-scratch
// deletes in a scratch org.
func orgScope(bare string) bool {
	switch strings.ToLower(bare) {
	case "org", "target-org", "targetusername", "target-username", "org-alias":
		return true
	}
	return false
}
