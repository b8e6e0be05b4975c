package rules

import (
	"strings"

	"github.com/guardsh/guard/internal/parse"
)

// The query-option matcher reads the statement a program of any name
// sends in an option named for one: --query, --querytext, --query-string,
// --sql, --statement, --execute (az postgres flexible-server execute
// --querytext, snow sql --query, a cloud console's CLI released next
// month), and -q or -e after a subcommand word that names a query (snow
// sql -q, xyz query -e). The SQL clients guard knows have their own rules,
// which also read their stdin and positional statements; this one reads
// only what the option names say is a statement, so that a commit message
// or a grep pattern that looks like SQL is not one.

// queryOptionNames are the words in a long option's name that say its
// value is a statement.
var queryOptionNames = [...]string{"query", "sql", "statement", "execute"}

// queryOptionSubcommands are the subcommand words after which -q and -e
// carry a statement.
var queryOptionSubcommands = [...]string{"sql", "query", "execute", "exec", "shell", "run-sql", "run-query"}

func newQueryOption(with map[string]any) (matchFunc, error) {
	want, keepTest, err := sqlKindParams(with)
	if err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		if len(v.flags) == 0 {
			return "", false
		}
		args := inv.Args
		for i := 1; i < len(args); i++ {
			a := args[i]
			if a.Value == "--" {
				break
			}
			if a.Dynamic || len(a.Value) < 2 || a.Value[0] != '-' {
				continue
			}
			name, text, has := strings.Cut(a.Value, "=")
			if !queryOption(inv, i, name) {
				continue
			}
			if !has {
				if i+1 >= len(args) {
					break
				}
				i++
				text = args[i].Value
			}
			if !looksLikeSQL(text) {
				continue
			}
			w := want
			if want["drop"] && !inv.MoreArgs && keepMarker(inv, ctx) == "" {
				w = keepTest
			}
			if d, ok := scanSQL(text, w); ok {
				return d, true
			}
		}
		return "", false
	}, nil
}

// queryOption reports whether the option name at args[i] says its value
// is a statement: a long name with one of queryOptionNames in it, or -q
// or -e after a subcommand word of queryOptionSubcommands.
func queryOption(inv *parse.Invocation, i int, name string) bool {
	if strings.HasPrefix(name, "--") {
		long := name[2:]
		if strings.ContainsFunc(long, func(r rune) bool { return r >= 'A' && r <= 'Z' }) {
			long = strings.ToLower(long) // --queryText
		}
		for _, w := range queryOptionNames {
			if strings.Contains(long, w) {
				return true
			}
		}
		return false
	}
	if name != "-q" && name != "-e" {
		return false
	}
	for _, a := range inv.Args[1:i] {
		for _, w := range queryOptionSubcommands {
			if !a.Dynamic && strings.EqualFold(a.Value, w) {
				return true
			}
		}
	}
	return false
}
