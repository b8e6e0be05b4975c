package main

import (
	"bytes"
	"strings"

	"github.com/guardsh/guard/internal/hook"
	"github.com/guardsh/guard/internal/parse"
	"github.com/guardsh/guard/internal/rules"
	"github.com/guardsh/guard/internal/writes"
)

// hookFiles answers a call of one of the agent's own file tools (Claude
// Code's Write and Edit, Codex's apply_patch, Gemini CLI's write_file,
// Cursor's edits): a write that lands on one of guard's protected paths
// is denied, as the same write through the shell would be; any other
// file gets no opinion.
func (g *guard) hookFiles(a hook.Agent, channel string, req *hook.Request) int {
	dir := req.Cwd
	if dir == "" {
		dir = workDir()
	}
	var problems bytes.Buffer
	stderr := g.stderr
	g.stderr = &problems
	cfg, err := g.config(dir)
	g.stderr = stderr
	defer g.stderr.Write(problems.Bytes())
	if err != nil {
		return g.refuseHook(a, channel, dir, "guard cannot load its configuration: "+err.Error())
	}
	d := fileToolDecision(cfg.Rules, req, g.ruleContext(cfg, dir))
	text := req.Tool
	for _, f := range req.Files {
		text += " " + parse.Quote(f.Path)
	}
	ans := hook.Decide(req, d, false)
	if d.Action == rules.Allow {
		ans = hook.Answer{Verdict: hook.None}
	}
	g.logDecision(&request{Text: text, Dir: dir, Channel: channel, Decision: d, Agent: string(a), Session: req.SessionID}, hookOutcome(ans))
	return g.answerHook(a, ans)
}

// fileToolDecision decides on the files a file tool call writes, with the
// write-target model's protected paths.
func fileToolDecision(set *rules.Set, req *hook.Request, ctx rules.Context) rules.Decision {
	c := writes.Checker{Dir: ctx.Dir, Home: ctx.Home, Protected: ctx.Protected}
	r, ok := set.Rule("self.files")
	if !ok {
		r = &rules.Rule{ID: "self.files", Pack: "self", Severity: rules.Critical, Action: rules.Deny,
			Reason: "this changes guard's own configuration, log, binary or an agent's hook settings"}
	}
	var d rules.Decision
	for _, f := range req.Files {
		t := writes.Target{Path: parse.Word{Value: f.Path}, Kind: writes.Write, Remove: f.Delete, What: req.Tool}
		h, hit := c.Lands(t, ctx.Dir)
		if !hit {
			continue
		}
		inv := &parse.Invocation{Name: req.Tool, Args: []parse.Word{{Value: req.Tool}, {Value: f.Path}},
			Text: req.Tool + " " + f.Path}
		what := "writes"
		if f.Delete {
			what = "deletes"
		}
		detail := req.Tool + " " + what + " " + parse.Quote(f.Path) + ", which is " + writes.Describe(h.Protected)
		if h.Protected != strings.TrimRight(f.Path, "/") {
			detail = req.Tool + " " + what + " " + parse.Quote(f.Path) + ", under " + writes.Describe(h.Protected) + " (" + parse.Quote(h.Protected) + ")"
		}
		d.Findings = append(d.Findings, rules.Finding{Rule: r, Severity: rules.Critical, Action: rules.Deny, Detail: detail, Inv: inv})
		d.Action = rules.Deny
	}
	return d
}
