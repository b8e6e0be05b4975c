package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/guardsh/guard/internal/journal"
)

func init() {
	subcommands["log"] = subcommand{runLog, "show and verify the decision log"}
}

func runLog(g *guard, args []string) int {
	flags := newFlags("log")
	asJSON := flags.Bool("json", false, "print each record as the JSON object it is in the log")
	n := flags.Int("n", 20, "show the last `N` matching records; 0 shows all")
	decision := flags.String("decision", "", "only records with this `decision`: allow, confirm, deny, or the result ran or blocked")
	rule := flags.String("rule", "", "only records with a finding of this `rule`; a pattern such as 'git.*' matches many")
	verify := flags.Bool("verify", false, "check the hash chain, its segments and the system log's anchors")
	flags.Usage = func() {
		fmt.Fprint(g.stderr, `usage: guard log [--json] [-n N] [--decision D] [--rule ID]
       guard log --verify

Shows recent decisions from the decision log, oldest first: when, the
rules' decision, whether the command ran, who answered, the rules that
matched and the command. Every decision guard makes is logged: allowed
commands, confirmations with the person's answer, denials and blocks.

The log is ~/.local/state/guard/log.jsonl (from the home directory in the
password database). Each record holds the hash of the one before it, so
--verify detects a record that was edited, removed or reordered, or a line
cut short. Each record's number and hash also go to the system log
(journald or syslog) as an anchor, and --verify checks the log against
every anchor it can read: records cut from the end, an emptied, deleted
or regenerated log are then caught too. It says which system logs it
read. The log is rotated into segments of 10 MiB, 50 MiB in all.

Flags:
`)
		printFlags(g.stderr, flags)
		fmt.Fprint(g.stderr, `
Examples:
  guard log
  guard log --decision blocked -n 50
  guard log --rule 'fs.*' --json
  guard log --verify

Exit status: 0 success, 1 the log does not verify, 64 usage error or an
unreadable log.
`)
	}
	if err := parseFlags(flags, args); err != nil {
		return g.flagError(flags, err)
	}
	if flags.NArg() > 0 {
		return g.usageError(flags, "log takes no arguments, not %q", flags.Arg(0))
	}
	if *n < 0 {
		return g.usageError(flags, "-n must be 0 or more, not %d", *n)
	}
	switch *decision {
	case "", "allow", "confirm", "deny", "ran", "blocked", "passed", "asked":
	default:
		g.errorf("--decision must be allow, confirm, deny, ran, blocked, passed or asked, not %q", *decision)
		return exitUsage
	}
	if *rule != "" {
		if _, err := path.Match(*rule, ""); err != nil {
			g.errorf("bad --rule pattern %q", *rule)
			return exitUsage
		}
	}
	if _, err := g.config(workDir()); err != nil {
		g.errorf("%v", err)
		return exitInternal
	}
	paths, err := g.paths()
	if err != nil {
		g.errorf("%v", err)
		return exitInternal
	}
	file := logFile(paths)
	if g.cfg != nil && !g.cfg.LogEnabled() {
		g.warnf("the decision log is turned off (settings.log = false); showing what it holds")
	}

	if *verify {
		return g.verifyLog(file)
	}

	var recs []*journal.Record
	err = journal.Read(file, func(r *journal.Record) bool {
		if matchRecord(r, *decision, *rule) {
			recs = append(recs, r)
			if *n > 0 && len(recs) > 2*(*n) {
				recs = append(recs[:0], recs[len(recs)-*n:]...)
			}
		}
		return true
	})
	if errors.Is(err, fs.ErrNotExist) {
		if !*asJSON {
			fmt.Fprintf(g.stdout, "no decisions logged yet (%s)\n", file)
		}
		return exitOK
	}
	if err != nil {
		g.errorf("%v", err)
		return exitUsage
	}
	if *n > 0 && len(recs) > *n {
		recs = recs[len(recs)-*n:]
	}
	if *asJSON {
		enc := json.NewEncoder(g.stdout)
		enc.SetEscapeHTML(false)
		for _, r := range recs {
			if err := enc.Encode(r); err != nil {
				g.errorf("%v", err)
				return exitInternal
			}
		}
		return exitOK
	}
	tw := tabwriter.NewWriter(g.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "TIME\tDECISION\tRESULT\tANSWER\tRULES\tCOMMAND")
	for _, r := range recs {
		when := r.Time
		if t, err := time.Parse(time.RFC3339Nano, r.Time); err == nil {
			when = t.Local().Format("2006-01-02 15:04:05")
		}
		answer := "-"
		if r.How != "rules" {
			answer = r.How
			if r.Answer != "" {
				answer += ":" + r.Answer
			}
		}
		var ids []string
		for _, f := range r.Findings {
			ids = append(ids, f.Rule)
		}
		rs := strings.Join(ids, ",")
		if rs == "" {
			rs = "-"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", when, r.Decision, r.Result, answer, cut(rs, 60), cut(shown(r.Command), 100))
	}
	tw.Flush()
	return exitOK
}

// matchRecord reports whether a record passes the --decision and --rule
// filters.
func matchRecord(r *journal.Record, decision, rule string) bool {
	switch decision {
	case "":
	case "ran", "blocked", "passed", "asked":
		if r.Result != decision {
			return false
		}
	default:
		if r.Decision != decision {
			return false
		}
	}
	if rule == "" {
		return true
	}
	for _, f := range r.Findings {
		if ok, _ := path.Match(rule, f.Rule); ok {
			return true
		}
	}
	return false
}
