package rules

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/guardsh/guard/internal/httpreq"
	"github.com/guardsh/guard/internal/lazy"
	"github.com/guardsh/guard/internal/parse"
)

// A CI/CD server's API starts a run with a POST to an endpoint that
// queues it (GitLab's /trigger/pipeline, TeamCity's /buildQueue,
// Buildkite's /builds, Jenkins' /buildWithParameters, GoCD's /schedule,
// GitHub's /dispatches), and what the run does is often named in the body
// rather than the path: variables[ACTION]=destroy, <buildType
// id="Infra_DestroyProd"/>. The http-run-named matcher reads the body of
// such a request, split as the dispatch matcher splits a command's
// operands, for the verbs the verb model reads in script names.

// runStartSegments are the path segments of endpoints that start a run.
var runStartSegments = []string{"trigger", "buildqueue", "builds", "build", "buildwithparameters", "dispatches", "schedule", "pipeline", "pipelines", "runs", "run", "executions", "execute", "queue"}

func newHTTPRunNamed(with map[string]any) (matchFunc, error) {
	if err := newParams(with).done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		if v.set == nil || v.set.verbs == nil {
			return "", false
		}
		for _, r := range v.httpRequests(inv) {
			if r.Method != "POST" || len(r.Body) == 0 || !startsRun(&r) {
				continue
			}
			for _, b := range r.Body {
				if verb, ok := namedVerb(v.set.verbs, b.Value); ok {
					return fmt.Sprintf("POST %s%s starts a run whose body names %s (%s)", r.Where(), shortPath(&r), verb, parse.Quote(b.Value)), true
				}
			}
		}
		return "", false
	}, nil
}

// startsRun reports whether a request's path ends at an endpoint that
// starts a run.
func startsRun(r *httpreq.Request) bool {
	p := strings.ToLower(strings.TrimRight(r.Path, "/"))
	last := p[strings.LastIndexByte(p, '/')+1:]
	for _, s := range runStartSegments {
		if last == s {
			return true
		}
	}
	return false
}

// namedVerb finds a verb of the verb model's names list in text, split
// at separators and into word parts.
func namedVerb(m *verbModel, text string) (string, bool) {
	for _, field := range strings.FieldsFunc(text, func(r rune) bool {
		return strings.ContainsRune("/=,;@ \"'{}[]<>:&?\n\t", r)
	}) {
		var parts [maxParts]string
		n := splitParts(field, parts[:])
		for _, part := range parts[:n] {
			if m.has(listNames, part) {
				return part, true
			}
		}
	}
	return "", false
}

// A cleanup a server runs on request (Harbor's retention executions and
// garbage collection, a Nexus cleanup task) is told by its body whether to
// delete or only report: {"dry_run": false}. The http-cleanup-armed
// matcher reads a POST, PUT or PATCH to a path with a cleanup word in a
// segment (retentions, gc, cleanup, purge) whose body sets a dry run off.
func newHTTPCleanupArmed(with map[string]any) (matchFunc, error) {
	if err := newParams(with).done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		for _, r := range v.httpRequests(inv) {
			if r.Method != "POST" && r.Method != "PUT" && r.Method != "PATCH" {
				continue
			}
			seg := cleanupSegment(r.Path)
			if seg == "" {
				continue
			}
			for _, b := range r.Body {
				name := strings.ToLower(b.Name)
				if name == "dryrun" || name == "dry_run" || name == "dry-run" {
					if falsy(strings.Trim(b.Value, "\" ")) {
						return fmt.Sprintf("%s %s%s runs a cleanup (%s) with %s=%s", r.Method, r.Where(), shortPath(&r), seg, b.Name, b.Value), true
					}
					continue
				}
				if m := dryRunOffText.Get().FindString(b.Value); m != "" {
					return fmt.Sprintf("%s %s%s runs a cleanup (%s) with %s", r.Method, r.Where(), shortPath(&r), seg, m), true
				}
			}
		}
		return "", false
	}, nil
}

// dryRunOffText finds a dry run set off in a body's text: "dry_run":
// false, dryRun=0; made when first needed.
var dryRunOffText = lazy.Value[*regexp.Regexp]{Make: func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)["']?dry[_-]?run["']?\s*[:=]\s*["']?(false|0|no|off)\b`)
}}

// cleanupSegment returns the first segment of a path that names a
// cleanup, in the singular or the plural, or "".
func cleanupSegment(path string) string {
	for _, seg := range strings.Split(strings.ToLower(path), "/") {
		if seg == "" {
			continue
		}
		if cleanupWord(seg) || cleanupWord(strings.TrimSuffix(seg, "s")) {
			return seg
		}
	}
	return ""
}
