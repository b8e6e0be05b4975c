package rules

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/guardsh/guard/internal/httpreq"
	"github.com/guardsh/guard/internal/parse"
)

// Reading the settings a command makes, for the safeguard-off matcher:
// from a CLI's options and operands, and from an HTTP request's body,
// fields and query.

// maxSettings bounds the settings read from one command.
const maxSettings = 512

// requestSettings appends the settings an HTTP request makes: its query
// parameters, form fields and body, under the segments of its URL path.
func requestSettings(r *httpreq.Request, out []setting) []setting {
	base := splitKey(r.Path, nil)
	if r.Query != "" {
		out = kvSettings(base, r.Query, "&", out)
	}
	for _, p := range r.Body {
		if p.Name != "" {
			val := p.Value
			if inner, ok := strings.CutPrefix(val, "${"); ok && strings.HasSuffix(inner, "}") {
				// Interpreter code's literal that is not a string: False,
				// None, 0 (see httpreq's code reader).
				val = strings.TrimSuffix(inner, "}")
				if w := normWord(val); w == "none" || w == "nil" || w == "undefined" {
					val = "null"
				}
			}
			out = valueSettings(splitKey(p.Name, clone(base)), p.Name, val, out)
			continue
		}
		out = textSettings(base, p.Value, out)
	}
	return out
}

func clone(s []string) []string { return append([]string(nil), s...) }

// valueSettings appends the settings of one key's value: JSON read as
// JSON, a list of key=value read under the key, anything else the value.
func valueSettings(path []string, key, val string, out []setting) []setting {
	t := strings.TrimSpace(val)
	switch {
	case strings.HasPrefix(t, "{") || strings.HasPrefix(t, "["):
		if next, ok := jsonSettings(path, t, out); ok {
			return next
		}
	case strings.Contains(t, "=") && !strings.ContainsAny(t, " \n"):
		return kvSettings(path, t, ",", out)
	}
	if len(out) < maxSettings {
		out = append(out, setting{path: path, key: key, value: val})
	}
	return out
}

// textSettings appends the settings of a body or option value whose key
// is the path: JSON, a form, or a list of key=value.
func textSettings(path []string, text string, out []setting) []setting {
	t := strings.TrimSpace(text)
	switch {
	case strings.HasPrefix(t, "{") || strings.HasPrefix(t, "["):
		out, _ = jsonSettings(path, t, out)
	case strings.Contains(t, "=") && !strings.ContainsAny(t, " \n"):
		sep := ","
		if strings.Contains(t, "&") {
			sep = "&"
		}
		out = kvSettings(path, t, sep, out)
	}
	return out
}

// kvSettings appends the settings of a list of key=value (a form, the AWS
// shorthand, kafka-configs' --add-config). A list that names its key and
// value, Key=deletion_protection.enabled,Value=false, is that one setting.
func kvSettings(path []string, text, sep string, out []setting) []setting {
	items := splitTop(text, sep)
	var named, value string
	hasNamed, hasValue := false, false
	for _, it := range items {
		k, v, ok := strings.Cut(it, "=")
		if !ok {
			continue
		}
		switch normWord(k) {
		case "key", "name", "parametername", "attributename", "attribute":
			named, hasNamed = v, true
		case "value", "parametervalue", "attributevalue":
			value, hasValue = v, true
		}
	}
	if hasNamed && hasValue {
		return append(out, setting{path: splitKey(named, clone(path)), key: named, value: value})
	}
	for _, it := range items {
		k, v, ok := strings.Cut(it, "=")
		if !ok || k == "" || len(out) >= maxSettings {
			continue
		}
		out = append(out, setting{path: splitKey(k, clone(path)), key: k, value: v})
	}
	return out
}

// jsonSettings appends the settings of JSON text, reporting whether it
// decoded. Several values, one a line, are read one by one.
func jsonSettings(path []string, text string, out []setting) ([]setting, bool) {
	for try := 0; try < 2; try++ {
		d := json.NewDecoder(strings.NewReader(text))
		d.UseNumber()
		decoded := false
		for len(out) < maxSettings {
			var v any
			if d.Decode(&v) != nil {
				break
			}
			decoded = true
			out = walkSettings(path, "", v, out, 0)
		}
		if decoded {
			return out, true
		}
		// A Python or JavaScript literal: {'enabled': False}, {enabled: false}.
		text = jsonish(text)
	}
	return out, false
}

// jsonish rewrites an object literal of Python, JavaScript or Ruby as
// JSON: single-quoted strings, bare keys, True, False and None, and
// trailing commas.
func jsonish(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 16)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"' || c == '\'':
			j := i + 1
			b.WriteByte('"')
			for ; j < len(s) && s[j] != c; j++ {
				if s[j] == '\\' && j+1 < len(s) {
					b.WriteByte(s[j])
					j++
				} else if s[j] == '"' {
					b.WriteByte('\\')
				}
				b.WriteByte(s[j])
			}
			b.WriteByte('"')
			i = j
		case isLetter(c) || c == '_':
			j := i
			for j < len(s) && (isAlnum(s[j]) || s[j] == '_' || s[j] == '.') {
				j++
			}
			w := s[i:j]
			k := j
			for k < len(s) && (s[k] == ' ' || s[k] == '\t') {
				k++
			}
			switch {
			case k < len(s) && (s[k] == ':' || s[k] == '=' && k+1 < len(s) && s[k+1] == '>'):
				b.WriteString(`"` + w + `"`)
			case w == "True" || w == "true":
				b.WriteString("true")
			case w == "False" || w == "false":
				b.WriteString("false")
			case w == "None" || w == "null" || w == "nil" || w == "undefined":
				b.WriteString("null")
			default:
				b.WriteString(`"` + w + `"`)
			}
			i = j - 1
		case c == '=' && i+1 < len(s) && s[i+1] == '>':
			b.WriteByte(':')
			i++
		case c == ',':
			k := i + 1
			for k < len(s) && strings.IndexByte(" \t\r\n", s[k]) >= 0 {
				k++
			}
			if k < len(s) && (s[k] == '}' || s[k] == ']') {
				continue
			}
			b.WriteByte(c)
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// walkSettings appends the settings of a decoded JSON value at path. key
// is the last key as written, for messages.
func walkSettings(path []string, key string, v any, out []setting, depth int) []setting {
	if depth > 24 || len(out) >= maxSettings {
		return out
	}
	switch x := v.(type) {
	case map[string]any:
		if s, ok := namedSetting(path, x); ok {
			out = append(out, s)
			if argList(s.value) {
				// A JSON patch that adds a container's argument.
				out = argListSettings(s.value, out)
			}
		}
		// In the order of the keys, not the map's: the first setting
		// that turns a safeguard off is the finding's detail, and the
		// same command must always give the same one.
		for _, k := range slices.Sorted(maps.Keys(x)) {
			out = walkSettings(splitKey(k, clone(path)), k, x[k], out, depth+1)
		}
	case []any:
		if len(x) == 0 {
			// An emptied list: "finalizers": [].
			out = append(out, setting{path: path, key: key, value: "[]"})
		}
		for _, e := range x {
			out = walkSettings(path, key, e, out, depth+1)
		}
	default:
		out = append(out, setting{path: path, key: key, value: scalarText(x)})
		if t, ok := x.(string); ok && argList(t) {
			// A container's argument: "args": ["--retention.time=1h"].
			out = argListSettings(t, out)
		}
	}
	return out
}

// namedSetting reads an object that names its key and value: a JSON
// patch operation ({"op": "replace", "path": "/spec/x", "value": "Delete"})
// or a Key/Value pair ({"Key": "deletion_protection.enabled", "Value":
// "false"}).
func namedSetting(path []string, obj map[string]any) (setting, bool) {
	var name string
	var val any
	hasName, hasVal := false, false
	for _, k := range slices.Sorted(maps.Keys(obj)) {
		e := obj[k]
		switch normWord(k) {
		case "path", "key", "name", "parametername", "attributename":
			if s, ok := e.(string); ok {
				name, hasName = s, true
			}
		case "value", "parametervalue", "attributevalue":
			val, hasVal = e, true
		}
	}
	if hasName && !hasVal && strings.EqualFold(fmt.Sprint(obj["op"]), "remove") {
		// A JSON patch that removes the member: {"op": "remove", "path":
		// "/metadata/finalizers"}.
		return setting{path: splitKey(name, clone(path)), key: name, value: "null"}, true
	}
	if !hasName || !hasVal {
		return setting{}, false
	}
	switch val.(type) {
	case map[string]any, []any:
		return setting{}, false
	}
	return setting{path: splitKey(name, clone(path)), key: name, value: scalarText(val)}, true
}

// scalarText writes a JSON scalar as a command would: true, false, null,
// a number or the string.
func scalarText(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case bool:
		if x {
			return "true"
		}
		return "false"
	case json.Number:
		return x.String()
	case string:
		return x
	}
	return ""
}

// cliSettings appends the settings a CLI's arguments make.
func cliSettings(inv *parse.Invocation, ctx *Context, keys []safeguardKey, stems []string, out []setting) []setting {
	args := inv.Own()
	var attr, attrVal string
	for i := 1; i+1 < len(args); i++ {
		// --attribute disableApiTermination --value false (aws ec2).
		switch args[i].Value {
		case "--attribute", "--attribute-name", "--key", "--parameter-name":
			attr = args[i+1].Value
		case "--value", "--attribute-value", "--parameter-value":
			attrVal = args[i+1].Value
		}
	}
	if attr != "" && attrVal != "" {
		out = append(out, setting{path: splitKey(attr, nil), key: attr, value: attrVal})
	}
	out = envSettings(inv, out)
	// kubectl label ns prod protection=off names a label, not the setting.
	labels := false
	for i, a := range args {
		if i > 0 && i <= maxPath {
			switch strings.ToLower(a.Value) {
			case "label", "labels", "annotate", "tag", "tags":
				labels = true
			}
		}
	}
	for i := 1; i < len(args) && len(out) < maxSettings; i++ {
		a := args[i]
		s := a.Value
		if a.Dynamic || s == "--" {
			continue
		}
		if labels && !strings.HasPrefix(s, "-") {
			continue
		}
		if name, ok := longOption(s); ok {
			name, val, eq := strings.Cut(name, "=")
			var next parse.Word
			if !eq && i+1 < len(args) && !strings.HasPrefix(args[i+1].Value, "-") && !args[i+1].Dynamic {
				next = args[i+1]
			}
			out = optionSettings(inv, ctx, keys, name, val, eq, next, &i, out)
			continue
		}
		t := strings.TrimSpace(s)
		if len(t) > 3 && t[0] == '-' && t[1] != '-' && t[2] == '=' && (t[3] == '{' || t[3] == '[') {
			// A short option's JSON value after =: kubectl patch -p='[...]'.
			t = t[3:]
		}
		switch {
		case strings.HasPrefix(t, "{") || strings.HasPrefix(t, "["):
			out, _ = jsonSettings(nil, t, out)
		case strings.Contains(s, "=") && argList(s[strings.IndexByte(s, '=')+1:]):
			// An option that passes arguments on: mvn
			// -Dspring-boot.run.arguments=--spring.jpa.hibernate.ddl-auto=create.
			out = argListSettings(s[strings.IndexByte(s, '=')+1:], out)
		case strings.Contains(s, "=") && !strings.ContainsAny(s, " \n"):
			if k, v, _ := strings.Cut(s, "="); len(k) > 1 && k[0] == '-' && !strings.ContainsAny(k, ".") && strings.Contains(v, "=") {
				// A short option's key=value: terraform -var=retention_days=0.
				s = v
			}
			out = kvSettings(nil, s, ",", out)
		case i+1 < len(args) && len(s) < 40 && mentionsStem(s, stems):
			// A key word and its value, within the next two words:
			// gsutil versioning set off, rclone backend versioning
			// s3:bucket Suspended, git config gc.reflogExpire now.
			for j := i + 1; j < len(args) && j <= i+2; j++ {
				if strings.HasPrefix(args[j].Value, "-") {
					// An option (-n falco), not a value.
					continue
				}
				w := normWord(args[j].Value)
				if !offWord(w) && !onWord(w) && w != "clear" && w != "unset" && !keyWord(keys, w) {
					continue
				}
				out = append(out, setting{path: splitKey(s, nil), key: s, value: w})
				break
			}
		}
	}
	return out
}

// longOption returns a long option's text without its dashes: --name,
// and -name as terraform, find and Proxmox's qm write them (four letters
// at least, so that a cluster such as -rf is not one).
func longOption(s string) (string, bool) {
	if rest, ok := strings.CutPrefix(s, "--"); ok && len(rest) > 1 {
		return rest, true
	}
	if len(s) < 5 || s[0] != '-' {
		return "", false
	}
	name, _, _ := strings.Cut(s[1:], "=")
	if len(name) < 4 || !isLetter(name[0]) {
		return "", false
	}
	for i := 0; i < len(name); i++ {
		if !isLetter(name[i]) && name[i] != '-' && name[i] != '_' {
			return "", false
		}
	}
	return s[1:], true
}

// optionSettings appends the settings of one long option: its name, with
// a no-, disable- or clear- prefix read as setting the rest off, and its
// value, attached or the next word when that word is a value a key
// takes; a structured value (key=value, JSON, file://) is read under the
// option's name.
func optionSettings(inv *parse.Invocation, ctx *Context, keys []safeguardKey, name, val string, eq bool, next parse.Word, i *int, out []setting) []setting {
	key := "--" + name
	if rest, ok := strings.CutPrefix(name, "no-"); ok {
		return append(out, setting{path: splitKey(rest, nil), key: key, value: "false"})
	}
	for _, pre := range [...]string{"clear-", "unset-"} {
		if rest, ok := strings.CutPrefix(name, pre); ok {
			// Cleared, not set to 0: a key may tell the two apart.
			return append(out, setting{path: splitKey(rest, nil), key: key, value: pre[:len(pre)-1]})
		}
	}
	switch normWord(name) {
	case "tags", "tag", "labels", "label", "annotations":
		// --tags Key=deletion_protection,Value=false is a tag.
		if !eq && next.Value != "" {
			*i++
		}
		return out
	}
	path := splitKey(name, nil)
	if !eq && next.Value != "" {
		w := normWord(next.Value)
		structured := strings.HasPrefix(next.Value, "file://") || strings.ContainsAny(next.Value, "={[")
		if structured || offWord(w) || onWord(w) || keyWord(keys, w) {
			val, eq = next.Value, true
			*i++
		}
	}
	if !eq {
		val = "true"
	}
	if strings.HasPrefix(val, "file://") || strings.HasPrefix(val, "fileb://") {
		text, _, ok := payloadText(inv, parse.Word{Value: val}, ctx)
		if !ok {
			return out
		}
		val = text
	}
	if rest, ok := strings.CutPrefix(normWord(name), "disable"); ok && len(rest) >= 4 {
		// --disable-termination-protection is termination protection
		// off; --disable-api-termination=false is disable_api_termination.
		w := normWord(val)
		switch {
		case onWord(w):
			out = append(out, setting{path: []string{rest}, key: key, value: "false"})
		case offWord(w):
			out = append(out, setting{path: []string{rest}, key: key, value: "true"})
		}
	}
	t := strings.TrimSpace(val)
	if argList(t) {
		// gradle bootRun --args='--spring.profiles.active=prod --x=y'.
		return argListSettings(t, out)
	}
	if strings.HasPrefix(t, "{") || strings.HasPrefix(t, "[") || strings.Contains(t, "=") {
		n := len(out)
		out = textSettings(path, t, out)
		if len(out) > n {
			return out
		}
	}
	return append(out, setting{path: path, key: key, value: val})
}

// keyWord reports whether a normalized word is a literal value one of
// the keys takes (none, delete, mutable).
func keyWord(keys []safeguardKey, w string) bool {
	for i := range keys {
		for _, k := range keys[i].words {
			if k == w {
				return true
			}
		}
	}
	return false
}
