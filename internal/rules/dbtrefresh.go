package rules

import (
	"strings"

	"github.com/guardsh/guard/internal/parse"
)

// dbt run, build and seed with --full-refresh drop each incremental model
// (or seed) they select and build it again from its sources: the rows the
// model kept that the sources no longer hold (late-arriving events, a
// source with a short retention, snapshots of changing data) are gone.
// The dbt-target matcher says whether such a command runs against a
// target that may hold lasting data: one named on the command line that
// is not a scratch target (scratchTargets), one only known at run time,
// or any target when the command marks production. With no target, dbt
// uses the profile's default, which by dbt's convention is the person's
// own development target, and the command passes.

// dbtTargetEnv is the variable dbt reads a target from.
const dbtTargetEnv = "DBT_TARGET"

func newDbtTarget(with map[string]any) (matchFunc, error) {
	p := newParams(with)
	if err := p.done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		if inv.MoreArgs {
			return "the target it runs against is only known at run time", true
		}
		if m := keepMarker(withoutStatePaths(inv), ctx); m != "" {
			return "it runs against " + m, true
		}
		target, known := dbtTargetName(inv)
		if !known {
			return "the target it runs against is only known at run time", true
		}
		if target == "" {
			if w, ok := inv.Env(dbtTargetEnv); ok {
				if w.Dynamic {
					return "the target it runs against is only known at run time", true
				}
				target = w.Value
			}
		}
		if target == "" || throwawayName(target) || containsFold(scratchTargets, strings.ToLower(target)) {
			return "", false
		}
		return "it runs against the " + target + " target", true
	}, nil
}

// dbtTargetName returns the value of an invocation's --target or -t, and
// whether it is known before the command runs.
func dbtTargetName(inv *parse.Invocation) (string, bool) {
	return ownOptionValue(inv, "--target", "-t")
}

// dbtStateFlags are dbt options whose value is a directory of another
// run's artifacts: prod-artifacts/ there names what the run compares
// with, not where it writes.
var dbtStateFlags = [...]string{"--state", "--defer-state"}

// withoutStatePaths returns inv without the values of dbtStateFlags, or
// inv itself when it has none.
func withoutStatePaths(inv *parse.Invocation) *parse.Invocation {
	args := inv.Args
	var kept []parse.Word
	own := inv.OwnArgs
	for i := 0; i < len(args); i++ {
		name, _, eq := strings.Cut(args[i].Value, "=")
		if name != dbtStateFlags[0] && name != dbtStateFlags[1] {
			if kept != nil {
				kept = append(kept, args[i])
			}
			continue
		}
		if kept == nil {
			kept = append(make([]parse.Word, 0, len(args)), args[:i]...)
		}
		drop := 1
		if !eq && i+1 < len(args) {
			drop, i = 2, i+1
		}
		if i < inv.OwnArgs {
			own -= drop
		}
	}
	if kept == nil {
		return inv
	}
	c := *inv
	c.Args, c.OwnArgs = kept, max(own, 0)
	return &c
}
