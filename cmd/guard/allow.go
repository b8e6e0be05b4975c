package main

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/guardsh/guard/internal/allow"
	"github.com/guardsh/guard/internal/config"
	"github.com/guardsh/guard/internal/parse"
	"github.com/guardsh/guard/internal/rules"
	"github.com/guardsh/guard/internal/tty"
)

func runAllow(g *guard, args []string) int {
	fs := newFlags("allow")
	command := fs.String("command", "", "allow this `COMMAND` instead of a rule: the same words, however spaced or quoted")
	in := fs.String("in", "", "only in `DIR` and the directories below it (default: everywhere)")
	forDur := fs.String("for", "", "expire after `DURATION`: 12h, 7d, 2w (default: never)")
	until := fs.String("until", "", "expire at `DATE`: 2026-12-31 (the end of that day) or an RFC 3339 time")
	note := fs.String("note", "", "a `NOTE` on why, shown by --list")
	list := fs.Bool("list", false, "list the entries, expired ones included")
	asJSON := fs.Bool("json", false, "with --list: print the list as JSON")
	var remove []int
	fs.Func("remove", "remove the entry with this `ID`; repeat for several", func(s string) error {
		n, err := strconv.Atoi(s)
		if err != nil || n <= 0 {
			return fmt.Errorf("not an entry id")
		}
		remove = append(remove, n)
		return nil
	})
	fs.Usage = func() {
		fmt.Fprint(g.stderr, `usage: guard allow RULE [--in DIR] [--for DURATION | --until DATE] [--note NOTE]
       guard allow --command COMMAND [--in DIR] [--for DURATION | --until DATE]
       guard allow --list [--json]
       guard allow --remove ID

Turns a rule, or one command, into a standing exception: from now on guard
lets it pass, for you everywhere or only in a directory and below, for
good or until it expires. A command is compared as guard parses it (its
words after quote removal and expansion, assignments, redirections and
stdin), so spacing and quoting do not matter and nothing added to it
rides along. guard explain shows which entry let a command pass.

No entry lowers a rule of guard's self-protection (the self pack) or a
rule the system file locks. The list is ~/.config/guard/allow.json, which
guard keeps every command away from; guard allow changes it only from a
terminal, and is itself denied when it arrives through guard, so an
agent cannot allow its own commands.

Flags:
`)
		printFlags(g.stderr, fs)
		fmt.Fprint(g.stderr, `
Examples:
  guard allow git.push-force-protected --in ~/src/scratch --for 7d
  guard allow --command 'rm -rf ~/.cache/pip' --note 'pip cache'
  guard allow --list
  guard allow --remove 2

Exit status: 0 success, 64 usage error, an unknown rule or entry, or no
terminal; 70 when the list cannot be written.
`)
	}
	// Flags may come before or after the rule.
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return g.flagError(fs, err)
	}
	cfg, err := g.config(workDir())
	if err != nil {
		g.errorf("%v", err)
		return exitInternal
	}
	path := cfg.Paths.AllowFile()
	adding := len(pos) > 0 || *command != ""
	switch {
	case *list && (adding || len(remove) > 0 || *in != "" || *forDur != "" || *until != "" || *note != ""):
		return g.usageError(fs, "--list takes no other flags but --json")
	case *asJSON && !*list:
		return g.usageError(fs, "--json goes with --list")
	case *list:
		return g.listAllow(path, cfg.Paths.UserOwner, *asJSON)
	case len(remove) > 0 && (adding || *in != "" || *forDur != "" || *until != "" || *note != ""):
		return g.usageError(fs, "--remove takes only entry ids")
	case len(remove) == 0 && !adding:
		return g.usageError(fs, "allow needs a rule, --command, --list or --remove")
	case len(pos) > 1:
		return g.usageError(fs, "allow takes one rule; for a command, use --command 'CMD'")
	case len(pos) == 1 && *command != "":
		return g.usageError(fs, "give a rule or --command, not both")
	case *forDur != "" && *until != "":
		return g.usageError(fs, "give --for or --until, not both")
	}
	// Only a person at a terminal changes the list: the agents run
	// commands without one.
	f, err := tty.Open()
	if err != nil || !tty.Foreground(f) {
		if f != nil {
			f.Close()
		}
		g.errorf("guard allow changes the allow list only from a terminal, in the foreground")
		g.hintf("run it in your own terminal")
		return exitUsage
	}
	f.Close()
	l, err := allow.Read(path, cfg.Paths.UserOwner)
	if err != nil {
		g.errorf("%v", err)
		g.hintf("fix or remove %s; until then it allows nothing", path)
		return exitUsage
	}
	now := time.Now()
	if len(remove) > 0 {
		for _, id := range remove {
			if !l.Remove(id) {
				g.errorf("no entry %d in the allow list (guard allow --list shows them)", id)
				return exitUsage
			}
		}
		l.Prune(now)
		if err := allow.Write(path, l); err != nil {
			g.errorf("writing %s: %v", path, err)
			return exitInternal
		}
		for _, id := range remove {
			fmt.Fprintf(g.stdout, "removed guard allow #%d\n", id)
		}
		return exitOK
	}

	e := allow.Entry{Added: now.UTC().Truncate(time.Second), Note: *note}
	if *in != "" {
		dir, err := existingDir(*in)
		if err != nil {
			return g.usageError(fs, "--in: %v", err)
		}
		e.Dir = dir
	}
	switch {
	case *forDur != "":
		d, err := parseDuration(*forDur)
		if err != nil || d <= 0 {
			return g.usageError(fs, "--for: cannot read %q as a duration: write 12h, 7d or 2w", *forDur)
		}
		e.Until = now.Add(d).UTC().Truncate(time.Second)
	case *until != "":
		t, err := parseUntil(*until)
		if err != nil {
			return g.usageError(fs, "--until: %v", err)
		}
		if !t.After(now) {
			return g.usageError(fs, "--until: %s has passed", *until)
		}
		e.Until = t.UTC()
	}
	if len(pos) == 1 {
		id := pos[0]
		r, ok := cfg.Rules.Rule(id)
		switch {
		case !ok:
			g.errorf("no rule %q (guard rules list shows them)", id)
			g.hintf("to allow a command, give it with --command '%s'", id)
			return exitUsage
		case r.Pack == "self":
			g.errorf("%s is part of guard's self-protection, which no entry can lower", id)
			return exitUsage
		case r.Locked() != "":
			g.errorf("%s is locked by %s and cannot be allowed", id, r.Locked())
			return exitUsage
		}
		e.Rule = id
	} else {
		shape, err := g.commandShape(cfg, *command, e.Dir)
		if err != nil {
			return g.usageError(fs, "--command: %v", err)
		}
		e.Command, e.Shape = *command, shape
	}
	l.Prune(now)
	e = l.Add(e)
	if err := allow.Write(path, l); err != nil {
		g.errorf("writing %s: %v", path, err)
		return exitInternal
	}
	fmt.Fprintf(g.stdout, "added %s: %s, %s\n", e.Name(), e.What(), e.Scope())
	fmt.Fprintf(g.stdout, "guard allow --remove %d takes it away\n", e.ID)
	return exitOK
}

// commandShape parses the command a person allows, as guard will parse
// the commands it is compared with, and returns what they are compared
// by. It must be one program with no word known only at run time, and
// something guard flags.
func (g *guard) commandShape(c *config.Config, text, dir string) ([]string, error) {
	if strings.TrimSpace(text) == "" {
		return nil, fmt.Errorf("the command is empty")
	}
	if dir == "" {
		dir = workDir()
	}
	ctx := g.ruleContext(c, dir)
	ctx.Allow = nil
	// ~ is parsed as Check parses it: the HOME the shell is given.
	home := ctx.ShellHome
	if home == "" {
		home = ctx.Home
	}
	invs := parse.Command(text, parse.Options{Dir: dir, Home: home})
	var progs []*parse.Invocation
	for _, inv := range invs {
		if inv.Problem != parse.NoProblem {
			return nil, fmt.Errorf("guard cannot see through it (%s), so it cannot be allowed", inv.Problem)
		}
		progs = append(progs, inv)
	}
	if len(progs) != 1 {
		return nil, fmt.Errorf("it runs %d programs; allow each on its own", len(progs))
	}
	shape := allow.Shape(progs[0])
	if shape == nil {
		return nil, fmt.Errorf("part of it is only known when it runs (a variable, a glob or $(...)), so it cannot be compared")
	}
	d := c.Rules.Decide(invs, text, ctx)
	if d.Action == rules.Allow {
		return nil, fmt.Errorf("guard already lets it pass (guard explain shows why)")
	}
	for _, f := range d.Findings {
		if f.Rule.Pack == "self" {
			return nil, fmt.Errorf("%s is part of guard's self-protection, which no entry can lower", f.Rule.ID)
		}
	}
	return shape, nil
}

// listAllow prints the allow list.
func (g *guard) listAllow(path string, owner int, asJSON bool) int {
	l, err := allow.Read(path, owner)
	if err != nil {
		g.errorf("%v", err)
		return exitUsage
	}
	now := time.Now()
	if asJSON {
		type entryJSON struct {
			allow.Entry
			Expired bool `json:"expired"`
		}
		out := struct {
			Version int         `json:"version"`
			File    string      `json:"file"`
			Entries []entryJSON `json:"entries"`
		}{allow.Version, path, []entryJSON{}}
		for _, e := range l.Entries {
			out.Entries = append(out.Entries, entryJSON{e, e.Expired(now)})
		}
		enc := json.NewEncoder(g.stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(out); err != nil {
			g.errorf("%v", err)
			return exitInternal
		}
		return exitOK
	}
	if len(l.Entries) == 0 {
		fmt.Fprintf(g.stdout, "no entries (%s)\n", path)
		return exitOK
	}
	tw := tabwriter.NewWriter(g.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tALLOWS\tWHERE\tUNTIL\tNOTE")
	home, _ := homeDir()
	for _, e := range l.Entries {
		where := "everywhere"
		if e.Dir != "" {
			where = tilde(e.Dir, home) + " and below"
		}
		when := "-"
		if !e.Until.IsZero() {
			when = e.Until.Local().Format("2006-01-02 15:04")
			if e.Expired(now) {
				when += " (expired)"
			}
		}
		note := e.Note
		if note == "" {
			note = "-"
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\n", e.ID, cut(shown(e.What()), 80), shown(where), when, cut(shown(note), 60))
	}
	tw.Flush()
	return exitOK
}

// tilde writes a path under home with ~.
func tilde(p, home string) string {
	if home != "" && (p == home || strings.HasPrefix(p, home+"/")) {
		return "~" + p[len(home):]
	}
	return p
}

// parseDuration reads a duration: anything time.ParseDuration reads, and
// days and weeks (7d, 2w).
func parseDuration(s string) (time.Duration, error) {
	if n := len(s); n > 1 && (s[n-1] == 'd' || s[n-1] == 'w') {
		k, err := strconv.Atoi(s[:n-1])
		if err != nil || k < 0 || k > 3650 {
			return 0, fmt.Errorf("bad duration %q", s)
		}
		if s[n-1] == 'w' {
			k *= 7
		}
		return time.Duration(k) * 24 * time.Hour, nil
	}
	return time.ParseDuration(s)
}

// parseUntil reads --until: a date, which means the end of that day in
// the local time zone, or an RFC 3339 time.
func parseUntil(s string) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	if t, err := time.ParseInLocation("2006-01-02", s, time.Local); err == nil {
		return t.AddDate(0, 0, 1), nil
	}
	return time.Time{}, fmt.Errorf("cannot read %q as a date: write 2026-12-31 or 2026-12-31T18:00:00Z", s)
}
