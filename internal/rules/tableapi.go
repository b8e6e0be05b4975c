package rules

import (
	"strconv"
	"strings"

	"github.com/guardsh/guard/internal/parse"
)

// This file holds the code-table-history matcher: the lake table APIs of
// interpreter code that take a table's history away or set it back, as
// the SQL of warehouse-history does.
//
//   - Delta's vacuum with a retention under 168 hours, or with
//     enforce_retention_duration=False (delta-spark's
//     DeltaTable.forName(s, t).vacuum(0), delta-rs'
//     DeltaTable(p).vacuum(retention_hours=0, dry_run=False)). delta-rs
//     only reports unless dry_run=False.
//   - Delta's restoreToVersion, restoreToTimestamp, and delta-rs'
//     DeltaTable.restore; pyiceberg's rollback_to_snapshot and
//     set_current_snapshot.

// tableRewindCalls are the calls, in lower case with their bracket, that
// set a lake table back.
var tableRewindCalls = [...]string{".restoretoversion(", ".restoretotimestamp(", ".rollback_to_snapshot(", ".rollback_to_timestamp(", ".set_current_snapshot("}

func newCodeTableHistory(with map[string]any) (matchFunc, error) {
	if err := newParams(with).done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		if inv.Code == nil || !hasFoldSub(inv.Code.Text, "vacuum") && !hasFoldSub(inv.Code.Text, "restore") && !hasFoldSub(inv.Code.Text, "snapshot") {
			return "", false
		}
		if why := tableHistoryCall(compactCode(inv.Code.Text)); why != "" {
			return why + " in the " + inv.Code.Lang + " code", true
		}
		return "", false
	}, nil
}

// tableHistoryCall says which call of compacted code takes a lake table's
// history away or sets the table back, or "".
func tableHistoryCall(code string) string {
	for _, c := range tableRewindCalls {
		if strings.Contains(code, c) {
			return strings.Trim(c, ".(") + " sets the table back to an older version, and every write since leaves it"
		}
	}
	if strings.Contains(code, "deltatable") && strings.Contains(code, ".restore(") {
		return "DeltaTable.restore sets the table back to an older version, and every write since leaves it"
	}
	for rest := code; ; {
		i := strings.Index(rest, ".vacuum(")
		if i < 0 {
			return ""
		}
		rest = rest[i+len(".vacuum("):]
		args := rest
		if end := strings.IndexByte(args, ')'); end >= 0 {
			args = args[:end]
		}
		if shortVacuumArgs(args, strings.Contains(code, "deltalake")) {
			return "vacuum with a retention under 168 hours deletes the files that time travel and running readers still need"
		}
	}
}

// shortVacuumArgs reports whether a vacuum call's arguments delete files
// younger than Delta's 168-hour floor: a retention under it, or the check
// turned off. For delta-rs (rs), which only reports by default, dry_run
// must be False too.
func shortVacuumArgs(args string, rs bool) bool {
	if strings.Contains(args, "dry_run=true") || rs && !strings.Contains(args, "dry_run=false") {
		return false
	}
	if strings.Contains(args, "enforce_retention_duration=false") {
		return true
	}
	for _, part := range strings.Split(args, ",") {
		_, v, named := strings.Cut(part, "=")
		if !named {
			v = part
		} else if !strings.HasPrefix(part, "retention") {
			continue
		}
		if h, err := strconv.ParseFloat(v, 64); err == nil {
			return h < 168
		}
	}
	return false
}
