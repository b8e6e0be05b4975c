package parse

import (
	"fmt"
	"strconv"
	"strings"
)

// printf formats args with a printf format string once, as the shell's
// printf does on one pass over its format: it returns the output, how
// many arguments the pass used, and whether the output stops there (a \c
// in the argument of a %b). ok is false for a format guard does not follow (a conversion
// it does not know, a flag in the wrong place); the caller then treats the
// output as unknown.
//
// The conversions are %s, %b, %c, %d, %i, %u, %o, %x and %%, each with up
// to one flag of "+- " and a width. Written here rather than taken from
// mvdan.cc/sh/v3/expand, whose package brings os/user and with it, in a
// build with cgo, the C library into guard.
func printf(format string, args []string) (out string, used int, stop, ok bool) {
	var b strings.Builder
	n := len(args)
	stop, ok = printfInto(&b, format, &args, true)
	return b.String(), n - len(args), stop, ok
}

// printfInto writes format to b, taking conversions' arguments from args
// when conv is true (for %b's argument it is not: only its escapes
// count).
func printfInto(b *strings.Builder, format string, args *[]string, conv bool) (stop, ok bool) {
	next := func() string {
		if len(*args) == 0 {
			return ""
		}
		a := (*args)[0]
		*args = (*args)[1:]
		return a
	}
	// spec holds a conversion being read: "%", its flag and width.
	var spec []byte
	for i := 0; i < len(format); i++ {
		c := format[i]
		switch {
		case c == '\\':
			i++
			if i == len(format) {
				b.WriteByte('\\')
				break
			}
			if format[i] == 'c' && !conv {
				// \c in %b's argument ends all output; in the format
				// itself the shell leaves it as it is.
				return true, true
			}
			i = printfEscape(b, format, i)
		case spec != nil:
			switch c {
			case '%':
				b.WriteByte('%')
				spec = nil
			case '+', '-', ' ':
				if len(spec) > 1 {
					return false, false
				}
				spec = append(spec, c)
			case '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
				spec = append(spec, c)
			case 'c':
				if a := next(); a != "" {
					b.WriteByte(a[0])
				} else {
					b.WriteByte(0)
				}
				spec = nil
			case 'b':
				inner := []string(nil)
				if s, _ := printfInto(b, next(), &inner, false); s {
					return true, true
				}
				spec = nil
			case 's':
				fmt.Fprintf(b, string(append(spec, 's')), next())
				spec = nil
			case 'd', 'i':
				v, _ := strconv.ParseInt(next(), 0, 0)
				fmt.Fprintf(b, string(append(spec, 'd')), int(v))
				spec = nil
			case 'u', 'o', 'x':
				v, _ := strconv.ParseInt(next(), 0, 0)
				verb := c
				if c == 'u' {
					verb = 'd'
				}
				fmt.Fprintf(b, string(append(spec, verb)), uint(v))
				spec = nil
			default:
				return false, false
			}
		case conv && c == '%':
			spec = []byte{'%'}
		default:
			b.WriteByte(c)
		}
	}
	return false, spec == nil
}

// printfEscape writes the escape whose letter is at format[i] and returns
// the index of its last byte.
func printfEscape(b *strings.Builder, format string, i int) int {
	// digits returns the end of up to max digits from j: octal ones, or
	// hexadecimal ones when hex is true. Like the shell, it also takes 8
	// and 9 into an octal run (which then does not parse).
	digits := func(j, max int, hex bool) int {
		k := j
		for k < len(format) && k-j < max {
			c := format[k]
			if c >= '0' && c <= '9' || hex && (c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
				k++
				continue
			}
			break
		}
		return k
	}
	switch c := format[i]; c {
	case 'a':
		b.WriteByte('\a')
	case 'b':
		b.WriteByte('\b')
	case 'e', 'E':
		b.WriteByte(0x1b)
	case 'f':
		b.WriteByte('\f')
	case 'n':
		b.WriteByte('\n')
	case 'r':
		b.WriteByte('\r')
	case 't':
		b.WriteByte('\t')
	case 'v':
		b.WriteByte('\v')
	case '\\', '\'', '"', '?':
		b.WriteByte(c)
	case '0', '1', '2', '3', '4', '5', '6', '7':
		end := digits(i, 3, false)
		// Past a byte: the largest one; not octal at all: NUL.
		v, _ := strconv.ParseUint(format[i:end], 8, 8)
		b.WriteByte(byte(v))
		return end - 1
	case 'x', 'u', 'U':
		max := map[byte]int{'x': 2, 'u': 4, 'U': 8}[c]
		end := digits(i+1, max, true)
		if end == i+1 {
			b.WriteByte('\\')
			b.WriteByte(c)
			return i
		}
		v, _ := strconv.ParseUint(format[i+1:end], 16, 32)
		if c == 'x' {
			b.WriteByte(byte(v))
		} else {
			b.WriteRune(rune(v))
		}
		return end - 1
	default:
		b.WriteByte('\\')
		b.WriteByte(c)
	}
	return i
}
