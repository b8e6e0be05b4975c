package hook

import (
	"encoding/json"
	"path/filepath"
	"strings"

	"github.com/guardsh/guard/internal/writes"
)

// The agents' own file tools write files without a shell, so guard's
// command rules never see them. In hook mode guard is registered for
// them too, and denies a write that lands on one of guard's protected
// paths (its config, log, shims, checkpoints, and every agent's hook
// settings); any other file gets no opinion. Shapes, as documented:
//
//   - Claude Code (PreToolUse): Write, Edit and MultiEdit with
//     tool_input.file_path; NotebookEdit with notebook_path.
//   - Codex (PreToolUse): apply_patch with the patch in tool_input.input,
//     .patch or .command (["apply_patch", PATCH]); its *** Add File,
//     *** Update File, *** Delete File and *** Move to lines name the
//     files. Whether a Codex release sends its hooks apply_patch calls
//     depends on the release; an apply_patch run through the shell tool
//     is a command, and the command rules read its patch.
//   - Gemini CLI (BeforeTool): write_file and replace with
//     tool_input.file_path (older releases: absolute_path or path).
//   - Cursor (preToolUse, in releases that have it): Write, StrReplace,
//     Edit, MultiEdit, Delete and EditNotebook with tool_input.file_path,
//     path or target_file. Cursor's afterFileEdit runs after the edit and
//     cannot block it; releases without preToolUse leave file edits
//     unchecked.

// fileTools are each agent's tools that write files themselves. It is a
// switch, not a map, so that no table is built when guard starts.
func fileTools(a Agent) []string {
	switch a {
	case Claude:
		return []string{"Write", "Edit", "MultiEdit", "NotebookEdit"}
	case Codex:
		return []string{"apply_patch", "ApplyPatch", "Write", "Edit"}
	case Gemini:
		return []string{"write_file", "replace", "edit", "smart_edit"}
	case Cursor:
		return []string{"Write", "StrReplace", "Edit", "MultiEdit", "Delete", "EditNotebook", "TabWrite"}
	}
	return nil
}

// CursorToolEvent is Cursor's hook event before any tool runs.
const CursorToolEvent = "preToolUse"

// FileEdit is one file a file tool writes.
type FileEdit struct {
	// Path is absolute when the agent gave an absolute path or a working
	// directory to resolve it against.
	Path string
	// Delete reports that the tool deletes the file.
	Delete bool
}

// IsFileTool reports whether tool is one of agent a's file tools.
func IsFileTool(a Agent, tool string) bool {
	for _, t := range fileTools(a) {
		if t == tool {
			return true
		}
	}
	return false
}

// fileCall reads the files a file tool call writes. ok is false for a
// tool that is not a file tool.
func fileCall(a Agent, tool string, input json.RawMessage, cwd string) (files []FileEdit, ok bool, err error) {
	if !IsFileTool(a, tool) {
		return nil, false, nil
	}
	if len(input) == 0 || string(input) == "null" {
		return nil, true, inputErrorf("the %s call has no tool_input", tool)
	}
	var s string
	if json.Unmarshal(input, &s) == nil {
		// Some releases send tool_input as a JSON string.
		input = json.RawMessage(s)
	}
	var ti map[string]json.RawMessage
	if err := json.Unmarshal(input, &ti); err != nil {
		return nil, true, inputErrorf("the %s call's tool_input is not an object: %v", tool, jsonError(err))
	}
	str := func(keys ...string) string {
		for _, k := range keys {
			var v string
			if raw, ok := ti[k]; ok && json.Unmarshal(raw, &v) == nil && v != "" {
				return v
			}
		}
		return ""
	}
	resolve := func(p string) string {
		if !filepath.IsAbs(p) && cwd != "" {
			p = filepath.Join(cwd, p)
		}
		return filepath.Clean(p)
	}
	if tool == "apply_patch" || tool == "ApplyPatch" {
		patch := str("input", "patch", "content")
		if patch == "" {
			var argv []string
			if raw, ok := ti["command"]; ok && json.Unmarshal(raw, &argv) == nil && len(argv) > 0 {
				patch = strings.Join(argv[1:], "\n")
			} else {
				patch = str("command")
			}
		}
		if !strings.Contains(patch, "*** ") {
			return nil, true, inputErrorf("the %s call carries no patch guard can read", tool)
		}
		for _, f := range writes.ApplyPatchFiles(patch) {
			files = append(files, FileEdit{Path: resolve(f.Path), Delete: f.Delete})
			if f.From != "" {
				files = append(files, FileEdit{Path: resolve(f.From), Delete: true})
			}
		}
		return files, true, nil
	}
	p := str("file_path", "notebook_path", "absolute_path", "path", "target_file", "filePath", "target_notebook")
	if p == "" {
		return nil, true, inputErrorf("the %s call's tool_input names no file", tool)
	}
	if strings.ContainsRune(p, 0) {
		return nil, true, inputErrorf("the %s call's file name holds a NUL byte", tool)
	}
	return []FileEdit{{Path: resolve(p), Delete: tool == "Delete"}}, true, nil
}

// parseCursorTool reads a Cursor preToolUse call, which holds
// hook_event_name, tool_name, tool_input, cwd, workspace_roots and
// conversation_id; ok is false for any other event.
func parseCursorTool(data []byte) (req *Request, ok bool, err error) {
	in, err := decodeObject(data)
	if err != nil {
		return nil, false, nil // parseCursor reports it
	}
	event, err := in.optional("hook_event_name")
	if err != nil || event == nil || *event != CursorToolEvent {
		return nil, false, nil
	}
	toolName, err := in.optional("tool_name")
	if err != nil {
		return nil, true, err
	}
	if toolName == nil {
		return nil, true, inputErrorf("the hook input has no tool_name")
	}
	cwd, _, err := in.str("cwd")
	if err != nil {
		return nil, true, err
	}
	roots, err := in.strs("workspace_roots")
	if err != nil {
		return nil, true, err
	}
	conversation, _, err := in.str("conversation_id")
	if err != nil {
		return nil, true, err
	}
	toolInput := in["tool_input"]
	req = &Request{Agent: Cursor, Event: *event, Tool: *toolName, Cwd: cleanDir(cwd)}
	setSession(req, conversation)
	if req.Cwd == "" && len(roots) > 0 {
		req.Cwd = cleanDir(roots[0])
	}
	files, isFile, err := fileCall(Cursor, req.Tool, toolInput, req.Cwd)
	if err != nil {
		return nil, true, err
	}
	if isFile {
		req.FileTool, req.Files = true, files
		return req, true, nil
	}
	if req.Tool == "Shell" {
		var ti struct {
			Command json.RawMessage `json:"command"`
			Cwd     string          `json:"cwd"`
		}
		if json.Unmarshal(toolInput, &ti) == nil {
			if cmd, err := commandText(ti.Command); err == nil {
				req.Shell, req.Command = true, cmd
				if d := cleanDir(ti.Cwd); d != "" {
					req.Cwd = d
				}
			}
		}
	}
	return req, true, nil
}
