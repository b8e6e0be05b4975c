package journal

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"time"

	"golang.org/x/sys/unix"

	"github.com/guardsh/guard/internal/lazy"
)

// The chain in the file shows an edited or removed record in the middle,
// but not records cut from the end, an emptied or deleted file, or a
// chain regenerated from scratch. Each Append therefore also sends the
// record's number and hash to the system log, which an unprivileged
// process can add to but not rewrite: journald's native socket, or else
// syslog's /dev/log. Verify compares the file with every anchor it can
// read back. Sending is best effort: one datagram, never waited for.

// anchorSockets are the sockets anchors go to, in order: the first that
// takes the datagram wins. Tests point it at a socket of their own; guard
// never takes it from the environment.
var anchorSockets = []string{"/run/systemd/journal/socket", "/dev/log"}

// Tag is the syslog identifier of guard's anchors.
const Tag = "guard"

// anchor sends one record's anchor, best effort.
func anchor(path string, seq int64, hash string) {
	if len(anchorSockets) == 0 || hash == "" {
		return
	}
	fd, err := unix.Socket(unix.AF_UNIX, unix.SOCK_DGRAM|socketFlags, 0)
	if err != nil {
		return
	}
	defer unix.Close(fd)
	msg := anchorMessage(path, seq, hash)
	for _, sock := range anchorSockets {
		var b []byte
		if strings.HasSuffix(sock, "/journal/socket") || strings.HasSuffix(sock, ".journal") {
			b = journaldDatagram(msg, path, seq, hash)
		} else {
			b = syslogDatagram(msg)
		}
		if unix.Sendto(fd, b, unix.MSG_DONTWAIT, &unix.SockaddrUnix{Name: sock}) == nil {
			return
		}
	}
}

// anchorMessage is the text of an anchor, as syslog files show it.
func anchorMessage(path string, seq int64, hash string) string {
	return "log anchor seq=" + strconv.FormatInt(seq, 10) + " hash=" + hash + " log=" + path
}

// journaldDatagram is an anchor in journald's native protocol. It is
// written into one buffer of the right size: this runs for every logged
// decision.
func journaldDatagram(msg, path string, seq int64, hash string) []byte {
	b := make([]byte, 0, 96+len(Tag)+len(msg)+len(hash)+len(path))
	b = append(b, "SYSLOG_IDENTIFIER="...)
	b = append(b, Tag...)
	b = append(b, "\nPRIORITY=6\nMESSAGE="...)
	b = appendOneLine(b, msg)
	b = append(b, "\nGUARD_LOG_SEQ="...)
	b = strconv.AppendInt(b, seq, 10)
	b = append(b, "\nGUARD_LOG_HASH="...)
	b = append(b, hash...)
	b = append(b, "\nGUARD_LOG_PATH="...)
	b = appendOneLine(b, path)
	return append(b, '\n')
}

// appendOneLine appends s with each newline made a space.
func appendOneLine(b []byte, s string) []byte {
	for {
		i := strings.IndexByte(s, '\n')
		if i < 0 {
			return append(b, s...)
		}
		b = append(b, s[:i]...)
		b = append(b, ' ')
		s = s[i+1:]
	}
}

// syslogDatagram is an anchor for /dev/log: facility user, severity info.
func syslogDatagram(msg string) []byte {
	return []byte("<14>" + Tag + "[" + strconv.Itoa(os.Getpid()) + "]: " + strings.ReplaceAll(msg, "\n", " "))
}

// AnchorRecord is one anchor read back from the system log.
type AnchorRecord struct {
	Seq  int64
	Hash string
	Path string
	// UID is the sender's uid where the system log vouches for it
	// (journald's _UID), or -1.
	UID int
}

// AnchorSource reads anchors from one place.
type AnchorSource struct {
	// Name says where, for the report: "journald", "/var/log/syslog".
	Name string
	Read func(ctx context.Context) ([]AnchorRecord, error)
}

// anchorSources are where Verify looks for anchors. Tests replace it.
var anchorSources = []AnchorSource{
	{Name: "journald (journalctl -t guard)", Read: readJournald},
	syslogFile("/var/log/syslog"),
	syslogFile("/var/log/messages"),
	syslogFile("/var/log/auth.log"),
}

// readJournald reads anchors with journalctl.
func readJournald(ctx context.Context) ([]AnchorRecord, error) {
	bin, err := exec.LookPath("journalctl")
	if err != nil {
		for _, p := range []string{"/usr/bin/journalctl", "/bin/journalctl"} {
			if _, e := os.Stat(p); e == nil {
				bin, err = p, nil
			}
		}
		if err != nil {
			return nil, err
		}
	}
	cmd := exec.CommandContext(ctx, bin, "-t", Tag, "--output=json", "--no-pager", "-q")
	cmd.Env = []string{"LANG=C", "PATH=/usr/bin:/bin"}
	out, err := cmd.Output()
	if err != nil {
		return nil, err
	}
	return parseJournald(out), nil
}

// parseJournald reads journalctl's JSON lines.
func parseJournald(out []byte) []AnchorRecord {
	var list []AnchorRecord
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var e map[string]any
		if json.Unmarshal(sc.Bytes(), &e) != nil {
			continue
		}
		a, ok := journaldAnchor(e)
		if ok {
			list = append(list, a)
		}
	}
	return list
}

func journaldAnchor(e map[string]any) (AnchorRecord, bool) {
	str := func(k string) string {
		if s, ok := e[k].(string); ok {
			return s
		}
		return ""
	}
	a := AnchorRecord{UID: -1, Hash: str("GUARD_LOG_HASH"), Path: str("GUARD_LOG_PATH")}
	a.Seq, _ = strconv.ParseInt(str("GUARD_LOG_SEQ"), 10, 64)
	if a.Hash == "" {
		// Sent through /dev/log: only the message says it.
		m, ok := parseAnchorLine(str("MESSAGE"))
		if !ok {
			return a, false
		}
		a.Seq, a.Hash, a.Path = m.Seq, m.Hash, m.Path
	}
	if u, err := strconv.Atoi(str("_UID")); err == nil {
		a.UID = u
	}
	return a, a.Seq > 0 && len(a.Hash) == 64
}

// anchorLine is compiled when first needed, by guard log --verify, not
// at package initialisation in every guard process.
var anchorLine = lazy.Value[*regexp.Regexp]{Make: func() *regexp.Regexp {
	return regexp.MustCompile(`log anchor seq=(\d+) hash=([0-9a-f]{64}) log=(.*)$`)
}}

func parseAnchorLine(s string) (AnchorRecord, bool) {
	m := anchorLine.Get().FindStringSubmatch(strings.TrimRight(s, "\r\n"))
	if m == nil {
		return AnchorRecord{}, false
	}
	seq, err := strconv.ParseInt(m[1], 10, 64)
	if err != nil || seq <= 0 {
		return AnchorRecord{}, false
	}
	return AnchorRecord{Seq: seq, Hash: m[2], Path: m[3], UID: -1}, true
}

// syslogFile reads anchors from a syslog file, when it is readable.
func syslogFile(path string) AnchorSource {
	return AnchorSource{Name: path, Read: func(ctx context.Context) ([]AnchorRecord, error) {
		f, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		var list []AnchorRecord
		sc := bufio.NewScanner(f)
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			line := sc.Text()
			i := strings.Index(line, " "+Tag+"[")
			if i < 0 || !strings.Contains(line[i:], "]: log anchor ") {
				continue
			}
			if a, ok := parseAnchorLine(line[i:]); ok {
				list = append(list, a)
			}
			if ctx.Err() != nil {
				return list, ctx.Err()
			}
		}
		return list, sc.Err()
	}}
}

// readAnchors reads every source it can within timeout, keeping the
// anchors of the log at path, and says which sources it read.
func readAnchors(path string, uid int, timeout time.Duration) ([]AnchorRecord, []string) {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	var out []AnchorRecord
	var used []string
	for _, src := range anchorSources {
		list, err := src.Read(ctx)
		if err != nil {
			continue
		}
		used = append(used, src.Name)
		for _, a := range list {
			if a.Path != path || a.UID >= 0 && a.UID != uid && a.UID != 0 {
				continue
			}
			out = append(out, a)
		}
	}
	return out, used
}

// SetAnchors replaces the sockets anchors are sent to and the sources
// VerifyLog reads them from, and returns a function that restores them.
// It exists for tests, which must not write to the machine's system log;
// guard itself never calls it, and nothing in the environment reaches it.
func SetAnchors(sockets []string, sources []AnchorSource) (restore func()) {
	oldSockets, oldSources := anchorSockets, anchorSources
	anchorSockets, anchorSources = sockets, sources
	return func() { anchorSockets, anchorSources = oldSockets, oldSources }
}

// SyslogFile is a source that reads anchors from a syslog file.
func SyslogFile(path string) AnchorSource { return syslogFile(path) }
