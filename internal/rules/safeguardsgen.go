package rules

import (
	"fmt"
	"strings"
)

// The stems of the safeguard-off rules of the embedded packs are compiled
// when packs_gen.go is made (safeguardSource), so that a guard process
// does not split and fold some forty keys on every command that is not
// git's or an IaC tool's (about 128,000 instructions, a tenth of guard's
// start): the keys themselves are compiled only for a command that holds
// a stem. The table is two strings per rule, not lists, so that it adds
// nothing to the garbage collector's bitmap of the data, which every
// guard process builds at start.

// safeguardStem is one rule's with.keys and with.remote, as written and
// one a line, and the stems they compile to, one after the other, with
// where each ends.
type safeguardStem struct {
	specs, stems string
	ends         []uint16
}

// compiledStems returns the stems compiled at go generate time for the
// keys and remote keys, if there are.
func compiledStems(specs, remote []string) ([]string, bool) {
	for _, t := range safeguardStems {
		if !linesAre(t.specs, specs, remote) {
			continue
		}
		stems := make([]string, len(t.ends))
		start := 0
		for i, end := range t.ends {
			stems[i] = t.stems[start:end]
			start = int(end)
		}
		return stems, true
	}
	return nil, false
}

// linesAre reports whether text is the strings of the lists, each ended
// by a newline (a string that holds one is not a line).
func linesAre(text string, lists ...[]string) bool {
	for _, l := range lists {
		for _, s := range l {
			if len(text) <= len(s) || text[len(s)] != '\n' || text[:len(s)] != s || strings.IndexByte(s, '\n') >= 0 {
				return false
			}
			text = text[len(s)+1:]
		}
	}
	return text == ""
}

// safeguardSource returns the Go source of safeguardStems for the
// safeguard-off rules among rules.
func safeguardSource(rules []*Rule) (string, error) {
	var b strings.Builder
	b.WriteString("// safeguardStems are the stems of the safeguard-off rules' keys,\n// compiled from packs/*.toml.\nvar safeguardStems = [...]safeguardStem{\n")
	for _, r := range rules {
		if r.Matcher != "safeguard-off" {
			continue
		}
		p := newParams(r.With)
		specs, remote := p.strings("keys"), p.strings("remote")
		if p.err != nil {
			return "", fmt.Errorf("rule %s: %w", r.ID, p.err)
		}
		_, stems, err := safeguardKeys(specs, remote)
		if err != nil {
			return "", fmt.Errorf("rule %s: %w", r.ID, err)
		}
		for _, s := range append(specs, remote...) {
			if strings.IndexByte(s, '\n') >= 0 {
				return "", fmt.Errorf("rule %s: key %q holds a newline", r.ID, s)
			}
		}
		ends := make([]string, len(stems))
		end := 0
		for i, s := range stems {
			end += len(s)
			ends[i] = fmt.Sprint(end)
		}
		if end > 0xffff {
			return "", fmt.Errorf("rule %s: too many keys", r.ID)
		}
		fmt.Fprintf(&b, "{specs: %q, stems: %q, ends: []uint16{%s}},\n", strings.Join(append(specs, remote...), "\n")+"\n", strings.Join(stems, ""), strings.Join(ends, ", "))
	}
	b.WriteString("}\n")
	return b.String(), nil
}
