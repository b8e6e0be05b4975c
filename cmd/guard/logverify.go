package main

import (
	"fmt"
	"os"
	"strings"

	"github.com/guardsh/guard/internal/journal"
)

// verifyLog checks the decision log at file, its segments and the system
// log's anchors for it, and says what it checked against.
func (g *guard) verifyLog(file string) int {
	rep, err := journal.VerifyLog(file, journal.VerifyOptions{UID: os.Getuid()})
	if err != nil {
		g.errorf("%v", err)
		return exitUsage
	}
	against := "no anchors: no system log with guard's anchors could be read (journalctl, /var/log/syslog, /var/log/messages, /var/log/auth.log), so records cut from the end, or a deleted or regenerated log, cannot be detected"
	if len(rep.Sources) > 0 {
		against = fmt.Sprintf("%d anchors from %s", rep.Anchors, strings.Join(rep.Sources, ", "))
		if rep.Anchors == 0 {
			against += " (none for this log: it was written where no system log took them)"
		}
	}
	if !rep.OK() {
		for _, p := range rep.Problems {
			g.errorf("%s does not verify: %v", file, p)
		}
		g.hintf("%d records verify; checked against %s; the log has been changed, cut or damaged", rep.Records, against)
		return exitFindings
	}
	if rep.Records == 0 && rep.Segments == 0 {
		fmt.Fprintf(g.stdout, "no decisions logged yet (%s)\n", file)
		fmt.Fprintf(g.stdout, "checked against %s\n", against)
		return exitOK
	}
	segs := ""
	if rep.Segments > 1 {
		segs = fmt.Sprintf(" in %d segments", rep.Segments)
	}
	fmt.Fprintf(g.stdout, "ok: %d records verify%s (%s)\n", rep.Records, segs, file)
	if rep.First > 1 {
		fmt.Fprintf(g.stdout, "records 1 to %d were rotated away under the size cap\n", rep.First-1)
	}
	fmt.Fprintf(g.stdout, "checked against %s\n", against)
	return exitOK
}
