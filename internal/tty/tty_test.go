package tty

import (
	"bytes"
	"context"
	"os"
	"regexp"
	"sync"
	"testing"
	"time"

	"github.com/creack/pty"
)

// screen collects what the program under test writes to the terminal.
type screen struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (s *screen) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.buf.Write(p)
}

// waitFor waits until the screen shows re and returns the first submatch.
// The deadline only stops a broken test from hanging.
func (s *screen) waitFor(t *testing.T, re string) string {
	t.Helper()
	rx := regexp.MustCompile(re)
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		s.mu.Lock()
		m := rx.FindSubmatch(s.buf.Bytes())
		s.mu.Unlock()
		if m != nil {
			if len(m) > 1 {
				return string(m[1])
			}
			return string(m[0])
		}
		time.Sleep(5 * time.Millisecond)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	t.Fatalf("the screen never showed %q; it shows:\n%q", re, s.buf.String())
	return ""
}

type result struct {
	a   Answer
	err error
}

// ask runs Ask on a new pseudo-terminal; before, if given, is typed
// before Ask starts.
func ask(t *testing.T, q Question, before string) (*os.File, *screen, chan result) {
	t.Helper()
	ptmx, tty, err := pty.Open()
	if err != nil {
		t.Skipf("no pseudo-terminals here: %v", err)
	}
	t.Cleanup(func() { ptmx.Close(); tty.Close() })
	pty.Setsize(ptmx, &pty.Winsize{Rows: 40, Cols: 120})
	scr := &screen{}
	go func() {
		buf := make([]byte, 4096)
		for {
			n, err := ptmx.Read(buf)
			scr.Write(buf[:n])
			if err != nil {
				return
			}
		}
	}()
	if before != "" {
		ptmx.WriteString(before)
		// The bytes sit in the terminal's input queue once the echo of
		// the last one is back.
		scr.waitFor(t, regexp.QuoteMeta(before[len(before)-1:]))
	}
	done := make(chan result, 1)
	go func() {
		a, err := Ask(context.Background(), tty, q)
		done <- result{a, err}
	}()
	return ptmx, scr, done
}

func wait(t *testing.T, done chan result) result {
	t.Helper()
	select {
	case r := <-done:
		return r
	case <-time.After(30 * time.Second):
		t.Fatal("Ask did not return")
	}
	return result{}
}

var q = Question{Title: "guard: run this command?", Details: "command: terraform destroy\nrule: iac.terraform-destroy"}

func TestAnswers(t *testing.T) {
	tests := []struct {
		name string
		keys string
		want Answer
	}{
		{"y approves", "y", Yes},
		{"n denies", "n", No},
		{"enter is no", "\r", No},
		{"esc is no", "\x1b", No},
		{"ctrl-c is no", "\x03", No},
		{"ctrl-d is no", "\x04", No},
		{"arrow keys are ignored", "\x1b[D\x1b[Cy", Yes},
		{"other keys are ignored", "xq y", Yes},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ptmx, scr, done := ask(t, q, "")
			scr.waitFor(t, `Run it\?`)
			scr.waitFor(t, `terraform destroy`)
			ptmx.WriteString(tt.keys)
			r := wait(t, done)
			if r.err != nil || r.a != tt.want {
				t.Fatalf("Ask = %v, %v; want %v", r.a, r.err, tt.want)
			}
		})
	}
}

func TestTimeout(t *testing.T) {
	qq := q
	qq.Timeout = 300 * time.Millisecond
	_, scr, done := ask(t, qq, "")
	scr.waitFor(t, `Run it\?`)
	if r := wait(t, done); r.a != Timeout || r.err != nil {
		t.Fatalf("Ask = %v, %v; want timeout", r.a, r.err)
	}
}

func TestTypeAheadIsIgnored(t *testing.T) {
	ptmx, scr, done := ask(t, q, "yyy\r")
	scr.waitFor(t, `Run it\?`)
	// Had the y been read, Ask would have returned Yes by now; Enter
	// gives the default, No.
	ptmx.WriteString("\r")
	if r := wait(t, done); r.a != No {
		t.Fatalf("Ask = %v, %v; want no", r.a, r.err)
	}
}

func TestCriticalNeedsTheCode(t *testing.T) {
	qq := q
	qq.Critical = true
	t.Run("right code", func(t *testing.T) {
		ptmx, scr, done := ask(t, qq, "")
		code := scr.waitFor(t, `Type ([A-Z0-9]{4}) and press Enter`)
		ptmx.WriteString(code + "\r")
		if r := wait(t, done); r.a != Yes {
			t.Fatalf("Ask = %v, %v; want yes", r.a, r.err)
		}
	})
	t.Run("y is not enough", func(t *testing.T) {
		ptmx, scr, done := ask(t, qq, "")
		scr.waitFor(t, `Type ([A-Z0-9]{4}) and press Enter`)
		ptmx.WriteString("y\r")
		if r := wait(t, done); r.a != No {
			t.Fatalf("Ask = %v, %v; want no", r.a, r.err)
		}
	})
	t.Run("wrong code", func(t *testing.T) {
		ptmx, scr, done := ask(t, qq, "")
		code := scr.waitFor(t, `Type ([A-Z0-9]{4}) and press Enter`)
		wrong := "ZZZZ"
		if code == wrong {
			wrong = "QQQQ"
		}
		ptmx.WriteString(wrong + "\r")
		if r := wait(t, done); r.a != No {
			t.Fatalf("Ask = %v, %v; want no", r.a, r.err)
		}
	})
}

func TestCancel(t *testing.T) {
	ptmx, tty, err := pty.Open()
	if err != nil {
		t.Skip(err)
	}
	defer ptmx.Close()
	defer tty.Close()
	go func() {
		buf := make([]byte, 4096)
		for {
			if _, err := ptmx.Read(buf); err != nil {
				return
			}
		}
	}()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	a, err := Ask(ctx, tty, q)
	if a != No || err == nil {
		t.Fatalf("Ask = %v, %v; want no and an error", a, err)
	}
}

func TestCodes(t *testing.T) {
	seen := map[string]bool{}
	for range 50 {
		c := NewCode(4)
		if !regexp.MustCompile(`^[` + codeAlphabet + `]{4}$`).MatchString(c) {
			t.Fatalf("code %q", c)
		}
		seen[c] = true
	}
	if len(seen) < 40 {
		t.Fatalf("codes repeat too often: %d distinct of 50", len(seen))
	}
}

func TestOpenWithoutTerminal(t *testing.T) {
	if os.Getenv("TTY_TEST_CHILD") == "1" {
		if _, err := Open(); err != ErrNoTTY {
			os.Exit(3)
		}
		os.Exit(0)
	}
	// A child in a new session has no controlling terminal.
	cmd := testChild(t, "TestOpenWithoutTerminal")
	if err := cmd.Run(); err != nil {
		t.Fatalf("in a new session, Open should fail with ErrNoTTY: %v", err)
	}
}
