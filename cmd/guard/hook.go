package main

import (
	"bytes"
	"fmt"
	"os"

	"github.com/guardsh/guard/internal/hook"
	"github.com/guardsh/guard/internal/rules"
)

func runHook(g *guard, args []string) int {
	fs := newFlags("hook")
	fs.Usage = func() {
		fmt.Fprint(g.stderr, `usage: guard hook claude|cursor|codex|gemini < HOOK-INPUT.json

The agent runs this for every shell command it is about to run: it reads
the agent's hook JSON on stdin and answers in the agent's own shape.
guard install AGENT registers it; you do not run it by hand.

  claude  PreToolUse (Bash): a command that needs confirmation gets "ask"
          (Claude Code's own dialog asks you, with guard's reason), or
          "deny" with words for the model where Claude Code would not show
          the dialog: claude -p, and bypassPermissions, auto and dontAsk
          modes in releases older than 2.1.328 or of unknown release; a
          denied one gets "deny" with the reason for the model.
          PostToolUse: logs that a command guard asked about did run.
  cursor  beforeShellExecution: permission "ask" or "deny", with
          user_message and agent_message.
  codex   PreToolUse: Codex hooks can only block, so confirm and deny both
          block (exit 2, reason on stderr); so does an exec_command that
          starts an interactive shell or REPL (write_stdin reaches no hook).
          See guard export codex.
  gemini  BeforeTool (run_shell_command): Gemini CLI hooks can only block,
          so confirm and deny both answer {"decision":"deny"}.

A command no rule matches gets no opinion, so your own permission settings
in the agent stay in charge; settings.hook_allow = true in your config
makes guard approve such commands instead (not for Codex). Other tools get
no opinion. Input guard cannot trust (empty, malformed, truncated, over
1 MiB, another event, no command) is blocked with the reason: agents run
the command when a hook fails. Every decision is logged: "blocked",
"asked" (in the agent's dialog) or "passed" (left to the agent), and "ran"
only when a PostToolUse hook reports it.

Example:
  echo '{"hook_event_name":"PreToolUse","tool_name":"Bash","tool_input":{"command":"terraform destroy"},"cwd":"/tmp"}' | guard hook claude

Exit status: what the agent's protocol asks for: 0 with the answer on
stdout, or 2 with the reason on stderr for a Codex block; 64 for a usage
error.
`)
	}
	if err := parseFlags(fs, args); err != nil {
		return g.flagError(fs, err)
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
	if req.FileTool {
		return g.hookFiles(a, channel, req)
	}
	if !req.Shell {
		return g.answerHook(a, hook.Answer{Verdict: hook.None})
	}
	if req.After {
		// PostToolUse: the command ran. It gets no answer; the log hears
		// that a command the person was asked about did run.
		g.hookRan(req)
		return exitOK
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
	defer func() {
		if problems.Len() > 0 {
			g.stderr.Write(problems.Bytes())
		}
	}()
	if err != nil {
		return g.refuseHook(a, channel, dir, "guard cannot load its configuration: "+err.Error())
	}
	d := cfg.Rules.Check(req.Command, g.liveContext(cfg, dir))
	if a == hook.Codex && d.Action == rules.Allow {
		// An interactive session started through exec_command is typed
		// into with write_stdin, which no hook sees.
		if prog := hook.Interactive(req.Command, cfg.Paths.Home); prog != "" {
			d = interactiveDecision(prog)
		}
	}
	if d.Action != rules.Allow {
		req.LoadIDs()
	}
	if d.Action == rules.Confirm && a == hook.Claude {
		// Only a command to ask about needs to know whether Claude Code
		// will show the dialog; safe commands do not pay for the look.
		req.Session = hook.ClaudeSession(os.Getenv, req.Transcript)
	}
	ans := hook.Decide(req, d, cfg.Settings.HookAllow)
	r := &request{Text: req.Command, Dir: dir, Channel: channel, Decision: d, Agent: string(a), Session: req.SessionID, ToolUse: req.ToolUse}
	out := hookOutcome(ans)
	if ans.Verdict == hook.None || ans.Verdict == hook.Allow || ans.Verdict == hook.Ask && a.CanAsk() {
		// The agent runs the command, after its own dialog when guard
		// asks: the checkpoint is kept now, before it can run.
		out.Checkpoint = g.checkpoint(r)
		if out.Checkpoint != "" && ans.User != "" {
			ans.User += "\nguard kept checkpoint " + out.Checkpoint + ": guard undo " + out.Checkpoint + " puts back what the command destroys."
		}
	}
	g.logDecision(r, out)
	if ans.Verdict == hook.Ask && req.ToolUse != "" {
		g.markAsked(r)
	}
	return g.answerHook(a, ans)
}

// interactiveDecision is the decision for a command that starts an
// interactive session through Codex's exec_command.
func interactiveDecision(prog string) rules.Decision {
	r := &rules.Rule{ID: "hook.interactive", Pack: "hook", Severity: rules.High, Action: rules.Confirm,
		Reason: "starts an interactive " + prog + " session: what is typed into it later (write_stdin) reaches no hook, so guard cannot check it",
		Hint:   "run each command on its own, or give " + prog + " its code (-c, -e, a script file)"}
	return rules.Decision{Action: rules.Confirm, Findings: []rules.Finding{{Rule: r, Severity: r.Severity, Action: rules.Confirm, Detail: prog}}}
}

// hookOutcome is what a hook answer means for the log. In hook mode the
// agent runs the command, not guard: a command left to the agent is
// "passed", one handed to the agent's own dialog "asked" (guard does not
// learn the answer there; a PostToolUse hook reports it ran), a blocked
// one "blocked". guard never logs "ran" for what it cannot see run.
func hookOutcome(ans hook.Answer) outcome {
	switch ans.Verdict {
	case hook.None, hook.Allow:
		return outcome{How: "rules", Result: "passed"}
	case hook.Ask:
		return outcome{How: "agent", Result: "asked"}
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
	// Nothing to say is no write: an allowed command's answer is often
	// empty, and each write is a system call.
	if len(resp.Stdout) > 0 {
		g.stdout.Write(resp.Stdout)
	}
	if resp.Stderr != "" {
		fmt.Fprint(g.stderr, resp.Stderr)
	}
	return resp.Exit
}
