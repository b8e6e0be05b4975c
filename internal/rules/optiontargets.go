package rules

import (
	"slices"
	"strings"

	"github.com/guardsh/guard/internal/parse"
	"github.com/guardsh/guard/internal/wordlist"
)

// A CLI whose verb is an option (kafka-topics --delete --topic X,
// kafka-consumer-groups --delete --group Y) names what it deletes in the
// value of another option. When every such value is a throwaway name
// (test-orders-local, e2e-run-7), or the scope is, the deletion is of a
// disposable target as the verb model's subcommand form is: see
// disposable.go. A pattern, a value known only at run time, an option
// guard cannot read, a broad option (--all, --prefix, --if-exists is
// quiet) or a production or lasting marker keeps asking.

// thingWords are the last parts of option names whose value names the
// thing an option verb acts on: --topic, --queue, --index, --group.
const thingWords = "topic topics queue queues stream streams index indices indexes bucket buckets table tables " +
	"collection collections subject subjects group groups key keys exchange exchanges channel " +
	"channels job jobs run runs"

// disposableOptionTargets reports whether an invocation whose verb is the
// option verb (--delete) names only disposable targets in its other
// options' values and its operands.
func disposableOptionTargets(inv *parse.Invocation, ctx *Context, verb string) bool {
	if inv.MoreArgs || keepMarker(inv, ctx) != "" {
		return false
	}
	args := inv.Args
	if inv.OwnArgs > 0 {
		args = args[:inv.OwnArgs]
	}
	var names, scopes []parse.Word
	for i := 1; i < len(args); i++ {
		a := args[i]
		s := a.Value
		if len(s) < 2 || s[0] != '-' {
			if a.Dynamic || a.Glob {
				return false
			}
			names = append(names, a)
			continue
		}
		if a.Dynamic || s == "--" {
			return false
		}
		name, val, has := strings.Cut(s, "=")
		if name == verb {
			continue
		}
		bare := strings.TrimLeft(name, "-")
		if !has && (wordlist.Has(quietOptions, strings.ToLower(bare)) || slices.Contains([]string{"if-exists", "if-empty"}, strings.ToLower(bare))) {
			continue
		}
		if broadName(bare) {
			return false
		}
		value := parse.Word{Value: val}
		switch {
		case has:
		case i+1 < len(args) && !strings.HasPrefix(args[i+1].Value, "-"):
			// An option guard has no table for takes the next word.
			i++
			value = args[i]
		default:
			// A flag that may widen the deletion.
			return false
		}
		switch last := lastSegment(bare); {
		case wordlist.Has(thingWords, last) || wordlist.Has(nameWords, last):
			if strings.ContainsAny(value.Value, ",|()+^\\ ") {
				// A list or a regular expression (kafka-topics --topic
				// 'test-a|orders') may reach more than the throwaway name.
				return false
			}
			names = append(names, value)
		case wordlist.Has(scopeWords, last):
			if pathLike(value.Value) {
				return false
			}
			scopes = append(scopes, value)
		case value.Dynamic:
			return false
		}
	}
	return disposableTargets(names, scopes)
}
