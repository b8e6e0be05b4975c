package rules

import (
	"fmt"
	"strings"

	"github.com/guardsh/guard/internal/parse"
	"github.com/guardsh/guard/internal/wordlist"
)

// newDispatch matches a CI/CD run that a command starts, when what it
// names says it destroys: gh workflow run destroy.yml, a pipeline started
// with ACTION=destroy, jenkins-cli build teardown-prod. The rule's
// command names the subcommand that starts a run; the matcher reads every
// operand and option value, split at / . = , : and the other separators,
// for the verbs the verb model reads in script names (delete, destroy,
// drop, teardown, ...).
func newDispatch(with map[string]any) (matchFunc, error) {
	if err := newParams(with).done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		if v.set == nil || v.set.verbs == nil {
			return "", false
		}
		m := v.set.verbs
		check := func(s string) (string, bool) { return namedVerb(m, s) }
		if v.name == "java" && !jenkinsJarBuild(inv) {
			return "", false
		}
		for i, a := range inv.Args[1:] {
			if verb, ok := check(a.Value); ok {
				return fmt.Sprintf("the run it starts is named for %s (%s)", verb, parse.Quote(inv.Args[i+1].Value)), true
			}
		}
		return overwriteIntoProd(inv.Args[1:])
	}, nil
}

// overwriteVerbs are the words that name a run copying data over a
// target's own: a database refresh or restore, a clone or copy into an
// environment.
const overwriteVerbs = "refresh restore clone copy overwrite replace reload resync"

// destinationKeys are the parts of a parameter's name that say it names
// where the run writes: TARGET, DEST_ENV, TO, TARGET_DB.
const destinationKeys = "target tgt dest destination dst to into"

// overwriteIntoProd reports a run named for copying data over something
// (oracle-refresh, restore-db, ACTION=clone) whose parameter for where
// it writes names production (TARGET=PASPROD, -f dest_env=production):
// the production data is replaced by the source's. A refresh of staging
// from production, or a deploy to production, passes.
func overwriteIntoProd(args []parse.Word) (string, bool) {
	verb := ""
	for _, a := range args {
		if a.Dynamic || verb != "" {
			continue
		}
		for _, field := range strings.FieldsFunc(a.Value, func(r rune) bool {
			return strings.ContainsRune("/=,;@ \"'{}[]<>:&?\n\t", r)
		}) {
			var parts [maxParts]string
			n := splitParts(field, parts[:])
			for _, part := range parts[:n] {
				if wordlist.Has(overwriteVerbs, strings.ToLower(part)) {
					verb = strings.ToLower(part)
				}
			}
		}
	}
	if verb == "" {
		return "", false
	}
	for _, a := range args {
		if a.Dynamic {
			continue
		}
		s := a.Value
		if strings.HasPrefix(s, "-") {
			// --parameter=TARGET=PROD, --variables-env TARGET:prod.
			_, rest, ok := strings.Cut(s, "=")
			if !ok {
				continue
			}
			s = rest
		}
		key, val, ok := strings.Cut(s, "=")
		if !ok {
			key, val, ok = strings.Cut(s, ":")
		}
		if !ok || key == "" || !destinationKey(key) || !prodValue(val) {
			continue
		}
		return fmt.Sprintf("the run it starts is named for %s, and %s names production as where it writes", verb, parse.Quote(a.Value)), true
	}
	return "", false
}

// destinationKey reports whether a parameter's name says it names where
// a run writes.
func destinationKey(key string) bool {
	var parts [maxParts]string
	n := splitParts(key, parts[:])
	for _, part := range parts[:n] {
		if wordlist.Has(destinationKeys, strings.ToLower(part)) {
			return true
		}
	}
	return false
}

// prodValue reports whether a parameter's value names production: a
// production word (prod, production, prd-eu), or a name that ends in
// one as database and SAP system names do (PASPROD, erpprd, hrprod01).
func prodValue(val string) bool {
	if hasProdWord(val) {
		return true
	}
	low := strings.TrimRight(strings.ToLower(strings.Trim(val, `"'`)), "0123456789")
	if strings.ContainsAny(low, " /") {
		return false
	}
	for _, w := range [...]string{"prod", "prd", "production"} {
		if len(low) > len(w)+1 && strings.HasSuffix(low, w) {
			return true
		}
	}
	return false
}

// jenkinsJarBuild reports whether java runs the Jenkins CLI's jar to
// start a build: java -jar jenkins-cli.jar -s URL -auth @FILE build JOB.
// The rule's command cannot say so, as the jar's own options come first.
func jenkinsJarBuild(inv *parse.Invocation) bool {
	args := jenkinsCLIArgs(inv, "java")
	for i := 0; i < len(args); i++ {
		a := args[i].Value
		switch {
		case args[i].Dynamic:
			return false
		case wordlist.Has(jenkinsValueOptions, a):
			i++
		case strings.HasPrefix(a, "-"):
		default:
			return a == "build"
		}
	}
	return false
}

// jenkinsValueOptions are the Jenkins CLI's own options that take a value.
const jenkinsValueOptions = "-s -auth -i -user -logger -bearer"
