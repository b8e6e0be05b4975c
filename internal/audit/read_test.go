package audit

import (
	"bufio"
	"bytes"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// got is a command as the tests compare it.
type got struct {
	Text    string
	Line    int64
	Time    int64 // Unix seconds, 0 when unknown
	Dir     string
	Session string
	Argv    string // joined with |
}

func readAll(t testing.TB, f Format, input string) ([]got, Stats) {
	src := &Source{Name: "test", Format: f}
	var out []got
	err := Read(bufio.NewReaderSize(strings.NewReader(input), 16), src, func(c *Command) {
		g := got{Text: c.Text, Line: c.Line, Dir: c.Dir, Session: c.Session, Argv: strings.Join(c.Argv, "|")}
		if !c.Time.IsZero() {
			g.Time = c.Time.Unix()
		}
		out = append(out, g)
	})
	if err != nil {
		t.Fatal(err)
	}
	return out, src.Stats
}

func TestReaders(t *testing.T) {
	for _, tc := range []struct {
		name   string
		format Format
		input  string
		want   []got
		stats  Stats
	}{
		{"plain", Plain, "ls\n\ngit status\r\n  \nrm -rf /", []got{{Text: "ls", Line: 1}, {Text: "git status", Line: 3}, {Text: "rm -rf /", Line: 5}},
			Stats{Lines: 5, Commands: 3}},
		{"bash plain", Bash, "ls\n# a comment\necho hi\n", []got{{Text: "ls", Line: 1}, {Text: "# a comment", Line: 2}, {Text: "echo hi", Line: 3}},
			Stats{Lines: 3, Commands: 3}},
		{"bash timestamps", Bash, "#1700000000\nls\n#1700000060\nfor x in a\ndo echo $x\ndone\n#1700000120\ngit status",
			[]got{{Text: "ls", Line: 2, Time: 1700000000}, {Text: "for x in a\ndo echo $x\ndone", Line: 4, Time: 1700000060}, {Text: "git status", Line: 8, Time: 1700000120}},
			Stats{Lines: 8, Commands: 3}},
		{"bash timestamps after plain lines", Bash, "ls\npwd\n#1700000000\nmake\ntest\n",
			[]got{{Text: "ls", Line: 1}, {Text: "pwd", Line: 2}, {Text: "make\ntest", Line: 4, Time: 1700000000}},
			Stats{Lines: 5, Commands: 3}},
		{"bash trailing timestamp", Bash, "#1700000000\nls\n#1700000001\n", []got{{Text: "ls", Line: 2, Time: 1700000000}}, Stats{Lines: 3, Commands: 1}},
		{"bash not a timestamp", Bash, "#17000x\nls\n", []got{{Text: "#17000x", Line: 1}, {Text: "ls", Line: 2}}, Stats{Lines: 2, Commands: 2}},
		{"zsh extended", Zsh, ": 1700000000:0;ls\n: 1700000005:12;make \\\n  test\\\ndone\n: bad;x\n",
			[]got{{Text: "ls", Line: 1, Time: 1700000000}, {Text: "make \n  test\ndone", Line: 2, Time: 1700000005}, {Text: ": bad;x", Line: 5}},
			Stats{Lines: 5, Commands: 3}},
		{"zsh plain and metafied", Zsh, "echo \xc3\x83\xbc\nls\\\n", []got{{Text: "echo \xc3\x9c", Line: 1}, {Text: "ls", Line: 2}},
			Stats{Lines: 2, Commands: 2}},
		{"zsh semicolon in command", Zsh, ": 1700000000:0;a; b\n", []got{{Text: "a; b", Line: 1, Time: 1700000000}}, Stats{Lines: 1, Commands: 1}},
		{"fish", Fish, "- cmd: echo 'a\\\\b'\\nrm -rf ~\n  when: 1700000000\n  paths:\n    - ~/x\ngarbage\n- cmd: ls\n- cmd: pwd\n  when: 17000000x1\n",
			[]got{{Text: "echo 'a\\b'\nrm -rf ~", Line: 1, Time: 1700000000}, {Text: "ls", Line: 6}, {Text: "pwd", Line: 7}},
			Stats{Lines: 8, Commands: 3, Corrupt: 2}},
		{"invalid utf-8", Plain, "rm -rf /tmp/\xff\xfe\n", []got{{Text: "rm -rf /tmp/\ufffd", Line: 1}}, Stats{Lines: 1, Commands: 1, InvalidUTF8: 1}},
		{"claude", Claude, strings.Join([]string{
			`{"type":"summary","summary":"x"}`,
			`{"type":"assistant","cwd":"/p","sessionId":"s1","timestamp":"2026-01-10T09:00:00.000Z","message":{"content":[{"type":"text","text":"hi"},{"type":"tool_use","name":"Bash","input":{"command":"ls"}},{"type":"tool_use","name":"Read","input":{"file_path":"/x","command":["not","a","string"]}}]}}`,
			`{"type":"user","sessionId":"s1","message":{"content":[{"type":"tool_result","tool_use_id":"t","content":"tool_use"}]}}`,
			`{"type":"assistant","message":{"content":"a plain string with \"tool_use\""}}`,
			`not json`,
			`{"type":"assistant","cwd":"/p","sessionId":"s1","agentId":"a","message":{"content":[{"type":"tool_use","name":"Bash","input":{"command":"rm -rf build"}}]}}`,
			`{"type":"assistant","message":{"content":[{"type":"tool_use","name":"Bash","input":{"command":"terraform dest`,
		}, "\n"),
			[]got{{Text: "ls", Line: 2, Time: 1768035600, Dir: "/p", Session: "s1"}, {Text: "rm -rf build", Line: 6, Dir: "/p", Session: "s1"}},
			Stats{Lines: 7, Commands: 2, Corrupt: 1, Truncated: 1}},
		{"claude truncated mid-file", Claude, "{\"type\":\"assistant\",\"message\":{\"content\":[{\"type\":\"tool_use\"\n{\"a\":\n{}\n",
			nil, Stats{Lines: 3, Truncated: 2}},
		{"codex", Codex, strings.Join([]string{
			`{"timestamp":"2026-01-12T10:00:00.000Z","type":"session_meta","payload":{"id":"c1","cwd":"/home/u/api"}}`,
			`{"timestamp":"2026-01-12T10:00:01.000Z","type":"response_item","payload":{"type":"function_call","name":"shell","arguments":"{\"command\":[\"bash\",\"-lc\",\"ls\"],\"workdir\":\"/home/u/api\"}","call_id":"1"}}`,
			`{"timestamp":"2026-01-12T10:00:02.000Z","type":"turn_context","payload":{"cwd":"/home/u/web"}}`,
			`{"timestamp":"2026-01-12T10:00:03.000Z","type":"response_item","payload":{"type":"function_call","name":"shell_command","arguments":"{\"command\":\"rm -rf dist\",\"workdir\":\"sub\"}","call_id":"2"}}`,
			`{"timestamp":"2026-01-12T10:00:04.000Z","type":"response_item","payload":{"type":"function_call","name":"exec_command","arguments":"{\"cmd\":\"make\"}","call_id":"3"}}`,
			`{"timestamp":"2026-01-12T10:00:05.000Z","type":"response_item","payload":{"type":"local_shell_call","call_id":"4","status":"completed","action":{"type":"exec","command":["git","status"],"working_directory":"/tmp"}}}`,
			`{"timestamp":"2026-01-12T10:00:06.000Z","type":"response_item","payload":{"type":"custom_tool_call","call_id":"5","name":"apply_patch","input":"*** Begin Patch"}}`,
			`{"timestamp":"2026-01-12T10:00:07.000Z","type":"response_item","payload":{"type":"custom_tool_call","call_id":"6","name":"shell","input":"echo freeform"}}`,
			`{"timestamp":"2026-01-12T10:00:08.000Z","type":"response_item","payload":{"type":"function_call","name":"shell","arguments":"{\"command\":[\"ls\"","call_id":"7"}}`,
			`{"timestamp":"2026-01-12T10:00:09.000Z","type":"response_item","payload":{"type":"function_call","name":"shell","arguments":{"command":["ls","-l"]},"call_id":"8"}}`,
			`{"timestamp":"2026-01-12T10:00:10.000Z","type":"event_msg","payload":{"type":"exec_command_begin","command":["bash","-lc","ls"]}}`,
			`{"timestamp":"2026-01-12T10:00:11.000Z","type":"response_item","payload":{"type":"function_call_output","call_id":"1","output":"function_call"}}`,
		}, "\n") + "\n",
			[]got{
				{Text: "ls", Argv: "bash|-lc|ls", Line: 2, Time: 1768212001, Dir: "/home/u/api", Session: "c1"},
				{Text: "rm -rf dist", Line: 4, Time: 1768212003, Dir: "/home/u/web/sub", Session: "c1"},
				{Text: "make", Line: 5, Time: 1768212004, Dir: "/home/u/web", Session: "c1"},
				{Text: "git status", Argv: "git|status", Line: 6, Time: 1768212005, Dir: "/tmp", Session: "c1"},
				{Text: "echo freeform", Line: 8, Time: 1768212007, Dir: "/home/u/web", Session: "c1"},
				{Text: "ls -l", Argv: "ls|-l", Line: 10, Time: 1768212009, Dir: "/home/u/web", Session: "c1"},
			},
			Stats{Lines: 12, Commands: 6, Corrupt: 1}},
		{"codex legacy", Codex, strings.Join([]string{
			`{"id":"L1","timestamp":"2025-07-01T08:00:00.000Z","instructions":null}`,
			`{"record_type":"state"}`,
			`{"type":"function_call","name":"shell","arguments":"{\"command\":[\"bash\",\"-lc\",\"git clean -fdx\"],\"workdir\":\"/old\"}","call_id":"a"}`,
			`{"type":"local_shell_call","call_id":"b","status":"completed","action":{"type":"exec","command":["ls"]}}`,
		}, "\n"),
			[]got{
				{Text: "git clean -fdx", Argv: "bash|-lc|git clean -fdx", Line: 3, Time: 1751356800, Dir: "/old", Session: "L1"},
				{Text: "ls", Argv: "ls", Line: 4, Time: 1751356800, Session: "L1"},
			},
			Stats{Lines: 4, Commands: 2}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cmds, st := readAll(t, tc.format, tc.input)
			if len(cmds) != len(tc.want) {
				t.Fatalf("got %d commands %+v, want %d %+v", len(cmds), cmds, len(tc.want), tc.want)
			}
			for i := range cmds {
				if cmds[i] != tc.want[i] {
					t.Errorf("command %d:\n got %+v\nwant %+v", i, cmds[i], tc.want[i])
				}
			}
			if st != tc.stats {
				t.Errorf("stats %+v, want %+v", st, tc.stats)
			}
		})
	}
}

func TestOversized(t *testing.T) {
	long := strings.Repeat("x", MaxHistoryRecord+10)
	cmds, st := readAll(t, Plain, long+"\nls\n"+long)
	if len(cmds) != 1 || cmds[0].Text != "ls" || cmds[0].Line != 2 {
		t.Errorf("commands %+v", cmds)
	}
	if st.Oversized != 2 || st.Lines != 3 {
		t.Errorf("stats %+v", st)
	}
	// A multi-line entry that grows too long is dropped, and reading goes on.
	in := "#1\n" + strings.Repeat(strings.Repeat("y", 1000)+"\n", MaxHistoryRecord/1000+5) + "#2\nls\n"
	cmds, st = readAll(t, Bash, in)
	if len(cmds) != 1 || cmds[0].Text != "ls" || st.Oversized != 1 {
		t.Errorf("commands %d %+v, stats %+v", len(cmds), cmds, st)
	}
	// A line exactly at the limit is read.
	exact := strings.Repeat("z", MaxHistoryRecord)
	cmds, st = readAll(t, Plain, exact+"\n")
	if len(cmds) != 1 || st.Oversized != 0 {
		t.Errorf("exact: %d commands, stats %+v", len(cmds), st)
	}
}

func TestDetect(t *testing.T) {
	for _, tc := range []struct {
		name, head string
		want       Format
	}{
		{"x", ": 1700000000:0;ls\n", Zsh},
		{"x", "- cmd: ls\n  when: 1\n", Fish},
		{"x", "#1700000000\nls\n", Bash},
		{"x", "\n\nls\n", Plain},
		{"/home/u/.bash_history", "ls\n", Bash},
		{"/home/u/.zsh_history", "ls\n", Zsh},
		{"/home/u/.zhistory", "ls\n", Zsh},
		{"/home/u/.local/share/fish/fish_history", "", Fish},
		{"/home/u/.bash_history", ": 1700000000:0;ls\n", Zsh},
		{"a.jsonl", `{"parentUuid":null,"sessionId":"x","type":"user"}`, Claude},
		{"a.jsonl", `{"timestamp":"t","type":"session_meta","payload":{}}`, Codex},
		{"a.jsonl", `{"id":"x","timestamp":"t","instructions":null}`, Codex},
		{"rollout-x.jsonl", `{"x":1}`, Codex},
		{"/h/.claude/projects/p/s.jsonl", `{"x":1}`, Claude},
		{"x.txt", `{"x":1}`, Plain},
		{"-", "\ufeff- cmd: ls\n", Fish},
	} {
		if got := Detect(tc.name, []byte(tc.head)); got != tc.want {
			t.Errorf("Detect(%q, %q) = %s, want %s", tc.name, tc.head, got, tc.want)
		}
	}
}

func TestProgress(t *testing.T) {
	var b strings.Builder
	now := time.Unix(1000, 0)
	p := NewProgress(&b, 4<<20)
	p.Now = func() time.Time { return now }
	p.start = now
	r := p.Reader(strings.NewReader(strings.Repeat("x", 2<<20)))
	buf := make([]byte, 1<<20)
	r.Read(buf)
	p.Update(10)
	if b.Len() != 0 {
		t.Fatalf("progress shown at once: %q", b.String())
	}
	now = now.Add(time.Second)
	p.Update(5000)
	if !strings.Contains(b.String(), "guard audit: 5,000 commands, 1 MB of 4 MB (25%), about 3s left") {
		t.Fatalf("progress %q", b.String())
	}
	p.Done()
	if !strings.HasSuffix(b.String(), "\r\x1b[K") {
		t.Fatalf("not cleared: %q", b.String())
	}
}

func TestShortDuration(t *testing.T) {
	for d, want := range map[time.Duration]string{
		0:                               "1s",
		1400 * time.Millisecond:         "1s",
		59 * time.Second:                "59s",
		125 * time.Second:               "2m05s",
		time.Hour + 2*time.Minute + 1e9: "1h02m",
		26*time.Hour + 30*time.Minute:   "26h30m",
	} {
		if got := shortDuration(d); got != want {
			t.Errorf("shortDuration(%v) = %q, want %q", d, got, want)
		}
	}
}

// checkRead is what every fuzz target checks: reading never fails on bad
// input, every command's text is valid UTF-8 and its line is one that was
// read, and the counts add up.
func checkRead(t *testing.T, f Format, data []byte) {
	src := &Source{Name: "fuzz", Format: f}
	var n int64
	err := Read(bufio.NewReaderSize(strings.NewReader(string(data)), 16), src, func(c *Command) {
		n++
		if !utf8.ValidString(c.Text) {
			t.Fatalf("invalid UTF-8 in %q", c.Text)
		}
		for _, a := range c.Argv {
			if !utf8.ValidString(a) {
				t.Fatalf("invalid UTF-8 in argv %q", a)
			}
		}
		if c.Line < 1 || c.Line > src.Lines {
			t.Fatalf("line %d of %d", c.Line, src.Lines)
		}
		if len(c.Argv) == 0 && strings.TrimSpace(c.Text) == "" {
			t.Fatalf("empty command")
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if n != src.Commands {
		t.Fatalf("emitted %d, counted %d", n, src.Commands)
	}
	if lines := int64(strings.Count(string(data), "\n")); src.Lines < lines || src.Lines > lines+1 {
		t.Fatalf("%d lines read of %d", src.Lines, lines)
	}
	// ReadSource's way, with texts passed as bytes, reads the same.
	want, wantStats := readCommands(t, f, data, false)
	got, gotStats := readCommands(t, f, data, true)
	if gotStats != wantStats {
		t.Fatalf("with raw texts, stats %+v, want %+v", gotStats, wantStats)
	}
	if len(got) != len(want) {
		t.Fatalf("with raw texts, %d commands, want %d", len(got), len(want))
	}
	for i := range got {
		if got[i] != want[i] {
			t.Fatalf("with raw texts, command %d is %+v, want %+v", i, got[i], want[i])
		}
	}
}

// readCommands reads data as Read does (raw false) or as ReadSource does
// (raw true), and returns the commands with their texts made strings.
func readCommands(t *testing.T, f Format, data []byte, raw bool) ([]got, Stats) {
	src := &Source{Name: "fuzz", Format: f}
	var out []got
	err := read(bufio.NewReaderSize(bytes.NewReader(data), 16), src, func(c *Command) {
		if raw && c.Argv == nil && c.Text != "" && c.raw != nil {
			t.Fatalf("both Text and raw set: %q", c.Text)
		}
		c.own()
		if !utf8.ValidString(c.Text) {
			t.Fatalf("invalid UTF-8 in %q", c.Text)
		}
		g := got{Text: c.Text, Line: c.Line, Dir: c.Dir, Session: c.Session, Argv: strings.Join(c.Argv, "|")}
		if !c.Time.IsZero() {
			g.Time = c.Time.Unix()
		}
		out = append(out, g)
	}, raw)
	if err != nil {
		t.Fatal(err)
	}
	return out, src.Stats
}

func fuzzSeeds(f *testing.F, seeds ...string) {
	for _, s := range seeds {
		f.Add([]byte(s))
	}
}

func FuzzPlain(f *testing.F) {
	fuzzSeeds(f, "ls\n\ngit status\r\n", "\xff\n", "a")
	f.Fuzz(func(t *testing.T, data []byte) { checkRead(t, Plain, data) })
}

func FuzzBash(f *testing.F) {
	fuzzSeeds(f, "#1700000000\nls\n#1700000060\nfor x\ndo\ndone\n", "ls\n#1\n", "#\n#99999999999999999999\n")
	f.Fuzz(func(t *testing.T, data []byte) { checkRead(t, Bash, data) })
}

func FuzzZsh(f *testing.F) {
	fuzzSeeds(f, ": 1700000000:0;ls\n: 1:2;a\\\nb\n", "\x83\xbc\x83", ": :;\n\\\n\\")
	f.Fuzz(func(t *testing.T, data []byte) { checkRead(t, Zsh, data) })
}

func FuzzFish(f *testing.F) {
	fuzzSeeds(f, "- cmd: a\\\\b\\nc\n  when: 1\n  paths:\n    - x\n", "- cmd:\n  when: x\n", "- cmd: \\")
	f.Fuzz(func(t *testing.T, data []byte) { checkRead(t, Fish, data) })
}

func FuzzClaude(f *testing.F) {
	fuzzSeeds(f,
		`{"type":"assistant","cwd":"/p","sessionId":"s","timestamp":"2026-01-10T09:00:00Z","message":{"content":[{"type":"tool_use","name":"Bash","input":{"command":"ls"}}]}}`+"\n",
		`{"type":"assistant","message":{"content":[{"type":"tool_use","name":"Bash","input":{"command":"\ud800"}}]}}`,
		`{"type":"assistant","message":{"content":"tool_use"}}`, "{", "\"tool_use\"")
	f.Fuzz(func(t *testing.T, data []byte) { checkRead(t, Claude, data) })
}

func FuzzCodex(f *testing.F) {
	fuzzSeeds(f,
		`{"timestamp":"2026-01-12T10:00:00Z","type":"session_meta","payload":{"id":"c","cwd":"/p"}}`+"\n"+
			`{"timestamp":"2026-01-12T10:00:01Z","type":"response_item","payload":{"type":"function_call","name":"shell","arguments":"{\"command\":[\"bash\",\"-lc\",\"ls\"],\"workdir\":\"x\"}"}}`+"\n",
		`{"id":"L","timestamp":"2025-07-01T08:00:00Z"}`+"\n"+`{"type":"local_shell_call","action":{"type":"exec","command":["ls"]}}`,
		`{"type":"custom_tool_call","name":"shell","input":"ls"}`,
		`{"type":"function_call","name":"exec_command","arguments":"{\"cmd\":\"\"}"}`)
	f.Fuzz(func(t *testing.T, data []byte) { checkRead(t, Codex, data) })
}

func FuzzDetect(f *testing.F) {
	fuzzSeeds(f, ": 1:0;ls", "- cmd: x", "#1\n", "{\"sessionId\":1}", "\ufeff")
	f.Fuzz(func(t *testing.T, data []byte) {
		if got := Detect("x", data); got == Auto || got > Codex {
			t.Fatalf("Detect = %v", got)
		}
	})
}

func bufioReader(b []byte) *bufio.Reader { return bufio.NewReaderSize(bytes.NewReader(b), 64<<10) }
