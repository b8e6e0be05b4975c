package journal

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestMain(m *testing.M) {
	// No test writes to the machine's system log or reads it.
	SetAnchors(nil, nil)
	os.Exit(m.Run())
}

// fakeSyslog is a syslog socket in a temporary directory that keeps every
// datagram it receives.
type fakeSyslog struct {
	conn *net.UnixConn
	mu   sync.Mutex
	got  [][]byte
	done chan struct{}
}

func newFakeSyslog(t *testing.T, name string) (*fakeSyslog, string) {
	t.Helper()
	dir, err := os.MkdirTemp("", "gs")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	sock := filepath.Join(dir, name)
	conn, err := net.ListenUnixgram("unixgram", &net.UnixAddr{Name: sock, Net: "unixgram"})
	if err != nil {
		t.Fatal(err)
	}
	s := &fakeSyslog{conn: conn, done: make(chan struct{})}
	go func() {
		defer close(s.done)
		buf := make([]byte, 64<<10)
		for {
			n, err := conn.Read(buf)
			if err != nil {
				return
			}
			s.mu.Lock()
			s.got = append(s.got, append([]byte(nil), buf[:n]...))
			s.mu.Unlock()
		}
	}()
	t.Cleanup(func() { conn.Close(); <-s.done })
	return s, sock
}

// wait returns the datagrams once n have arrived.
func (s *fakeSyslog) wait(t *testing.T, n int) [][]byte {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		s.mu.Lock()
		got := append([][]byte(nil), s.got...)
		s.mu.Unlock()
		if len(got) >= n || time.Now().After(deadline) {
			return got
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// asSyslogFile writes datagrams as a syslog daemon would log them.
func asSyslogFile(t *testing.T, got [][]byte) string {
	t.Helper()
	var b bytes.Buffer
	for _, d := range got {
		msg := string(d)
		if i := strings.IndexByte(msg, '>'); strings.HasPrefix(msg, "<") && i > 0 {
			msg = msg[i+1:]
		}
		fmt.Fprintf(&b, "Dec  2 19:22:09 host %s\n", msg)
	}
	p := filepath.Join(t.TempDir(), "syslog")
	os.WriteFile(p, b.Bytes(), 0o600)
	return p
}

func TestAnchorsSyslog(t *testing.T) {
	s, sock := newFakeSyslog(t, "log")
	defer SetAnchors([]string{filepath.Join(filepath.Dir(sock), "missing.sock"), sock}, nil)()
	path := writeLog(t, 6)
	got := s.wait(t, 6)
	if len(got) != 6 {
		t.Fatalf("%d anchors, want 6", len(got))
	}
	if !bytes.HasPrefix(got[0], []byte("<14>guard[")) || !bytes.Contains(got[5], []byte("seq=6 hash=")) {
		t.Fatalf("anchor datagram %q", got[5])
	}
	file := asSyslogFile(t, got)
	defer SetAnchors(nil, []AnchorSource{SyslogFile(file)})()

	check := func(what string, wantOK bool, want string) {
		t.Helper()
		rep, err := VerifyLog(path, VerifyOptions{UID: os.Getuid()})
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		if rep.OK() != wantOK {
			t.Fatalf("%s: OK %v, want %v: %v", what, rep.OK(), wantOK, rep.Problems)
		}
		if want != "" && !strings.Contains(fmt.Sprint(rep.Problems), want) {
			t.Fatalf("%s: problems %v, want %q", what, rep.Problems, want)
		}
		if len(rep.Sources) != 1 || rep.Sources[0] != file {
			t.Fatalf("%s: sources %v", what, rep.Sources)
		}
	}
	check("intact", true, "")
	data, _ := os.ReadFile(path)

	// The last records cut: the chain itself is fine.
	lines := bytes.SplitAfter(data, []byte("\n"))
	os.WriteFile(path, bytes.Join(lines[:4], nil), 0o600)
	if n, err := Verify(path); err != nil || n != 4 {
		t.Fatalf("plain Verify of a cut log = %d, %v: the chain alone does not see it", n, err)
	}
	check("truncated", false, "records were removed from the end")

	// Emptied.
	os.WriteFile(path, nil, 0o600)
	check("emptied", false, "it was emptied")

	// Deleted.
	os.Remove(path)
	check("deleted", false, "it was deleted")

	// Regenerated: a fresh chain of as many records.
	restore := SetAnchors(nil, []AnchorSource{SyslogFile(file)})
	for i := range 6 {
		if err := Append(path, rec(100+i)); err != nil {
			t.Fatal(err)
		}
	}
	restore()
	defer SetAnchors(nil, []AnchorSource{SyslogFile(file)})()
	if n, err := Verify(path); err != nil || n != 6 {
		t.Fatalf("plain Verify of a regenerated log = %d, %v", n, err)
	}
	check("regenerated", false, "does not match the system log's anchor")
}

func TestAnchorsJournald(t *testing.T) {
	s, sock := newFakeSyslog(t, "journal.journal")
	defer SetAnchors([]string{sock}, nil)()
	path := writeLog(t, 3)
	got := s.wait(t, 3)
	if len(got) != 3 || !bytes.Contains(got[2], []byte("GUARD_LOG_SEQ=3\n")) || !bytes.Contains(got[2], []byte("SYSLOG_IDENTIFIER=guard\n")) {
		t.Fatalf("journald datagrams %q", got)
	}
	// journalctl --output=json shows each datagram's fields, with _UID.
	var js bytes.Buffer
	for i, d := range got {
		fields := map[string]string{}
		for _, l := range strings.Split(strings.TrimSpace(string(d)), "\n") {
			k, v, _ := strings.Cut(l, "=")
			fields[k] = v
		}
		uid := os.Getuid()
		if i == 0 {
			uid = 4242 // another user's anchor does not count
		}
		fmt.Fprintf(&js, `{"_UID":"%d","SYSLOG_IDENTIFIER":"guard","MESSAGE":%q,"GUARD_LOG_SEQ":%q,"GUARD_LOG_HASH":%q,"GUARD_LOG_PATH":%q}`+"\n",
			uid, fields["MESSAGE"], fields["GUARD_LOG_SEQ"], fields["GUARD_LOG_HASH"], fields["GUARD_LOG_PATH"])
	}
	src := AnchorSource{Name: "journald", Read: func(context.Context) ([]AnchorRecord, error) { return parseJournald(js.Bytes()), nil }}
	defer SetAnchors(nil, []AnchorSource{src})()
	rep, err := VerifyLog(path, VerifyOptions{UID: os.Getuid()})
	if err != nil || !rep.OK() || rep.Anchors != 2 || rep.Matched != 2 {
		t.Fatalf("VerifyLog = %+v, %v", rep, err)
	}
	data, _ := os.ReadFile(path)
	os.WriteFile(path, data[:bytes.IndexByte(data, '\n')+1], 0o600)
	rep, _ = VerifyLog(path, VerifyOptions{UID: os.Getuid()})
	if rep.OK() {
		t.Fatalf("a cut log verifies against journald")
	}
}

func TestAnchorForged(t *testing.T) {
	path := writeLog(t, 2)
	var recs []*Record
	Read(path, func(r *Record) bool { recs = append(recs, r); return true })
	p := filepath.Join(t.TempDir(), "syslog")
	os.WriteFile(p, []byte(fmt.Sprintf("x guard[1]: log anchor seq=2 hash=%s log=%s\nx guard[2]: log anchor seq=2 hash=%s log=%s\n",
		recs[1].Hash, path, strings.Repeat("0", 64), path)), 0o600)
	defer SetAnchors(nil, []AnchorSource{SyslogFile(p)})()
	rep, _ := VerifyLog(path, VerifyOptions{UID: os.Getuid()})
	if rep.OK() || !strings.Contains(fmt.Sprint(rep.Problems), "two different anchors") {
		t.Fatalf("forged anchor: %v", rep.Problems)
	}
}

func TestRotate(t *testing.T) {
	oldSeg, oldMax := SegmentSize, MaxTotal
	SegmentSize, MaxTotal = 2000, 9000
	defer func() { SegmentSize, MaxTotal = oldSeg, oldMax }()
	path := writeLog(t, 61)
	segs := Segments(path)
	if len(segs) < 4 {
		t.Fatalf("segments %v", segs)
	}
	var total int64
	files := 0
	for _, s := range segs {
		if st, err := os.Stat(s.Path); err == nil {
			total += st.Size()
			files++
		}
	}
	if total > MaxTotal+SegmentSize+4096 {
		t.Errorf("the log and its segments hold %d bytes, over the cap", total)
	}
	rep, err := VerifyLog(path, VerifyOptions{NoAnchors: true})
	if err != nil || !rep.OK() {
		t.Fatalf("VerifyLog = %+v, %v", rep, err)
	}
	if rep.Last != 61 || rep.First <= 1 || rep.Segments != files {
		t.Errorf("report %+v, want records up to 61 in %d files, older ones rotated away", rep, files)
	}
	// A record removed from a middle segment breaks the chain across it.
	mid := segs[1].Path
	data, _ := os.ReadFile(mid)
	lines := bytes.SplitAfter(data, []byte("\n"))
	os.WriteFile(mid, bytes.Join(append(lines[:1], lines[2:]...), nil), 0o600)
	rep, _ = VerifyLog(path, VerifyOptions{NoAnchors: true})
	if rep.OK() {
		t.Fatal("a record removed from a segment verifies")
	}
	// A whole middle segment removed breaks it too.
	os.WriteFile(mid, data, 0o600)
	os.Remove(segs[1].Path)
	rep, _ = VerifyLog(path, VerifyOptions{NoAnchors: true})
	if rep.OK() {
		t.Fatal("a segment removed from the middle verifies")
	}
}

func TestRotateConcurrent(t *testing.T) {
	oldSeg, oldMax := SegmentSize, MaxTotal
	SegmentSize, MaxTotal = 4000, 1<<30
	defer func() { SegmentSize, MaxTotal = oldSeg, oldMax }()
	path := filepath.Join(t.TempDir(), "log.jsonl")
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 40 {
				if err := Append(path, rec(w*1000+i)); err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
	rep, err := VerifyLog(path, VerifyOptions{NoAnchors: true})
	if err != nil || !rep.OK() || rep.Records != 160 || rep.First != 1 || rep.Last != 160 {
		t.Fatalf("VerifyLog = %+v, %v", rep, err)
	}
}

func TestAppendRefusesFIFO(t *testing.T) {
	path := filepath.Join(t.TempDir(), "log.jsonl")
	if err := mkfifo(path); err != nil {
		t.Skip(err)
	}
	done := make(chan error, 1)
	go func() { done <- Append(path, rec(1)) }()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "not a regular file") {
			t.Fatalf("Append to a FIFO: %v", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("Append to a FIFO hangs")
	}
}

// FuzzAnchors: journalctl output and syslog lines of any shape give
// anchors or nothing, never a panic.
func FuzzAnchors(f *testing.F) {
	f.Add(`{"GUARD_LOG_SEQ":"1","GUARD_LOG_HASH":"` + strings.Repeat("a", 64) + `","GUARD_LOG_PATH":"/l","_UID":"0"}`)
	f.Add(`{"MESSAGE":"log anchor seq=2 hash=` + strings.Repeat("b", 64) + ` log=/l"}`)
	f.Add(`{"MESSAGE":[1,2,3]}`)
	f.Fuzz(func(t *testing.T, s string) {
		for _, a := range parseJournald([]byte(s)) {
			if a.Seq <= 0 || len(a.Hash) != 64 {
				t.Fatalf("bad anchor %+v", a)
			}
		}
		parseAnchorLine(s)
	})
}
