package rules

// mergeClause reports whether the UPDATE or DELETE at toks[i] is a
// MERGE statement's WHEN [NOT] MATCHED ... THEN action: it changes the
// rows the MERGE joined to its source, not every row of the table, as
// MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN UPDATE SET ...
// does in BigQuery, Snowflake, Spark and Postgres 15.
func mergeClause(toks []sqlToken, i int) bool {
	if i == 0 || toks[i-1].word != "THEN" {
		return false
	}
	for k := i - 2; k >= 0; k-- {
		if toks[k].punct == ';' {
			return false
		}
		if toks[k].word == "MATCHED" && k > 0 && (toks[k-1].word == "WHEN" || toks[k-1].word == "NOT") {
			return precededByMerge(toks, k)
		}
	}
	return false
}

// precededByMerge reports whether the statement holding toks[k] starts
// with MERGE.
func precededByMerge(toks []sqlToken, k int) bool {
	for ; k >= 0; k-- {
		if toks[k].punct == ';' {
			return false
		}
		if toks[k].word == "MERGE" && (k == 0 || toks[k-1].punct == ';' || toks[k-1].punct == '(') {
			return true
		}
	}
	return false
}

// mergeSourceDelete reports whether the DELETE at toks[i] is a MERGE's
// WHEN NOT MATCHED BY SOURCE ... THEN DELETE (BigQuery, Spark, Databricks,
// SQL Server, Postgres 17): it deletes every row of the target that the
// source lacks, which is every row when the source is empty or narrower
// than the author thought.
func mergeSourceDelete(toks []sqlToken, i int) bool {
	if i == 0 || toks[i-1].word != "THEN" {
		return false
	}
	for k := i - 2; k >= 2; k-- {
		if toks[k].punct == ';' || toks[k].word == "WHEN" {
			return false
		}
		if toks[k].word == "SOURCE" && toks[k-1].word == "BY" && toks[k-2].word == "MATCHED" {
			return precededByMerge(toks, k)
		}
	}
	return false
}
