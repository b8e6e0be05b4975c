package journal

import (
	"bytes"
	"strconv"
	"strings"
	"testing"
)

// journaldDatagramByBuffer is journaldDatagram as it was first written.
func journaldDatagramByBuffer(msg, path string, seq int64, hash string) []byte {
	var b bytes.Buffer
	b.WriteString("SYSLOG_IDENTIFIER=" + Tag + "\n")
	b.WriteString("PRIORITY=6\n")
	b.WriteString("MESSAGE=" + strings.ReplaceAll(msg, "\n", " ") + "\n")
	b.WriteString("GUARD_LOG_SEQ=" + strconv.FormatInt(seq, 10) + "\n")
	b.WriteString("GUARD_LOG_HASH=" + hash + "\n")
	b.WriteString("GUARD_LOG_PATH=" + strings.ReplaceAll(path, "\n", " ") + "\n")
	return b.Bytes()
}

func TestJournaldDatagramUnchanged(t *testing.T) {
	for _, c := range []struct {
		msg, path string
		seq       int64
	}{
		{"guard log seq=1", "/root/.local/state/guard/log.jsonl", 1},
		{"", "", 0},
		{"a\nb\n\nc", "/tmp/x\ny\n", -42},
		{"\n", "\n\n", 1 << 62},
	} {
		got := journaldDatagram(c.msg, c.path, c.seq, "abc123")
		want := journaldDatagramByBuffer(c.msg, c.path, c.seq, "abc123")
		if !bytes.Equal(got, want) {
			t.Errorf("%q %q %d:\n got %q\nwant %q", c.msg, c.path, c.seq, got, want)
		}
	}
}
