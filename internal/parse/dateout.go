package parse

import (
	"strconv"
	"strings"
	"time"
)

// dateOutput returns what date prints when it prints only today's date
// (date +%F, date -u +%Y%m%d, date -I): a stamp made of digits, dashes
// and names, which cannot widen a path (backup-$(date +%F).tar). A time
// of day, another date (-d, -r) or a format guard does not know leaves
// the output unknown, so that two checks of one command agree. The date
// is taken in UTC: only its shape matters, and reading the local time
// zone costs start-up time.
func dateOutput(args []string) (string, bool) {
	format := ""
	for _, a := range args {
		switch {
		case a == "-u" || a == "--utc" || a == "--universal":
		case a == "-I" || a == "--iso-8601" || a == "-Idate" || a == "--iso-8601=date":
			if format != "" {
				return "", false
			}
			format = "%F"
		case strings.HasPrefix(a, "+") && format == "":
			format = a[1:]
		default:
			return "", false
		}
	}
	if format == "" {
		// date alone prints the time of day, with spaces.
		return "", false
	}
	now := time.Now().UTC()
	var b strings.Builder
	for i := 0; i < len(format); i++ {
		c := format[i]
		if c != '%' {
			if !stampByte(c) {
				return "", false
			}
			b.WriteByte(c)
			continue
		}
		if i+1 >= len(format) {
			return "", false
		}
		i++
		switch format[i] {
		case 'F':
			b.WriteString(now.Format("2006-01-02"))
		case 'Y':
			b.WriteString(strconv.Itoa(now.Year()))
		case 'y':
			b.WriteString(now.Format("06"))
		case 'm':
			b.WriteString(now.Format("01"))
		case 'd':
			b.WriteString(now.Format("02"))
		case 'j':
			b.WriteString(now.Format("002"))
		case 'b', 'h':
			b.WriteString(now.Format("Jan"))
		case 'a':
			b.WriteString(now.Format("Mon"))
		case 'u':
			wd := int(now.Weekday())
			if wd == 0 {
				wd = 7
			}
			b.WriteString(strconv.Itoa(wd))
		case 'V':
			_, wk := now.ISOWeek()
			if wk < 10 {
				b.WriteByte('0')
			}
			b.WriteString(strconv.Itoa(wk))
		case '%':
			b.WriteByte('%')
		default:
			return "", false
		}
	}
	return b.String() + "\n", true
}

// stampByte reports whether c may stand in a date stamp's literal text:
// no slash, space, pattern or quote that could change what a word names.
func stampByte(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '-' || c == '_' || c == '.' || c == ':'
}
