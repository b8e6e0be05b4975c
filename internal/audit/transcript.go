package audit

import (
	"bytes"
	"encoding/json"
	"errors"
	"path"
	"strings"
	"time"

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

// skipJSON checks a line that holds nothing of interest, counting it when
// it is not JSON.
func (r *reader) skipJSON(line []byte) {
	if len(bytes.TrimSpace(line)) == 0 || json.Valid(line) {
		return
	}
	var v json.RawMessage
	r.badJSON(line, json.Unmarshal(line, &v))
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
// {"type":"tool_use","name":"Bash","input":{"command":"..."}}.
type claudeRecord struct {
	Type      string `json:"type"`
	SessionID string `json:"sessionId"`
	Timestamp string `json:"timestamp"`
	Cwd       string `json:"cwd"`
	AgentID   string `json:"agentId"`
	Message   struct {
		Content json.RawMessage `json:"content"`
	} `json:"message"`
}

type claudeBlock struct {
	Type  string          `json:"type"`
	Name  string          `json:"name"`
	Input json.RawMessage `json:"input"`
}

var needleToolUse = []byte(`"tool_use"`)

// claude reads a Claude Code transcript.
func (r *reader) claude() {
	for line, ok := r.next(); ok; line, ok = r.next() {
		if !bytes.Contains(line, needleToolUse) {
			r.skipJSON(line)
			continue
		}
		var rec claudeRecord
		if err := json.Unmarshal(line, &rec); err != nil {
			r.badJSON(line, err)
			continue
		}
		if rec.Type != "assistant" || len(rec.Message.Content) == 0 || rec.Message.Content[0] != '[' {
			continue
		}
		var blocks []claudeBlock
		if err := json.Unmarshal(rec.Message.Content, &blocks); err != nil {
			r.src.Corrupt++
			continue
		}
		for _, b := range blocks {
			if b.Type != "tool_use" || b.Name != "Bash" {
				continue
			}
			var in struct {
				Command string `json:"command"`
			}
			if err := json.Unmarshal(b.Input, &in); err != nil {
				r.src.Corrupt++
				continue
			}
			r.cmd = Command{
				Text: in.Command, Dir: rec.Cwd, Time: parseTime(rec.Timestamp),
				Session: rec.SessionID, Agent: rec.AgentID, Line: r.n,
			}
			r.emit(&r.cmd)
		}
	}
}

// codexItem is a line of a Codex rollout, or the payload of one. Since
// Codex 0.3x (openai/codex#3380, September 2025) every line is
// {"timestamp":..., "type":"session_meta"|"response_item"|"turn_context"|
// "event_msg"|..., "payload":{...}}. Earlier Rust versions wrote a bare
// session meta object ({"id":..., "timestamp":...}) on the first line and
// bare response items after it.
type codexItem struct {
	Timestamp string          `json:"timestamp"`
	Type      string          `json:"type"`
	Payload   json.RawMessage `json:"payload"`
	ID        string          `json:"id"`
	Cwd       string          `json:"cwd"`
	// function_call and custom_tool_call
	Name      string          `json:"name"`
	Arguments json.RawMessage `json:"arguments"`
	Input     json.RawMessage `json:"input"`
	// local_shell_call
	Action json.RawMessage `json:"action"`
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
var codexShellTools = map[string]bool{
	"shell": true, "container.exec": true, "shell_command": true, "exec_command": true, "local_shell": true,
}

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
		var it codexItem
		if err := json.Unmarshal(line, &it); err != nil {
			r.badJSON(line, err)
			continue
		}
		t := parseTime(it.Timestamp)
		item := &it
		if len(it.Payload) > 0 && it.Payload[0] == '{' {
			var p codexItem
			if err := json.Unmarshal(it.Payload, &p); err != nil {
				r.src.Corrupt++
				continue
			}
			switch it.Type {
			case "session_meta":
				session, cwd = p.ID, p.Cwd
				continue
			case "turn_context":
				if p.Cwd != "" {
					cwd = p.Cwd
				}
				continue
			case "response_item":
				item = &p
			default:
				continue
			}
		} else if it.Type == "" {
			// The first line of a legacy rollout: the session meta.
			if it.ID != "" && session == "" {
				session, start = it.ID, t
				if it.Cwd != "" {
					cwd = it.Cwd
				}
			}
			continue
		} else if t.IsZero() {
			// A legacy bare response item carries no time: it gets
			// the session's start.
			t = start
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
		if !codexShellTools[it.Name] {
			return
		}
		raw := it.Arguments
		if it.Type == "custom_tool_call" {
			raw = it.Input
		}
		// arguments is a string holding JSON; accept an object too.
		var s string
		if len(raw) > 0 && raw[0] == '"' {
			if err := json.Unmarshal(raw, &s); err != nil {
				r.src.Corrupt++
				return
			}
			raw = json.RawMessage(s)
		}
		var a codexArgs
		if err := json.Unmarshal(raw, &a); err != nil {
			if it.Type == "custom_tool_call" && s != "" {
				// A freeform tool's input is the command itself.
				c.Text = s
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
		var act struct {
			Command          []string `json:"command"`
			WorkingDirectory string   `json:"working_directory"`
		}
		if json.Unmarshal(it.Action, &act) != nil || len(act.Command) == 0 {
			r.src.Corrupt++
			return
		}
		c.Argv = act.Command
		c.Text = argvText(act.Command)
		c.Dir = joinDir(cwd, act.WorkingDirectory)
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
