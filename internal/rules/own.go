package rules

import "github.com/guardsh/guard/internal/parse"

// ownArgs returns the invocation with only the program's own arguments,
// copying it when it carries a command after them (docker run IMAGE CMD,
// ssh HOST CMD), which is judged as an invocation of its own: rules read
// the carrier's subcommands and options, not the carried command's.
func ownArgs(inv *parse.Invocation) *parse.Invocation {
	if inv.OwnArgs <= 0 || inv.OwnArgs >= len(inv.Args) {
		return inv
	}
	c := *inv
	c.Args = inv.Own()
	return &c
}
