package rules

import "strings"

// structuredDryRunOff reports whether an option's value is structured
// arguments (YAML, JSON or key=value pairs, as dbt run-operation --args,
// airflow --conf, prefect --param and databricks --json take) that turn
// a dry run off: {dry_run: false}, {"dryRun": false}, dry_run=0.
func structuredDryRunOff(s string) bool {
	if len(s) < 9 || !strings.ContainsAny(s, ":=") {
		return false
	}
	low := strings.ToLower(s)
	for _, key := range [...]string{"dry_run", "dryrun", "dry-run"} {
		for rest := low; ; {
			i := strings.Index(rest, key)
			if i < 0 {
				break
			}
			rest = rest[i+len(key):]
			v := strings.TrimLeft(rest, "\"' ")
			if v == "" || v[0] != ':' && v[0] != '=' {
				continue
			}
			v = strings.TrimLeft(v[1:], "\"' ")
			end := strings.IndexAny(v, "\"' ,}]);&\n")
			if end < 0 {
				end = len(v)
			}
			if falsy(v[:end]) {
				return true
			}
		}
	}
	return false
}
