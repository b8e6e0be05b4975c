package rules

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/guardsh/guard/internal/parse"
)

// System logs. journalctl --vacuum-* is routine housekeeping when it
// keeps a fair amount (--vacuum-time=2weeks, --vacuum-size=500M); one
// that keeps almost nothing (--vacuum-time=1s, --vacuum-files=1) deletes
// the logs that would explain what went wrong.

// newJournalVacuum matches a journalctl vacuum that keeps at most
// with.time of logs, with.size bytes of them or with.files archived
// files. A value guard cannot read counts as keeping nothing.
func newJournalVacuum(with map[string]any) (matchFunc, error) {
	p := newParams(with)
	maxTime, okT := systemdSpan(p.string("time", "1d"))
	maxSize, okS := systemdSize(p.string("size", "64M"))
	maxFiles, err := strconv.Atoi(p.string("files", "2"))
	if err := p.done(); err != nil {
		return nil, err
	}
	if !okT || !okS || err != nil {
		return nil, fmt.Errorf("time, size and files must read as 1d, 64M and 2")
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		for i, f := range v.flags {
			name, val, has := strings.Cut(f, "=")
			if !has {
				if v.hasVal(i) {
					val = v.vals[i]
				} else {
					val = nextWord(inv, f)
				}
			}
			keep := ""
			switch name {
			case "--vacuum-time":
				d, ok := systemdSpan(val)
				if ok && d > maxTime {
					continue
				}
				keep = "keeps only " + parse.Quote(val) + " of logs"
			case "--vacuum-size":
				n, ok := systemdSize(val)
				if ok && n > maxSize {
					continue
				}
				keep = "keeps only " + parse.Quote(val) + " of logs"
			case "--vacuum-files":
				n, err := strconv.Atoi(val)
				if err == nil && n > maxFiles {
					continue
				}
				keep = "keeps only " + parse.Quote(val) + " archived log files"
			default:
				continue
			}
			return parse.Quote(name) + " " + keep + ": the rest are deleted", true
		}
		return "", false
	}, nil
}

// nextWord returns the argument after the option f, or "".
func nextWord(inv *parse.Invocation, f string) string {
	for i, a := range inv.Args {
		if a.Value == f && i+1 < len(inv.Args) {
			return inv.Args[i+1].Value
		}
	}
	return ""
}

// systemdSpan reads a time span as systemd writes it: 1s, 30min, 2weeks,
// 3months, 1y, or several (1h 30min). A bare number is seconds.
func systemdSpan(s string) (time.Duration, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, false
	}
	var total time.Duration
	for s != "" {
		s = strings.TrimLeft(s, " ")
		i := 0
		for i < len(s) && (s[i] >= '0' && s[i] <= '9' || s[i] == '.') {
			i++
		}
		if i == 0 {
			return 0, false
		}
		n, err := strconv.ParseFloat(s[:i], 64)
		if err != nil {
			return 0, false
		}
		s = s[i:]
		j := 0
		for j < len(s) && (s[j] >= 'a' && s[j] <= 'z' || s[j] >= 'A' && s[j] <= 'Z') {
			j++
		}
		unit, ok := spanUnit(s[:j])
		if !ok {
			return 0, false
		}
		s = s[j:]
		total += time.Duration(n * float64(unit))
	}
	return total, true
}

// spanUnit returns the duration of one of systemd's time units.
func spanUnit(u string) (time.Duration, bool) {
	const day = 24 * time.Hour
	switch u {
	case "", "s", "sec", "second", "seconds":
		return time.Second, true
	case "us", "usec", "µs":
		return time.Microsecond, true
	case "ms", "msec":
		return time.Millisecond, true
	case "m", "min", "minute", "minutes":
		return time.Minute, true
	case "h", "hr", "hour", "hours":
		return time.Hour, true
	case "d", "day", "days":
		return day, true
	case "w", "week", "weeks":
		return 7 * day, true
	case "M", "month", "months":
		return 30 * day, true
	case "y", "year", "years":
		return 365 * day, true
	}
	return 0, false
}

// systemdSize reads a size as journalctl takes it: 500M, 1G, 4096; the
// suffixes K, M, G, T are powers of 1024.
func systemdSize(s string) (int64, bool) {
	s = strings.TrimSpace(s)
	mult := int64(1)
	if n := len(s); n > 0 {
		switch s[n-1] {
		case 'K', 'k':
			mult = 1 << 10
		case 'M', 'm':
			mult = 1 << 20
		case 'G', 'g':
			mult = 1 << 30
		case 'T', 't':
			mult = 1 << 40
		}
		if mult > 1 {
			s = s[:n-1]
		}
	}
	n, err := strconv.ParseFloat(s, 64)
	if err != nil || n < 0 {
		return 0, false
	}
	return int64(n * float64(mult)), true
}
