package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/guardsh/guard/internal/journal"
	"github.com/guardsh/guard/internal/logquery"
)

func runLog(g *guard, args []string) int {
	flags := newFlags("log")
	asJSON := flags.Bool("json", false, "print each record as the JSON object it is in the log")
	n := flags.Int("n", 20, "show the last `N` matching records; 0 shows all")
	decision := flags.String("decision", "", "only records with this `decision`: allow, confirm, deny, or the result ran or blocked")
	rule := flags.String("rule", "", "only records with a finding of this `rule`; a pattern such as 'git.*' matches many")
	since := flags.String("since", "", "only records since `WHEN`: 2024-05-01, an RFC 3339 time, or a duration such as 36h, 7d or 2w")
	agent := flags.String("agent", "", "only records from this coding `agent` (claude, codex, gemini, cursor, ...); none for commands no agent was seen to send")
	channel := flags.String("channel", "", "only records that came through this `channel`: shell, exec, shim, undo, hook, or one agent's hook such as 'hook claude'; approver or tty for those a person answered there")
	grep := flags.String("grep", "", "only records whose command matches this regular expression (`RE`, Go syntax)")
	stats := flags.Bool("stats", false, "count the decisions per day, per rule and per agent, with the approval rate and a bar chart, instead of listing them")
	verify := flags.Bool("verify", false, "check the hash chain, its segments and the system log's anchors")
	flags.Usage = func() {
		fmt.Fprint(g.stderr, `usage: guard log [--json] [-n N] [FILTERS]
       guard log --stats [--json] [FILTERS]
       guard log --verify

FILTERS: --since WHEN, --decision D, --rule ID, --agent NAME,
--channel NAME, --grep RE; a record must pass them all.

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

--stats counts what the filters select, per day, per rule and per agent:
decisions allowed, asked and denied, and the approval rate, approved asks
over asks. An ask is approved when a person answered yes on the terminal
or in the approver, or, for an agent's hook, when guard's PostToolUse hook
logged that the command then ran (without that hook a hook's ask is never
counted as approved). The bars use unicode blocks in colour on a terminal,
and # otherwise or when NO_COLOR is set; with --json the numbers are one
JSON object.

Flags:
`)
		printFlags(g.stderr, flags)
		fmt.Fprint(g.stderr, `
Examples:
  guard log
  guard log --decision blocked -n 50
  guard log --rule 'fs.*' --json
  guard log --since 7d --agent claude --grep 'git (reset|clean)'
  guard log --stats --since 2w
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
	if !logquery.ValidDecision(*decision) {
		return g.usageError(flags, "--decision must be allow, confirm, deny, ran, blocked, passed or asked, not %q", *decision)
	}
	filter := logquery.Filter{Decision: *decision, Rule: *rule, Agent: *agent, Channel: *channel}
	if *rule != "" {
		if _, err := path.Match(*rule, ""); err != nil {
			return g.usageError(flags, "bad --rule pattern %q", *rule)
		}
	}
	if *since != "" {
		t, err := parseSince(*since, time.Now())
		if err != nil {
			return g.usageError(flags, "--since: %v", err)
		}
		filter.Since = t
	}
	if *grep != "" {
		re, err := regexp.Compile(*grep)
		if err != nil {
			return g.usageError(flags, "bad --grep pattern %q: %v", *grep, strings.TrimPrefix(err.Error(), "error parsing regexp: "))
		}
		filter.Grep = re
	}
	if *verify && (*stats || flags.NFlag() > 1) {
		return g.usageError(flags, "--verify checks the whole log and takes no other flags")
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

	if *stats {
		return g.logStats(file, &filter, *asJSON)
	}

	var recs []*journal.Record
	err = journal.Read(file, func(r *journal.Record) bool {
		if filter.Match(r) {
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

// logStats prints guard log --stats: the counts of the records the
// filter selects.
func (g *guard) logStats(file string, filter *logquery.Filter, asJSON bool) int {
	c := logquery.NewCounter(time.Local)
	err := journal.Read(file, func(r *journal.Record) bool {
		// A PostToolUse hook's report follows its ask: it is counted
		// with the ask, whatever the filters say of the report itself.
		if filter.Match(r) || logquery.IsFollowUp(r) {
			c.Add(r)
		}
		return true
	})
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		g.errorf("%v", err)
		return exitUsage
	}
	s := c.Stats()
	if asJSON {
		enc := json.NewEncoder(g.stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(s); err != nil {
			g.errorf("%v", err)
			return exitInternal
		}
		return exitOK
	}
	if errors.Is(err, fs.ErrNotExist) {
		fmt.Fprintf(g.stdout, "no decisions logged yet (%s)\n", file)
		return exitOK
	}
	o := logquery.TextOptions{Color: colorOn(g.stdout), MaxRules: 20}
	if err := s.WriteText(g.stdout, o); err != nil {
		g.errorf("%v", err)
		return exitInternal
	}
	return exitOK
}
