package rules

import (
	"strings"

	"github.com/guardsh/guard/internal/parse"
)

// This file holds the dataframe-overwrite matcher: interpreter code whose
// dataframe library writes over a table or a lake path, which drops what
// was there and leaves only the frame's rows.
//
//   - Spark: df.write.mode("overwrite") (or SaveMode.Overwrite) with
//     saveAsTable, insertInto, save, parquet, orc, csv, json or delta;
//     insertInto(t, overwrite=True); writeTo(t).createOrReplace() and
//     .replace().
//   - pandas and its kin: to_sql(..., if_exists="replace"),
//     pandas_gbq's to_gbq(..., if_exists="replace"), Snowflake's
//     write_pandas(..., overwrite=True), polars' write_database(...,
//     if_table_exists="replace"), awswrangler's and delta-rs' writes with
//     mode="overwrite".
//
// A write to a file on this machine, to a table or path with a
// throwaway name (scratch.tmp_orders, s3://lake/tmp/x), into a local
// SQLite or DuckDB file, or with Spark's dynamic partition overwrite or
// Delta's replaceWhere, which replace only the partitions written,
// passes.

// frameReplacing are the spellings, without spaces and in lower case, of
// a write that replaces its target.
var frameReplacing = [...]string{
	`.mode("overwrite")`, `.mode('overwrite')`, `mode="overwrite"`, `mode='overwrite'`, `savemode.overwrite`,
	`overwrite=true`, `if_exists="replace"`, `if_exists='replace'`, `if_table_exists="replace"`,
	`if_table_exists='replace'`, `.createorreplace()`, `.replace()`,
}

// frameTableSinks are the calls that write a frame into a named table;
// frameSinks those that write it to a path.
var (
	frameTableSinks = [...]string{".saveastable(", ".insertinto(", ".to_sql(", "to_gbq(", "write_pandas(", ".write_database(", ".to_table(", ".totable(", ".writeto("}
	frameSinks      = [...]string{".save(", ".parquet(", ".orc(", ".csv(", ".json(", ".delta(", "write_deltalake(", ".to_parquet(", ".to_iceberg("}
)

// frameNarrowing are the settings that make an overwrite replace only the
// partitions written.
var frameNarrowing = [...]string{`partitionoverwritemode","dynamic"`, `partitionoverwritemode','dynamic'`, `partitionoverwritemode=dynamic`, `replacewhere`}

// frameLocalDB are the connections to a database file on this machine.
var frameLocalDB = [...]string{"sqlite:", "sqlite3.connect(", "duckdb.connect(", "duckdb:"}

// remoteSchemes are the lake and object-store schemes a path write may name.
var remoteSchemes = [...]string{"s3://", "s3a://", "s3n://", "gs://", "abfs://", "abfss://", "wasb://", "wasbs://", "dbfs:", "hdfs://", "adl://", "oss://", "r2://", "lakefs://", "/mnt/", "/dbfs/", "/volumes/"}

func newDataframeOverwrite(with map[string]any) (matchFunc, error) {
	if err := newParams(with).done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		if inv.Code == nil || !hasFoldSub(inv.Code.Text, "overwrite") && !hasFoldSub(inv.Code.Text, "replace") {
			return "", false
		}
		keep := keepMarker(inv, ctx) != ""
		if why := frameOverwrite(inv.Code.Text, keep); why != "" {
			return why + " in the " + inv.Code.Lang + " code", true
		}
		return "", false
	}, nil
}

// frameOverwrite says which statement of code writes a dataframe over a
// table or lake path, or "".
func frameOverwrite(code string, keep bool) string {
	all := compactCode(code)
	for _, n := range frameNarrowing {
		if strings.Contains(all, n) {
			return ""
		}
	}
	local := false
	for _, l := range frameLocalDB {
		local = local || strings.Contains(all, l)
	}
	for _, stmt := range strings.FieldsFunc(all, func(r rune) bool { return r == '\n' || r == ';' }) {
		replacing := ""
		for _, m := range frameReplacing {
			if strings.Contains(stmt, m) {
				replacing = m
				break
			}
		}
		if replacing == "" {
			continue
		}
		for _, s := range frameTableSinks {
			i := strings.Index(stmt, s)
			if i < 0 || (replacing == ".replace()" || replacing == ".createorreplace()") && s != ".writeto(" {
				continue
			}
			target := firstLiteral(stmt[i+len(s):])
			if local && s == ".to_sql(" || target != "" && !keep && scratchRelation(target) {
				return ""
			}
			return "a dataframe written with " + replacing + " through " + strings.Trim(s, ".(") + " replaces every row of the table " + quoteOr(target)
		}
		if replacing == ".replace()" || replacing == ".createorreplace()" {
			continue
		}
		for _, s := range frameSinks {
			i := strings.Index(stmt, s)
			if i < 0 {
				continue
			}
			target := pathLiteral(stmt[i+len(s):])
			if target != "" && !lakePath(target) || target != "" && !keep && scratchPath(target) {
				return ""
			}
			return "a dataframe written with " + replacing + " through " + strings.Trim(s, ".(") + " replaces everything at " + quoteOr(target)
		}
	}
	return ""
}

// compactCode lowers code and takes out its blanks, and the line breaks
// inside brackets or after a backslash, so that a chain of calls written
// over several lines reads as one statement.
func compactCode(code string) string {
	var b strings.Builder
	depth := 0
	for i := 0; i < len(code); i++ {
		c := code[i]
		switch {
		case c == ' ' || c == '\t' || c == '\r':
			continue
		case c == '\\' && i+1 < len(code) && code[i+1] == '\n':
			i++
			continue
		case c == '\n' && depth > 0:
			continue
		case c == '(' || c == '[' || c == '{':
			depth++
		case c == ')' || c == ']' || c == '}':
			depth = max(depth-1, 0)
		case c >= 'A' && c <= 'Z':
			c += 'a' - 'A'
		}
		b.WriteByte(c)
	}
	return b.String()
}

// firstLiteral returns the first quoted string in a call's argument
// text, up to its closing bracket, or "".
func firstLiteral(args string) string {
	if l := callLiterals(args, 1); len(l) > 0 {
		return l[0]
	}
	return ""
}

// pathLiteral returns the first string of a call's arguments that names a
// lake or object-store path, or else its first string, or "": in
// wr.s3.to_parquet(pd.DataFrame({'a': [1]}), path='s3://x/'), the path.
func pathLiteral(args string) string {
	l := callLiterals(args, 16)
	for _, s := range l {
		if lakePath(s) {
			return s
		}
	}
	if len(l) > 0 {
		return l[0]
	}
	return ""
}

// callLiterals returns up to n quoted strings in a call's argument text,
// up to its closing bracket.
func callLiterals(args string, n int) []string {
	var out []string
	depth := 0
	for i := 0; i < len(args) && len(out) < n; i++ {
		switch c := args[i]; c {
		case '(', '[', '{':
			depth++
		case ')', ']', '}':
			if depth == 0 {
				return out
			}
			depth--
		case '"', '\'':
			j := strings.IndexByte(args[i+1:], c)
			if j < 0 {
				return out
			}
			out = append(out, args[i+1:i+1+j])
			i += j + 1
		}
	}
	return out
}

// lakePath reports whether a write's path is in a lake or an object
// store rather than on this machine.
func lakePath(p string) bool {
	for _, s := range remoteSchemes {
		if strings.HasPrefix(p, s) {
			return true
		}
	}
	return strings.Contains(p, "://")
}

// scratchPath reports whether a segment of a path is a throwaway name.
func scratchPath(p string) bool {
	for _, seg := range strings.FieldsFunc(p, func(r rune) bool { return r == '/' }) {
		if throwawayName(seg) {
			return true
		}
	}
	return false
}

// quoteOr quotes a target, or says it is not known.
func quoteOr(s string) string {
	if s == "" {
		return "(named at run time)"
	}
	return parse.Quote(s)
}
