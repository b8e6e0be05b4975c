package audit

import (
	"bufio"
	"bytes"
	"fmt"
	"html"
	"html/template"
	"strings"
	"testing"
	"time"

	"github.com/guardsh/guard/internal/rules"
)

// TestHTMLEscapesEverything fills every text of a page, in elements and in
// attribute values, with markup that would break out of either, and checks
// that the page is the one a harmless text gives with only the escaped
// text in its place: nothing from the input reaches the page raw.
func TestHTMLEscapesEverything(t *testing.T) {
	const evil = `x</code></pre></script><script>alert(1)</script><img src=x onerror="alert('1')"> " onmouseover="alert(2)" ' & &amp;`
	page := func(s string) string {
		ev := htmlEvent{Time: s, Severity: s, Action: s, Command: s, Rules: s, Where: s, Entry: s}
		d := htmlData{
			Summary: s, Headline: s, Verdict: s, Filters: s, Earlier: s,
			Severities: []htmlCount{{s, s}},
			Days:       []htmlDay{{Day: s, Events: []htmlEvent{ev}}},
			Untimed:    []htmlEvent{ev},
			Entries: []htmlEntry{{ID: s, Severity: s, Action: s, Command: s, Seen: s,
				Hits: []htmlHit{{Rule: s, Severity: s, Action: s, Reason: s, Matched: s, Raised: s, Hint: s, Differs: true}}}},
			Rules:   []htmlRule{{s, s, s, s, s}},
			Sources: []htmlSource{{s, s, s, s}},
			Skipped: []string{s},
		}
		var b bytes.Buffer
		w := bufio.NewWriter(&b)
		d.write(w)
		w.Flush()
		return b.String()
	}
	const mark = "MARK"
	got, want := page(evil), page(mark)
	esc := html.EscapeString(evil)
	if n := strings.Count(got, esc); n != strings.Count(want, mark) || n < 40 {
		t.Errorf("the escaped text is on the page %d times, want %d", n, strings.Count(want, mark))
	}
	if back := strings.ReplaceAll(got, esc, mark); back != want {
		t.Errorf("a hostile text changes the page beyond its escaped self:\n%s", got)
	}
	for _, bad := range []string{"<script", "<img", `" onmouseover`, "onerror=\"", "</code></pre>"} {
		if strings.Contains(got, bad) {
			t.Errorf("the page holds %q", bad)
		}
	}
	if !strings.Contains(got, `content="default-src 'none'; style-src 'unsafe-inline'"`) {
		t.Error("the page lost its Content-Security-Policy")
	}
}

// TestHTMLHostileHistory audits a history whose commands hold markup and
// quotes and checks the page shows them escaped.
func TestHTMLHostileHistory(t *testing.T) {
	a := New(Options{Rules: testRules(t), Context: testContext})
	hist := "rm -rf / \"</script><img src=x onerror=alert(1)>\" '\"><b>x</b>'\n" +
		"git push --force origin \"main\" # \" onfocus=\"alert(1)\n"
	a.ReadSource(&Source{Name: `"><img src=x onerror=alert(1)>.txt`}, strings.NewReader(hist))
	var page bytes.Buffer
	if err := a.Report().WriteHTML(&page, RenderOptions{}); err != nil {
		t.Fatal(err)
	}
	out := page.String()
	for _, bad := range []string{"<script", "</script>", "<img", "<b>", `" onfocus`} {
		if strings.Contains(out, bad) {
			t.Errorf("the HTML report holds %q", bad)
		}
	}
	for _, want := range []string{"&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;", "&#34; onfocus=&#34;alert(1)", "&#39;&#34;&gt;&lt;b&gt;x&lt;/b&gt;&#39;", "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;.txt"} {
		if !strings.Contains(out, want) {
			t.Errorf("the HTML report does not hold %q:\n%s", want, out)
		}
	}
}

// TestHTMLAsTemplate checks the hand-written page against the
// html/template one it replaced (kept below, in this test only), on the
// golden inputs, a hostile one, an empty report and one whose timeline
// is cut. html/template also escapes '+' (as &#43;), which the page need
// not.
func TestHTMLAsTemplate(t *testing.T) {
	tmpl := template.Must(template.New("audit").Parse(templatePage))
	check := func(name string, r *Report, o RenderOptions) {
		t.Helper()
		var got, want bytes.Buffer
		if err := r.WriteHTML(&got, o); err != nil {
			t.Fatal(err)
		}
		if err := tmpl.Execute(&want, r.htmlData(o)); err != nil {
			t.Fatal(err)
		}
		if w := strings.ReplaceAll(want.String(), "&#43;", "+"); got.String() != w {
			t.Errorf("%s: the page differs from the template's:\n--- got\n%s\n--- want\n%s", name, got.String(), w)
		}
	}
	var paths []string
	for _, fx := range fixtures {
		paths = append(paths, fx.path)
	}
	all, _ := auditPaths(t, Options{}, paths...)
	check("all", all, RenderOptions{Home: testHome})
	check("all in a time zone", all, RenderOptions{Home: testHome, Location: time.FixedZone("x", 5*3600)})
	for _, fx := range fixtures {
		r, _ := auditPaths(t, Options{MinSeverity: rules.High, RulePatterns: []string{"*"}}, fx.path)
		check(fx.name, r, RenderOptions{})
	}
	empty := New(Options{Rules: testRules(t), Context: testContext})
	empty.ReadSource(&Source{Name: "empty"}, strings.NewReader("ls\n"))
	empty.AddSource(&Source{Name: "gone.gz", Err: fmt.Errorf("no such file")})
	check("empty", empty.Report(), RenderOptions{})

	var hist strings.Builder
	for i := range maxTimeline + 20 {
		fmt.Fprintf(&hist, "#%d\nrm -rf ~/dir%d \"<a href='x'>\" + &amp;\n", 1717000000+60*i, i)
	}
	long := New(Options{Rules: testRules(t), Context: testContext})
	long.ReadSource(&Source{Name: "long"}, strings.NewReader(hist.String()))
	r := long.Report()
	if r.Flagged < maxTimeline {
		t.Fatalf("flagged %d, want more than %d", r.Flagged, maxTimeline)
	}
	check("long", r, RenderOptions{})
}

// templatePage is the html/template the page was written with before
// WriteHTML wrote it by hand.
const templatePage = `<!DOCTYPE html>
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
`
