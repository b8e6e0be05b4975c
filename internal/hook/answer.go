package hook

import (
	"bytes"
	"encoding/json"
	"github.com/guardsh/guard/internal/message"
	"strings"

	"github.com/guardsh/guard/internal/rules"
)

// Verdict is what a hook tells the agent.
type Verdict uint8

const (
	// None gives no opinion: the agent's own permission settings decide.
	None Verdict = iota
	// Allow approves the command explicitly (settings.hook_allow).
	Allow
	// Ask hands the command to the person's approval dialog in the agent.
	Ask
	// Deny blocks the command.
	Deny
)

func (v Verdict) String() string {
	return [...]string{"none", "allow", "ask", "deny"}[v]
}

// Answer is a hook's verdict with its messages.
type Answer struct {
	Verdict Verdict
	// User is shown to the person: the reason in Claude Code's approval
	// dialog, Cursor's user_message.
	User string
	// Model is shown to the model: the reason for a block.
	Model string
}

// Response is what the hook process prints and its exit status.
type Response struct {
	Stdout []byte
	Stderr string
	Exit   int
}

// Respond renders an answer in the agent's shape. Agents that cannot ask
// get a block for Ask.
func Respond(a Agent, ans Answer) Response {
	if ans.Verdict == Ask && !a.CanAsk() {
		ans.Verdict = Deny
	}
	switch a {
	case Claude:
		return respondClaude(ans)
	case Cursor:
		return respondCursor(ans)
	case Codex:
		return respondCodex(ans)
	case Gemini:
		return respondGemini(ans)
	}
	// An agent guard does not know: say no in the most common shape.
	return Response{Stderr: ans.Model + "\n", Exit: 2}
}

func encode(v any) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		// Only strings, bools and maps of them are encoded here.
		panic(err)
	}
	return b.Bytes()
}

// Claude Code answers with exit 0 and JSON for every verdict, deny included.
// Exit 2 would also block, but Claude Code then ignores stdout and shows
// stderr to the model; the JSON form is the documented way to give a
// structured decision, and it is the only one that can ask.
func respondClaude(ans Answer) Response {
	type specific struct {
		HookEventName            string `json:"hookEventName"`
		PermissionDecision       string `json:"permissionDecision"`
		PermissionDecisionReason string `json:"permissionDecisionReason,omitempty"`
	}
	type out struct {
		HookSpecificOutput specific `json:"hookSpecificOutput"`
	}
	s := specific{HookEventName: "PreToolUse"}
	switch ans.Verdict {
	case None:
		return Response{}
	case Allow:
		s.PermissionDecision, s.PermissionDecisionReason = "allow", ans.User
	case Ask:
		s.PermissionDecision, s.PermissionDecisionReason = "ask", ans.User
	default:
		s.PermissionDecision, s.PermissionDecisionReason = "deny", ans.Model
	}
	return Response{Stdout: encode(out{s})}
}

func respondCursor(ans Answer) Response {
	type out struct {
		Continue     bool   `json:"continue"`
		Permission   string `json:"permission,omitempty"`
		UserMessage  string `json:"user_message,omitempty"`
		AgentMessage string `json:"agent_message,omitempty"`
	}
	o := out{Continue: true}
	switch ans.Verdict {
	case None:
	case Allow:
		o.Permission = "allow"
	case Ask:
		o.Permission, o.UserMessage, o.AgentMessage = "ask", ans.User, ans.Model
	default:
		o.Permission, o.UserMessage, o.AgentMessage = "deny", ans.User, ans.Model
	}
	return Response{Stdout: encode(o)}
}

// Codex blocks on exit 2 with the reason on stderr, and rejects an allow
// without updatedInput as unsupported, so anything that is not a block is
// an empty answer.
func respondCodex(ans Answer) Response {
	if ans.Verdict == Deny {
		return Response{Stderr: ans.Model + "\n", Exit: 2}
	}
	return Response{}
}

func respondGemini(ans Answer) Response {
	type out struct {
		Decision string `json:"decision,omitempty"`
		Reason   string `json:"reason,omitempty"`
	}
	switch ans.Verdict {
	case None:
		return Response{Stdout: encode(out{})}
	case Allow:
		return Response{Stdout: encode(out{Decision: "allow"})}
	default:
		return Response{Stdout: encode(out{Decision: "deny", Reason: ans.Model})}
	}
}

// dontEvade is said to the model after every block.
const dontEvade = "Do not try to get around this block by rewording the command, wrapping it in another program, writing it to a script or using another tool; tell the person what you wanted to do and why."

// Decide turns guard's decision on a command into the answer for the
// hook call req. allowSafe is settings.hook_allow: approve commands no
// rule matched instead of leaving them to the agent's own permission
// settings. Codex cannot take an allow, so it gets no opinion either way.
func Decide(req *Request, d rules.Decision, allowSafe bool) Answer {
	a := req.Agent
	switch d.Action {
	case rules.Allow:
		if allowSafe && a != Codex {
			return Answer{Verdict: Allow, User: "guard: no rule matched this command"}
		}
		return Answer{Verdict: None}
	case rules.Confirm:
		list := findings(d)
		if ok, why := req.CanAsk(); ok {
			user := "guard: this command needs your approval.\n" + list
			if a == Claude && req.Session.Headless != 0 {
				// guard cannot tell whether a person is there. In claude -p
				// an ask becomes a denial and this reason is what the model
				// reads, so it carries guard's words for the model too.
				user += "\n\nIf this is not approved, it does not run: " + lowerFirst(dontEvade)
			}
			return Answer{
				Verdict: Ask,
				User:    user,
				Model:   "guard asked the person to approve this command.\n" + list + "\nIf they decline, " + lowerFirst(dontEvade),
			}
		} else {
			return Answer{
				Verdict: Deny,
				User:    "guard: blocked; this command needs a person's approval.\n" + list,
				Model: "guard blocked this command: it needs a person's approval, and " + why + ", so it did not run.\n" + list +
					"\n" + dontEvade + " If it is really needed, ask the person to run it in their own terminal.",
			}
		}
	default:
		list := findings(d)
		return Answer{
			Verdict: Deny,
			User:    "guard: denied by policy.\n" + list,
			Model:   "guard blocked this command: it is denied by policy and did not run.\n" + list + "\n" + dontEvade,
		}
	}
}

// Refuse is the answer to input guard cannot trust: a block, with the
// reason.
func Refuse(reason string) Answer {
	return Answer{
		Verdict: Deny,
		User:    "guard: blocked: " + reason,
		Model: "guard blocked this tool call because it could not check it: " + reason +
			". Nothing ran. Do not retry it another way; tell the person, who can run guard doctor to find the problem.",
	}
}

// findings lists the findings that set the decision, in the words every
// channel uses.
func findings(d rules.Decision) string {
	return message.List(message.From(d))
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}
