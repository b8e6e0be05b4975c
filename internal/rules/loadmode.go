package rules

import (
	"strings"

	"github.com/guardsh/guard/internal/parse"
)

// This file holds the replacing-load matcher: a loader, sync or
// transformation CLI told to rebuild its target from scratch, which
// drops or truncates the table it loads before writing it again, so
// that rows its source no longer holds are lost: --full-refresh
// (dataform, bruin, sling, Databricks pipelines and their kin), or a
// load mode that replaces (sling --mode full-refresh|truncate, ingestr
// --incremental-strategy replace, --write-disposition replace,
// --if-exists replace). A scratch target or environment (dev, ci, test,
// a throwaway name) passes unless the command marks production.

// fullRefreshOptions are option names, without dashes, that rebuild a
// target from scratch.
var fullRefreshOptions = [...]string{"full-refresh", "full_refresh", "fullrefresh", "full-refresh-all"}

// loadModeOptions are option names, without dashes, whose value says how
// a load writes its target.
var loadModeOptions = [...]string{"mode", "load-mode", "write-mode", "sync-mode", "write-disposition", "write_disposition", "incremental-strategy", "if-exists", "if_exists", "load-strategy", "load-method", "replication-mode"}

// replacingModes are the load modes that drop or empty the target first.
var replacingModes = [...]string{"full-refresh", "full_refresh", "fullrefresh", "truncate", "replace", "overwrite", "recreate", "drop", "truncate-insert", "truncate_insert", "drop-create"}

// refreshModes are the replacing modes distinctive enough to count as the
// value of a bare --mode.
var refreshModes = [...]string{"full-refresh", "full_refresh", "fullrefresh", "truncate", "truncate-insert", "truncate_insert"}

// loadScopeOptions name the target or environment a load runs against.
var loadScopeOptions = [...]string{"--target", "-t", "--env", "-e", "--environment", "--tgt-conn"}

// newReplacingLoad builds the matcher; with.state_only names the programs
// whose --full-refresh only forgets their saved bookmarks and loads
// everything again, dropping nothing (meltano), and with.own those whose
// own rules judge their full refresh (dbt, databricks).
func newReplacingLoad(with map[string]any) (matchFunc, error) {
	p := newParams(with)
	stateOnly := p.strings("state_only")
	own := p.strings("own")
	if err := p.done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		opt := ""
		if !containsFold(own, v.name) && !containsFold(stateOnly, v.name) {
			opt = replacingLoadOption(inv)
		}
		if opt == "" {
			opt = structuredRefresh(inv)
		}
		if opt == "" {
			return "", false
		}
		if m := keepMarker(inv, ctx); m != "" {
			return parse.Quote(opt) + " rebuilds the target from scratch, and it runs against " + m, true
		}
		scope, known := loadScope(inv)
		if !known {
			return parse.Quote(opt) + " rebuilds the target from scratch, and the target is only known at run time", true
		}
		if scope != "" && (throwawayName(scope) || containsFold(scratchTargets, strings.ToLower(scope))) {
			return "", false
		}
		return parse.Quote(opt) + " drops or empties the target before loading it again", true
	}, nil
}

// replacingLoadOption returns the option that makes a load replace its
// target, or "".
func replacingLoadOption(inv *parse.Invocation) string {
	args := inv.Own()
	for i := 1; i < len(args); i++ {
		a := args[i]
		if a.Dynamic || !strings.HasPrefix(a.Value, "-") {
			continue
		}
		name, val, eq := strings.Cut(a.Value, "=")
		bare := strings.ToLower(strings.TrimLeft(name, "-"))
		if containsFold(fullRefreshOptions[:], bare) && (!eq || !falsy(val)) {
			return a.Value
		}
		if !containsFold(loadModeOptions[:], bare) {
			continue
		}
		if !eq {
			if i+1 >= len(args) || args[i+1].Dynamic {
				continue
			}
			val = args[i+1].Value
		}
		mode := strings.ToLower(val)
		if bare == "mode" && !containsFold(refreshModes[:], mode) {
			// A bare --mode is too common (train.py --mode overwrite):
			// only the loaders' own words for a rebuild count there.
			continue
		}
		if containsFold(replacingModes[:], mode) {
			return name + " " + val
		}
	}
	return ""
}

// refreshKeys are the parameter names, in lower case, that ask a
// pipeline run for a full refresh.
var refreshKeys = [...]string{"full_refresh", "full-refresh", "fullrefresh"}

// structuredRefresh returns the argument that hands a run a full refresh
// inside its parameters (airflow dags trigger --conf '{"full_refresh":
// true}', prefect --param full_refresh=true, databricks jobs run-now
// --python-params '["--full-refresh"]'), or "".
func structuredRefresh(inv *parse.Invocation) string {
	args := inv.Own()
	for i := 1; i < len(args); i++ {
		a := args[i]
		if a.Dynamic || len(a.Value) < 12 {
			continue
		}
		text := a.Value
		if strings.HasPrefix(text, "-") {
			_, val, eq := strings.Cut(text, "=")
			if !eq {
				continue
			}
			text = val
		}
		if refreshParam(strings.ToLower(text)) {
			return a.Value
		}
	}
	return ""
}

// refreshParam reports whether lower-case structured text sets a full
// refresh key true, or lists --full-refresh among a run's arguments.
func refreshParam(s string) bool {
	for _, key := range refreshKeys {
		for rest, at := s, 0; ; {
			i := strings.Index(rest, key)
			if i < 0 {
				break
			}
			at += i
			if strings.HasPrefix(s[max(at-2, 0):], "--"+key) && key != "full_refresh" {
				return true
			}
			rest = rest[i+len(key):]
			at += len(key)
			v := strings.TrimLeft(rest, "\"' ")
			if v == "" || v[0] != ':' && v[0] != '=' {
				continue
			}
			v = strings.TrimLeft(v[1:], "\"' ")
			for _, t := range [...]string{"true", "yes", "1", "on"} {
				if strings.HasPrefix(v, t) && (len(v) == len(t) || strings.IndexByte("\"' ,}]);", v[len(t)]) >= 0) {
					return true
				}
			}
		}
	}
	return false
}

// loadScope returns the target or environment a load names, "" for none;
// known is false when it is only known at run time.
func loadScope(inv *parse.Invocation) (string, bool) {
	return ownOptionValue(inv, loadScopeOptions[:]...)
}
