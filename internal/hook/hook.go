// Package hook reads the JSON that coding agents send to their
// pre-execution hooks and writes the answer each agent expects.
//
// Each agent has its own input and output shape. The shapes here are built
// from the agents' documentation and source, and each is marked with the
// version it was read from:
//
//   - Claude Code (PreToolUse, checked against the hooks reference for
//     v2.1.x): stdin {"hook_event_name":"PreToolUse","tool_name":"Bash",
//     "tool_input":{"command":...},"cwd":...}; the answer is exit 0 with
//     {"hookSpecificOutput":{"hookEventName":"PreToolUse",
//     "permissionDecision":"allow|deny|ask","permissionDecisionReason":...}}.
//     An "ask" reason is shown to the person; a "deny" reason to the model.
//   - Cursor (beforeShellExecution, Cursor 1.7 and 2.x hooks.json version 1):
//     stdin {"hook_event_name":"beforeShellExecution","command":...,"cwd":...,
//     "workspace_roots":[...]}; the answer is {"continue":true,
//     "permission":"allow|deny|ask","user_message":...,"agent_message":...}.
//   - Codex CLI (PreToolUse, codex-rs hooks as of 0.124+): stdin like Claude
//     Code's, plus turn_id and model. Codex accepts only a block: exit 2 with
//     the reason on stderr. "ask" is rejected as unsupported and "allow"
//     without updatedInput is treated as a failed hook, so guard never
//     prints either: a command it does not block gets an empty answer.
//   - Gemini CLI (BeforeTool, docs/hooks/reference.md): stdin
//     {"hook_event_name":"BeforeTool","tool_name":"run_shell_command",
//     "tool_input":{"command":...,"dir_path":...},"cwd":...}; the answer is
//     exit 0 with {"decision":"allow|deny","reason":...}. There is no "ask".
//
// Input that cannot be trusted (empty, truncated, malformed, oversized, an
// unknown event, a shell tool call without a command) is answered with a
// block: agents run the command when a hook fails, so a hook that gives up
// must say no.
package hook

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
)

// Agent names an agent whose hook format guard speaks.
type Agent string

// The agents.
const (
	Claude Agent = "claude"
	Cursor Agent = "cursor"
	Codex  Agent = "codex"
	Gemini Agent = "gemini"
)

// Agents lists every agent, in help order.
var Agents = []Agent{Claude, Cursor, Codex, Gemini}

// ParseAgent returns the agent with the given name.
func ParseAgent(s string) (Agent, bool) {
	for _, a := range Agents {
		if string(a) == s {
			return a, true
		}
	}
	return "", false
}

// Title is the agent's product name, for messages.
func (a Agent) Title() string {
	switch a {
	case Claude:
		return "Claude Code"
	case Cursor:
		return "Cursor"
	case Codex:
		return "Codex"
	case Gemini:
		return "Gemini CLI"
	}
	return string(a)
}

// Event is the hook event guard is registered for with the agent.
func (a Agent) Event() string {
	switch a {
	case Claude, Codex:
		return "PreToolUse"
	case Cursor:
		return "beforeShellExecution"
	case Gemini:
		return "BeforeTool"
	}
	return ""
}

// CanAsk reports whether the agent's hook can hand a command to the
// person's own approval dialog. Agents that cannot only accept a block.
func (a Agent) CanAsk() bool { return a == Claude || a == Cursor }

// MaxInput is the largest hook input guard reads. Agents send one small
// JSON object per tool call; anything larger is refused.
const MaxInput = 1 << 20

// Request is what guard learned from one hook call.
type Request struct {
	Agent Agent
	// Event is the hook event name.
	Event string
	// Tool is the agent's name for the tool being called; empty for
	// Cursor, whose event is itself about shell commands.
	Tool string
	// Shell reports that the tool runs a shell command. Hooks have no
	// opinion on other tools.
	Shell bool
	// Command is the shell command the tool would run.
	Command string
	// Cwd is the working directory the agent reports, cleaned; empty when
	// it sent none or a relative one. It is the agent's word, used only
	// to resolve relative paths in the command.
	Cwd string
	// SessionID is the agent's session or conversation id, for the log.
	SessionID string
	// Mode is Claude Code's and Codex's permission_mode: "default",
	// "plan", "acceptEdits", "dontAsk", "bypassPermissions", ...
	Mode string
	// ToolUse is the agent's id for this tool call (tool_use_id), and
	// Transcript the transcript file the agent names (transcript_path;
	// guard reads only its last records). LoadIDs sets them: a safe
	// command does not need them, and decoding costs at every call.
	ToolUse    string
	Transcript string
	// After reports a PostToolUse call: the command has run.
	After bool
	// Agent facts found outside the input (version, headless), set by
	// the caller with ClaudeSession before Decide.
	Session Session

	// FileTool reports a call of one of the agent's own file tools, and
	// Files are the files it writes (see files.go).
	FileTool bool
	Files    []FileEdit

	raw []byte
}

// LoadIDs reads the tool-use id and the transcript path from the input.
func (r *Request) LoadIDs() {
	var in ids
	if json.Unmarshal(r.raw, &in) != nil {
		return
	}
	r.ToolUse = in.ToolUseID
	if in.Transcript != "" && filepath.IsAbs(in.Transcript) && !strings.ContainsRune(in.Transcript, 0) {
		r.Transcript = in.Transcript
	}
}

// setSession records the agent's session id.
func setSession(r *Request, id string) { r.SessionID = id }

// CanAsk reports whether this call's agent will really ask the person when
// the hook says "ask", and if not, why, for the model's message.
//
// Claude Code: with no person there (claude -p) an ask becomes a denial,
// so guard denies, with its own words for the model. In bypassPermissions,
// auto and dontAsk modes, releases 2.1.199 to 2.1.278 ran an asked command
// without a dialog (anthropics/claude-code issues 77212 and 89561);
// 2.1.328 shows the dialog in every mode. guard asks in those modes only
// when it knows the running release is ClaudeAsksInEveryMode or later,
// and blocks when the release is older or unknown: a block the person did
// not need is the safe mistake, a command run unasked is not.
func (r *Request) CanAsk() (bool, string) {
	if !r.Agent.CanAsk() {
		return false, r.Agent.Title() + " hooks cannot ask for it"
	}
	if r.Agent != Claude {
		return true, ""
	}
	if r.Session.Headless == 1 {
		return false, "Claude Code runs without a person to ask (claude -p)"
	}
	switch r.Mode {
	case "bypassPermissions", "auto", "dontAsk":
		switch {
		case !r.Session.Known:
			return false, "guard cannot tell which Claude Code release runs in " + r.Mode + " mode, and some releases run an asked command there without a dialog"
		case r.Session.Version.Less(ClaudeAsksInEveryMode):
			return false, "Claude Code " + r.Session.Version.String() + " may not show the dialog in " + r.Mode + " mode"
		}
	}
	return true, ""
}

// InputError is hook input that guard cannot trust. Its Reason is written
// for the person reading the agent's transcript.
type InputError struct{ Reason string }

func (e *InputError) Error() string { return e.Reason }

func inputErrorf(format string, args ...any) error {
	return &InputError{Reason: fmt.Sprintf(format, args...)}
}

// Read reads one hook input from r, up to MaxInput bytes.
func Read(r io.Reader) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxInput+1))
	if err != nil {
		return nil, inputErrorf("cannot read the hook input: %v", err)
	}
	if len(data) > MaxInput {
		return nil, inputErrorf("the hook input is larger than %d bytes", MaxInput)
	}
	return data, nil
}

// Parse reads an agent's hook input.
func Parse(a Agent, data []byte) (*Request, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, inputErrorf("the hook input is empty")
	}
	if len(data) > MaxInput {
		return nil, inputErrorf("the hook input is larger than %d bytes", MaxInput)
	}
	switch a {
	case Claude, Codex:
		return parseToolCall(a, data)
	case Cursor:
		if req, ok, err := parseCursorTool(data); ok {
			return req, err
		}
		return parseCursor(data)
	case Gemini:
		return parseToolCall(a, data)
	}
	return nil, inputErrorf("unknown agent %q", a)
}

func jsonError(err error) string {
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return "it ends early (truncated)"
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return fmt.Sprintf("field %q has the wrong type (%s, want %s)", te.Field, te.Value, te.Type)
	}
	return err.Error()
}

// The input of Claude Code's and Codex's PreToolUse and Gemini CLI's
// BeforeTool hooks holds hook_event_name, tool_name, tool_input, cwd,
// session_id and permission_mode.

// ids are the input's fields that only a command to ask about needs.
type ids struct {
	ToolUseID  string `json:"tool_use_id"`
	Transcript string `json:"transcript_path"`
}

// shellTool reports whether tool is one of agent a's names for tools that
// run a shell command. It is a switch rather than a map, which would be
// built at every start.
func shellTool(a Agent, tool string) bool {
	switch a {
	case Claude:
		return tool == "Bash"
	case Codex:
		// Codex names its shell tools Bash in hooks; older builds and
		// other front ends used these names.
		switch tool {
		case "Bash", "shell", "local_shell", "exec_command":
			return true
		}
	case Gemini:
		return tool == "run_shell_command"
	}
	return false
}

func parseToolCall(a Agent, data []byte) (*Request, error) {
	in, err := decodeObject(data)
	if err != nil {
		return nil, err
	}
	event, err := in.optional("hook_event_name")
	if err != nil {
		return nil, err
	}
	toolName, err := in.optional("tool_name")
	if err != nil {
		return nil, err
	}
	var cwd, session, mode string
	for _, f := range []struct {
		key string
		to  *string
	}{{"cwd", &cwd}, {"session_id", &session}, {"permission_mode", &mode}} {
		if *f.to, _, err = in.str(f.key); err != nil {
			return nil, err
		}
	}
	toolInput := in["tool_input"]
	want := a.Event()
	if event == nil {
		return nil, inputErrorf("the hook input has no hook_event_name; guard expects %s", want)
	}
	after := a == Claude && (*event == "PostToolUse" || *event == "PostToolUseFailure")
	if *event != want && !after {
		return nil, inputErrorf("guard handles the %s event, not %q: register it for %s only", want, *event, want)
	}
	if toolName == nil {
		return nil, inputErrorf("the hook input has no tool_name")
	}
	req := &Request{Agent: a, Event: *event, Tool: *toolName, Cwd: cleanDir(cwd), SessionID: session, Mode: mode,
		After: after, raw: data}
	if after {
		req.LoadIDs()
	}
	req.Shell = shellTool(a, req.Tool)
	if files, ok, err := fileCall(a, req.Tool, toolInput, req.Cwd); ok {
		if err != nil {
			return nil, err
		}
		req.FileTool, req.Files = true, files
		return req, nil
	}
	if !req.Shell {
		return req, nil
	}
	if len(toolInput) == 0 || string(toolInput) == "null" {
		return nil, inputErrorf("the %s call has no tool_input", req.Tool)
	}
	ti, ok := scanObject(toolInput)
	if !ok {
		if err := json.Unmarshal(toolInput, &ti); err != nil || ti == nil {
			if err == nil {
				err = errors.New("it is null")
			}
			return nil, inputErrorf("the %s call's tool_input is not an object with a command: %v", req.Tool, jsonError(err))
		}
	}
	dirPath, _, err := ti.str("dir_path")
	if err != nil {
		return nil, inputErrorf("the %s call's tool_input is not an object with a command: %v", req.Tool, err)
	}
	directory, _, err := ti.str("directory")
	if err != nil {
		return nil, inputErrorf("the %s call's tool_input is not an object with a command: %v", req.Tool, err)
	}
	cmd, err := commandText(ti["command"])
	if err != nil {
		return nil, inputErrorf("the %s call's tool_input.command %v", req.Tool, err)
	}
	req.Command = cmd
	// Gemini CLI runs the command in dir_path (older builds: directory),
	// relative to the workspace.
	if d := dirPath + directory; a == Gemini && d != "" {
		if !filepath.IsAbs(d) && req.Cwd != "" {
			d = filepath.Join(req.Cwd, d)
		}
		req.Cwd = cleanDir(d)
	}
	return req, nil
}

// commandText returns a command given as a JSON string, or as an array of
// arguments, which is quoted into one command line.
func commandText(raw json.RawMessage) (string, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return "", errors.New("is missing")
	}
	s, ok := plainString(raw)
	if ok || json.Unmarshal(raw, &s) == nil {
		if strings.TrimSpace(s) == "" {
			return "", errors.New("is empty")
		}
		return s, nil
	}
	var argv []string
	if err := json.Unmarshal(raw, &argv); err != nil || len(argv) == 0 {
		return "", errors.New("is neither a string nor a list of arguments")
	}
	words := make([]string, len(argv))
	for i, w := range argv {
		words[i] = shellQuote(w)
	}
	return strings.Join(words, " "), nil
}

// shellQuote quotes a word for a POSIX shell.
func shellQuote(s string) string {
	if s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_./=:,+@%", r))
	}) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// parseCursor reads the input of Cursor's beforeShellExecution hook:
// hook_event_name, command, cwd, workspace_roots and conversation_id.
func parseCursor(data []byte) (*Request, error) {
	in, err := decodeObject(data)
	if err != nil {
		return nil, err
	}
	event, err := in.optional("hook_event_name")
	if err != nil {
		return nil, err
	}
	cwd, _, err := in.str("cwd")
	if err != nil {
		return nil, err
	}
	roots, err := in.strs("workspace_roots")
	if err != nil {
		return nil, err
	}
	conversation, _, err := in.str("conversation_id")
	if err != nil {
		return nil, err
	}
	want := Cursor.Event()
	if event == nil {
		return nil, inputErrorf("the hook input has no hook_event_name; guard expects %s", want)
	}
	if *event != want {
		return nil, inputErrorf("guard handles the %s event, not %q: register it for %s only", want, *event, want)
	}
	cmd, err := commandText(in["command"])
	if err != nil {
		return nil, inputErrorf("the %s input's command %v", want, err)
	}
	req := &Request{Agent: Cursor, Event: *event, Shell: true, Command: cmd, Cwd: cleanDir(cwd), SessionID: conversation}
	if req.Cwd == "" && len(roots) > 0 {
		req.Cwd = cleanDir(roots[0])
	}
	return req, nil
}

// cleanDir returns an absolute directory cleaned, or "" for anything else.
func cleanDir(d string) string {
	if d == "" || !filepath.IsAbs(d) || strings.ContainsRune(d, 0) {
		return ""
	}
	return filepath.Clean(d)
}
