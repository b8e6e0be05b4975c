package rules

import (
	"fmt"
	"slices"
	"sort"
	"strings"
)

// VerbsSource returns the Go source of the generated verb model, for the
// generator of packs_gen.go: the [verbs] tables of files as functions of
// switches, which the compiler turns into searches over constants, so
// that no table is built or scanned by the garbage collector when guard
// starts. generatedVerbLists returns the same model as data, for tests.
func VerbsSource(files []*File) (string, error) {
	var tables []*Verbs
	for _, f := range files {
		tables = append(tables, f.Verbs)
	}
	m, err := compileVerbs(tables)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	cases := func(words []string) string {
		q := make([]string, len(words))
		for i, w := range words {
			q[i] = fmt.Sprintf("%q", w)
		}
		return strings.Join(q, ", ")
	}
	listName := func(l verbList) string {
		return [numVerbLists]string{"listDestroy", "listNames", "listPhrases", "listBenign", "listLocal", "listOptions",
			"listBenignOptions", "listValueFlags", "listCodeFlags", "listPlain", "listScripts", "listTargets", "listExempt",
			"listPlaybooks", "listNoDryRun", "listClis", "listOptionsFirst", "listHelpCommands", "listSafeguards", "listNegators", "listEnablers"}[l]
	}

	p("// generatedVerbHas reports whether list l of the generated verb model\n// holds w: words ignoring case, options as written.\n")
	p("func generatedVerbHas(l verbList, w string) bool {\nvar buf [64]byte\nb := lowerASCII(&buf, w)\nswitch l {\n")
	for l := verbList(0); l < numVerbLists; l++ {
		words := m.lists[l]
		if l == listOptions || l == listBenignOptions || l == listPhrases {
			continue
		}
		if l == listTargets {
			var single []string
			for _, t := range words {
				if !strings.Contains(t, " ") {
					single = append(single, t)
				}
			}
			words = single
		}
		if len(words) == 0 {
			continue
		}
		subject := "string(b)"
		if exactCase(l) {
			subject = "w"
		}
		p("case %s:\nswitch %s {\ncase %s:\nreturn true\n}\n", listName(l), subject, cases(words))
	}
	p("}\nreturn false\n}\n\n")

	p("// generatedVerbOption reports whether an option name matches list l of\n// the generated option patterns.\n")
	p("func generatedVerbOption(l verbList, name string) bool {\nvar buf [64]byte\nb := lowerASCII(&buf, name)\nswitch l {\n")
	for _, l := range []verbList{listOptions, listBenignOptions} {
		var exact, prefixes []string
		for _, o := range m.lists[l] {
			if pre, ok := strings.CutSuffix(o, "*"); ok {
				prefixes = append(prefixes, pre)
			} else {
				exact = append(exact, o)
			}
		}
		p("case %s:\n", listName(l))
		if len(exact) > 0 {
			p("switch string(b) {\ncase %s:\nreturn true\n}\n", cases(exact))
		}
		for _, pre := range prefixes {
			p("if len(b) >= %d && string(b[:%d]) == %q {\nreturn true\n}\n", len(pre), len(pre), pre)
		}
	}
	p("}\nreturn false\n}\n\n")

	p("// generatedVerbPhrases is the number of generated phrases.\nconst generatedVerbPhrases = %d\n\n", len(m.lists[listPhrases]))
	p("// generatedVerbPhrase returns generated phrase i, its parts separated\n// by spaces.\nfunc generatedVerbPhrase(i int) string {\nswitch i {\n")
	for i, ph := range m.lists[listPhrases] {
		p("case %d:\nreturn %q\n", i, ph)
	}
	p("}\nreturn \"\"\n}\n\n")

	keyed := func(doc, fn, args, inner, subject string, list []toolWords, body func(tw toolWords)) {
		p("%sfunc %s(%s) bool {\n%sswitch %s {\n", doc, fn, args, inner, subject)
		for _, tw := range list {
			p("case %q:\n", tw.key)
			body(tw)
		}
		p("}\nreturn false\n}\n\n")
	}
	words := func(tw toolWords) []string {
		var out []string
		for _, w := range tw.words {
			out = append(out, w[0])
		}
		return out
	}
	keyed("// generatedVerbScoped reports, with s empty, whether verb destroys only\n// with a scope word, and otherwise whether s is one of them.\n",
		"generatedVerbScoped", "verb, s string", "var kb, sb [64]byte\nvb, word := lowerASCII(&kb, verb), lowerASCII(&sb, s)\nif s == \"\" {\nswitch string(vb) {\ncase "+cases(keys(m.scoped))+":\nreturn true\n}\nreturn false\n}\n", "string(vb)",
		m.scoped, func(tw toolWords) { p("switch string(word) {\ncase %s:\nreturn true\n}\n", cases(words(tw))) })
	keyed("// generatedVerbMore reports whether word is one of the program's own\n// verbs.\n",
		"generatedVerbMore", "key, w string", "var buf [64]byte\nword := lowerASCII(&buf, w)\n", "key",
		m.more, func(tw toolWords) { p("switch string(word) {\ncase %s:\nreturn true\n}\n", cases(words(tw))) })
	keyed("// generatedVerbAllowed reports whether a program's subcommand path\n// starts with one of its benign paths.\n",
		"generatedVerbAllowed", "key string, words []string", "// One buffer for every case: a buffer per case would make the frame\n// large enough to grow the goroutine's stack.\nvar buf [64]byte\nvar first []byte\nif len(words) > 0 {\nfirst = lowerASCII(&buf, words[0])\n}\n", "key",
		m.allow, func(tw toolWords) {
			// Switch on the first word, then compare the rest.
			var firsts []string
			rest := map[string][][]string{}
			for _, path := range tw.words {
				if len(path) == 1 && path[0] == "*" {
					p("return true\n")
					return
				}
				if _, ok := rest[path[0]]; !ok {
					firsts = append(firsts, path[0])
				}
				rest[path[0]] = append(rest[path[0]], path[1:])
			}
			sort.Strings(firsts)
			p("if len(words) == 0 {\nreturn false\n}\nswitch string(first) {\n")
			var whole []string
			for _, f := range firsts {
				for _, r := range rest[f] {
					if len(r) == 0 {
						whole = append(whole, f)
						break
					}
				}
			}
			if len(whole) > 0 {
				p("case %s:\nreturn true\n", cases(whole))
			}
			for _, f := range firsts {
				if slices.Contains(whole, f) {
					continue
				}
				var alts []string
				for _, r := range rest[f] {
					alts = append(alts, "pathHas(words[1:], "+cases(r)+")")
				}
				p("case %q:\nreturn %s\n", f, strings.Join(alts, " || "))
			}
			p("}\nreturn false\n")
		})
	p("// generatedVerbUnless returns the option that voids the program's\n// exception for the subcommand path words, or \"\".\n")
	p("func generatedVerbUnless(key string, words []string, v *view) string {\nswitch key {\n")
	for _, tw := range m.unless {
		p("case %q:\n", tw.key)
		for _, e := range tw.words {
			path, opts := splitUnless(e)
			if len(opts) == 0 {
				p("if pathHas(words, %s) {\nreturn %q\n}\n", cases(path), path[len(path)-1])
				continue
			}
			p("if pathHas(words, %s) {\nif f, ok := v.hasFlag([]string{%s}); ok {\nreturn f\n}\n}\n", cases(path), cases(opts))
		}
	}
	p("}\nreturn \"\"\n}\n\n")
	p("func init() { generatedUnless = generatedVerbUnless }\n\n")
	var pairs []toolWords
	for _, t := range m.lists[listTargets] {
		name, word, ok := strings.Cut(t, " ")
		if !ok {
			continue
		}
		i := sort.Search(len(pairs), func(i int) bool { return pairs[i].key >= name })
		if i == len(pairs) || pairs[i].key != name {
			pairs = append(pairs[:i], append([]toolWords{{key: name}}, pairs[i:]...)...)
		}
		pairs[i].words = append(pairs[i].words, []string{word})
	}
	keyed("// generatedVerbTargetAfter reports whether \"key w\" is a program whose\n// next operands name targets.\n",
		"generatedVerbTargetAfter", "key, w string", "var buf [64]byte\nword := lowerASCII(&buf, w)\n", "key",
		pairs, func(tw toolWords) { p("switch string(word) {\ncase %s:\nreturn true\n}\n", cases(words(tw))) })

	p("// generatedVerbLists returns the generated verb model as data, for tests.\n")
	p("func generatedVerbLists() (lists [numVerbLists][]string, scoped, allow, more []toolWords) {\n")
	for l := verbList(0); l < numVerbLists; l++ {
		if len(m.lists[l]) > 0 {
			p("lists[%s] = %#v\n", listName(l), m.lists[l])
		}
	}
	for _, x := range []struct {
		name string
		list []toolWords
	}{{"scoped", m.scoped}, {"allow", m.allow}, {"more", m.more}} {
		p("%s = []toolWords{\n", x.name)
		for _, tw := range x.list {
			p("{%q, %#v},\n", tw.key, tw.words)
		}
		p("}\n")
	}
	p("return\n}\n")
	return b.String(), nil
}

func keys(list []toolWords) []string {
	out := make([]string, len(list))
	for i, tw := range list {
		out[i] = tw.key
	}
	return out
}
