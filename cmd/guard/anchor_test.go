package main

import (
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/guardsh/guard/internal/journal"
	"github.com/guardsh/guard/internal/tty"
)

// In the guard processes tests start, TIOCSTI counts as off unless
// GUARD_TEST_TIOCSTI=1, so that prompts ask y/N on any machine, and the
// system log is out of reach. This file sorts before shell_test.go, whose
// init runs guard under a shell's name.
func init() {
	if root := os.Getenv("GUARD_TEST_HARDENED_ROOT"); root != "" {
		hardenedFile = filepath.Join(root, "etc", "guard", "hardened.json")
		hardenedBase = filepath.Join(root, "var", "lib", "guard")
	} else if os.Getenv("GUARD_TEST_HOME") == "" {
		return
	}
	tty.ForceTIOCSTI(os.Getenv("GUARD_TEST_TIOCSTI") == "1")
	testAnchors()
}

// testAnchors keeps tests away from the machine's system log: anchors go
// to GUARD_TEST_ANCHOR_SOCKET and are read from GUARD_TEST_ANCHOR_FILE,
// when a script sets them, and nowhere otherwise. Only the test binary
// reads these variables.
func testAnchors() {
	var sockets []string
	var sources []journal.AnchorSource
	if s := os.Getenv("GUARD_TEST_ANCHOR_SOCKET"); s != "" {
		sockets = []string{s}
	}
	if f := os.Getenv("GUARD_TEST_ANCHOR_FILE"); f != "" {
		sources = []journal.AnchorSource{journal.SyslogFile(f)}
	}
	journal.SetAnchors(sockets, sources)
}

// syslogds are the stand-in syslog daemons of running scripts.
var syslogds sync.Map // *testscript.TestScript -> *syslogd

type syslogd struct {
	mu sync.Mutex
	n  int
}

// cmdSyslogd runs a stand-in syslog daemon for the rest of the script:
// "syslogd start SOCKET FILE" listens on a unix datagram socket and
// appends each message to FILE as a syslog line; "syslogd wait N" waits
// until N messages have been written (the deadline only keeps a broken
// test from hanging).
func cmdSyslogd(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: syslogd start SOCKET FILE | syslogd wait N")
	}
	if args[0] == "wait" {
		v, ok := syslogds.Load(ts)
		if !ok {
			ts.Fatalf("syslogd wait before syslogd start")
		}
		d := v.(*syslogd)
		want, err := strconv.Atoi(args[1])
		ts.Check(err)
		for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
			d.mu.Lock()
			n := d.n
			d.mu.Unlock()
			if n >= want {
				return
			}
		}
		ts.Fatalf("syslogd received fewer than %d messages", want)
	}
	if args[0] != "start" || len(args) != 3 {
		ts.Fatalf("usage: syslogd start SOCKET FILE | syslogd wait N")
	}
	sock, file := ts.MkAbs(args[1]), ts.MkAbs(args[2])
	conn, err := net.ListenUnixgram("unixgram", &net.UnixAddr{Name: sock, Net: "unixgram"})
	ts.Check(err)
	out, err := os.OpenFile(file, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o600)
	ts.Check(err)
	d := &syslogd{}
	syslogds.Store(ts, d)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		buf := make([]byte, 64<<10)
		for {
			n, err := conn.Read(buf)
			if err != nil {
				return
			}
			msg := string(buf[:n])
			if i := strings.IndexByte(msg, '>'); strings.HasPrefix(msg, "<") && i > 0 {
				msg = msg[i+1:]
			}
			fmt.Fprintf(out, "Dec  2 19:22:09 host %s\n", msg)
			d.mu.Lock()
			d.n++
			d.mu.Unlock()
		}
	}()
	ts.Defer(func() { conn.Close(); wg.Wait(); out.Close(); syslogds.Delete(ts) })
}
