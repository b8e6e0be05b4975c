package audit

import (
	"bufio"
	"html/template"
	"io"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/guardsh/guard/internal/rules"
)

// WriteHTML writes the report as one self-contained HTML page: inline
// CSS, no scripts, nothing loaded from the network. It opens with the
// summary and a timeline of what would have been stopped, day by day,
// then one entry per flagged command with its findings and hints, the
// rules and the sources. Every text from the input goes through
// html/template, which escapes it.
func (r *Report) WriteHTML(out io.Writer, o RenderOptions) error {
	w := bufio.NewWriter(out)
	if err := htmlPage().Execute(w, r.htmlData(o)); err != nil {
		return err
	}
	return w.Flush()
}

type htmlData struct {
	Summary, Headline, Verdict, Filters string
	// Earlier is how many sightings the timeline leaves out, the oldest,
	// when there are more than maxTimeline.
	Earlier    string
	Severities []htmlCount
	Days       []htmlDay
	Untimed    []htmlEvent
	Entries    []htmlEntry
	Rules      []htmlRule
	Sources    []htmlSource
	Skipped    []string
}

type htmlCount struct {
	Severity string
	N        string
}

type htmlDay struct {
	Day    string
	Events []htmlEvent
}

// htmlEvent is a sighting on the timeline.
type htmlEvent struct {
	Time, Severity, Action, Command, Rules, Where string
	At                                            time.Time
	// Entry is the anchor of the command's entry.
	Entry string
}

type htmlEntry struct {
	ID, Severity, Action, Command, Seen string
	Hits                                []htmlHit
}

type htmlHit struct {
	Rule, Severity, Action, Reason, Matched, Raised, Hint string
	// Differs is set when the hit's severity or action is not the
	// entry's.
	Differs bool
}

type htmlRule struct {
	Severity, Rule, Action, Count, Reason string
}

type htmlSource struct {
	Name, Format, Commands, Note string
}

func (r *Report) htmlData(o RenderOptions) htmlData {
	d := htmlData{
		Summary:  capital(r.summaryLine()),
		Headline: "guard audit " + r.headline() + "; nothing was executed.",
		Verdict:  capital(r.verdictLine()),
		Filters:  r.filterLine(),
		Skipped:  []string{},
	}
	for s := rules.Critical; s >= rules.Low; s-- {
		if n := r.BySeverity[s]; n > 0 {
			d.Severities = append(d.Severities, htmlCount{s.String(), count(n)})
		}
	}
	loc := o.Location
	if loc == nil {
		loc = time.UTC
	}
	var events []htmlEvent
	for i, e := range r.Entries {
		id := "c" + itoa(i+1)
		var ids []string
		for _, h := range e.Hits {
			ids = append(ids, h.Rule.ID)
		}
		ev := htmlEvent{Severity: e.Severity.String(), Action: e.Action.String(), Command: oneLine(e.Command, 200),
			Rules: strings.Join(ids, ", "), Entry: id}
		if len(e.Times) == 0 {
			ev.Where = o.where(e.First)
			d.Untimed = append(d.Untimed, ev)
		}
		for _, s := range e.Times {
			x := ev
			x.At, x.Time = s.Time, s.Time.In(loc).Format("15:04")
			s.Time = time.Time{}
			x.Where = o.where(s)
			events = append(events, x)
		}
		he := htmlEntry{ID: id, Severity: e.Severity.String(), Action: e.Action.String(),
			Command: rules.Sanitize(strings.TrimSpace(e.Command)), Seen: capital(entrySeen(e, o))}
		for _, h := range e.Hits {
			x := htmlHit{Rule: h.Rule.ID, Severity: h.Severity.String(), Action: h.Action.String(),
				Reason: rules.Sanitize(h.Rule.Reason), Hint: rules.Sanitize(h.Rule.Hint), Raised: rules.Sanitize(h.Prod),
				Differs: h.Severity != e.Severity || h.Action != e.Action}
			if h.Detail != "" {
				x.Matched = rules.Sanitize(h.Detail)
			} else if h.Via != "" {
				x.Matched = oneLine(h.What, 300) + ", " + oneLine(h.Via, 200)
			}
			he.Hits = append(he.Hits, x)
		}
		d.Entries = append(d.Entries, he)
	}
	slices.SortStableFunc(events, func(x, y htmlEvent) int { return x.At.Compare(y.At) })
	if n := len(events) - maxTimeline; n > 0 {
		d.Earlier = count(int64(n))
		events = events[n:]
	}
	for _, ev := range events {
		day := ev.At.In(loc).Format("Mon 2006-01-02")
		if n := len(d.Days); n == 0 || d.Days[n-1].Day != day {
			d.Days = append(d.Days, htmlDay{Day: day})
		}
		d.Days[len(d.Days)-1].Events = append(d.Days[len(d.Days)-1].Events, ev)
	}
	for _, rs := range r.Rules {
		d.Rules = append(d.Rules, htmlRule{rs.Severity.String(), rs.Rule.ID, rs.Action.String(), count(rs.Count), rules.Sanitize(rs.Rule.Reason)})
	}
	for _, g := range groupSources(r.Sources, o) {
		note := problems(g.stats)
		if g.err != "" {
			note = strings.TrimPrefix(note+", ", ", ") + "error: " + g.err
		}
		d.Sources = append(d.Sources, htmlSource{rules.Sanitize(g.name), g.format.String(), count(g.stats.Commands), rules.Sanitize(note)})
	}
	for _, s := range r.Skipped {
		d.Skipped = append(d.Skipped, rules.Sanitize(o.path(s)))
	}
	return d
}

// maxTimeline is how many sightings the timeline shows at most.
const maxTimeline = 2000

func itoa(n int) string { return count(int64(n)) }

// htmlPage is parsed when a report is first written as HTML: parsed at
// start, it cost every run of guard about 590,000 instructions.
var htmlPage = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("audit").Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>guard audit</title>
<style>
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #1d1d1f; background: #fff; }
h1 { font-size: 1.5rem; margin-bottom: .25rem; }
h2 { font-size: 1.15rem; margin-top: 2.2rem; border-bottom: 1px solid #ddd; padding-bottom: .2rem; }
h3 { font-size: 1rem; margin: 1.2rem 0 .4rem; }
p.lead { font-size: 1.1rem; font-weight: 600; margin: .3rem 0; }
p.meta, .where { color: #666; font-size: .85rem; }
code, pre { font: .85rem/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
pre { background: #f5f5f7; padding: .5rem .7rem; border-radius: 4px; white-space: pre-wrap; word-break: break-all; margin: .3rem 0; }
.sev { display: inline-block; min-width: 4.8rem; text-align: center; border-radius: 3px; padding: 0 .35rem; font-size: .75rem; font-weight: 700; text-transform: uppercase; color: #fff; }
.critical { background: #8b0000; } .high { background: #d03a1b; } .medium { background: #c68a00; } .low { background: #2a7ab0; }
.act { font-size: .75rem; color: #555; text-transform: uppercase; margin: 0 .4rem; }
ol.timeline { list-style: none; padding: 0; margin: 0; border-left: 3px solid #ddd; }
ol.timeline li { margin: 0 0 .5rem; padding-left: 1rem; position: relative; }
ol.timeline li::before { content: ""; position: absolute; left: -.5rem; top: .45rem; width: .7rem; height: .7rem; border-radius: 50%; background: #bbb; }
ol.timeline li.critical::before { background: #8b0000; } ol.timeline li.high::before { background: #d03a1b; } ol.timeline li.medium::before { background: #c68a00; } ol.timeline li.low::before { background: #2a7ab0; }
ol.timeline li.critical, ol.timeline li.high, ol.timeline li.medium, ol.timeline li.low { background: none; }
.time { font-variant-numeric: tabular-nums; color: #444; margin-right: .4rem; }
.entry { border: 1px solid #e3e3e3; border-radius: 6px; padding: .6rem .9rem; margin: .8rem 0; }
.entry ul { margin: .3rem 0 0; padding-left: 1.2rem; }
.entry li { margin-bottom: .35rem; }
.instead { color: #1a6b2f; }
table { border-collapse: collapse; width: 100%; font-size: .85rem; }
th, td { text-align: left; padding: .25rem .5rem; border-bottom: 1px solid #eee; vertical-align: top; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
@media (prefers-color-scheme: dark) {
  body { color: #e8e8e8; background: #161618; } pre { background: #242427; } .entry { border-color: #333; }
  th, td { border-color: #2c2c2e; } p.meta, .where, .act, .time { color: #aaa; } .instead { color: #6fcf8a; }
}
</style>
</head>
<body>
<h1>guard audit</h1>
<p class="lead">{{.Summary}}</p>
<p>{{range .Severities}}<span class="sev {{.Severity}}">{{.N}} {{.Severity}}</span> {{end}}</p>
<p class="meta">{{.Headline}}{{if .Verdict}} {{.Verdict}}{{end}}{{if .Filters}} Filters: {{.Filters}}.{{end}}</p>
{{if .Entries}}
<h2>Timeline</h2>
{{if .Earlier}}<p class="meta">The {{.Earlier}} oldest sightings are left out; the timeline shows the latest 2,000.</p>{{end}}
{{if .Days}}{{range .Days}}
<h3>{{.Day}}</h3>
<ol class="timeline">{{range .Events}}
<li class="{{.Severity}}"><span class="time">{{.Time}}</span><span class="sev {{.Severity}}">{{.Severity}}</span><span class="act">{{.Action}}</span><a href="#{{.Entry}}"><code>{{.Command}}</code></a><br><span class="where">{{.Rules}} · {{.Where}}</span></li>{{end}}
</ol>{{end}}{{else}}
<p class="meta">No flagged command has a time: the histories were written without timestamps.</p>{{end}}
{{if .Untimed}}
<h3>Seen with no time</h3>
<ol class="timeline">{{range .Untimed}}
<li class="{{.Severity}}"><span class="sev {{.Severity}}">{{.Severity}}</span><span class="act">{{.Action}}</span><a href="#{{.Entry}}"><code>{{.Command}}</code></a><br><span class="where">{{.Rules}} · {{.Where}}</span></li>{{end}}
</ol>{{end}}

<h2>Would have been stopped, most severe first</h2>
{{range .Entries}}
<div class="entry" id="{{.ID}}">
<span class="sev {{.Severity}}">{{.Severity}}</span><span class="act">{{.Action}}</span>
<pre>{{.Command}}</pre>
<div class="where">{{.Seen}}</div>
<ul>{{range .Hits}}
<li><code>{{.Rule}}</code>{{if .Differs}} <span class="act">{{.Severity}}, {{.Action}}</span>{{end}}: {{.Reason}}{{if .Matched}}<br>matched: <code>{{.Matched}}</code>{{end}}{{if .Raised}}<br>raised by: <code>{{.Raised}}</code>{{end}}{{if .Hint}}<br><span class="instead">instead: {{.Hint}}</span>{{end}}</li>{{end}}
</ul>
</div>{{end}}

<h2>By rule</h2>
<table>
<tr><th>Severity</th><th>Rule</th><th>Action</th><th>Commands</th><th>Why</th></tr>{{range .Rules}}
<tr><td><span class="sev {{.Severity}}">{{.Severity}}</span></td><td><code>{{.Rule}}</code></td><td>{{.Action}}</td><td class="n">{{.Count}}</td><td>{{.Reason}}</td></tr>{{end}}
</table>
{{else}}
<p>No findings.</p>
{{end}}
<h2>Sources</h2>
<table>
<tr><th>Source</th><th>Format</th><th>Commands</th><th>Unreadable records</th></tr>{{range .Sources}}
<tr><td><code>{{.Name}}</code></td><td>{{.Format}}</td><td class="n">{{.Commands}}</td><td>{{.Note}}</td></tr>{{end}}{{range .Skipped}}
<tr><td><code>{{.}}</code></td><td colspan="3">not read (compressed)</td></tr>{{end}}
</table>
<p class="meta">Made by guard audit. Nothing in the histories was executed; every command was only parsed and decided by the rules.</p>
</body>
</html>
`))
})
