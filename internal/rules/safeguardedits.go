package rules

import (
	"strings"

	"github.com/guardsh/guard/internal/parse"
)

// Reading the settings a file edit makes, for the safeguard-off matcher:
// sed -i and perl -pi substitutions (s/prevent_destroy = true/prevent_destroy
// = false/, /deletion_protection/s/true/false/), and yq -i or jq assignments
// (.spec.persistentVolumeReclaimPolicy = "Delete", del(.metadata.finalizers))
// written into a file. An edit that only prints (sed without -i, jq to the
// terminal) changes nothing and is not read. Text written into a file
// (echo 'deletion_protection = false' >> main.tf, a heredoc into cat or
// tee) is read as the assignments it holds.

// editorKind returns how a program edits files in place: "sed" for sed
// and perl substitutions, "yq" for yq and jq assignments, or "" for
// other programs and for edits that only print.
func editorKind(inv *parse.Invocation, name string) string {
	args := inv.Own()
	switch name {
	case "sed", "gsed", "perl":
		for _, a := range args[1:] {
			s := a.Value
			if s == "--in-place" || strings.HasPrefix(s, "--in-place=") {
				return "sed"
			}
			if len(s) > 1 && s[0] == '-' && s[1] != '-' {
				// -i, -i.bak, -pi, -pie, -Ei, -ni.
				flags := s[1:]
				if name != "perl" {
					// sed -e's/i/x/': an expression, not -i.
					if k := strings.IndexAny(flags, "ef"); k >= 0 {
						flags = flags[:k]
					}
				} else if k := strings.IndexAny(flags, "eE"); k >= 0 {
					flags = flags[:k]
				}
				if strings.Contains(flags, "i") {
					return "sed"
				}
			}
		}
	case "echo", "printf", "cat", "tee":
		// Text written into a file: echo 'prevent_destroy = false' >>
		// main.tf, cat > values.yaml <<EOF.
		if name == "tee" && len(args) > 1 && inv.Stdin.Kind == parse.Known {
			return "text"
		}
		if name == "cat" && inv.Stdin.Kind != parse.Known {
			return ""
		}
		for _, r := range inv.Redirs {
			if r.Writes() && !strings.HasPrefix(r.Target.Value, "/dev/") {
				return "text"
			}
		}
	case "yq":
		for _, a := range args[1:] {
			if s := a.Value; s == "-i" || s == "--inplace" || s == "--in-place" || len(s) > 2 && s[0] == '-' && s[1] != '-' && strings.Contains(s, "i") && !strings.ContainsAny(s, "=.") {
				return "yq"
			}
		}
		fallthrough
	case "jq", "gojq":
		for _, r := range inv.Redirs {
			if r.Writes() && r.Target.Value != "/dev/null" && r.Target.Value != "/dev/stdout" && r.Target.Value != "/dev/stderr" {
				return "yq"
			}
		}
	}
	return ""
}

// editSettings appends the settings an in-place edit makes to out, for
// expressions that hold one of the stems.
func editSettings(inv *parse.Invocation, kind string, stems []string, out []setting) []setting {
	// Every operand and -e value that holds a stem is read: a file's
	// name holds no substitution or assignment, and a script read from
	// a file (-f) is not read.
	args := inv.Own()
	if kind == "text" {
		text := inv.Stdin.Text
		if inv.Name == "echo" || inv.Name == "printf" {
			var b strings.Builder
			for _, a := range args[1:] {
				if !a.Dynamic {
					b.WriteString(a.Value)
					b.WriteByte('\n')
				}
			}
			text = strings.ReplaceAll(b.String(), `\n`, "\n")
		}
		if !mentionsStem(text, stems) {
			return out
		}
		if strings.Contains(text, ":\n") {
			// Nested YAML: persistence:\n  enabled: false.
			if doc, ok := readYAML(text); ok {
				if _, isMap := doc.(map[string]any); isMap {
					return walkSettings(nil, "", doc, out, 0)
				}
			}
		}
		return textAssignments(text, out)
	}
	var exprs []string
	for i := 1; i < len(args); i++ {
		a := args[i]
		if a.Dynamic {
			continue
		}
		s := a.Value
		switch {
		case s == "-e" || s == "--expression" || s == "--eval":
			if i+1 < len(args) {
				exprs = append(exprs, args[i+1].Value)
				i++
			}
		case strings.HasPrefix(s, "--expression="):
			exprs = append(exprs, strings.TrimPrefix(s, "--expression="))
		case kind == "sed" && inv.Name != "perl" && strings.HasPrefix(s, "-e") && len(s) > 2:
			// sed -e's/a/b/'.
			exprs = append(exprs, s[2:])
		case strings.HasPrefix(s, "-") && len(s) > 1:
			// A perl cluster that ends in e takes the next word (-pe).
			if inv.Name == "perl" && s[1] != '-' && strings.HasSuffix(s, "e") && i+1 < len(args) {
				exprs = append(exprs, args[i+1].Value)
				i++
			}
		default:
			exprs = append(exprs, s)
		}
	}
	for _, e := range exprs {
		if !mentionsStem(e, stems) {
			continue
		}
		if kind == "sed" {
			out = substSettings(e, out)
			out = deletedLines(e, out)
		} else {
			out = assignSettings(e, out)
		}
	}
	return out
}

// substSettings appends the settings of a sed or perl script's
// substitutions. The replacement is read as the text it writes
// (prevent_destroy = false, "deletionProtection": false); when it holds
// no key, the key is the one the pattern or the line's address names
// and the value the replacement: s/\(deletion_protection = \)true/\1false/,
// /prevent_destroy/s/true/false/.
func substSettings(script string, out []setting) []setting {
	for i := 0; i < len(script) && len(out) < maxSettings; i++ {
		c := script[i]
		if c != 's' || i+1 >= len(script) || i > 0 && (isAlnum(script[i-1]) || script[i-1] == '_') {
			continue
		}
		d := script[i+1]
		if isAlnum(d) || d == ' ' || d == '\\' || d == '\n' || d == '_' {
			continue
		}
		pat, j, ok := sedPart(script, i+2, d)
		if !ok {
			continue
		}
		repl, k, ok := sedPart(script, j, d)
		if !ok {
			continue
		}
		addr := script[:i]
		if n := strings.LastIndexAny(addr, ";\n}"); n >= 0 {
			addr = addr[n+1:]
		}
		repl = stripBackrefs(repl)
		n := len(out)
		out = textAssignments(repl, out)
		if len(out) == n {
			if key := keyIn(pat); key != "" {
				out = append(out, setting{path: splitKey(key, nil), key: key, value: trimValue(repl)})
			} else if key := keyIn(addr); key != "" {
				out = append(out, setting{path: splitKey(key, nil), key: key, value: trimValue(repl)})
			}
		}
		i = k - 1
	}
	return out
}

// deletedLines appends a setting turned off for each line a sed or perl
// script deletes by a key in its address (/prevent_destroy/d): the
// protection is gone, which is its default, off.
func deletedLines(script string, out []setting) []setting {
	for k := 1; k < len(script) && len(out) < maxSettings; k++ {
		if script[k] != 'd' || k+1 < len(script) && strings.IndexByte(" ;}\n", script[k+1]) < 0 {
			continue
		}
		end := k - 1
		for end >= 0 && script[end] == ' ' {
			end--
		}
		if end <= 0 || script[end] != '/' || script[end-1] == '\\' {
			continue
		}
		start := strings.LastIndexByte(script[:end], '/')
		if start < 0 {
			continue
		}
		if key := keyIn(script[start+1 : end]); key != "" {
			out = append(out, setting{path: splitKey(key, nil), key: key, value: "false"})
		}
	}
	return out
}

// sedPart reads one part of a substitution from s[i:] up to the
// delimiter d, returning it and the index past the delimiter.
func sedPart(s string, i int, d byte) (string, int, bool) {
	var b strings.Builder
	for ; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\\' && i+1 < len(s):
			if s[i+1] != d {
				b.WriteByte(c)
			}
			b.WriteByte(s[i+1])
			i++
		case c == d:
			return b.String(), i + 1, true
		default:
			b.WriteByte(c)
		}
	}
	return "", i, false
}

// stripBackrefs removes the groups a replacement copies from the match
// (\1, $1, ${1}, &), which hold the key and not the new value.
func stripBackrefs(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case (c == '\\' || c == '$') && i+1 < len(s) && s[i+1] >= '0' && s[i+1] <= '9':
			i++
		case c == '$' && i+1 < len(s) && s[i+1] == '{':
			if end := strings.IndexByte(s[i:], '}'); end > 0 {
				i += end
			}
		case c == '&':
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// keyIn returns the first word of a pattern or address that looks like a
// setting's key: letters, digits, _, - and . with a letter first.
func keyIn(s string) string {
	for i := 0; i < len(s); i++ {
		if !isLetter(s[i]) || i > 0 && (isAlnum(s[i-1]) || s[i-1] == '_') {
			continue
		}
		j := i
		for j < len(s) && (isAlnum(s[j]) || s[j] == '_' || s[j] == '-' || s[j] == '.') {
			j++
		}
		if w := strings.Trim(s[i:j], ".-"); len(w) >= 6 && (strings.ContainsAny(w, "_-.") || hasUpper(w)) {
			return w
		}
		i = j
	}
	return ""
}

// hasUpper reports whether s has an ASCII upper-case letter.
func hasUpper(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 'A' && s[i] <= 'Z' {
			return true
		}
	}
	return false
}

// trimValue cuts a written value down to the word it sets: quotes,
// spaces, commas and a trailing comment go.
func trimValue(s string) string {
	s = strings.TrimSpace(s)
	if k := strings.IndexAny(s, "#,;\n"); k >= 0 {
		s = s[:k]
	}
	return strings.Trim(strings.TrimSpace(s), `"'`)
}

// textAssignments appends the settings of text that assigns keys as
// HCL, YAML, TOML, JSON or an env file writes them: key = value,
// key: value, "key": value.
func textAssignments(text string, out []setting) []setting {
	for i := 0; i < len(text) && len(out) < maxSettings; i++ {
		c := text[i]
		if c != '=' && c != ':' {
			continue
		}
		if i+1 < len(text) && (text[i+1] == '=' || c == ':' && text[i+1] == ':') {
			i++
			continue
		}
		key := strings.TrimRight(text[:i], " \t\"'")
		start := len(key)
		for start > 0 && (isAlnum(key[start-1]) || strings.IndexByte("_-.", key[start-1]) >= 0) {
			start--
		}
		key = key[start:]
		if key == "" || !isLetter(key[0]) {
			continue
		}
		val := trimValue(strings.TrimLeft(text[i+1:], " \t"))
		if k := strings.IndexAny(val, " \t}"); k >= 0 {
			val = val[:k]
		}
		if val == "" {
			continue
		}
		out = append(out, setting{path: splitKey(key, nil), key: key, value: strings.Trim(val, `"'`)})
	}
	return out
}

// assignSettings appends the settings of a yq or jq expression:
// .a.b = value, .a.b |= value, and del(.a.b) as the member set to null.
func assignSettings(expr string, out []setting) []setting {
	for i := 0; i < len(expr) && len(out) < maxSettings; i++ {
		if strings.HasPrefix(expr[i:], "del(") {
			end := strings.IndexByte(expr[i:], ')')
			if end < 0 {
				break
			}
			for _, p := range strings.Split(expr[i+4:i+end], ",") {
				if p = strings.TrimSpace(p); strings.HasPrefix(p, ".") {
					// A member deleted is null, and a protection deleted
					// is off (its default).
					path := splitKey(yqPath(p), nil)
					out = append(out, setting{path: path, key: p, value: "null"}, setting{path: path, key: p, value: "false"})
				}
			}
			i += end
			continue
		}
		if expr[i] != '=' || i+1 < len(expr) && expr[i+1] == '=' || i > 0 && strings.IndexByte("=!<>", expr[i-1]) >= 0 {
			continue
		}
		lhs := strings.TrimRight(strings.TrimSuffix(strings.TrimRight(expr[:i], " \t"), "|"), " \t")
		start := len(lhs)
		for start > 0 && !strings.ContainsRune(" \t(|,;", rune(lhs[start-1])) {
			start--
		}
		path := lhs[start:]
		if !strings.HasPrefix(path, ".") {
			continue
		}
		val := strings.TrimLeft(expr[i+1:], " \t")
		if strings.HasPrefix(val, "{") || strings.HasPrefix(val, "[") {
			out, _ = jsonSettings(splitKey(yqPath(path), nil), jsonValueText(val), out)
			continue
		}
		if k := strings.IndexAny(val, " \t|),;"); k >= 0 {
			val = val[:k]
		}
		out = append(out, setting{path: splitKey(yqPath(path), nil), key: path, value: strings.Trim(val, `"'`)})
	}
	return out
}

// yqPath writes a yq path as a dotted key: ."a.b" and .["x"] quote a
// segment, which splitKey reads without its quotes.
func yqPath(p string) string {
	r := strings.NewReplacer(`"`, "", `'`, "", "[", ".", "]", "")
	return r.Replace(p)
}

// jsonValueText returns the JSON object or list at the start of s.
func jsonValueText(s string) string {
	depth := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '{', '[':
			depth++
		case '}', ']':
			if depth--; depth == 0 {
				return s[:i+1]
			}
		}
	}
	return s
}
