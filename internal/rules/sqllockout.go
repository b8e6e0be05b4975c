package rules

// SQL that locks an account out of the database: its login turned off
// (ALTER ROLE app NOLOGIN, ALTER USER ... ACCOUNT LOCK, Snowflake's SET
// DISABLED = TRUE, SQL Server's ALTER LOGIN ... DISABLE), its key or
// password taken away (Snowflake's UNSET RSA_PUBLIC_KEY, PASSWORD NULL),
// or every privilege revoked from it. On a production server the service
// that logs in as it stops at once (db.sql-lockout, only_prod).

// scanLockout finds the first statement in toks that locks an account
// out, and describes it.
func scanLockout(toks []sqlToken) (string, bool) {
	for i := range toks {
		if toks[i].word == "" || toks[i].quoted || !startsStatement(toks, i) {
			continue
		}
		if d, ok := sqlLockoutStatement(toks, i); ok {
			return d, true
		}
	}
	return "", false
}

// sqlLockoutStatement reports whether the statement at token i locks an
// account out.
func sqlLockoutStatement(toks []sqlToken, i int) (string, bool) {
	word := func(k int) string {
		if k < len(toks) && !toks[k].quoted && toks[k].punct != ';' {
			return toks[k].word
		}
		return ""
	}
	end := i
	for end < len(toks) && toks[end].punct != ';' {
		end++
	}
	switch word(i) {
	case "ALTER":
		kind := word(i + 1)
		if kind != "USER" && kind != "ROLE" && kind != "LOGIN" {
			return "", false
		}
		for k := i + 2; k < end; k++ {
			switch w := word(k); {
			case w == "NOLOGIN":
				return "ALTER " + kind + " ... NOLOGIN", true
			case w == "ACCOUNT" && word(k+1) == "LOCK":
				return "ALTER " + kind + " ... ACCOUNT LOCK", true
			case w == "DISABLE" && kind == "LOGIN":
				return "ALTER LOGIN ... DISABLE", true
			case w == "DISABLED" && (word(k+1) == "TRUE" || k+1 < len(toks) && toks[k+1].punct == '=' && word(k+2) == "TRUE"):
				return "ALTER " + kind + " ... SET DISABLED = TRUE", true
			case w == "UNSET":
				for m := k + 1; m < end; m++ {
					switch word(m) {
					case "RSA_PUBLIC_KEY", "PASSWORD":
						return "ALTER " + kind + " ... UNSET " + word(m), true
					}
				}
			case w == "PASSWORD" && word(k+1) == "NULL":
				return "ALTER " + kind + " ... PASSWORD NULL", true
			}
		}
	case "REVOKE":
		if word(i+1) != "ALL" {
			return "", false
		}
		for k := i + 2; k < end; k++ {
			if word(k) == "FROM" && word(k+1) != "PUBLIC" && word(k+1) != "" {
				return "REVOKE ALL ... FROM " + toks[k+1].word, true
			}
		}
	}
	return "", false
}
