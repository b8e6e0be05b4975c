package rules

import (
	"strings"

	"github.com/guardsh/guard/internal/parse"
)

// The alter-clause matcher reads the ALTER TABLE clause an online schema
// change tool takes in an option of its own: pt-online-schema-change
// --alter "DROP COLUMN legacy", gh-ost --alter="ENGINE=BLACKHOLE". The
// tool copies the table with the clause applied and swaps the copy in, so
// a column dropped there is gone with its data as it is by ALTER TABLE.
// The clause is judged as the statement ALTER TABLE t CLAUSE with the SQL
// scanner of the database clients; the table is read from the tool's DSN
// (t=vehicles) or its --table option, for the message.

func newAlterClause(with map[string]any) (matchFunc, error) {
	p := newParams(with)
	options := p.strings("options")
	kinds := p.strings("kinds")
	if err := p.done(); err != nil {
		return nil, err
	}
	want, err := sqlKindSet(kinds)
	if err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		args := inv.Own()
		var clauses []string
		table := ""
		for i := 1; i < len(args); i++ {
			a := args[i]
			if a.Dynamic {
				continue
			}
			name, val, has := strings.Cut(a.Value, "=")
			switch {
			case optionIn(name, options):
				if !has {
					if i+1 >= len(args) || args[i+1].Dynamic {
						continue
					}
					i++
					val = args[i].Value
				}
				clauses = append(clauses, val)
			case name == "--table":
				if !has && i+1 < len(args) {
					i++
					val = args[i].Value
				}
				table = val
			case !strings.HasPrefix(a.Value, "-"):
				// A DSN: D=fleet,t=vehicles.
				for _, part := range strings.Split(a.Value, ",") {
					if t, ok := strings.CutPrefix(part, "t="); ok && t != "" {
						table = t
					}
				}
			}
		}
		if table == "" || !bareWord(table) {
			table = "t"
		}
		for _, c := range clauses {
			if d, ok := scanSQL("ALTER TABLE "+table+" "+c, want); ok {
				return d + ", in the tool's --alter clause", true
			}
		}
		return "", false
	}, nil
}

// optionIn reports whether an option's name, without its value, is one of
// names.
func optionIn(name string, names []string) bool {
	for _, n := range names {
		if name == n {
			return true
		}
	}
	return false
}
