package parse

import (
	"strings"

	"github.com/guardsh/guard/internal/lazy"
)

// psSQLCmdlets are the cmdlets that send T-SQL to a server: SqlServer's
// Invoke-Sqlcmd and dbatools' Invoke-DbaQuery.
const psSQLCmdlets = "invoke-sqlcmd invoke-dbaquery"

// psSQLOptions maps their options to sqlcmd's: the statement, a file of
// statements, the server and the database.
var psSQLOptions = lazy.Value[map[string]string]{Make: func() map[string]string {
	return map[string]string{
		"-query": "-Q", "-inputfile": "-i", "-file": "-i", "-serverinstance": "-S", "-sqlinstance": "-S",
		"-database": "-d",
	}
}}

// psSQLCmd returns the sqlcmd command that sends what a SQL cmdlet sends,
// so that the database rules read its statements; options guard does not
// map are left out.
func psSQLCmd(args []psWord) string {
	words := []string{"sqlcmd"}
	for i := 0; i < len(args); i++ {
		name, ok := args[i].lit()
		if !ok || !strings.HasPrefix(name, "-") {
			continue
		}
		opt, val, inline := strings.Cut(name, ":")
		to, known := psSQLOptions.Get()[strings.ToLower(opt)]
		if !known {
			continue
		}
		var w psWord
		switch {
		case inline:
			w = psWord{{text: val}}
		case i+1 < len(args):
			i++
			w = args[i]
		default:
			continue
		}
		words = append(words, to, w.shell(false))
	}
	return strings.Join(words, " ")
}
