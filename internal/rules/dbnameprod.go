package rules

import (
	"strings"

	"github.com/guardsh/guard/internal/wordlist"
)

// dbURLProd reports whether s holds a database connection string (a JDBC
// URL, or a URL of a database scheme such as postgres:// or mongodb://)
// whose database name ends in a production word, as Oracle service
// names and SAP systems are named: jdbc:oracle:thin:@//ora01:1521/FAREPRD,
// postgres://app@db.internal/billingprod. The host need not say
// production for the database it names to be the production one.
func dbURLProd(s string) bool {
	low := strings.ToLower(s)
	i := strings.Index(low, "jdbc:")
	if i < 0 {
		j := strings.Index(low, "://")
		if j < 0 {
			return false
		}
		k := strings.LastIndexAny(low[:j], "=\"' ")
		if !wordlist.Has(dbURLSchemes, low[k+1:j]) {
			return false
		}
		i = j + 3
	}
	rest := s[i:]
	// The database name is what the last / or : of the address names,
	// before any parameters (?x=y, ;x=y) or a closing quote.
	if k := strings.IndexAny(rest, "?;&\"' "); k >= 0 {
		rest = rest[:k]
	}
	at := strings.LastIndexAny(rest, "@")
	k := strings.LastIndexAny(rest, "/:")
	if k < 0 || k < at {
		return false
	}
	name := rest[k+1:]
	if name == "" || strings.Trim(name, "0123456789") == "" {
		return false
	}
	return prodValue(name)
}

// dbURLSchemes are the URL schemes of database connection strings.
const dbURLSchemes = "postgres postgresql mysql mariadb mongodb mongodb+srv sqlserver mssql oracle cockroachdb redshift snowflake clickhouse db2 tidb yugabyte"
