package main

import (
	"fmt"
	"net"
	"os"
	"strings"
	"sync"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/guardsh/guard/internal/journal"
)

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

// cmdSyslogd runs a stand-in syslog daemon for the rest of the script:
// syslogd SOCKET FILE listens on a unix datagram socket and appends each
// message to FILE as a syslog line.
func cmdSyslogd(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: syslogd SOCKET FILE")
	}
	sock, file := ts.MkAbs(args[0]), ts.MkAbs(args[1])
	conn, err := net.ListenUnixgram("unixgram", &net.UnixAddr{Name: sock, Net: "unixgram"})
	ts.Check(err)
	out, err := os.OpenFile(file, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o600)
	ts.Check(err)
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
		}
	}()
	ts.Defer(func() { conn.Close(); wg.Wait(); out.Close() })
}
