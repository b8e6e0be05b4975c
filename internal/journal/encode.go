package journal

import (
	"strconv"
	"unicode/utf8"
)

// appendRecord appends the record as a JSON object, without the hash, in
// the field order and with the omissions of Record's json tags. It is
// written by hand because encoding/json's first use costs a noticeable
// part of a millisecond in a process that lives for one command; Read
// and Verify parse records with encoding/json, and a test checks that
// the two agree.
func appendRecord(b []byte, r *Record) []byte {
	b = append(b, `{"time":`...)
	b = appendString(b, r.Time)
	b = append(b, `,"decision":`...)
	b = appendString(b, r.Decision)
	b = append(b, `,"result":`...)
	b = appendString(b, r.Result)
	b = append(b, `,"how":`...)
	b = appendString(b, r.How)
	if r.Answer != "" {
		b = append(b, `,"answer":`...)
		b = appendString(b, r.Answer)
	}
	b = append(b, `,"channel":`...)
	b = appendString(b, r.Channel)
	if r.Agent != "" {
		b = append(b, `,"agent":`...)
		b = appendString(b, r.Agent)
	}
	if r.Session != "" {
		b = append(b, `,"session":`...)
		b = appendString(b, r.Session)
	}
	if r.ToolUse != "" {
		b = append(b, `,"tool_use":`...)
		b = appendString(b, r.ToolUse)
	}
	b = append(b, `,"command":`...)
	b = appendString(b, r.Command)
	if r.CommandSHA256 != "" {
		b = append(b, `,"command_sha256":`...)
		b = appendString(b, r.CommandSHA256)
	}
	b = append(b, `,"cwd":`...)
	b = appendString(b, r.Cwd)
	if r.Severity != "" {
		b = append(b, `,"severity":`...)
		b = appendString(b, r.Severity)
	}
	b = append(b, `,"findings":`...)
	if r.Findings == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '[')
		for i, f := range r.Findings {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, `{"rule":`...)
			b = appendString(b, f.Rule)
			b = append(b, `,"severity":`...)
			b = appendString(b, f.Severity)
			b = append(b, `,"action":`...)
			b = appendString(b, f.Action)
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	if r.Allow != "" {
		b = append(b, `,"allow":`...)
		b = appendString(b, r.Allow)
	}
	if r.Checkpoint != "" {
		b = append(b, `,"checkpoint":`...)
		b = appendString(b, r.Checkpoint)
	}
	b = append(b, `,"pid":`...)
	b = strconv.AppendInt(b, int64(r.PID), 10)
	b = append(b, `,"ppid":`...)
	b = strconv.AppendInt(b, int64(r.PPID), 10)
	if r.Parent != "" {
		b = append(b, `,"parent":`...)
		b = appendString(b, r.Parent)
	}
	b = append(b, `,"uid":`...)
	b = strconv.AppendInt(b, int64(r.UID), 10)
	if r.Seq != 0 {
		b = append(b, `,"seq":`...)
		b = strconv.AppendInt(b, r.Seq, 10)
	}
	b = append(b, `,"prev":`...)
	b = appendString(b, r.Prev)
	return append(b, '}')
}

const hexDigits = "0123456789abcdef"

// appendString appends s as a JSON string, as encoding/json writes it with
// HTML escaping off: invalid UTF-8 becomes U+FFFD.
func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
