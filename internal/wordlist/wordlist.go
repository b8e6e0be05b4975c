// Package wordlist reads short lists of words written as one string.
//
// guard's packages keep their short lists of words (program names,
// options, path parts) as constants of space-separated words, read with
// Has or strings.FieldsSeq, rather than as []string variables: each
// []string declared at package level is an array of strings in the
// binary's data, which the Go runtime describes to the garbage collector
// at every start, about 200 instructions each, and guard starts once for
// every command an agent runs.
package wordlist

import "strings"

// Has reports whether w is one of the space-separated words of list. A w
// with a space in it is none of them.
func Has(list, w string) bool {
	if w == "" || strings.IndexByte(w, ' ') >= 0 {
		return false
	}
	for i := 0; i+len(w) <= len(list); {
		j := strings.Index(list[i:], w)
		if j < 0 {
			return false
		}
		j += i
		end := j + len(w)
		if (j == 0 || list[j-1] == ' ') && (end == len(list) || list[end] == ' ') {
			return true
		}
		i = j + 1
	}
	return false
}
