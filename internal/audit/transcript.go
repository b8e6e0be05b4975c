package audit

import (
	"bytes"
	"encoding/json"
	"errors"
	"path"
	"strings"
	"time"

	"github.com/guardsh/guard/internal/lazy"
	"github.com/guardsh/guard/internal/parse"
)

// badJSON counts a line that does not parse: truncated when it ends before
// the JSON value does (a record cut short, typically the last line of a
// transcript still being written), corrupt otherwise.
func (r *reader) badJSON(line []byte, err error) {
	var se *json.SyntaxError
	if r.noEOL || (errors.As(err, &se) && se.Offset >= int64(len(line))) {
		r.src.Truncated++
		return
	}
	r.src.Corrupt++
}

// skipJSON checks a line that holds nothing guard needs, such as a tool's
// output. To keep large transcripts fast only its frame is checked: a
// line that is not an object from { to } is counted as truncated (it
// starts like one) or corrupt. Lines that are decoded are checked in
// full.
func (r *reader) skipJSON(line []byte) {
	line = bytes.TrimSpace(line)
	if len(line) == 0 || line[0] == '{' && line[len(line)-1] == '}' {
		return
	}
	if line[0] == '{' {
		r.src.Truncated++
		return
	}
	r.src.Corrupt++
}

func parseTime(s string) time.Time {
	if s == "" {
		return time.Time{}
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}
	}
	return t.UTC()
}

// claudeRecord is a line of a Claude Code transcript, as far as guard
// needs it. Each line is one JSON object; assistant messages carry the
// model's tool calls in message.content, the Bash tool's as
// {"type":"tool_use","name":"Bash","input":{"command":"..."}}. The line is
// decoded in one pass; where a field has another type than guard expects
// (message.content is a string in user messages, other tools' inputs have
// other shapes), decoding goes on and the field is left empty.
type claudeRecord struct {
	Type      string `json:"type"`
	SessionID string `json:"sessionId"`
	Timestamp string `json:"timestamp"`
	Cwd       string `json:"cwd"`
	AgentID   string `json:"agentId"`
	Message   struct {
		Content []claudeBlock `json:"content"`
	} `json:"message"`
}

type claudeBlock struct {
	Type  string `json:"type"`
	Name  string `json:"name"`
	Input struct {
		Command string `json:"command"`
	} `json:"input"`
}

var needleToolUse = []byte(`"tool_use"`)

// unmarshal decodes a line, ignoring fields whose type differs from v's.
func unmarshal(line []byte, v any) error {
	err := json.Unmarshal(line, v)
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return nil
	}
	return err
}

// claude reads a Claude Code transcript.
func (r *reader) claude() {
	for line, ok := r.next(); ok; line, ok = r.next() {
		if !bytes.Contains(line, needleToolUse) {
			r.skipJSON(line)
			continue
		}
		var rec claudeRecord
		if err := unmarshal(line, &rec); err != nil {
			r.badJSON(line, err)
			continue
		}
		if rec.Type != "assistant" {
			continue
		}
		for _, b := range rec.Message.Content {
			if b.Type != "tool_use" || b.Name != "Bash" {
				continue
			}
			r.cmd = Command{
				Text: b.Input.Command, Dir: rec.Cwd, Time: parseTime(rec.Timestamp),
				Session: rec.SessionID, Agent: rec.AgentID, Line: r.n,
			}
			r.emit(&r.cmd)
		}
	}
}

// codexLine is a line of a Codex rollout. Since Codex 0.3x
// (openai/codex#3380, September 2025) every line is {"timestamp":...,
// "type":"session_meta"|"response_item"|"turn_context"|"event_msg"|...,
// "payload":{...}}. Earlier Rust versions wrote a bare session meta
// object ({"id":..., "timestamp":...}) on the first line and bare response
// items after it, which codexLine's own codexItem fields hold. The line is
// decoded in one pass, fields of unexpected types left empty.
type codexLine struct {
	codexItem
	Payload codexItem `json:"payload"`
}

// codexItem is a response item, a session meta or a turn context.
type codexItem struct {
	Timestamp string `json:"timestamp"`
	Type      string `json:"type"`
	ID        string `json:"id"`
	Cwd       string `json:"cwd"`
	// function_call: arguments is a string holding JSON; custom_tool_call:
	// input is the tool's text.
	Name      string          `json:"name"`
	Arguments json.RawMessage `json:"arguments"`
	Input     string          `json:"input"`
	// local_shell_call
	Action struct {
		Command          []string `json:"command"`
		WorkingDirectory string   `json:"working_directory"`
	} `json:"action"`
}

// codexArgs are the arguments of Codex's shell tools: shell and
// container.exec take "command" as an argument vector, shell_command
// (Codex 0.58+) as a string, exec_command (unified exec) takes "cmd".
type codexArgs struct {
	Command json.RawMessage `json:"command"`
	Cmd     string          `json:"cmd"`
	Workdir string          `json:"workdir"`
}

// codexShellTools are the tool names whose calls run a command.
var codexShellTools = lazy.Value[map[string]bool]{Make: func() map[string]bool {
	return map[string]bool{
		"shell": true, "container.exec": true, "shell_command": true, "exec_command": true, "local_shell": true,
	}
}}

var codexNeedles = [][]byte{
	[]byte(`"function_call"`), []byte(`"local_shell_call"`), []byte(`"custom_tool_call"`),
	[]byte(`"session_meta"`), []byte(`"turn_context"`),
}

// codex reads a Codex rollout.
func (r *reader) codex() {
	var session, cwd string
	var start time.Time
	for line, ok := r.next(); ok; line, ok = r.next() {
		interesting := r.n == 1
		for _, n := range codexNeedles {
			if interesting {
				break
			}
			interesting = bytes.Contains(line, n)
		}
		if !interesting {
			r.skipJSON(line)
			continue
		}
		var l codexLine
		if err := unmarshal(line, &l); err != nil {
			r.badJSON(line, err)
			continue
		}
		t := parseTime(l.Timestamp)
		item := &l.codexItem
		switch l.Type {
		case "session_meta":
			session, cwd = l.Payload.ID, l.Payload.Cwd
			continue
		case "turn_context":
			if l.Payload.Cwd != "" {
				cwd = l.Payload.Cwd
			}
			continue
		case "response_item":
			item = &l.Payload
		case "":
			// The first line of a legacy rollout: the session meta.
			if l.ID != "" && session == "" {
				session, start = l.ID, t
				if l.Cwd != "" {
					cwd = l.Cwd
				}
			}
			continue
		case "function_call", "local_shell_call", "custom_tool_call":
			// A legacy bare response item carries no time: it gets the
			// session's start.
			if t.IsZero() {
				t = start
			}
		default:
			continue
		}
		r.codexCall(item, t, session, cwd)
	}
}

// codexCall emits the command of a shell tool call, if item is one.
func (r *reader) codexCall(it *codexItem, t time.Time, session, cwd string) {
	r.cmd = Command{Time: t, Session: session, Dir: cwd, Line: r.n}
	c := &r.cmd
	switch it.Type {
	case "function_call", "custom_tool_call":
		if !codexShellTools.Get()[it.Name] {
			return
		}
		raw := []byte(it.Arguments)
		if it.Type == "custom_tool_call" {
			raw = []byte(it.Input)
		} else if len(raw) > 0 && raw[0] == '"' {
			// arguments is a string holding JSON; an object is taken too.
			var s string
			if err := json.Unmarshal(raw, &s); err != nil {
				r.src.Corrupt++
				return
			}
			raw = []byte(s)
		}
		var a codexArgs
		if err := json.Unmarshal(raw, &a); err != nil {
			if it.Type == "custom_tool_call" && it.Input != "" {
				// A freeform tool's input is the command itself.
				c.Text = it.Input
				r.emit(c)
				return
			}
			r.src.Corrupt++
			return
		}
		c.Dir = joinDir(cwd, a.Workdir)
		switch {
		case a.Cmd != "":
			c.Text = a.Cmd
		case len(a.Command) > 0 && a.Command[0] == '"':
			if json.Unmarshal(a.Command, &c.Text) != nil {
				r.src.Corrupt++
				return
			}
		case len(a.Command) > 0 && a.Command[0] == '[':
			if json.Unmarshal(a.Command, &c.Argv) != nil {
				r.src.Corrupt++
				return
			}
			c.Text = argvText(c.Argv)
		default:
			r.src.Corrupt++
			return
		}
	case "local_shell_call":
		if len(it.Action.Command) == 0 {
			r.src.Corrupt++
			return
		}
		c.Argv = it.Action.Command
		c.Text = argvText(c.Argv)
		c.Dir = joinDir(cwd, it.Action.WorkingDirectory)
	default:
		return
	}
	r.emit(c)
}

func joinDir(cwd, dir string) string {
	switch {
	case dir == "":
		return cwd
	case path.IsAbs(dir) || cwd == "":
		return dir
	}
	return path.Join(cwd, dir)
}

// argvText is how an argument vector is shown: the script of
// "bash -lc SCRIPT", or the words quoted as the shell would need them.
func argvText(argv []string) string {
	if len(argv) == 3 {
		switch path.Base(argv[0]) {
		case "bash", "sh", "zsh", "dash", "ksh":
			if strings.HasPrefix(argv[1], "-") && strings.HasSuffix(argv[1], "c") {
				return argv[2]
			}
		}
	}
	words := make([]string, len(argv))
	for i, a := range argv {
		words[i] = parse.Quote(a)
	}
	return strings.Join(words, " ")
}
