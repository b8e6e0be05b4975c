package e2e

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"
)

// API names the wire protocol a fake model server speaks.
type API string

// The APIs of the three agents.
const (
	// Anthropic is the Messages API with server-sent events, as Claude
	// Code calls it (POST /v1/messages).
	Anthropic API = "anthropic"
	// Responses is OpenAI's Responses API with server-sent events, as
	// Codex calls it (POST /v1/responses).
	Responses API = "responses"
	// Gemini is the Generative Language API, as Gemini CLI calls it
	// (POST /v1beta/models/M:streamGenerateContent?alt=sse and
	// :generateContent).
	Gemini API = "gemini"
)

// Turn is what the fake model answers at one point of the conversation:
// a shell tool call, or a final text.
type Turn struct {
	// Command is the shell command of the tool call; empty for a text.
	Command string
	// Text is the final answer when Command is empty.
	Text string
	// Tool overrides the tool name (the agent's shell tool by default).
	Tool string
	// Args are extra tool arguments (Codex exec_command's tty, ...).
	Args map[string]any
}

// Model is a scripted fake model server on 127.0.0.1. The turn it plays
// is the number of tool results already in the conversation it is sent,
// so retries and side requests do not move the script on. It records
// every request, and stops by itself after its lifetime.
type Model struct {
	API    API
	Script []Turn
	URL    string

	srv *http.Server
	ln  net.Listener

	mu       sync.Mutex
	requests []Request
}

// Request is one call the agent made.
type Request struct {
	Path string
	Body []byte
	// Main reports a call that offered tools: the conversation, not a
	// side request such as a title.
	Main bool
	// Results are the tool results the conversation held, oldest first.
	Results []string
}

// StartModel starts a fake model server that stops after lifetime.
func StartModel(api API, lifetime time.Duration, script ...Turn) (*Model, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	m := &Model{API: api, Script: script, ln: ln, URL: "http://" + ln.Addr().String()}
	m.srv = &http.Server{Handler: m, ReadHeaderTimeout: 10 * time.Second}
	go m.srv.Serve(ln)
	time.AfterFunc(lifetime, func() { m.srv.Close() })
	return m, nil
}

// Close stops the server.
func (m *Model) Close() { m.srv.Close() }

// Requests returns the calls made so far.
func (m *Model) Requests() []Request {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]Request(nil), m.requests...)
}

// Results returns the tool results of the longest conversation the model
// received: what the agent told the model its commands did.
func (m *Model) Results() []string {
	var best []string
	for _, r := range m.Requests() {
		if r.Main && len(r.Results) >= len(best) {
			best = r.Results
		}
	}
	return best
}

// Log describes the calls, for failure messages.
func (m *Model) Log() string {
	var b strings.Builder
	for i, r := range m.Requests() {
		fmt.Fprintf(&b, "request %d %s main=%v results=%q\n", i, r.Path, r.Main, r.Results)
	}
	return b.String()
}

func (m *Model) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(io.LimitReader(r.Body, 64<<20))
	req := Request{Path: r.URL.Path, Body: body}
	var turn Turn
	switch m.API {
	case Anthropic:
		req.Main, req.Results = anthropicConversation(body)
	case Responses:
		req.Main, req.Results = responsesConversation(body)
	case Gemini:
		req.Main, req.Results = geminiConversation(body)
	}
	m.mu.Lock()
	m.requests = append(m.requests, req)
	m.mu.Unlock()
	if req.Main && len(req.Results) < len(m.Script) {
		turn = m.Script[len(req.Results)]
	} else {
		turn = Turn{Text: "Done."}
	}
	switch m.API {
	case Anthropic:
		m.anthropic(w, r, body, req.Main, turn)
	case Responses:
		m.responses(w, r, turn)
	case Gemini:
		m.gemini(w, r, body, req.Main, turn)
	}
}

func sse(w http.ResponseWriter, events ...any) {
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-cache")
	w.WriteHeader(200)
	for _, e := range events {
		data, _ := json.Marshal(e)
		var typ struct {
			Type string `json:"type"`
		}
		json.Unmarshal(data, &typ)
		if typ.Type != "" {
			fmt.Fprintf(w, "event: %s\n", typ.Type)
		}
		fmt.Fprintf(w, "data: %s\n\n", data)
		if f, ok := w.(http.Flusher); ok {
			f.Flush()
		}
	}
}

type obj = map[string]any

// textOf flattens a tool result's content (a string or a list of text
// blocks or parts) to text.
func textOf(v any) string {
	switch c := v.(type) {
	case string:
		return c
	case []any:
		var parts []string
		for _, p := range c {
			parts = append(parts, textOf(p))
		}
		return strings.Join(parts, "\n")
	case map[string]any:
		for _, k := range []string{"text", "output", "content", "result", "error", "llmContent"} {
			if x, ok := c[k]; ok {
				return textOf(x)
			}
		}
		b, _ := json.Marshal(c)
		return string(b)
	}
	if v == nil {
		return ""
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// Anthropic Messages API.

func anthropicConversation(body []byte) (bool, []string) {
	var in struct {
		Tools    []obj `json:"tools"`
		Messages []struct {
			Role    string `json:"role"`
			Content any    `json:"content"`
		} `json:"messages"`
	}
	json.Unmarshal(body, &in)
	main := false
	for _, t := range in.Tools {
		if t["name"] == "Bash" {
			main = true
		}
	}
	var results []string
	for _, msg := range in.Messages {
		blocks, _ := msg.Content.([]any)
		for _, b := range blocks {
			if o, ok := b.(map[string]any); ok && o["type"] == "tool_result" {
				results = append(results, textOf(o["content"]))
			}
		}
	}
	return main, results
}

func (m *Model) anthropic(w http.ResponseWriter, r *http.Request, body []byte, main bool, t Turn) {
	if !strings.HasSuffix(r.URL.Path, "/messages") {
		// count_tokens and anything else: a plausible small answer.
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"input_tokens": 10}`))
		return
	}
	var in struct {
		Model  string `json:"model"`
		Stream bool   `json:"stream"`
	}
	json.Unmarshal(body, &in)
	id := fmt.Sprintf("msg_%d", time.Now().UnixNano())
	usage := obj{"input_tokens": 10, "output_tokens": 5, "cache_creation_input_tokens": 0, "cache_read_input_tokens": 0}
	var block obj
	stop := "end_turn"
	if t.Command != "" && main {
		name := t.Tool
		if name == "" {
			name = "Bash"
		}
		input := obj{"command": t.Command, "description": "run a command"}
		if name != "Bash" {
			// Another tool (Write, Edit) takes only its own arguments.
			input = obj{}
		}
		for k, v := range t.Args {
			input[k] = v
		}
		block = obj{"type": "tool_use", "id": fmt.Sprintf("toolu_%d", time.Now().UnixNano()), "name": name, "input": input}
		stop = "tool_use"
	} else {
		text := t.Text
		if text == "" || !main {
			text = "Done."
		}
		block = obj{"type": "text", "text": text}
	}
	if !in.Stream {
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(obj{"id": id, "type": "message", "role": "assistant", "model": in.Model,
			"content": []any{block}, "stop_reason": stop, "stop_sequence": nil, "usage": usage})
		return
	}
	start := obj{"type": "message_start", "message": obj{"id": id, "type": "message", "role": "assistant", "model": in.Model,
		"content": []any{}, "stop_reason": nil, "stop_sequence": nil, "usage": usage}}
	var events []any
	events = append(events, start)
	if block["type"] == "tool_use" {
		input, _ := json.Marshal(block["input"])
		events = append(events,
			obj{"type": "content_block_start", "index": 0, "content_block": obj{"type": "tool_use", "id": block["id"], "name": block["name"], "input": obj{}}},
			obj{"type": "content_block_delta", "index": 0, "delta": obj{"type": "input_json_delta", "partial_json": string(input)}})
	} else {
		events = append(events,
			obj{"type": "content_block_start", "index": 0, "content_block": obj{"type": "text", "text": ""}},
			obj{"type": "content_block_delta", "index": 0, "delta": obj{"type": "text_delta", "text": block["text"]}})
	}
	events = append(events,
		obj{"type": "content_block_stop", "index": 0},
		obj{"type": "message_delta", "delta": obj{"stop_reason": stop, "stop_sequence": nil}, "usage": obj{"output_tokens": 5}},
		obj{"type": "message_stop"})
	sse(w, events...)
}

// OpenAI Responses API.

func responsesConversation(body []byte) (bool, []string) {
	var in struct {
		Tools []obj `json:"tools"`
		Input []obj `json:"input"`
	}
	json.Unmarshal(body, &in)
	var results []string
	for _, it := range in.Input {
		if t, _ := it["type"].(string); t == "function_call_output" || t == "custom_tool_call_output" || t == "local_shell_call_output" {
			results = append(results, textOf(it["output"]))
		}
	}
	return len(in.Tools) > 0, results
}

func (m *Model) responses(w http.ResponseWriter, r *http.Request, t Turn) {
	if !strings.HasSuffix(r.URL.Path, "/responses") {
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"object":"list","data":[]}`))
		return
	}
	id := fmt.Sprintf("resp_%d", time.Now().UnixNano())
	var item obj
	if t.Command != "" {
		name := t.Tool
		if name == "" {
			name = "exec_command"
		}
		args := obj{"cmd": t.Command}
		for k, v := range t.Args {
			args[k] = v
		}
		a, _ := json.Marshal(args)
		item = obj{"type": "function_call", "id": "fc_" + id, "call_id": "call_" + id, "name": name, "arguments": string(a), "status": "completed"}
	} else {
		item = obj{"type": "message", "role": "assistant", "id": "msg_" + id, "status": "completed",
			"content": []any{obj{"type": "output_text", "text": t.Text, "annotations": []any{}}}}
	}
	sse(w,
		obj{"type": "response.created", "response": obj{"id": id}},
		obj{"type": "response.output_item.done", "output_index": 0, "item": item},
		obj{"type": "response.completed", "response": obj{"id": id, "usage": obj{
			"input_tokens": 10, "input_tokens_details": obj{"cached_tokens": 0},
			"output_tokens": 5, "output_tokens_details": obj{"reasoning_tokens": 0}, "total_tokens": 15}}})
}

// Gemini API.

func geminiConversation(body []byte) (bool, []string) {
	var in struct {
		Contents []struct {
			Parts []obj `json:"parts"`
		} `json:"contents"`
		Tools []struct {
			FunctionDeclarations []obj `json:"functionDeclarations"`
		} `json:"tools"`
	}
	json.Unmarshal(body, &in)
	main := false
	for _, t := range in.Tools {
		for _, f := range t.FunctionDeclarations {
			if f["name"] == "run_shell_command" {
				main = true
			}
		}
	}
	var results []string
	for _, c := range in.Contents {
		for _, p := range c.Parts {
			if fr, ok := p["functionResponse"].(map[string]any); ok {
				results = append(results, textOf(fr["response"]))
			}
		}
	}
	return main, results
}

func (m *Model) gemini(w http.ResponseWriter, r *http.Request, body []byte, main bool, t Turn) {
	path := r.URL.Path
	usage := obj{"promptTokenCount": 10, "candidatesTokenCount": 5, "totalTokenCount": 15}
	if strings.HasSuffix(path, ":countTokens") {
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"totalTokens": 10}`))
		return
	}
	var part obj
	if main && t.Command != "" {
		name := t.Tool
		if name == "" {
			name = "run_shell_command"
		}
		args := obj{"command": t.Command}
		if name != "run_shell_command" {
			args = obj{}
		}
		for k, v := range t.Args {
			args[k] = v
		}
		part = obj{"functionCall": obj{"name": name, "args": args}}
	} else if main {
		part = obj{"text": t.Text}
	} else {
		// Side requests (routing, next speaker, ...) ask for JSON.
		part = obj{"text": sideAnswer(body)}
	}
	resp := obj{"candidates": []any{obj{"content": obj{"role": "model", "parts": []any{part}}, "finishReason": "STOP", "index": 0}},
		"usageMetadata": usage, "modelVersion": "gemini-2.5-pro"}
	if strings.HasSuffix(path, ":streamGenerateContent") {
		w.Header().Set("Content-Type", "text/event-stream")
		w.WriteHeader(200)
		data, _ := json.Marshal(resp)
		fmt.Fprintf(w, "data: %s\r\n\r\n", data)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(resp)
}

// sideAnswer answers a Gemini CLI side request that wants JSON: the model
// router and the next-speaker check.
func sideAnswer(body []byte) string {
	switch {
	case bytes.Contains(body, []byte("complexity_score")):
		return `{"complexity_reasoning": "a simple task", "complexity_score": 10}`
	case bytes.Contains(body, []byte("next_speaker")):
		return `{"reasoning": "the model finished", "next_speaker": "user"}`
	case bytes.Contains(body, []byte("model_choice")):
		return `{"reasoning": "simple", "model_choice": "flash"}`
	}
	return `{}`
}
