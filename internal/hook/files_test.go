package hook

import (
	"encoding/json"
	"path/filepath"
	"testing"
)

func TestFileCall(t *testing.T) {
	for _, tc := range []struct {
		agent Agent
		tool  string
		input string
		want  []FileEdit
		err   bool
	}{
		{Claude, "Write", `{"file_path":"/h/.claude/settings.json","content":"{}"}`, []FileEdit{{Path: "/h/.claude/settings.json"}}, false},
		{Claude, "Edit", `{"file_path":"rel/x"}`, []FileEdit{{Path: "/cwd/rel/x"}}, false},
		{Claude, "NotebookEdit", `{"notebook_path":"/n.ipynb"}`, []FileEdit{{Path: "/n.ipynb"}}, false},
		{Claude, "Write", `{"content":"x"}`, nil, true},
		{Claude, "Write", `"{\"file_path\":\"/x\"}"`, []FileEdit{{Path: "/x"}}, false},
		{Codex, "apply_patch", `{"input":"*** Begin Patch\n*** Delete File: /a\n*** Update File: b\n*** Move to: c\n*** End Patch"}`,
			[]FileEdit{{Path: "/a", Delete: true}, {Path: "/cwd/b"}, {Path: "/cwd/c"}, {Path: "/cwd/b", Delete: true}}, false},
		{Codex, "apply_patch", `{"command":["apply_patch","*** Begin Patch\n*** Add File: x\n*** End Patch"]}`, []FileEdit{{Path: "/cwd/x"}}, false},
		{Codex, "apply_patch", `{"input":"no patch"}`, nil, true},
		{Gemini, "write_file", `{"file_path":"/g"}`, []FileEdit{{Path: "/g"}}, false},
		{Gemini, "replace", `{"absolute_path":"/g2"}`, []FileEdit{{Path: "/g2"}}, false},
		{Cursor, "Delete", `{"path":"/d"}`, []FileEdit{{Path: "/d", Delete: true}}, false},
	} {
		got, ok, err := fileCall(tc.agent, tc.tool, json.RawMessage(tc.input), "/cwd")
		if !ok || (err != nil) != tc.err {
			t.Errorf("%s %s: ok %v err %v", tc.agent, tc.tool, ok, err)
			continue
		}
		if len(got) != len(tc.want) {
			t.Errorf("%s %s: %+v, want %+v", tc.agent, tc.tool, got, tc.want)
			continue
		}
		for i := range got {
			if got[i] != tc.want[i] {
				t.Errorf("%s %s: %+v, want %+v", tc.agent, tc.tool, got, tc.want)
			}
		}
	}
	if _, ok, _ := fileCall(Claude, "Bash", json.RawMessage(`{}`), ""); ok {
		t.Error("Bash taken for a file tool")
	}
}

func TestParseCursorTool(t *testing.T) {
	req, err := Parse(Cursor, []byte(`{"hook_event_name":"preToolUse","tool_name":"Write","tool_input":{"file_path":"a.ts"},"workspace_roots":["/w"],"conversation_id":"c"}`))
	if err != nil || !req.FileTool || len(req.Files) != 1 || req.Files[0].Path != "/w/a.ts" {
		t.Fatalf("Parse = %+v, %v", req, err)
	}
	req, err = Parse(Cursor, []byte(`{"hook_event_name":"preToolUse","tool_name":"Shell","tool_input":{"command":"rm -rf /"},"workspace_roots":["/w"]}`))
	if err != nil || !req.Shell || req.Command != "rm -rf /" {
		t.Fatalf("Parse shell = %+v, %v", req, err)
	}
}

// FuzzFileCall: any file tool input gives files or an error, never a
// panic, and every file is a clean path.
func FuzzFileCall(f *testing.F) {
	f.Add("Write", `{"file_path":"/a/../b"}`)
	f.Add("apply_patch", `{"input":"*** Add File: x"}`)
	f.Add("apply_patch", `{"command":[1,2]}`)
	f.Add("Edit", `"x"`)
	f.Fuzz(func(t *testing.T, tool, input string) {
		for _, a := range Agents {
			files, _, err := fileCall(a, tool, json.RawMessage(input), "/cwd")
			if err != nil {
				continue
			}
			for _, fe := range files {
				if filepath.Clean(fe.Path) != fe.Path {
					t.Fatalf("%s %s: unclean path %q", a, tool, fe.Path)
				}
			}
		}
	})
}
