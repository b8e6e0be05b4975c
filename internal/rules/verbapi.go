package rules

import (
	"strings"

	"github.com/guardsh/guard/internal/httpreq"
	"github.com/guardsh/guard/internal/lazy"
	"github.com/guardsh/guard/internal/parse"
)

// Long-tail CLIs that hide the verb somewhere the subcommand path does not
// reach, read by the verb model after the path:
//
//   - an API path handed to a CLI's raw API command (caprover api --path
//     /user/apps/appDefinitions/delete --method POST): the path is judged
//     as a REST URL is, by the names of its segments and the method;
//   - a verb glued to its object in one subcommand word (cbt deletetable,
//     cbt deleteinstance, mytool dropdb, removeall): the rest of the word
//     must be a known object (compoundVerb), so droplet, dropdown and
//     removeable stay words;
//   - an import or restore told to replace what is there, toward
//     production (convex import --replace --prod, sanity dataset import
//     x.ndjson production --replace): the target's data is replaced.

// apiWords are subcommand words that send a raw request to the tool's API.
var apiWords = lazy.Value[map[string]bool]{Make: func() map[string]bool {
	return map[string]bool{"api": true, "request": true, "rest": true, "raw": true, "raw-request": true, "call": true, "http": true}
}}

// apiPathOptions are options whose value is the API path or URL a raw
// request goes to.
var apiPathOptions = lazy.Value[map[string]bool]{Make: func() map[string]bool {
	return map[string]bool{"path": true, "endpoint": true, "uri": true, "url": true, "api-path": true, "target-uri": true,
		"route": true, "resource": true, "resource-path": true}
}}

// apiMethodOptions are options whose value is the request's method.
var apiMethodOptions = lazy.Value[map[string]bool]{Make: func() map[string]bool {
	return map[string]bool{"method": true, "x": true, "request": true, "http-method": true, "verb": true, "m": true}
}}

// apiCall judges a raw API request made through a CLI's api subcommand:
// a DELETE, or a path whose segments name a destructive or outage verb,
// asks; an explicit GET or HEAD passes.
func (m *verbModel) apiCall(inv *parse.Invocation, p *subPath) (string, bool) {
	if httpreq.IsClient(inv.Name) {
		// gh api, glab api: the http rules read the request itself.
		return "", false
	}
	api := false
	for i := 0; i < p.n && !api; i++ {
		api = apiWords.Get()[strings.ToLower(p.words[i])]
	}
	if !api {
		return "", false
	}
	method, paths := "", []string(nil)
	args := inv.Args
	for i := 1; i < len(args); i++ {
		a := args[i]
		if a.Dynamic {
			continue
		}
		s := a.Value
		if strings.HasPrefix(s, "-") {
			name, val, has := strings.Cut(strings.TrimLeft(s, "-"), "=")
			name = strings.ToLower(name)
			if !has && i+1 < len(args) && !args[i+1].Dynamic {
				val = args[i+1].Value
			}
			switch {
			case apiMethodOptions.Get()[name] && httpMethod(val):
				method = strings.ToUpper(val)
			case apiPathOptions.Get()[name] && apiPath(val):
				paths = append(paths, val)
			}
			continue
		}
		if apiPath(s) {
			paths = append(paths, s)
		} else if httpMethod(s) && method == "" {
			method = strings.ToUpper(s) // caprover api ... POST, mytool api delete /x
		}
	}
	if len(paths) == 0 || method == "GET" || method == "HEAD" || method == "OPTIONS" {
		return "", false
	}
	for _, u := range paths {
		if method == "DELETE" {
			return "the API request DELETE " + u + " deletes what it names", true
		}
		path := u
		if i := strings.Index(path, "://"); i >= 0 {
			path = path[i+3:]
			if j := strings.IndexByte(path, '/'); j >= 0 {
				path = path[j:]
			} else {
				path = ""
			}
		}
		if i := strings.IndexAny(path, "?#"); i >= 0 {
			path = path[:i]
		}
		segs := strings.Split(strings.Trim(path, "/"), "/")
		for _, s := range segs {
			if v := destroyVerb(s, segs...); v != "" {
				return "the API path " + u + " says " + v, true
			}
		}
		if v := outageVerb(segs[len(segs)-1]); v != "" {
			return "the API path " + u + " says " + v, true
		}
	}
	return "", false
}

// apiPath reports whether a word is an API path (/v1/apps/x/delete) or
// an http(s) URL.
func apiPath(s string) bool {
	if strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://") {
		return true
	}
	return len(s) > 1 && s[0] == '/' && s[1] != '/' && !strings.ContainsAny(s, " \t\n")
}

// httpMethod reports whether a word is an HTTP method that changes or
// reads something, in any case.
func httpMethod(s string) bool {
	switch strings.ToUpper(s) {
	case "GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE":
		return true
	}
	return false
}

// gluedVerb returns the verb of the verb model that a subcommand word
// starts with when the rest of the word is an object: deletetable,
// deleteinstance, dropdb, removeall, purgequeue. A verb alone or before
// other letters (droplet, dropdown) is not one.
func (m *verbModel) gluedVerb(part string) string {
	if v := compoundVerb(strings.ToLower(part)); v != "" && m.has(listDestroy, v) {
		return v
	}

	return ""
}

// loaderWords are subcommand words that load data into a target.
var loaderWords = lazy.Value[map[string]bool]{Make: func() map[string]bool {
	return map[string]bool{"import": true, "imports": true, "load": true, "restore": true, "seed": true, "ingest": true,
		// A platform's variables or secrets pushed over what the
		// environment holds (acmectl env push --overwrite --env production).
		"push": true, "upload": true}
}}

// replacingOptions are options that make a load replace what the target
// holds, rather than add to it.
var replacingOptions = lazy.Value[map[string]bool]{Make: func() map[string]bool {
	return map[string]bool{"replace": true, "replace-all": true, "overwrite": true, "overwrite-all": true,
		"overwrite-existing": true, "force-overwrite": true, "clobber": true, "drop-existing": true, "replace-existing": true, "override": true, "override-existing": true}
}}

// replacingLoad judges an import, load or restore with an option that
// replaces the target's data, toward production (a production marker in
// the command or its environment); toward a development target it passes.
func (m *verbModel) replacingLoad(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
	loader := ""
	words := 0
	for _, a := range inv.Args[1:] {
		if a.Dynamic || strings.HasPrefix(a.Value, "-") {
			continue
		}
		if words++; words > 3 {
			break
		}
		var buf [maxParts]string
		for _, part := range buf[:splitParts(a.Value, buf[:])] {
			if loaderWords.Get()[strings.ToLower(part)] {
				loader = a.Value
			}
		}
		if loader != "" {
			break
		}
	}
	if loader == "" {
		return "", false
	}
	for _, f := range v.flags {
		name, val, has := strings.Cut(f, "=")
		if has && falsy(val) {
			continue
		}
		if !replacingOptions.Get()[strings.ToLower(strings.TrimLeft(name, "-"))] {
			continue
		}
		if mark := prodMarker(inv, ctx); mark != "" {
			return "the subcommand " + loader + " with " + name + " replaces the data of a production target (" + mark + ")", true
		}
	}
	return "", false
}
