package rules

import (
	"regexp"
	"strings"

	"github.com/guardsh/guard/internal/lazy"
	"github.com/guardsh/guard/internal/parse"
	"github.com/guardsh/guard/internal/wordlist"
)

// Scaling a service to zero stops every instance of it, in any cloud CLI:
// aws ecs update-service --desired-count 0, aws autoscaling
// update-auto-scaling-group --max-size 0, gcloud run services update
// --max-instances 0, az containerapp update --max-replicas 0, fly scale
// count 0, heroku ps:scale web=0, aws lambda put-function-concurrency
// --reserved-concurrent-executions 0. The scales-zero matcher reads an
// option or key=value whose name counts running copies (count, replicas,
// capacity, instances, nodes, workers, concurrency, a group's size) set to
// 0, on a subcommand that changes something that exists (update, scale,
// set, resize, modify, put, patch, configure, deploy); on a scale
// subcommand any key=0 or a bare 0 counts. A minimum of 0 (--min-instances
// 0, scale to zero when idle) and creating a resource stopped pass.
// kubectl scale and patch have their own rules (kubernetes.toml).

// scaleVerbs are the subcommand parts that change an existing resource's
// size.
const scaleVerbs = "update scale set resize modify edit patch configure put change adjust deploy upgrade register"

// countWords are the name parts of an option or key that counts running
// copies.
const countWords = "count replicas replica capacity instances nodes workers quantity concurrency concurrent desired " +
	"scale dynos tasks"

// notCountWords are name parts that make a count something else: a page,
// a retry limit, a limit on surges during a rollout.
const notCountWords = "min minimum provisioned prewarmed page batch retry retries retention keep history backup backups " +
	"log logs timeout items results surge unavailable healthy disk volume memory cpu storage cache " +
	"buffer queue warm standby spot ondemand demand percent percentage base boot snapshot error " +
	"errors"

// sizeWords may stand with size for a group's size (--max-size,
// --desired-size, --node-pool-size).
const sizeWords = "max maximum desired new target group pool cluster node fleet"

// jsonZero finds "key": 0 in JSON text; made when first needed, so that
// starting guard compiles none.
var jsonZero = lazy.Value[*regexp.Regexp]{Make: func() *regexp.Regexp {
	return regexp.MustCompile(`"([A-Za-z_][A-Za-z0-9_.-]*)"\s*:\s*0+\s*[,}\]]`)
}}

// newScalesZero matches a count of running copies set to 0; with.limits
// (the first name parts of a limit, such as Slurm's grp and max) matches
// instead a limit of an existing account or queue set to 0, alone or in
// a list of resources (GrpTRESMins=cpu=0, MaxJobs=0): nothing of it can
// run any more.
func newScalesZero(with map[string]any) (matchFunc, error) {
	p := newParams(with)
	limits := p.strings("limits")
	if err := p.done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		own := inv.Own()
		if !anyZero(own) {
			return "", false
		}
		if len(limits) > 0 {
			return zeroLimit(v, limits)
		}
		verb, scale := scalePath(own)
		if verb == "" {
			return "", false
		}
		if d := zeroOption(own); d != "" {
			return "it sets " + d + ", which stops every instance", true
		}
		for _, op := range v.operands {
			if d := zeroPairs(op.Value, scale); d != "" {
				return "it sets " + d + ", which stops every instance", true
			}
			if scale && op.Value == "0" && !op.Dynamic {
				return "it scales " + verb + " to 0, which stops every instance", true
			}
		}
		return "", false
	}, nil
}

// anyZero reports whether some word holds a 0, before the work of reading
// names.
func anyZero(words []parse.Word) bool {
	for _, w := range words[min(1, len(words)):] {
		if strings.IndexByte(w.Value, '0') >= 0 {
			return true
		}
	}
	return false
}

// scalePath returns the word of the subcommand path, before the first
// option, that changes a resource's size, and whether it is a scale verb;
// "" when none does or a part creates.
func scalePath(own []parse.Word) (string, bool) {
	verb, scale := "", false
	for _, w := range own[1:] {
		if strings.HasPrefix(w.Value, "-") || w.Dynamic {
			break
		}
		var buf [maxParts]string
		for _, part := range buf[:splitParts(w.Value, buf[:])] {
			part = strings.ToLower(part)
			if part == "create" || part == "new" || part == "launch" {
				return "", false
			}
			for s := range strings.FieldsSeq(scaleVerbs) {
				if part == s && verb == "" {
					verb = w.Value
				}
			}
			if part == "scale" || part == "resize" {
				verb, scale = w.Value, true
			}
		}
	}
	return verb, scale
}

// zeroOption returns an option, as written, whose name counts copies and
// whose value is 0, or whose value is a list of such pairs; or "". The
// value is the attached one or the next word, as most cloud CLIs take
// every long option's value.
func zeroOption(own []parse.Word) string {
	for i := 1; i < len(own); i++ {
		a := own[i].Value
		if a == "--" {
			break
		}
		if !strings.HasPrefix(a, "--") {
			continue
		}
		name, val, has := strings.Cut(a, "=")
		if !has && i+1 < len(own) && !strings.HasPrefix(own[i+1].Value, "-") {
			val, has = own[i+1].Value, true
		}
		if !has {
			continue
		}
		if zeroValue(val) && countName(strings.TrimLeft(name, "-")) {
			return name + " 0"
		}
		if d := zeroPairs(val, false); d != "" {
			return name + " " + d
		}
		if d := zeroJSON(val); d != "" {
			return name + " " + d
		}
	}
	return ""
}

// zeroJSON returns a "key": 0 member of JSON text whose key counts
// copies ({"desiredCount": 0}), or "".
func zeroJSON(s string) string {
	if strings.IndexByte(s, '{') < 0 {
		return ""
	}
	for _, m := range jsonZero.Get().FindAllStringSubmatch(s, -1) {
		if countName(m[1]) {
			return m[1] + ": 0"
		}
	}
	return ""
}

// zeroPairs returns a key=value pair in s, in a list separated by commas
// or spaces (minSize=0,maxSize=0,desiredSize=0), whose key counts copies,
// or on a scale subcommand any key, and whose value is 0; or "".
func zeroPairs(s string, scale bool) string {
	if strings.IndexByte(s, '=') < 0 {
		return ""
	}
	for _, pair := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' }) {
		key, val, ok := strings.Cut(pair, "=")
		if !ok || key == "" || strings.HasPrefix(key, "-") {
			continue
		}
		if size, _, sized := strings.Cut(val, ":"); sized {
			// heroku ps:scale web=0:standard-1x
			val = size
		}
		if zeroValue(val) && (countName(key) || scale && !strings.ContainsAny(key, "/.")) {
			return pair
		}
	}
	return ""
}

// zeroValue reports whether a value is the number 0.
func zeroValue(s string) bool {
	s = strings.Trim(s, "'\"")
	return s != "" && strings.Trim(s, "0") == ""
}

// countName reports whether an option or key name counts running copies:
// desired-count, maxReplicas, desired_capacity, max-size, but not
// min-instances, page-size or max-surge.
func countName(name string) bool {
	var buf [maxParts]string
	parts := buf[:splitParts(name, buf[:])]
	counts, size, other := false, false, false
	for _, p := range parts {
		p = strings.ToLower(p)
		switch {
		case wordlist.Has(notCountWords, p):
			return false
		case wordlist.Has(countWords, p):
			counts = true
		case p == "size":
			size = true
		case !wordlist.Has(sizeWords, p) && p != "of" && p != "number" && p != "num" && p != "reserved" && p != "executions":
			other = true
		}
	}
	return counts || size && !other
}

func containsString(list []string, s string) bool {
	for _, l := range list {
		if l == s {
			return true
		}
	}
	return false
}

// zeroLimit returns the operand, after a subcommand that changes what
// exists (modify, update, set), that sets a limit named by one of the
// prefixes to 0, or a list of resources one of which to 0: a queue's or
// an account's quota taken to nothing.
func zeroLimit(v *view, limits []string) (string, bool) {
	changes := false
	for _, op := range v.operands {
		if op.Dynamic {
			continue
		}
		key, val, ok := strings.Cut(op.Value, "=")
		if !ok {
			switch w := strings.ToLower(op.Value); {
			case w == "add" || w == "create" || w == "new":
				return "", false // what is made starts with its limits
			case wordlist.Has(scaleVerbs, w):
				changes = true
			}
			continue
		}
		if !changes {
			continue
		}
		var buf [maxParts]string
		parts := buf[:splitParts(key, buf[:])]
		if len(parts) == 0 || !containsString(limits, strings.ToLower(parts[0])) {
			continue
		}
		for _, item := range strings.Split(val, ",") {
			// cpu=0, gres/gpu=0, or the limit's own 0.
			_, n, _ := strings.Cut(item, "=")
			if !strings.Contains(item, "=") {
				n = item
			}
			if zeroValue(n) {
				return "it sets " + op.Value + ": nothing under that limit can run", true
			}
		}
	}
	return "", false
}
