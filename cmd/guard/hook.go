package main

import (
	"bytes"
	"flag"
	"fmt"

	"github.com/guardsh/guard/internal/hook"
	"github.com/guardsh/guard/internal/rules"
)

func init() {
	subcommands["hook"] = subcommand{runHook, "answer an agent's pre-execution hook (claude, cursor, codex, gemini)"}
}

func runHook(g *guard, args []string) int {
	fs := flag.NewFlagSet("hook", flag.ContinueOnError)
	fs.SetOutput(g.stderr)
	fs.Usage = func() {
		fmt.Fprint(g.stderr, `usage: guard hook claude|cursor|codex|gemini < HOOK-INPUT.json

The agent runs this for every shell command it is about to run: it reads
the agent's hook JSON on stdin and answers in the agent's own shape.
guard install AGENT registers it; you do not run it by hand.

  claude  PreToolUse (Bash): a command that needs confirmation gets "ask"
          (Claude Code's own dialog asks you, with guard's reason), or
          "deny" in bypassPermissions, auto and dontAsk modes, where Claude
          Code may not show the dialog; a denied one gets "deny" with the
          reason for the model.
  cursor  beforeShellExecution: permission "ask" or "deny", with
          user_message and agent_message.
  codex   PreToolUse: Codex hooks can only block, so confirm and deny both
          block (exit 2, reason on stderr). See guard export codex.
  gemini  BeforeTool (run_shell_command): Gemini CLI hooks can only block,
          so confirm and deny both answer {"decision":"deny"}.

A command no rule matches gets no opinion, so your own permission settings
in the agent stay in charge; settings.hook_allow = true in your config
makes guard approve such commands instead (not for Codex). Other tools get
no opinion. Input guard cannot trust (empty, malformed, truncated, over
1 MiB, another event, no command) is blocked with the reason: agents run
the command when a hook fails. Every decision is logged.

Example:
  echo '{"hook_event_name":"PreToolUse","tool_name":"Bash","tool_input":{"command":"terraform destroy"},"cwd":"/tmp"}' | guard hook claude

Exit status: what the agent's protocol asks for: 0 with the answer on
stdout, or 2 with the reason on stderr for a Codex block; 64 for a usage
error.
`)
	}
	if err := fs.Parse(args); err != nil {
		return flagError(err)
	}
	if fs.NArg() != 1 {
		g.errorf("hook needs one agent: claude, cursor, codex or gemini")
		return exitUsage
	}
	a, ok := hook.ParseAgent(fs.Arg(0))
	if !ok {
		g.errorf("unknown agent %q (want claude, cursor, codex or gemini)", fs.Arg(0))
		return exitUsage
	}
	return g.hook(a)
}

// hook answers one hook call from agent a.
func (g *guard) hook(a hook.Agent) int {
	channel := "hook " + string(a)
	data, err := hook.Read(g.stdin)
	var req *hook.Request
	if err == nil {
		req, err = hook.Parse(a, data)
	}
	if err != nil {
		return g.refuseHook(a, channel, workDir(), err.Error())
	}
	if !req.Shell {
		return g.answerHook(a, hook.Answer{Verdict: hook.None})
	}
	// The agent's cwd is only used to resolve relative paths in the
	// command; guard's own files come from fixed paths.
	dir := req.Cwd
	if dir == "" {
		dir = workDir()
	}
	// Config problems go to stderr after the answer, so that they never
	// come before a Codex block reason.
	var problems bytes.Buffer
	stderr := g.stderr
	g.stderr = &problems
	cfg, err := g.config(dir)
	g.stderr = stderr
	defer g.stderr.Write(problems.Bytes())
	if err != nil {
		return g.refuseHook(a, channel, dir, "guard cannot load its configuration: "+err.Error())
	}
	d := cfg.Rules.Check(req.Command, g.liveContext(cfg, dir))
	ans := hook.Decide(req, d, cfg.Settings.HookAllow)
	g.logDecision(&request{Text: req.Command, Dir: dir, Channel: channel, Decision: d}, hookOutcome(ans))
	return g.answerHook(a, ans)
}

// hookOutcome is what a hook answer means for the log. An "ask" hands the
// command to the agent's own dialog: guard does not learn the person's
// answer, so the log says who was asked and that guard did not run it.
func hookOutcome(ans hook.Answer) outcome {
	switch ans.Verdict {
	case hook.None, hook.Allow:
		return outcome{Run: true, How: "rules"}
	case hook.Ask:
		return outcome{How: "agent"}
	}
	return outcome{How: "rules"}
}

// refuseHook blocks a hook call guard could not check, and logs it.
func (g *guard) refuseHook(a hook.Agent, channel, dir, reason string) int {
	r := &rules.Rule{ID: "hook.input", Pack: "hook", Severity: rules.High, Action: rules.Deny,
		Reason: "guard could not check this hook call, so it blocked it"}
	d := rules.Decision{Action: rules.Deny, Findings: []rules.Finding{{Rule: r, Severity: r.Severity, Action: rules.Deny, Detail: reason}}}
	g.logDecision(&request{Dir: dir, Channel: channel, Decision: d}, outcome{How: "rules"})
	return g.answerHook(a, hook.Refuse(reason))
}

func (g *guard) answerHook(a hook.Agent, ans hook.Answer) int {
	resp := hook.Respond(a, ans)
	g.stdout.Write(resp.Stdout)
	fmt.Fprint(g.stderr, resp.Stderr)
	return resp.Exit
}
