package audit

import (
	"bufio"
	"cmp"
	"io"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/guardsh/guard/internal/rules"
)

// Options configure an Auditor.
type Options struct {
	// Rules decide each command.
	Rules *rules.Set
	// Context returns the rule context for commands run in dir ("" when
	// the directory is not known).
	Context func(dir string) rules.Context
	// Since leaves out commands older than it, and commands with no time.
	Since time.Time
	// MinSeverity leaves out findings below it.
	MinSeverity rules.Severity
	// RulePatterns, when set, keep only findings of rules whose id matches
	// one of them (path.Match syntax, "fs.*"), or whose pack or id prefix
	// is one of them ("git").
	RulePatterns []string
	// Examples is how many example commands are kept per rule; 3 if 0.
	Examples int
	// OnFlagged, if set, is called for every command with findings, in the
	// order read. The Flagged value is only valid during the call.
	OnFlagged func(*Flagged) error
	// OnProgress, if set, is called every few thousand commands with the
	// number read so far.
	OnProgress func(commands int64)
}

// Flagged is a command that guard would have stopped.
type Flagged struct {
	Source   *Source
	Command  *Command
	Action   rules.Action
	Severity rules.Severity
	// Findings are the command's findings, as guard check --json prints
	// them.
	Findings []rules.FindingJSON
}

// Sighting says where and when a command was seen.
type Sighting struct {
	Source  string
	Line    int64
	Time    time.Time
	Session string
	Agent   string
}

// Example is a command that triggered a rule.
type Example struct {
	Sighting
	Command string
	// What is the part of the command that matched.
	What string
}

// RuleStats aggregates the findings of one rule.
type RuleStats struct {
	Rule *rules.Rule
	// Severity and Action are the highest seen: a production marker can
	// raise a finding's severity.
	Severity rules.Severity
	Action   rules.Action
	// Count is the number of commands that triggered the rule.
	Count int64
	// First and Last are the earliest and latest sightings with a time,
	// or, when no sighting has one, the first and last read.
	First, Last Sighting
	Examples    []Example

	timed bool
}

// Auditor decides commands and aggregates the results. It is not safe for
// concurrent use.
type Auditor struct {
	opts   Options
	report Report
	byRule map[string]*RuleStats
	cache  *cacheGen
	older  *cacheGen
	// cacheMax is maxCache; tests make it small.
	cacheMax int
	// direct, set by tests, decides every command afresh: the reference
	// the cache's answers are compared with.
	direct  bool
	ctxs    map[string]rules.Context
	entries entries
	key     []byte
	flagged Flagged
	n       int
}

// verdict is the decision on one distinct command, after filters.
type verdict struct {
	action   rules.Action
	severity rules.Severity
	hits     []Hit
	findings []rules.FindingJSON
}

// Hit is one rule's finding on a flagged command.
type Hit struct {
	Rule     *rules.Rule
	Severity rules.Severity
	Action   rules.Action
	// What is the part of the command that matched, quoted.
	What string
	// Detail says what exactly matched, when the rule says more.
	Detail string
	// Via says where in the command the program sits, when it is nested
	// in other code: "via bash -c > $(...)"; "" at the top level.
	Via string
	// Prod is the production marker that raised the severity, if any.
	Prod string
}

var allow = &verdict{}

// maxCache bounds the decision cache, in approximate bytes.
const maxCache = 16 << 20

// New returns an Auditor.
func New(opts Options) *Auditor {
	if opts.Examples <= 0 {
		opts.Examples = 3
	}
	if opts.Context == nil {
		opts.Context = func(dir string) rules.Context { return rules.Context{Dir: dir} }
	}
	a := &Auditor{opts: opts, byRule: map[string]*RuleStats{}, cache: newCacheGen(0), older: newCacheGen(0), ctxs: map[string]rules.Context{}, cacheMax: maxCache}
	a.report.Version = 1
	a.report.Filters = Filters{Since: opts.Since, MinSeverity: opts.MinSeverity, Rules: opts.RulePatterns}
	return a
}

// ReadSource reads src from r, in src.Format, or in the detected format
// when that is Auto, and audits every command in it. It returns the error
// that stopped reading, if any; src.Err is set to it too.
func (a *Auditor) ReadSource(src *Source, r io.Reader) error {
	a.report.Sources = append(a.report.Sources, src)
	br := bufio.NewReaderSize(r, 64<<10)
	if src.Format == Auto {
		head, _ := br.Peek(SniffSize)
		src.Format = Detect(src.Name, head)
		src.Detected = true
	}
	var ferr error
	err := read(br, src, func(c *Command) {
		if ferr == nil {
			ferr = a.command(src, c)
		}
	}, true)
	if err == nil {
		err = ferr
	}
	src.Err = err
	return err
}

// AddSource records a source that could not be opened.
func (a *Auditor) AddSource(src *Source) { a.report.Sources = append(a.report.Sources, src) }

// command audits one command.
func (a *Auditor) command(src *Source, c *Command) error {
	a.n++
	if a.opts.OnProgress != nil && a.n%4096 == 0 {
		a.opts.OnProgress(int64(a.n))
	}
	if !a.opts.Since.IsZero() && (c.Time.IsZero() || c.Time.Before(a.opts.Since)) {
		src.Skipped++
		return nil
	}
	a.report.Commands++
	v := a.decide(c)
	if len(v.hits) == 0 {
		return nil
	}
	c.own()
	a.report.Flagged++
	switch v.action {
	case rules.Confirm:
		a.report.Confirm++
	case rules.Deny:
		a.report.Deny++
	}
	a.report.MaxSeverity = max(a.report.MaxSeverity, v.severity)
	s := Sighting{Source: src.Name, Line: c.Line, Time: c.Time, Session: c.Session, Agent: c.Agent}
	a.report.BySeverity[v.severity]++
	for _, h := range v.hits {
		a.addHit(h, s, c)
	}
	a.entries.add(c.Text, v, s)
	if a.opts.OnFlagged != nil {
		a.flagged = Flagged{Source: src, Command: c, Action: v.action, Severity: v.severity, Findings: v.findings}
		return a.opts.OnFlagged(&a.flagged)
	}
	return nil
}

func (a *Auditor) addHit(h Hit, s Sighting, c *Command) {
	rs := a.byRule[h.Rule.ID]
	if rs == nil {
		rs = &RuleStats{Rule: h.Rule, First: s, Last: s, timed: !s.Time.IsZero()}
		a.byRule[h.Rule.ID] = rs
	}
	rs.Count++
	rs.Severity = max(rs.Severity, h.Severity)
	rs.Action = max(rs.Action, h.Action)
	seen(&rs.First, &rs.Last, &rs.timed, s)
	if len(rs.Examples) < a.opts.Examples {
		for _, e := range rs.Examples {
			if e.Command == c.Text {
				return
			}
		}
		rs.Examples = append(rs.Examples, Example{Sighting: s, Command: c.Text, What: h.What})
	}
}

// seen moves first and last to take in the sighting s: the earliest and
// latest with a time, or, while none has one, the first and last read.
func seen(first, last *Sighting, timed *bool, s Sighting) {
	switch {
	case s.Time.IsZero():
		if !*timed {
			*last = s
		}
	case !*timed:
		*first, *last, *timed = s, s, true
	default:
		if s.Time.Before(first.Time) {
			*first = s
		}
		if !s.Time.Before(last.Time) {
			*last = s
		}
	}
}

// decide returns the verdict on a command, from the cache when the same
// command was seen in the same directory before.
func (a *Auditor) decide(c *Command) *verdict {
	k := a.key[:0]
	if c.Argv != nil {
		k = append(k, 1)
		k = append(k, c.Dir...)
		for _, w := range c.Argv {
			k = append(k, 0)
			k = append(k, w...)
		}
	} else {
		k = append(k, c.Dir...)
		k = append(k, 0)
		if c.raw != nil {
			k = append(k, c.raw...)
		} else {
			k = append(k, c.Text...)
		}
	}
	a.key = k
	if a.direct {
		c.own()
		return a.filter(a.check(c))
	}
	h := hashKey(k)
	if v, ok := a.cache.get(h, k); ok {
		return v
	}
	if v, ok := a.older.get(h, k); ok {
		a.remember(h, k, v)
		return v
	}
	// The decision keeps pieces of the text: it must be a string of its
	// own.
	c.own()
	v := a.filter(a.check(c))
	a.remember(h, k, v)
	return v
}

// check decides a command with the rules, in the context of its
// directory.
func (a *Auditor) check(c *Command) rules.Decision {
	ctx, ok := a.ctxs[c.Dir]
	if !ok {
		if len(a.ctxs) > 4096 {
			clear(a.ctxs)
		}
		ctx = a.opts.Context(c.Dir)
		a.ctxs[c.Dir] = ctx
	}
	if c.Argv != nil {
		return a.opts.Rules.CheckArgs(c.Argv, ctx)
	}
	return a.opts.Rules.Check(c.Text, ctx)
}

// remember caches a verdict. The cache has two generations: when the
// current one is full it becomes the older one, and the entries still in
// use move back as they are looked up, so that memory stays bounded and
// the commands that keep coming back stay cached.
func (a *Auditor) remember(h uint64, k []byte, v *verdict) {
	if a.cache.size+len(k)+128 > a.cacheMax/2 {
		a.older, a.cache = a.cache, newCacheGen(len(a.cache.ents))
	}
	a.cache.put(h, k, v)
}

// filter applies --min-severity and --rule to a decision.
func (a *Auditor) filter(d rules.Decision) *verdict {
	var v *verdict
	for _, f := range d.Findings {
		if f.Action == rules.Allow || f.Severity < a.opts.MinSeverity || !a.ruleWanted(f.Rule) {
			continue
		}
		if v == nil {
			v = &verdict{}
		}
		dup := false
		for i, h := range v.hits {
			if h.Rule == f.Rule {
				dup = true
				if f.Severity > h.Severity {
					v.hits[i].Severity, v.hits[i].Prod = f.Severity, f.Prod
				}
				v.hits[i].Action = max(h.Action, f.Action)
			}
		}
		if !dup {
			v.hits = append(v.hits, Hit{Rule: f.Rule, Severity: f.Severity, Action: f.Action, What: f.What(), Via: f.Where(), Detail: f.Detail, Prod: f.Prod})
		}
		v.action = max(v.action, f.Action)
		v.findings = append(v.findings, f.JSON())
	}
	if v == nil {
		return allow
	}
	for _, h := range v.hits {
		if h.Action == v.action {
			v.severity = max(v.severity, h.Severity)
		}
	}
	slices.SortStableFunc(v.hits, func(x, y Hit) int {
		return cmp.Or(cmp.Compare(y.Severity, x.Severity), cmp.Compare(y.Action, x.Action))
	})
	return v
}

func (a *Auditor) ruleWanted(r *rules.Rule) bool {
	if len(a.opts.RulePatterns) == 0 {
		return true
	}
	for _, p := range a.opts.RulePatterns {
		if p == r.Pack || p == r.ID || strings.HasPrefix(r.ID, p+".") {
			return true
		}
		if ok, _ := path.Match(p, r.ID); ok {
			return true
		}
	}
	return false
}

// Report returns the aggregate of everything read so far.
func (a *Auditor) Report() *Report {
	r := a.report
	r.Rules = make([]*RuleStats, 0, len(a.byRule))
	for _, rs := range a.byRule {
		r.Rules = append(r.Rules, rs)
	}
	slices.SortFunc(r.Rules, func(x, y *RuleStats) int {
		return cmp.Or(
			cmp.Compare(y.Severity, x.Severity),
			cmp.Compare(y.Action, x.Action),
			cmp.Compare(y.Count, x.Count),
			cmp.Compare(x.Rule.ID, y.Rule.ID))
	})
	for _, s := range r.Sources {
		r.Totals.Add(s.Stats)
	}
	r.Entries, r.MoreEntries = a.entries.sorted()
	return &r
}
