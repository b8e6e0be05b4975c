package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"golang.org/x/term"

	"github.com/guardsh/guard/internal/audit"
	"github.com/guardsh/guard/internal/config"
	"github.com/guardsh/guard/internal/parse"
	"github.com/guardsh/guard/internal/rules"
)

// auditRules collects --rule values, which may repeat and hold commas.
type auditRules []string

func (l *auditRules) String() string { return strings.Join(*l, ",") }
func (l *auditRules) Set(s string) error {
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			*l = append(*l, p)
		}
	}
	return nil
}

// severityFlag is a severity given by name.
type severityFlag struct{ s rules.Severity }

func (f *severityFlag) String() string {
	if f.s == 0 {
		return ""
	}
	return f.s.String()
}
func (f *severityFlag) Set(v string) error {
	s, err := rules.ParseSeverity(v)
	f.s = s
	return err
}

func runAudit(g *guard, args []string) int {
	fs := newFlags("audit")
	format := fs.String("format", "", "read every input as `FORMAT`: bash, zsh, fish, plain, claude or codex (default: detected per file)")
	asJSON := fs.Bool("json", false, "print JSON Lines: one object per flagged command, then a summary (schema in the README)")
	asMarkdown := fs.Bool("markdown", false, "print a Markdown report, to paste into a review")
	htmlOut := fs.String("html", "", "also write the report as one self-contained HTML page, with a timeline of what would have been stopped, to `FILE` (- for standard output, instead of the text report)")
	since := fs.String("since", "", "only commands run since `WHEN`: 2024-05-01, an RFC 3339 time, or a duration such as 36h, 7d or 2w; commands with no time are left out")
	var minSev, failOn severityFlag
	fs.Var(&minSev, "min-severity", "only report findings of `SEVERITY` or above: low, medium, high, critical")
	var rulePats auditRules
	fs.Var(&rulePats, "rule", "only report rules matching `PATTERN`: an id, a pack, or a pattern such as 'fs.*'; repeat or separate with commas")
	fs.Var(&failOn, "fail-on", "exit 1 when a finding of `SEVERITY` or above is reported (for CI)")
	fs.Usage = func() {
		fmt.Fprint(g.stderr, `usage: guard audit [FLAGS] [FILE|DIR|-]...

Reads shell history and coding-agent transcripts and reports what guard
would have stopped, had it been in place. Nothing is executed and nothing
is asked: every command is only parsed and decided, as guard check does.

With no arguments, guard audit reads the current user's history files and
transcripts, and says which it read:
  ~/.bash_history, ~/.zsh_history (also ~/.zhistory, ~/.histfile),
  ~/.local/share/fish/fish_history,
  ~/.claude/projects/*/*.jsonl (Claude Code, subagents included),
  ~/.codex/sessions/**/rollout-*.jsonl (Codex).
A directory argument is searched for *.jsonl and *history* files; - reads
standard input. Each file's format is detected; --format overrides it.
Unreadable records (corrupt lines, invalid UTF-8, truncated or oversized
records) are counted and reported, never fatal.

Output: a first line with the number of commands that would have been
stopped, by severity; the sources read; then one entry per distinct
flagged command, most severe first, with where it was seen and every
finding: the reason, what matched and what to do instead; and last a line
per rule. Colour only on a terminal (and NO_COLOR turns it off). The
progress line, on a terminal, says how long the rest should take.

--html FILE writes the same report as one HTML page that needs nothing
else (inline CSS, no scripts), with a day-by-day timeline; open it in a
browser or attach it to a review.

Flags:
`)
		printFlags(g.stderr, fs)
		fmt.Fprint(g.stderr, `
Examples:
  guard audit
  guard audit --since 30d --min-severity high
  guard audit ~/.zsh_history ~/.claude/projects
  guard audit --rule 'git.*' --markdown > audit.md
  guard audit --html audit.html
  atuin history list --cmd-only | guard audit -
  guard audit --json --fail-on critical ci-transcripts/

Exit status:
  0   no finding at or above --fail-on (or no --fail-on)
  1   a finding at or above --fail-on severity
  64  usage error, or an input that could not be read
  70  internal failure
`)
	}
	files, err := parseInterleaved(fs, args)
	if err != nil {
		return g.flagError(fs, err)
	}
	if *asJSON && *asMarkdown {
		g.errorf("--json and --markdown cannot be used together")
		return exitUsage
	}
	if *htmlOut == "-" && (*asJSON || *asMarkdown) {
		return g.usageError(fs, "--html - prints the HTML report on standard output: it cannot be used with --json or --markdown")
	}
	var forced audit.Format
	if *format != "" {
		if forced, err = audit.ParseFormat(*format); err != nil || forced == audit.Auto {
			g.errorf("--format: unknown format %q (want bash, zsh, fish, plain, claude or codex)", *format)
			return exitUsage
		}
	}
	var sinceT time.Time
	if *since != "" {
		if sinceT, err = parseSince(*since, time.Now()); err != nil {
			g.errorf("--since: %v", err)
			return exitUsage
		}
	}
	for _, p := range rulePats {
		if _, err := path.Match(p, ""); err != nil {
			g.errorf("--rule: bad pattern %q", p)
			return exitUsage
		}
	}

	home, err := homeDir()
	if err != nil {
		g.errorf("%v", err)
		return exitInternal
	}
	wd := workDir()
	cfg, err := g.config(wd)
	if err != nil {
		g.errorf("%v", err)
		return exitInternal
	}
	var htmlFile *os.File
	if *htmlOut != "" && *htmlOut != "-" {
		// Opened before the audit, so that a path that cannot be written
		// fails at once.
		f, err := g.createReport(cfg, wd, *htmlOut)
		if err != nil {
			return g.usageError(fs, "--html: %v", err)
		}
		htmlFile = f
		defer f.Close()
	}

	// The inputs: named files, or the user's own.
	type input struct {
		path   string
		format audit.Format
	}
	var inputs []input
	var skipped []string
	status := exitOK
	var missing []*audit.Source
	nothing := false
	if len(files) == 0 {
		found, skip := audit.Discover(home)
		for _, f := range found {
			inputs = append(inputs, input{f.Path, f.Format})
		}
		skipped = skip
		// A fresh machine has nothing to audit: that is said, and is
		// not an error.
		nothing = len(inputs) == 0
	} else {
		for _, f := range files {
			if f == "-" {
				inputs = append(inputs, input{"-", audit.Auto})
				continue
			}
			list, err := audit.Expand(f)
			if err != nil {
				g.errorf("%v", err)
				missing = append(missing, &audit.Source{Name: f, Format: forced, Err: err})
				status = exitUsage
				continue
			}
			for _, p := range list {
				inputs = append(inputs, input{p, audit.Auto})
			}
		}
	}

	auditGC()
	out := bufio.NewWriterSize(g.stdout, 64<<10)
	var jw *audit.JSONWriter
	opts := audit.Options{
		Rules:        cfg.Rules,
		Context:      func(dir string) rules.Context { return g.ruleContext(cfg, dir) },
		Since:        sinceT,
		MinSeverity:  minSev.s,
		RulePatterns: rulePats,
	}
	if *asJSON {
		jw = audit.NewJSONWriter(out)
		opts.OnFlagged = func(f *audit.Flagged) error {
			if err := jw.Command(f); err != nil {
				return writeError{err}
			}
			return nil
		}
	}
	var progress *audit.Progress
	// The progress line rewrites itself with a terminal's escapes, which a
	// dumb terminal does not have.
	if isTerminal(g.stderr) && os.Getenv("TERM") != "dumb" {
		var total int64
		for _, in := range inputs {
			if st, err := os.Stat(in.path); err == nil && in.path != "-" {
				total += st.Size()
			}
		}
		progress = audit.NewProgress(g.stderr, total)
		opts.OnProgress = progress.Update
	}
	a := audit.New(opts)
	for _, m := range missing {
		a.AddSource(m)
	}

	for _, in := range inputs {
		src := &audit.Source{Name: in.path, Format: in.format}
		if forced != audit.Auto {
			src.Format = forced
		}
		var r io.Reader = g.stdin
		var f *os.File
		if in.path != "-" {
			if f, err = os.Open(in.path); err != nil {
				g.errorf("%v", err)
				src.Err = err
				a.AddSource(src)
				status = exitUsage
				continue
			}
			r = f
		}
		if progress != nil {
			r = progress.Reader(r)
		}
		err := a.ReadSource(src, r)
		if f != nil {
			f.Close()
		}
		if err != nil {
			var werr writeError
			if errors.As(err, &werr) {
				g.errorf("writing the report: %v", werr.err)
				return exitInternal
			}
			g.errorf("reading %s: %v", in.path, err)
			status = exitUsage
		}
	}
	if progress != nil {
		progress.Done()
	}

	rep := a.Report()
	rep.Skipped = skipped
	rep.Filters.FailOn = failOn.s
	ro := audit.RenderOptions{Home: home, Location: time.Local}
	switch {
	case nothing && !*asJSON && *htmlOut != "-":
		err = g.nothingToAudit(out, ro, *asMarkdown)
	case *htmlOut == "-":
		err = rep.WriteHTML(out, ro)
	case *asJSON:
		err = jw.Summary(rep)
	case *asMarkdown:
		err = rep.WriteMarkdown(out, ro)
	default:
		ro.Color = colorOn(g.stdout)
		err = rep.WriteText(out, ro)
	}
	if err == nil {
		err = out.Flush()
	}
	if err != nil {
		g.errorf("writing the report: %v", err)
		return exitInternal
	}
	if htmlFile != nil {
		err := rep.WriteHTML(htmlFile, ro)
		if err == nil {
			err = htmlFile.Close()
		}
		if err != nil {
			g.errorf("writing the HTML report: %v", err)
			return exitInternal
		}
		if !*asJSON {
			fmt.Fprintf(g.stderr, "guard audit: the HTML report is in %s\n", *htmlOut)
		}
	}
	if status != exitOK {
		return status
	}
	if rep.Failed() {
		return exitFindings
	}
	return exitOK
}

// createReport creates the file guard audit --html writes, where the rules
// let a redirect write it without asking: guard audit runs through guard
// like any command, and its report must not become a way to overwrite
// guard's own files, an agent's settings or anything else a rule guards.
func (g *guard) createReport(cfg *config.Config, wd, name string) (*os.File, error) {
	d := cfg.Rules.Check(": > "+parse.Quote(name), g.liveContext(cfg, wd))
	if len(d.Findings) > 0 {
		f := d.Findings[0]
		return nil, fmt.Errorf("not writing the report to %s: %s (%s); name another file, or use --html - and redirect it yourself", name, f.Rule.Reason, f.Rule.ID)
	}
	return os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
}

// nothingToAudit says that guard audit found no history or transcripts
// to read, and how to give it some.
func (g *guard) nothingToAudit(w io.Writer, ro audit.RenderOptions, markdown bool) error {
	const hint = "name the files to read, or pipe commands in: atuin history list --cmd-only | guard audit -"
	var err error
	if markdown {
		_, err = fmt.Fprintf(w, "## guard audit\n\nNothing to audit: no shell history or agent transcripts were found.\n")
	} else {
		_, err = fmt.Fprintf(w, "guard audit: nothing to audit: no shell history or agent transcripts found under %s.\n  To audit other records, %s\n", ro.Home, hint)
	}
	return err
}

// writeError marks a failure to write output, as opposed to reading input.
type writeError struct{ err error }

func (e writeError) Error() string { return e.err.Error() }

// parseInterleaved parses flags that may come before or after the file
// arguments, as in guard audit ~/.zsh_history --json. After --, every
// argument is a file.
func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, error) {
	var files []string
	for {
		if err := parseFlags(fs, args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if consumed := len(args) - len(rest); consumed > 0 && args[consumed-1] == "--" {
			return append(files, rest...), nil
		}
		if len(rest) == 0 {
			return files, nil
		}
		files = append(files, rest[0])
		args = rest[1:]
	}
}

// parseSince reads --since: a date, an RFC 3339 time, or a duration back
// from now (36h, 7d, 2w).
func parseSince(s string, now time.Time) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	for _, layout := range []string{"2006-01-02", "2006-01-02T15:04", "2006-01-02 15:04"} {
		if t, err := time.ParseInLocation(layout, s, time.Local); err == nil {
			return t, nil
		}
	}
	if n := len(s); n > 1 && (s[n-1] == 'd' || s[n-1] == 'w') {
		if k, err := strconv.Atoi(s[:n-1]); err == nil && k >= 0 {
			days := k
			if s[n-1] == 'w' {
				days *= 7
			}
			return now.AddDate(0, 0, -days), nil
		}
	}
	if d, err := time.ParseDuration(s); err == nil && d >= 0 {
		return now.Add(-d), nil
	}
	return time.Time{}, fmt.Errorf("cannot read %q as a time: write 2024-05-01, 2024-05-01T10:00:00Z, 36h, 7d or 2w", s)
}

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// auditGC lets the heap grow to nine times what is live before the
// collector runs, but to no more than auditHeapLimit, unless GOGC or
// GOMEMLIMIT says otherwise. An audit allocates a few kilobytes for every
// distinct command it decides and keeps little of it (its decision cache
// holds no pointers and is bounded at 16 MiB), so the collector's cycles
// are mostly its fixed cost: for 200,000 commands of history this is
// about 6% fewer instructions than GOGC=200, and peak RSS grows from
// about 32 to 72 MB, bounded by the limit however large the input.
func auditGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(800)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(auditHeapLimit)
	}
}

// auditHeapLimit is the heap size the collector keeps an audit under.
const auditHeapLimit = 64 << 20
