package rules

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/guardsh/guard/internal/httpreq"
	"github.com/guardsh/guard/internal/parse"
)

// This file holds the safeguard-off matcher: a setting that turns off what
// stops the next deletion, written as an option of any CLI or as a field of
// an HTTP request from any client. Deletion protection set to false,
// versioning suspended, Elasticsearch's action.destructive_requires_name
// set to false, force pushes allowed on a protected branch, a volume's
// reclaim policy set to Delete: each destroys nothing by itself, and makes
// the next mistake unrecoverable.
//
// The keys are data (the rule's with.keys). A setting is read as a path of
// key segments and a value, however the command spells it:
//
//   - options: --no-deletion-protection, --deletion-protection=false,
//     --enable-versioning false, --disable-termination-protection,
//     --clear-soft-delete, --protection 0;
//   - key=value words and lists, alone or as an option's value: --set
//     deletionProtection=false, Status=Suspended (under
//     --versioning-configuration), the AWS shorthand
//     Key=deletion_protection.enabled,Value=false;
//   - JSON, inline or from a file:// the command wrote or that exists:
//     {"persistent": {"action.destructive_requires_name": false}}, JSON
//     patches ({"op": "replace", "path": "/spec/...", "value": "Delete"})
//     and Key/Value lists;
//   - HTTP bodies, form fields (gh api -F enabled=false) and query
//     parameters, under the request's URL path, so that PUT
//     repos/o/r/actions/permissions with enabled=false is the setting
//     actions.permissions.enabled;
//   - a key word followed by its value: gsutil versioning set off.
//
// Segments compare in lower case without - and _ (deletion_protection,
// deletionProtection and deletion-protection are one key), an enable
// prefix and an enabled, status or state suffix say nothing
// (EnableDeletionProtection, deletion_protection.enabled and
// PointInTimeRecoveryEnabled are the protection itself), and a key
// matches when its segments end the setting's path, the last one as a
// suffix (rds_deletion_protection is deletion_protection).
//
// A command that creates something (create, new, launch, restore, install)
// is not turning a safeguard off: what it makes never had one.

// safeguardKey is one key of with.keys and the values that turn it off.
type safeguardKey struct {
	raw   string
	segs  []string
	off   bool // the off words: false, 0, no, off, none, disabled, suspended, ...
	on    bool // the on words: true, 1, yes, on, enabled, ...
	words []string
	// exact keys match their last segment as a whole, not as a suffix.
	exact bool
	// remote keys count only in a request to another machine: a
	// development cluster on this one runs without replicas.
	remote bool
	// below, when not 0, matches a duration shorter than it: a
	// retention or time to live cut to nothing (safeguardvalues.go).
	below time.Duration
	// above, when hasAbove, matches a whole number greater than it: a
	// key's floor raised past what holds the data (a transit key's
	// min_decryption_version).
	above    int
	hasAbove bool
	// anywhere matches a list of addresses that holds the whole
	// internet (0.0.0.0/0); admin, a role that can do anything.
	anywhere, admin bool
}

// setting is one key set to one value by a command.
type setting struct {
	path       []string // normalized segments
	key, value string   // as written, for messages
	local      bool     // made by a request to this machine, or by a CLI
	where      string   // the request that makes it, for messages
}

// newSafeguardOff matches a command that sets a key of with.keys to a
// value that turns it off. Each key is written "path=values": a dotted
// path (with a leading ^, its last segment must match as a whole, not as
// a suffix) and, separated by |, the values that match: off (any off word), on
// (any on word, for keys that allow what they guard against, such as
// allow_force_pushes), <DURATION (shorter than it), >N (a whole number
// above N) or a literal word (none, delete, null); a last segment * is
// any one segment (saved.searches.*: any saved search); with.remote
// are keys written the same way that count only in a request to another
// machine (number_of_replicas=0). with.creates
// are the words of a subcommand that creates what it sets up.
func newSafeguardOff(with map[string]any) (matchFunc, error) {
	p := newParams(with)
	specs := p.strings("keys")
	remote := p.strings("remote")
	creates := p.strings("creates")
	says := p.string("says", "which turns a safeguard off")
	if err := p.done(); err != nil {
		return nil, err
	}
	if len(specs) == 0 {
		return nil, errors.New("safeguard-off needs keys")
	}
	// The keys of the embedded packs are compiled when a command holds
	// one of their stems; others now, to report their errors.
	stems, ok := compiledStems(specs, remote)
	keysOf := sync.OnceValue(func() []safeguardKey {
		keys, _, _ := safeguardKeys(specs, remote)
		return keys
	})
	if !ok {
		keys, s, err := safeguardKeys(specs, remote)
		if err != nil {
			return nil, err
		}
		stems = s
		keysOf = func() []safeguardKey { return keys }
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		var found []setting
		// An HTTP client's or interpreter code's requests, or else the
		// CLI's own arguments (az, gh and glab are both).
		if reqs := v.httpRequests(inv); len(reqs) > 0 {
			for i := range reqs {
				r := &reqs[i]
				if r.Method == "GET" || r.Method == "HEAD" || r.Method == "OPTIONS" || r.Method == "" {
					continue
				}
				if !requestMentions(r, stems) || r.Loopback() && storeOf(r) == "" && inv.Remote == "" {
					continue
				}
				n := len(found)
				found = requestSettings(r, found)
				for i := n; i < len(found); i++ {
					found[i].local = r.Loopback()
					found[i].where = r.Method + " " + r.Where() + shortPath(r) + ": "
				}
			}
		} else if kind := editorKind(inv, v.name); kind != "" {
			// A file edited in place: sed -i, perl -pi, yq -i (safeguardedits.go).
			found = editSettings(inv, kind, stems, found)
		} else {
			// A SQL or CQL client's server-wide SET (sqlsettings.go):
			// the only settings read from a program whose words are text.
			found = sqlSettings(inv, v, stems, found)
			plain := v.set != nil && v.set.verbs != nil && v.set.verbs.has(listPlain, v.name)
			if len(found) == 0 && plain {
				return "", false
			}
			// A kubectl body in YAML, inline or on stdin (kubebody.go).
			found = kubeYAMLSettings(inv, v, stems, found)
			if len(found) == 0 && !argsMention(inv, stems) && !assignsMention(inv, stems) || createsThing(inv, v, creates) {
				return "", false
			}
			n := 0
			if !plain {
				found = cliSettings(inv, ctx, keysOf(), stems, found)
			}
			for i := n; i < len(found); i++ {
				found[i].local = true
			}
		}
		if len(found) == 0 {
			return "", false
		}
		found = pairedSettings(found)
		keys := keysOf()
		for _, s := range found {
			inv, inverted := invertedSetting(s)
			if len(s.path) > 0 && zeroKeepsForever(s.value, s.path[len(s.path)-1], append([]string{v.name}, s.path...)...) {
				// A retention of 0 keeps everything for some tools
				// (InfluxDB, Loki, Mimir): neither short nor off.
				continue
			}
			for i := range keys {
				// A key that says disable is read the other way, unless
				// the rule's key says it too (disable_api_termination).
				k := &keys[i]
				if inverted && k.matches(inv) || (!inverted || k.saysDisable()) && k.matches(s) {
					return fmt.Sprintf("%s%s set to %s, %s", s.where, s.key, s.value, says), true
				}
			}
		}
		return "", false
	}, nil
}

// safeguardKeys compiles the keys of with.keys and with.remote, and
// their stems: the keys' last segments. A command that holds none of the
// stems, ignoring case, - and _, sets none of the keys, and is not read
// further.
func safeguardKeys(specs, remote []string) ([]safeguardKey, []string, error) {
	keys := make([]safeguardKey, 0, len(specs)+len(remote))
	stems := make([]string, 0, len(specs)+len(remote))
	for n, s := range append(specs[:len(specs):len(specs)], remote...) {
		path, vals, ok := strings.Cut(s, "=")
		if !ok || path == "" || vals == "" {
			return nil, nil, fmt.Errorf("key %q: want path=values", s)
		}
		exact := strings.HasPrefix(path, "^")
		path = strings.TrimPrefix(path, "^")
		k := safeguardKey{raw: path, segs: foldSegs(splitKey(path, nil)), remote: n >= len(specs), exact: exact}
		if len(k.segs) == 0 {
			return nil, nil, fmt.Errorf("key %q: empty path", s)
		}
		for _, v := range strings.Split(vals, "|") {
			if d, ok := strings.CutPrefix(v, ">"); ok {
				n, err := strconv.Atoi(d)
				if err != nil || n < 0 {
					return nil, nil, fmt.Errorf("key %q: %q is not a whole number such as >1", s, v)
				}
				k.above, k.hasAbove = n, true
				continue
			}
			if d, ok := strings.CutPrefix(v, "<"); ok {
				limit, ok := parseRetention(d, time.Hour)
				if !ok || limit <= 0 {
					return nil, nil, fmt.Errorf("key %q: %q is not a duration such as <1d", s, v)
				}
				k.below = limit
				continue
			}
			switch v = normWord(v); v {
			case "off":
				k.off = true
			case "on":
				k.on = true
			case "anywhere":
				k.anywhere = true
			case "admin":
				k.admin = true
			default:
				k.words = append(k.words, v)
			}
		}
		// The stem is the last segment that is not *: saved.searches.*
		// (any one saved search) is found by searches.
		stem := ""
		for i := len(k.segs) - 1; i >= 0 && stem == ""; i-- {
			if k.segs[i] != "*" {
				stem = k.segs[i]
			}
		}
		if stem == "" {
			return nil, nil, fmt.Errorf("key %q: no segment but *", s)
		}
		keys = append(keys, k)
		stems = append(stems, stem)
	}
	return keys, stems, nil
}

// saysDisable reports whether the key's own name says disable.
func (k *safeguardKey) saysDisable() bool {
	return strings.HasPrefix(k.segs[len(k.segs)-1], "disable")
}

// matches reports whether a setting sets the key to a value that turns it
// off.
func (k *safeguardKey) matches(s setting) bool {
	if k.remote && s.local {
		return false
	}
	path := foldSegs(s.path)
	n, m := len(k.segs), len(path)
	if m < n {
		return false
	}
	for i := 0; i < n; i++ {
		want, got := k.segs[n-1-i], path[m-1-i]
		if want == "*" {
			continue // schedules.*.template.ttl: any one segment
		}
		if i == 0 && len(want) >= 6 && !k.exact {
			if !strings.HasSuffix(got, want) {
				return false
			}
			continue
		}
		if got != want {
			return false
		}
	}
	val := normWord(s.value)
	switch {
	case k.off && (offWord(val) || val == "clear" || val == "unset"), k.on && onWord(val):
		// A setting cleared (mc legalhold clear, --clear-soft-delete)
		// is off too; a key can ask for cleared only (retention=clear).
		return true
	case k.below > 0 && shortDuration(path[m-1], s.value, k.below),
		k.anywhere && opensToAnyone(s.value), k.admin && adminRole(val):
		return true
	case k.hasAbove:
		if n, err := strconv.Atoi(val); err == nil && n > k.above {
			return true
		}
	}
	for _, w := range k.words {
		if w == val {
			return true
		}
	}
	return false
}

// offWord reports whether a normalized value switches a setting off.
func offWord(v string) bool {
	switch v {
	case "false", "0", "no", "off", "none", "disable", "disabled", "inactive", "suspend", "suspended", "f", "n":
		return true
	}
	// DELETE_PROTECTION_DISABLED, PROTECTION_OFF.
	return len(v) > 8 && (strings.HasSuffix(v, "disabled") || strings.HasSuffix(v, "off"))
}

// onWord reports whether a normalized value switches a setting on.
func onWord(v string) bool {
	switch v {
	case "true", "1", "yes", "on", "enable", "enabled", "active", "t", "y":
		return true
	}
	return false
}

// normWord lower-cases a key segment or value and removes - and _, spaces
// and quotes.
func normWord(s string) string {
	clean := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' || c == '-' || c == '_' || c == ' ' || c == '"' || c == '\'' {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '-' || c == '_' || c == ' ' || c == '"' || c == '\'':
		case c >= 'A' && c <= 'Z':
			b = append(b, c+'a'-'A')
		default:
			b = append(b, c)
		}
	}
	return string(b)
}

// splitKey appends the normalized segments of a key as written
// (a.b.c, /spec/x, a[b][c]) to out.
func splitKey(key string, out []string) []string {
	start := 0
	for i := 0; i <= len(key); i++ {
		if i < len(key) {
			if c := key[i]; c != '.' && c != '/' && c != '[' && c != ']' {
				continue
			}
		}
		if seg := normWord(key[start:i]); seg != "" {
			out = append(out, seg)
		}
		start = i + 1
	}
	return out
}

// foldSegs drops what says nothing about which safeguard a path names: a
// trailing enabled, enable, status or state segment, an enable prefix and
// an enabled or configuration suffix of the last segment. It returns a
// new slice when it changes one.
func foldSegs(segs []string) []string {
	for len(segs) > 1 {
		switch segs[len(segs)-1] {
		case "enabled", "enable", "status", "state":
			segs = segs[:len(segs)-1]
			continue
		}
		break
	}
	if len(segs) == 0 {
		return segs
	}
	last := segs[len(segs)-1]
	s := last
	for _, pre := range [...]string{"enable", "is"} {
		if r, ok := strings.CutPrefix(s, pre); ok && len(r) >= 4 {
			s = r
			break
		}
	}
	for _, suf := range [...]string{"enabled", "configuration", "config", "state", "status"} {
		if r, ok := strings.CutSuffix(s, suf); ok && len(r) >= 4 {
			s = r
			break
		}
	}
	if s == last {
		return segs
	}
	out := make([]string, len(segs))
	copy(out, segs)
	out[len(out)-1] = s
	return out
}

// createsThing reports whether the command's subcommand path names a
// create: aws rds create-db-instance --no-deletion-protection makes an
// instance that never had the protection. The verb is a leading word of
// the path, or the first part of one (create-db-instance).
func createsThing(inv *parse.Invocation, v *view, creates []string) bool {
	if len(creates) == 0 || v.set == nil || v.set.verbs == nil {
		return false
	}
	m := v.set.verbs
	args := inv.Own()
	var parts [maxParts]string
	for i, n := 1, 0; i < len(args) && n < maxPath; i++ {
		a := args[i]
		s := a.Value
		if a.Dynamic {
			continue
		}
		if len(s) > 1 && s[0] == '-' {
			if !strings.Contains(s, "=") && (v.tool != nil && slices.Contains(v.tool.ValueFlags, s) || v.tool == nil && m.has(listValueFlags, s)) {
				i++
			}
			continue
		}
		if !bareWord(s) {
			return false
		}
		n++
		if splitParts(s, parts[:]) == 0 {
			continue
		}
		for _, c := range creates {
			if strings.EqualFold(parts[0], c) {
				return true
			}
		}
	}
	return false
}

// requestMentions reports whether a request's path, query or body holds
// one of the stems.
func requestMentions(r *httpreq.Request, stems []string) bool {
	if mentionsStem(r.Path, stems) || mentionsStem(r.Query, stems) {
		return true
	}
	for _, p := range r.Body {
		if mentionsStem(p.Name, stems) || mentionsStem(p.Value, stems) {
			return true
		}
	}
	return false
}

// argsMention reports whether a program's own arguments hold one of the
// stems.
func argsMention(inv *parse.Invocation, stems []string) bool {
	for i, a := range inv.Own() {
		if i > 0 && mentionsStem(a.Value, stems) {
			return true
		}
	}
	return false
}

// mentionsStem reports whether text holds one of the stems, which are in
// lower case without - and _, ignoring case and the - and _ of text:
// deletion_protection and DeletionProtection hold deletionprotection.
func mentionsStem(text string, stems []string) bool {
	if len(text) < 4 {
		return false
	}
	for _, stem := range stems {
		first := stem[0]
		for i := 0; i+len(stem) <= len(text); i++ {
			if text[i]|0x20 != first {
				continue
			}
			j, k := i, 0
			for j < len(text) && k < len(stem) {
				c := text[j]
				if c == '-' || c == '_' {
					j++
					continue
				}
				if c|0x20 != stem[k] {
					break
				}
				j++
				k++
			}
			if k == len(stem) {
				return true
			}
		}
	}
	return false
}
