package rules

import (
	"strings"

	"github.com/guardsh/guard/internal/parse"
)

// dbt run-operation runs a project macro; one named for a destroy verb
// (drop_schema, drop_old_relations) is judged by the verb model. It
// destroys nothing a person would miss when what it is given names only
// throwaway or per-run things (--args '{schema: dbt_ci_pr_412}'), or,
// given nothing, when the target it runs against is a scratch one: dbt's
// ci, dev and test targets hold schemas that dbt builds again from the
// project. A schema named in --args on a dev target still asks, since a
// dev target often reaches the production warehouse; so does any
// production or lasting marker, or a value only known at run time.

// scratchTargets are dbt target names whose schemas dbt rebuilds.
var scratchTargets = []string{"ci", "dev", "development", "local", "test", "testing", "sandbox", "scratch"}

// scratchDbtOperation reports whether a dbt run-operation destroys only
// throwaway things.
func scratchDbtOperation(inv *parse.Invocation, ctx *Context) bool {
	if inv.Name != "dbt" || inv.MoreArgs || keepMarker(inv, ctx) != "" {
		return false
	}
	target, args, op := "", "", false
	for i := 1; i < len(inv.Args); i++ {
		a := inv.Args[i]
		name, val, eq := strings.Cut(a.Value, "=")
		switch {
		case a.Value == "run-operation":
			op = true
			continue
		case name == "--target" || name == "-t" || name == "--args":
		default:
			continue
		}
		if !eq {
			if i+1 >= len(inv.Args) {
				return false
			}
			i++
			a = inv.Args[i]
			val = a.Value
		}
		if a.Dynamic {
			return false
		}
		if name == "--args" {
			args = val
		} else {
			target = val
		}
	}
	if !op {
		return false
	}
	if values := dbtArgValues(args); len(values) > 0 {
		for _, v := range values {
			if !throwawayName(v) {
				return false
			}
		}
		return true
	}
	return strings.TrimSpace(args) == "" && target != "" && (throwawayName(target) || containsFold(scratchTargets, strings.ToLower(target)))
}

// dbtArgValues returns the scalar values of a run-operation's --args, a
// YAML or JSON mapping: {schema: dbt_ci_pr_412, dry_run: false} gives
// dbt_ci_pr_412 (booleans and numbers are not names).
func dbtArgValues(args string) []string {
	t := strings.TrimSpace(args)
	t = strings.TrimPrefix(strings.TrimSuffix(t, "}"), "{")
	var out []string
	for _, item := range strings.FieldsFunc(t, func(r rune) bool { return r == ',' || r == '\n' || r == '[' || r == ']' }) {
		_, v, ok := strings.Cut(item, ":")
		if !ok {
			v = item
		}
		v = strings.Trim(strings.TrimSpace(v), `"'`)
		switch strings.ToLower(v) {
		case "", "true", "false", "null", "none", "yes", "no":
			continue
		}
		if strings.Trim(v, "0123456789") == "" {
			continue
		}
		out = append(out, v)
	}
	return out
}
