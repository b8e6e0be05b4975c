package rules

import (
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/guardsh/guard/internal/lazy"
	"github.com/guardsh/guard/internal/parse"
	"github.com/guardsh/guard/internal/wordlist"
)

// A container removal fed by a listing (docker ps -aq --filter ... |
// xargs docker rm, or docker rm $(docker ps -aq --filter ...)) removes
// what the listing's filter selects. A filter on the stopped ones
// (status=exited, created or dead: what docker container prune removes),
// on dangling images, on a throwaway name (name=e2e-) or on a label
// whose value is one CI run's (label=ci-job=$CI_JOB_ID,
// label=com.docker.compose.project=e2e-4821) narrows it to what nobody
// would miss. A listing with no such filter, or one aimed at a production
// engine, is a removal of everything and keeps asking.

// containerListings are the subcommands that list containers or images.
var containerListings = [][]string{{"ps"}, {"container", "ls"}, {"container", "list"}, {"images"}, {"image", "ls"},
	{"image", "list"}}

// containerClients are the programs whose listings and removals are read.
const containerClients = "docker podman nerdctl"

// perRunVar matches a variable that holds one CI run's or job's id:
// $CI_JOB_ID, ${GITHUB_RUN_ID}, $BUILD_NUMBER, $CIRCLE_WORKFLOW_ID.
var perRunVar = lazy.Value[*regexp.Regexp]{Make: func() *regexp.Regexp {
	return regexp.MustCompile(`^\$\{?[A-Z_]*(RUN|JOB|PIPELINE|BUILD|WORKFLOW)_?(ID|NUMBER|NUM|TAG|ATTEMPT)\}?$`)
}}

// narrowFilter reports whether one --filter value of a container listing
// narrows it to what nobody would miss: stopped containers, dangling
// images, a throwaway name, or a label whose value is a CI run's or
// throwaway.
func narrowFilter(val string) bool {
	val = strings.Trim(val, `'"`)
	key, rest, ok := strings.Cut(val, "=")
	if !ok {
		return false
	}
	switch strings.ToLower(key) {
	case "status":
		switch rest {
		case "exited", "created", "dead":
			return true
		}
	case "dangling":
		return rest == "true" || rest == "1"
	case "name":
		name := strings.Trim(rest, "-_^$.")
		return name != "" && !strings.ContainsAny(name, "$`*") && throwawayName(name)
	case "label":
		_, value, ok := strings.Cut(rest, "=")
		if !ok || value == "" {
			return false
		}
		if perRunVar.Get().MatchString(value) {
			return true
		}
		if strings.ContainsAny(value, "$`*") {
			return false
		}
		return throwawayName(value)
	}
	return false
}

// narrowListing reports whether a container listing's words (after the
// program) hold a filter that narrowFilter accepts, with no production or
// lasting marker among them.
func narrowListing(words []string) bool {
	narrow := false
	for i, w := range words {
		val, ok := strings.CutPrefix(w, "--filter=")
		if !ok {
			val, ok = strings.CutPrefix(w, "-f=")
		}
		if !ok && (w == "--filter" || w == "-f") && i+1 < len(words) {
			val, ok = words[i+1], true
		}
		if hasProdWord(w) || keepName(w) {
			return false
		}
		if ok && narrowFilter(val) {
			narrow = true
		}
	}
	return narrow
}

// isContainerListing reports whether inv lists containers or images.
func isContainerListing(inv *parse.Invocation) bool {
	if !wordlist.Has(containerClients, strings.ToLower(path.Base(inv.Name))) {
		return false
	}
	var ops []string
	for _, a := range inv.Args[1:] {
		if !strings.HasPrefix(a.Value, "-") {
			ops = append(ops, a.Value)
			if len(ops) == 2 {
				break
			}
		}
	}
	for _, l := range containerListings {
		if len(ops) >= len(l) && slices.Equal(ops[:len(l)], l) {
			return true
		}
	}
	return false
}

// listedNarrowly reports whether a container client run by xargs at the
// end of a pipe removes only what a narrowly filtered listing at the
// start of it names (narrowListing), through filters that pass on some
// lines.
func listedNarrowly(inv *parse.Invocation, ctx *Context) bool {
	if !inv.MoreArgs || !wordlist.Has(containerClients, strings.ToLower(path.Base(inv.Name))) ||
		!slices.ContainsFunc(inv.Via, func(s string) bool { return strings.HasPrefix(s, "xargs") }) {
		return false
	}
	next := inv
	for i := len(ctx.before) - 1; i >= 0; i-- {
		prev := ctx.before[i]
		if !pipedInto(ctx.text, prev, next) {
			return false
		}
		if isContainerListing(prev) {
			if prev.Remote != inv.Remote || prodMarker(prev, ctx) != "" {
				return false
			}
			words := make([]string, 0, len(prev.Args))
			for _, a := range prev.Args[1:] {
				words = append(words, a.Value)
			}
			return narrowListing(words)
		}
		if !wordlist.Has(lineFilters, path.Base(prev.Name)) {
			return false
		}
		next = prev
	}
	return false
}
