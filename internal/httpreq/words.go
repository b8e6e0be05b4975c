package httpreq

import "strings"

// WordParts splits a name into its words, in lower case: camelCase and
// PascalCase humps, and runs separated by _ - . / : or spaces.
// volumeDelete gives volume, delete; _delete_by_query gives delete, by,
// query; HTTPServerDelete gives http, server, delete; FLUSHALL gives
// flushall.
func WordParts(name string) []string {
	var out []string
	start := -1
	flush := func(end int) {
		if start >= 0 && end > start {
			out = append(out, strings.ToLower(name[start:end]))
		}
		start = -1
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		letter := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
		digit := c >= '0' && c <= '9'
		if !letter && !digit {
			flush(i)
			continue
		}
		if start < 0 {
			start = i
			continue
		}
		prev := name[i-1]
		upper := c >= 'A' && c <= 'Z'
		prevLower := prev >= 'a' && prev <= 'z'
		prevUpper := prev >= 'A' && prev <= 'Z'
		prevDigit := prev >= '0' && prev <= '9'
		switch {
		case upper && (prevLower || prevDigit):
			// volumeDelete: a hump.
			flush(i)
			start = i
		case upper && prevUpper && i+1 < len(name) && name[i+1] >= 'a' && name[i+1] <= 'z' && i-start > 0:
			// HTTPServer: the last capital starts the next word.
			flush(i)
			start = i
		case digit != prevDigit && (letter && prevDigit):
			flush(i)
			start = i
		}
	}
	flush(len(name))
	return out
}
