package hook

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/guardsh/guard/internal/rules"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// Each testdata/AGENT_CASE.txtar holds an agent's hook input and the exact
// answer guard gives: stdout, stderr and the exit status. The inputs follow
// each agent's documented shape (see the package comment for versions).
// An "allow_safe" file in the archive turns on settings.hook_allow.
//
// go test ./internal/hook -update rewrites the answers after a deliberate
// change; review the diff.
func TestGolden(t *testing.T) {
	set, err := rules.Default()
	if err != nil {
		t.Fatal(err)
	}
	files, err := filepath.Glob("testdata/*.txtar")
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden files: %v", err)
	}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".txtar")
		t.Run(name, func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			agent, ok := ParseAgent(strings.SplitN(name, "_", 2)[0])
			if !ok {
				t.Fatalf("golden file name must start with an agent: %s", name)
			}
			sections := map[string][]byte{}
			for _, f := range ar.Files {
				sections[f.Name] = f.Data
			}
			input, ok := sections["input"]
			if !ok {
				t.Fatal("no input section")
			}
			// txtar sections end in a newline; an input section named
			// input.raw is used without it.
			if raw, ok := sections["input.raw"]; ok {
				input = bytes.TrimSuffix(raw, []byte("\n"))
			}
			_, allowSafe := sections["allow_safe"]
			env := map[string]string{}
			for _, line := range strings.Split(string(sections["env"]), "\n") {
				if k, v, ok := strings.Cut(line, "="); ok {
					env[k] = v
				}
			}
			transcript := ""
			if tr, ok := sections["transcript"]; ok {
				transcript = filepath.Join(t.TempDir(), "session.jsonl")
				if err := os.WriteFile(transcript, tr, 0o600); err != nil {
					t.Fatal(err)
				}
			}
			getenv := func(k string) string { return env[k] }
			resp := answer(set, agent, input, allowSafe, getenv, transcript)
			got := map[string][]byte{
				"stdout": resp.Stdout,
				"stderr": []byte(resp.Stderr),
				"exit":   []byte(strconv.Itoa(resp.Exit) + "\n"),
			}
			if *update {
				var files []txtar.File
				for _, f := range ar.Files {
					if _, ok := got[f.Name]; !ok {
						files = append(files, f)
					}
				}
				for _, k := range []string{"stdout", "stderr", "exit"} {
					files = append(files, txtar.File{Name: k, Data: got[k]})
				}
				ar.Files = files
				if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			for _, k := range []string{"stdout", "stderr", "exit"} {
				want := sections[k]
				if !bytes.Equal(got[k], want) {
					t.Errorf("%s:\n got: %q\nwant: %q", k, got[k], want)
				}
			}
			checkShape(t, agent, resp)
		})
	}
}

// answer is what guard hook AGENT does, without the process around it:
// getenv stands for the hook's environment and transcript, when set, for
// the transcript file the input names.
func answer(set *rules.Set, a Agent, input []byte, allowSafe bool, getenv func(string) string, transcript string) Response {
	req, err := Parse(a, input)
	if err != nil {
		return Respond(a, Refuse(err.Error()))
	}
	if !req.Shell || req.After {
		return Respond(a, Answer{Verdict: None})
	}
	req.LoadIDs()
	if transcript != "" {
		req.Transcript = transcript
	}
	dir := req.Cwd
	if dir == "" {
		dir = "/home/user/project"
	}
	ctx := rules.Context{Dir: dir, Home: "/home/user", Protected: rules.ProtectedPaths("/home/user", dir)}
	d := set.Check(req.Command, ctx)
	if a == Codex && d.Action == rules.Allow {
		if prog := Interactive(req.Command, "/home/user"); prog != "" {
			r := &rules.Rule{ID: "hook.interactive", Pack: "hook", Severity: rules.High, Action: rules.Confirm, Reason: "starts an interactive " + prog + " session"}
			d = rules.Decision{Action: rules.Confirm, Findings: []rules.Finding{{Rule: r, Severity: r.Severity, Action: rules.Confirm}}}
		}
	}
	if a == Claude && d.Action == rules.Confirm {
		req.Session = ClaudeSession(getenv, req.Transcript)
	}
	return Respond(a, Decide(req, d, allowSafe))
}

// checkShape checks what every answer of an agent must satisfy, whatever
// the golden file says.
func checkShape(t *testing.T, a Agent, r Response) {
	t.Helper()
	switch a {
	case Claude, Cursor, Gemini:
		if r.Exit != 0 {
			t.Errorf("%s answers must exit 0, got %d", a, r.Exit)
		}
	case Codex:
		if r.Exit != 0 && r.Exit != 2 || r.Exit == 2 && strings.TrimSpace(r.Stderr) == "" || len(r.Stdout) != 0 {
			t.Errorf("codex answers are exit 0 with nothing, or exit 2 with a reason on stderr: %+v", r)
		}
	}
}

func TestOversized(t *testing.T) {
	big := `{"hook_event_name":"PreToolUse","tool_name":"Bash","tool_input":{"command":"echo ` + strings.Repeat("a", MaxInput) + `"}}`
	if _, err := Read(strings.NewReader(big)); err == nil || !strings.Contains(err.Error(), "larger than") {
		t.Fatalf("Read of %d bytes: %v", len(big), err)
	}
	for _, a := range Agents {
		_, err := Parse(a, []byte(big))
		if _, ok := err.(*InputError); !ok {
			t.Errorf("%s: Parse of an oversized input: %v", a, err)
		}
		r := Respond(a, Refuse(err.Error()))
		if a == Codex && r.Exit != 2 || a != Codex && !bytes.Contains(r.Stdout, []byte("deny")) {
			t.Errorf("%s: oversized input is not blocked: %+v", a, r)
		}
	}
}

// Every input of every shape guard might meet must give an answer, and any
// answer that is not "no opinion" for bad input must be a block.
func TestNeverCrash(t *testing.T) {
	inputs := []string{"", " ", "null", "[]", "{}", "{", `{"a":`, `"x"`, "1", "\x00", `{"hook_event_name":null}`,
		`{"hook_event_name":"PreToolUse","tool_name":"Bash","tool_input":[]}`,
		`{"hook_event_name":"PreToolUse","tool_name":"Bash","tool_input":{"command":null}}`,
		`{"hook_event_name":"PreToolUse","tool_name":"Bash","tool_input":{"command":["rm"]}}`,
		`{"hook_event_name":"beforeShellExecution","command":1}`,
		`{"hook_event_name":"BeforeTool","tool_name":"run_shell_command","tool_input":{"command":"ls","dir_path":"../x"}}`,
	}
	for _, a := range Agents {
		for _, in := range inputs {
			req, err := Parse(a, []byte(in))
			if err == nil && req.Shell && req.Command == "" {
				t.Errorf("%s %q: a shell call with no command was accepted", a, in)
			}
		}
	}
}

// FuzzParse: no input makes Parse panic, and every answer to it is a
// well-formed answer in the agent's shape (go test runs the seeds; go test
// -fuzz=FuzzParse explores further).
func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.txtar")
	for _, file := range files {
		ar, err := txtar.ParseFile(file)
		if err != nil {
			f.Fatal(err)
		}
		for _, fl := range ar.Files {
			if fl.Name == "input" {
				f.Add(fl.Data)
			}
		}
	}
	set, err := rules.Default()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, a := range Agents {
			r := answer(set, a, data, false, func(string) string { return "" }, "")
			checkShape(t, a, r)
			if len(r.Stdout) > 0 && !json.Valid(r.Stdout) {
				t.Fatalf("%s: invalid JSON answer %q", a, r.Stdout)
			}
		}
	})
}
