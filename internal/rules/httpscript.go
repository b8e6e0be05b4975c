package rules

import (
	"regexp"
	"strings"

	"github.com/guardsh/guard/internal/httpreq"
	"github.com/guardsh/guard/internal/lazy"
)

// A script console runs the code a request carries on the server: Jenkins
// takes Groovy at /script and /scriptText (also under /computer/NODE/)
// in a script= field, and Orthanc takes Lua as the whole body of a POST
// to /tools/execute-script. The code is judged by the verb model: a method
// call whose name destroys (delete(), doDelete, deleteBuilds, wipeOut,
// removeAll) or a string run as a command ("rm -rf x".execute()) is a
// finding of kind script. Code guard cannot read, a script sent from a
// file it did not see, is one too: the console can do anything.

// groovyCall matches a method or function call in Groovy code: a name
// followed by ( or by a closure's {.
var groovyCall = lazy.Value[*regexp.Regexp]{Make: func() *regexp.Regexp { return regexp.MustCompile(`\b([A-Za-z_]\w*)\s*[({]`) }}

// scriptConsole reports whether a request goes to a script console.
func scriptConsole(r *httpreq.Request) bool {
	p := strings.TrimSuffix(r.Path, "/")
	last := p[strings.LastIndexByte(p, '/')+1:]
	return last == "script" || last == "scriptText" || last == "execute-script"
}

// judgeScript says what destroys in the code a request sends to a script
// console, or returns "".
func judgeScript(r *httpreq.Request) string {
	if !scriptConsole(r) || r.Method == "GET" && r.Query == "" {
		return ""
	}
	found := false
	raw := strings.HasSuffix(strings.TrimSuffix(r.Path, "/"), "/execute-script")
	for _, v := range r.Values() {
		if v.Key != "script" && !(raw && v.Key == "") {
			continue
		}
		found = true
		if why := groovyDestroys(v.Text); why != "" {
			return why
		}
	}
	if !found && len(r.Unread) > 0 {
		return "code guard cannot read (" + strings.Join(r.Unread, ", ") + "), which the console runs with the server's rights"
	}
	return ""
}

// groovyDestroys returns the first destructive call in Groovy code, as a
// reason, or "".
func groovyDestroys(code string) string {
	for _, m := range groovyCall.Get().FindAllStringSubmatch(code, 256) {
		name := m[1]
		switch {
		case name == "execute" && strings.Contains(code, "."+name):
			return "code that runs a shell command on the server (.execute())"
		case name == "clear":
			// A collection's clear().
			continue
		}
		if v := destroyVerb(name); v != "" {
			return "code that calls " + name + "() (" + v + ")"
		}
	}
	return ""
}
