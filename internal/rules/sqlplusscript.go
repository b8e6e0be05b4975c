package rules

import (
	"strings"

	"github.com/guardsh/guard/internal/lazy"
	"github.com/guardsh/guard/internal/parse"
)

// atScriptClients are Oracle's clients, which run a script named as an
// operand after @ (sqlplus app/pw@PROD @drop_schema.sql).
var atScriptClients = lazy.Value[map[string]bool]{Make: func() map[string]bool {
	return map[string]bool{"sqlplus": true, "sql": true, "sqlcl": true}
}}

// atScript says that an Oracle client runs a script guard cannot read, or
// returns "": the first operand is the login, whose @ names a service.
func atScript(inv *parse.Invocation, v *view) string {
	if !atScriptClients.Get()[inv.Name] {
		return ""
	}
	for k, op := range v.operands {
		f, ok := strings.CutPrefix(op.Value, "@")
		if !ok || f == "" || k == 0 && strings.Contains(op.Value, "/") && !strings.Contains(f, ".") {
			continue
		}
		f = strings.TrimPrefix(f, "@")
		if _, known := clientFile(inv, f); known {
			return ""
		}
		return "the statements in " + parse.Quote(f) + " are not known"
	}
	return ""
}

// oracleLoginHost returns the host of an Oracle client's login operand
// (app/pw@//db.example.com:1521/ORCL, app/pw@db1:1521/ORCL), or "".
func oracleLoginHost(name, op string) string {
	if !atScriptClients.Get()[name] || strings.HasPrefix(op, "@") {
		return ""
	}
	_, service, ok := strings.Cut(op, "@")
	if !ok {
		return ""
	}
	service = strings.TrimPrefix(service, "//")
	host, _, _ := strings.Cut(service, "/")
	return host
}
