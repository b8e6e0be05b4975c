package journal

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
)

func rec(i int) *Record {
	r := &Record{Time: Now(), Decision: "allow", Result: "ran", How: "rules", Channel: "shell",
		Cwd: "/tmp", PID: i, PPID: 1, UID: os.Getuid(), Findings: []Finding{}}
	r.SetCommand(fmt.Sprintf("echo %d <&> \"quoted\" \x1b", i))
	return r
}

func writeLog(t *testing.T, n int) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "state", "log.jsonl")
	for i := range n {
		if err := Append(path, rec(i)); err != nil {
			t.Fatal(err)
		}
	}
	return path
}

func lines(t *testing.T, path string) [][]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return bytes.SplitAfter(b, []byte("\n"))
}

func TestAppendVerify(t *testing.T) {
	path := writeLog(t, 5)
	n, err := Verify(path)
	if err != nil || n != 5 {
		t.Fatalf("Verify = %d, %v; want 5, nil", n, err)
	}
	st, _ := os.Stat(path)
	if st.Mode().Perm() != 0o600 {
		t.Errorf("log mode %v, want 0600", st.Mode().Perm())
	}
	dst, _ := os.Stat(filepath.Dir(path))
	if dst.Mode().Perm() != 0o700 {
		t.Errorf("dir mode %v, want 0700", dst.Mode().Perm())
	}
	var got []*Record
	if err := Read(path, func(r *Record) bool { got = append(got, r); return true }); err != nil {
		t.Fatal(err)
	}
	if len(got) != 5 || got[0].Prev != "" || got[1].Prev != got[0].Hash || got[3].PID != 3 {
		t.Fatalf("Read gave %+v", got)
	}
	if !strings.Contains(got[2].Command, "<&>") {
		t.Errorf("command %q", got[2].Command)
	}
}

func TestLongCommandIsCut(t *testing.T) {
	r := rec(1)
	r.SetCommand(strings.Repeat("é", MaxCommand))
	if len(r.Command) > MaxCommand || r.CommandSHA256 == "" || !strings.HasSuffix(r.Command, "é") {
		t.Fatalf("len %d sha %q", len(r.Command), r.CommandSHA256)
	}
}

func TestVerifyDetectsTampering(t *testing.T) {
	tests := []struct {
		name string
		edit func([][]byte) [][]byte
		line int
		want string
	}{
		{"edited", func(l [][]byte) [][]byte {
			l[2] = bytes.Replace(l[2], []byte(`"decision":"allow"`), []byte(`"decision":"deny"`), 1)
			return l
		}, 3, "edited"},
		{"removed", func(l [][]byte) [][]byte { return append(l[:2:2], l[3:]...) }, 3, "removed"},
		{"reordered", func(l [][]byte) [][]byte { l[1], l[2] = l[2], l[1]; return l }, 2, "removed, reordered"},
		{"first removed", func(l [][]byte) [][]byte { return l[1:] }, 1, "records before it were removed"},
		{"truncated in the middle", func(l [][]byte) [][]byte {
			l[2] = l[2][:len(l[2])/2]
			return l
		}, 3, "edited"},
		{"cut short at the end", func(l [][]byte) [][]byte {
			l[4] = l[4][:len(l[4])-5]
			return l
		}, 5, "incomplete"},
		{"garbage inserted", func(l [][]byte) [][]byte {
			return append(l[:1:1], append([][]byte{[]byte("hello\n")}, l[1:]...)...)
		}, 2, "not a log record"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeLog(t, 5)
			l := tt.edit(lines(t, path))
			if err := os.WriteFile(path, bytes.Join(l, nil), 0o600); err != nil {
				t.Fatal(err)
			}
			_, err := Verify(path)
			var p *Problem
			if !errors.As(err, &p) {
				t.Fatalf("Verify = %v, want a problem", err)
			}
			if p.Line != tt.line || !strings.Contains(p.Reason, tt.want) {
				t.Fatalf("problem %v, want line %d with %q", p, tt.line, tt.want)
			}
		})
	}
}

func TestAppendAfterPartialLine(t *testing.T) {
	path := writeLog(t, 3)
	f, _ := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
	f.WriteString(`{"time":"half a rec`)
	f.Close()
	if err := Append(path, rec(9)); err != nil {
		t.Fatal(err)
	}
	var got []*Record
	Read(path, func(r *Record) bool { got = append(got, r); return true })
	if len(got) != 4 || got[3].Prev != got[2].Hash {
		t.Fatalf("the new record should chain to the last complete one: %+v", got)
	}
	_, err := Verify(path)
	var p *Problem
	if !errors.As(err, &p) || p.Line != 4 {
		t.Fatalf("Verify = %v, want a problem on line 4", err)
	}
}

func TestConcurrentGoroutines(t *testing.T) {
	path := filepath.Join(t.TempDir(), "log.jsonl")
	var wg sync.WaitGroup
	for i := range 50 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := Append(path, rec(i)); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if n, err := Verify(path); err != nil || n != 50 {
		t.Fatalf("Verify = %d, %v; want 50, nil", n, err)
	}
}

// TestConcurrentProcesses appends from 20 processes, each several times.
func TestConcurrentProcesses(t *testing.T) {
	if p := os.Getenv("JOURNAL_TEST_APPEND"); p != "" {
		for i := range 5 {
			if err := Append(p, rec(i)); err != nil {
				fmt.Fprintln(os.Stderr, err)
				os.Exit(1)
			}
		}
		os.Exit(0)
	}
	path := filepath.Join(t.TempDir(), "log.jsonl")
	var cmds []*exec.Cmd
	for range 20 {
		c := exec.Command(os.Args[0], "-test.run=^TestConcurrentProcesses$")
		c.Env = append(os.Environ(), "JOURNAL_TEST_APPEND="+path)
		c.Stderr = os.Stderr
		if err := c.Start(); err != nil {
			t.Fatal(err)
		}
		cmds = append(cmds, c)
	}
	for _, c := range cmds {
		if err := c.Wait(); err != nil {
			t.Fatal(err)
		}
	}
	if n, err := Verify(path); err != nil || n != 100 {
		t.Fatalf("Verify = %d, %v; want 100, nil", n, err)
	}
}

func TestEncodeIsStable(t *testing.T) {
	r := rec(1)
	r.Prev = strconv.Itoa(0)
	a, _ := encode(r)
	b, _ := encode(r)
	if !bytes.Equal(a, b) {
		t.Fatal("encode is not deterministic")
	}
	body, h, ok := split(a[:len(a)-1])
	if !ok || h != r.Hash || !bytes.HasSuffix(body, []byte(`"prev":"0"}`)) {
		t.Fatalf("split(%s) = %s, %s, %v", a, body, h, ok)
	}
}

func BenchmarkAppend(b *testing.B) {
	path := filepath.Join(b.TempDir(), "state", "log.jsonl")
	r := rec(1)
	for b.Loop() {
		if err := Append(path, r); err != nil {
			b.Fatal(err)
		}
	}
}

// TestEncodeMatchesEncodingJSON checks the hand-written encoder against
// encoding/json, which Read and Verify use.
func TestEncodeMatchesEncodingJSON(t *testing.T) {
	strs := []string{"", "plain", "quote \" backslash \\ slash /", "<&> html", "tab\tnl\ncr\rbs\bff\f", "\x00\x01\x1f\x7f",
		"é ü 漢字 🙂", "bad \xff utf8 \xc3", "line sep \u2028 para \u2029", "\u00a0nbsp"}
	for _, s := range strs {
		r := &Record{Time: s, Decision: s, Result: s, How: s, Answer: s, Channel: s, Agent: s, Session: s, ToolUse: s, Command: s, CommandSHA256: s,
			Cwd: s, Severity: s, Findings: []Finding{{s, s, s}, {"a", "b", "c"}}, Allow: s, Checkpoint: s, PID: -1, PPID: 1 << 30, Parent: s, UID: 0, Prev: s}
		for _, r := range []*Record{r, {Findings: []Finding{}}, {}} {
			var buf bytes.Buffer
			enc := json.NewEncoder(&buf)
			enc.SetEscapeHTML(false)
			r.Hash = ""
			enc.Encode(r)
			want := bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
			got := appendRecord(nil, r)
			if !bytes.Equal(got, want) {
				t.Errorf("for %q:\n got %s\nwant %s", s, got, want)
			}
		}
	}
}
