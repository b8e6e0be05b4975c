package rules

import "strings"

// db2Empties describes a Db2 statement at token i that empties a table:
// LOAD FROM file OF type REPLACE INTO t and IMPORT FROM ... REPLACE INTO t
// (or REPLACE_CREATE) delete every row of t before they load, so a load
// from /dev/null or an empty file is Db2's TRUNCATE; ALTER TABLE t
// ACTIVATE NOT LOGGED INITIALLY WITH EMPTY TABLE deletes them with no log
// to recover them from. MySQL's LOAD DATA ... REPLACE INTO TABLE, which
// replaces only the rows whose keys the file repeats, has DATA after LOAD
// and is not one.
func db2Empties(toks []sqlToken, i int) string {
	if toks[i].word == "ACTIVATE" {
		if !precededBy(toks, i, "ALTER") {
			return ""
		}
		for k := i + 1; k < len(toks) && toks[k].punct != ';'; k++ {
			if toks[k].word == "EMPTY" && k+1 < len(toks) && toks[k+1].word == "TABLE" {
				return "ALTER TABLE ... ACTIVATE NOT LOGGED INITIALLY WITH EMPTY TABLE"
			}
		}
		return ""
	}
	if i+1 >= len(toks) || toks[i+1].word != "FROM" {
		return ""
	}
	of := false
	for k := i + 2; k+1 < len(toks) && toks[k].punct != ';'; k++ {
		switch toks[k].word {
		case "OF":
			of = true
		case "REPLACE", "REPLACE_CREATE":
			if of && toks[k+1].word == "INTO" {
				name := ""
				if k+2 < len(toks) {
					name = strings.ToLower(toks[k+2].str)
				}
				return toks[i].word + " ... " + toks[k].word + " INTO " + name + " (deletes every row first)"
			}
		}
	}
	return ""
}
