package tty

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/creack/pty"
)

// TestAskTwice asks twice on the same terminal, as guard approve does.
func TestAskTwice(t *testing.T) {
	ptmx, tty, err := pty.Open()
	if err != nil {
		t.Skip(err)
	}
	defer ptmx.Close()
	defer tty.Close()
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
	for i, keys := range []string{"y", "n", "y", "n", "y"} {
		done := make(chan result, 1)
		qq := q
		qq.Title = "question " + strings.Repeat("I", i+1) + "."
		go func() {
			a, err := Ask(context.Background(), tty, qq)
			done <- result{a, err}
		}()
		scr.waitFor(t, `question `+strings.Repeat("I", i+1)+`\.`)
		ptmx.WriteString(keys)
		select {
		case r := <-done:
			want := No
			if keys == "y" {
				want = Yes
			}
			if r.a != want {
				t.Fatalf("question %d: %v %v", i+1, r.a, r.err)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("question %d: no answer; screen:\n%q", i+1, scr.buf.String())
		}
	}
}
