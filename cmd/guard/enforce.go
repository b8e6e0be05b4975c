package main

import (
	"fmt"

	"github.com/guardsh/guard/internal/message"
	"github.com/guardsh/guard/internal/rules"
)

// request is one command guard must decide on before it runs.
type request struct {
	// Text is the command as the shell would read it; for exec mode, the
	// argv quoted and joined.
	Text string
	// Dir is the working directory.
	Dir string
	// Channel is the front door: "shell", "exec", "hook claude", ...
	Channel string
	// Decision is the analysis.
	Decision rules.Decision
	// Agent, Session and ToolUse identify the calling agent and its
	// tool call, for the log, when they are known.
	Agent, Session, ToolUse string
}

// outcome is what became of a request.
type outcome struct {
	// Run reports that the command may run.
	Run bool
	// How says who decided: "rules" for allow and deny, "tty" or
	// "approver" for a person's answer, "none" when nobody could be asked.
	How string
	// Answer is the person's answer: "yes", "no", "timeout", or "".
	Answer string
	// Result, when set, is logged instead of "ran" or "blocked": hook
	// mode's "passed" and "asked", where the agent runs the command.
	Result string
	// Checkpoint is the checkpoint kept before the command runs.
	Checkpoint string
}

// enforce carries out a decision: an allowed command runs; a confirm asks
// a person on a channel the agent cannot answer; anything else is blocked,
// with a message on stderr for the agent. Every decision is logged.
func (g *guard) enforce(req *request) outcome {
	var out outcome
	switch req.Decision.Action {
	case rules.Allow:
		out = outcome{Run: true, How: "rules"}
	case rules.Confirm:
		out = g.confirm(req)
	default:
		out = outcome{How: "rules"}
	}
	if out.Run {
		// Just before it runs, after the person's answer: what the
		// command destroys is kept as it is now.
		out.Checkpoint = g.checkpoint(req)
		if out.Checkpoint != "" {
			fmt.Fprintf(g.stderr, "guard: kept checkpoint %s; guard undo %s puts back what the command destroys\n", out.Checkpoint, out.Checkpoint)
		}
	}
	g.logDecision(req, out)
	if !out.Run {
		g.explainBlock(req, out)
	}
	return out
}

// explainBlock tells the agent which rule blocked what, that a person must
// approve it, and that it must not try to get around the block.
func (g *guard) explainBlock(req *request, out outcome) {
	w := g.stderr
	shown := message.From(req.Decision)
	for i, f := range shown {
		if i == message.MaxFindings {
			fmt.Fprintf(w, "guard: and %d more\n", len(shown)-i)
			break
		}
		// The rule and its reason head the finding; the rest is in the
		// words every channel uses.
		fmt.Fprintf(w, "guard: blocked: %s: %s\n", f.Rule, f.Reason)
		for _, l := range f.Lines() {
			if l.Label != "why" && l.Label != "rule" {
				fmt.Fprintf(w, "guard:   %s\n", l.Format())
			}
		}
	}
	switch {
	case req.Decision.Action == rules.Deny:
		fmt.Fprintln(w, "guard: this command is denied by policy and did not run.")
		fmt.Fprintln(w, "guard: do not try to get around this block by rewording the command, wrapping it in another program, writing it to a script or using another tool; tell the person what you wanted to do and why.")
	case out.Answer == "no" || out.Answer == "timeout":
		fmt.Fprintf(w, "guard: a person was asked and did not approve it (%s); the command did not run.\n", out.Answer)
		fmt.Fprintln(w, "guard: do not try to get around this block or ask again in other words; tell the person what you wanted to do and why.")
		if out.Answer == "timeout" {
			fmt.Fprintln(w, "guard: hint: nobody answered in time; the person can run the command in their own terminal, or retry it when they are there to answer.")
		}
	default:
		fmt.Fprintln(w, "guard: this command needs a person's approval and nobody could be asked, so it did not run.")
		fmt.Fprintln(w, "guard: do not try to get around this block by rewording the command, wrapping it in another program, writing it to a script or using another tool.")
		fmt.Fprintln(w, "guard: hint: ask the person to run the command in their own terminal, or to start `guard approve` in a terminal and then retry it.")
	}
}
