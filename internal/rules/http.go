package rules

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/guardsh/guard/internal/httpreq"
	"github.com/guardsh/guard/internal/lazy"
	"github.com/guardsh/guard/internal/parse"
)

// The HTTP rules judge the requests internal/httpreq reads from a command
// line or from interpreter code. One judgement is made per invocation and
// shared by the rules, each of which takes one kind of finding:
//
//   - graphql: a GraphQL mutation with a field whose name destroys
//     (volumeDelete, deleteProject, delete_users);
//   - graphql-unread: a GraphQL request whose document guard cannot read
//     (a file it did not see written, a pipe from a program);
//   - delete: a DELETE request;
//   - rest: a POST, PUT or PATCH to an endpoint whose path, query or
//     action names a destructive verb (_delete_by_query, /purge,
//     {"action": "delete"}), or a GET whose query names one;
//   - sql: a destructive SQL, InfluxQL or Cypher statement in the request;
//   - outage: a POST, PUT or PATCH to an endpoint that takes a service
//     down (/actuator/shutdown, /services/ID/disable, an index's _close,
//     a purge of a whole cache; httpoutage.go);
//   - money: a POST, PUT or PATCH that refunds, voids or cancels a
//     payment, an order or an invoice, or sends a payout (httpmoney.go);
//   - method: a method only known at run time;
//   - script: code sent to a script console that destroys (httpscript.go);
//   - write: any other request that is not a GET, for rules that list the
//     hosts where any change matters (cloud APIs).
//
// Requests to this machine are exempt, except those to a data store's API
// (see storeOf). A destructive finding whose token was written into the
// command or dug out of a file by it is raised to critical, and every
// finding carries where its token came from.

// httpKinds are the kinds of finding the http matcher takes.
var httpKinds = []string{"graphql", "graphql-unread", "delete", "rest", "sql", "method", "write", "script", "outage", "money"}

// httpFinding is one thing the judgement found about a request.
type httpFinding struct {
	kind   string
	detail string
	req    *httpreq.Request
}

// destructive reports whether a finding's kind destroys data.
func (f *httpFinding) destructive() bool {
	switch f.kind {
	case "graphql", "delete", "rest", "sql", "script", "outage", "money":
		return true
	}
	return false
}

// newHTTP matches HTTP requests with findings of one kind, optionally
// only for some methods and hosts.
func newHTTP(with map[string]any) (matchFunc, error) {
	p := newParams(with)
	kind := p.string("judge", "")
	methods := p.strings("methods")
	hosts := p.strings("hosts")
	notHosts := p.strings("not_hosts")
	if err := p.done(); err != nil {
		return nil, err
	}
	if err := oneOf([]string{kind}, httpKinds...); err != nil {
		return nil, err
	}
	for i := range methods {
		methods[i] = strings.ToUpper(methods[i])
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		for i := range v.httpFindings(inv) {
			f := &v.http[i]
			if f.kind != kind {
				continue
			}
			if len(methods) > 0 && !containsFold(methods, f.req.Method) {
				continue
			}
			if len(hosts) > 0 && !matchAny(hosts, f.req.Host) {
				continue
			}
			if len(notHosts) > 0 && matchAny(notHosts, strings.ToLower(f.req.Host)) {
				// Public echo and test services: a request there
				// changes nothing of anyone's.
				continue
			}
			if kind == "write" && readOnlyGraphQL(f.req) {
				// Read-only GraphQL is sent with POST; it changes nothing.
				// Checked here, after the hosts, as it costs a parse.
				continue
			}
			detail := f.detail
			if c := f.req.Credential; c != nil {
				v.facts.credential = c
				if c.Found() && f.destructive() {
					v.facts.severity = Critical
					detail += "; " + c.String()
				}
			}
			return detail, true
		}
		return "", false
	}, nil
}

func containsFold(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// httpFindings returns the judgement of the invocation's requests, made
// on first use.
func (v *view) httpFindings(inv *parse.Invocation) []httpFinding {
	if !v.httpDone {
		v.httpDone = true
		v.http = judgeHTTP(v.httpRequests(inv), inv.Remote)
	}
	return v.http
}

// httpRequests returns the invocation's HTTP requests, read on first use.
func (v *view) httpRequests(inv *parse.Invocation) []httpreq.Request {
	if !v.reqsDone {
		v.reqsDone = true
		v.reqs = requestsOf(inv)
	}
	return v.reqs
}

// requestsOf returns the HTTP requests an invocation makes: a client's
// command line, or the code an interpreter runs.
func requestsOf(inv *parse.Invocation) []httpreq.Request {
	if httpreq.IsClient(inv.Name) {
		return httpreq.FromInvocation(inv)
	}
	lang, code := interpreterCode(inv)
	if code == "" {
		return nil
	}
	reqs := httpreq.FromCode(lang, code)
	for i := range reqs {
		addCodeCredential(&reqs[i], inv)
	}
	return reqs
}

// addCodeCredential refines where a token that code reads from the
// environment comes from, when the command set that variable itself:
// TOKEN=$(cat .env) python3 -c '... os.environ["TOKEN"] ...'.
func addCodeCredential(r *httpreq.Request, inv *parse.Invocation) {
	c := r.Credential
	if c == nil || c.Source != httpreq.Environment {
		return
	}
	for _, a := range inv.Assigns {
		if !strings.Contains(c.From, a.Name) {
			continue
		}
		if !a.Value.Dynamic {
			r.Credential = &httpreq.Credential{Kind: c.Kind, Source: httpreq.Literal}
			return
		}
		if t := httpreq.Trace(c.Kind, a.Value.Value, inv); t != nil && t.Found() {
			t.From = a.Name + "=" + a.Value.Value
			r.Credential = t
			return
		}
	}
}

// interpreterCode returns the code an interpreter runs, as the parser
// found it (python -c, node -e, a heredoc, a script the command wrote),
// and for PowerShell, which the parser does not read, its -Command.
func interpreterCode(inv *parse.Invocation) (lang, code string) {
	if inv.Code != nil {
		return inv.Code.Lang, inv.Code.Text
	}
	if httpreq.Lang(inv.Name) != "powershell" {
		return "", ""
	}
	for i := 1; i+1 < len(inv.Args); i++ {
		switch strings.ToLower(inv.Args[i].Value) {
		case "-c", "-command":
			return "powershell", strings.Join(inv.Argv()[i+1:], " ")
		}
	}
	return "", ""
}

// judgeHTTP judges requests. remote names the host or container the
// client runs on, whose loopback is that machine's: the API server in a
// production pod, not a dev server on this one.
func judgeHTTP(reqs []httpreq.Request, remote string) []httpFinding {
	var out []httpFinding
	for i := range reqs {
		r := &reqs[i]
		st := storeOf(r)
		if r.Loopback() && st == "" && remote == "" && !deletesCollection(r) || remote == "" && disposableRequest(r, st) || dryRunRequest(r) || testModeKey(r) || sandboxHost(r.Host) {
			continue
		}
		where, note := describeTarget(r, st, remote)
		n := len(out)
		add := func(kind, detail string) {
			out = append(out, httpFinding{kind: kind, detail: detail, req: r})
		}
		graphql := r.IsGraphQL()
		if graphql && mayMutate(r) || bodyMentions(r, "mutation") {
			if field, unread := judgeGraphQL(r); field != "" {
				add("graphql", "GraphQL mutation "+field+" sent to "+where+note)
			} else if field := graphQLOutage(r); field != "" {
				add("outage", "GraphQL mutation "+field+" sent to "+where+note+", which takes a service, a user or an integration out of use")
			} else if field := graphQLRetire(r); field != "" {
				add("graphql", "GraphQL mutation "+field+" sent to "+where+note+", which takes records away from their users")
			} else if field := graphQLMoney(r); field != "" {
				add("money", "GraphQL mutation "+field+" sent to "+where+note+", which refunds, voids or cancels a payment, an order or a subscription")
			} else if unread != "" && graphql && r.Method != "GET" && r.Method != "HEAD" {
				add("graphql-unread", "GraphQL request to "+where+note+" whose document guard cannot read: "+unread)
			}
		}
		switch r.Method {
		case "DELETE":
			if searchContext(r) || buildCache(r) || githubTrivial(r) || testModeThrowaway(r) {
				break
			}
			add("delete", "DELETE request to "+where+shortPath(r)+note)
		case "":
			add("method", "request to "+where+shortPath(r)+note+" whose method is only known at run time")
		case "POST", "PUT", "PATCH", "GET", "PURGE":
			if ref := forcedRef(r); ref != "" {
				add("rest", r.Method+" request to "+where+shortPath(r)+note+", which force-moves "+ref+" (a force push)")
				break
			}
			if why := destructiveEndpoint(r); why != "" {
				add("rest", r.Method+" request to "+where+shortPath(r)+note+", "+why)
			} else if emptyPut(r) {
				add("rest", "PUT request to "+where+shortPath(r)+note+" with an empty body, which replaces the resource with nothing")
			} else if why := outageEndpoint(r); why != "" {
				add("outage", r.Method+" request to "+where+shortPath(r)+note+", "+why)
			} else if why := moneyEndpoint(r); why != "" {
				add("money", r.Method+" request to "+where+shortPath(r)+note+", "+why)
			} else if why := retireEndpoint(r); why != "" {
				add("rest", r.Method+" request to "+where+shortPath(r)+note+", "+why)
			}
		}
		if why := judgeScript(r); why != "" {
			add("script", "script console request to "+where+shortPath(r)+note+" with "+why)
		}
		if d := requestSQL(r); d != "" && r.Method != "GET" && r.Method != "HEAD" {
			add("sql", d+" sent to "+where+note)
		}
		destroys := false
		for _, f := range out[n:] {
			destroys = destroys || f.destructive() || f.kind == "graphql-unread"
		}
		if !destroys && r.Method != "GET" && r.Method != "HEAD" && r.Method != "OPTIONS" && !cacheEndpoint(r) && !testModeWrite(r) && !cloudUnchanged(r) && !addsMember(r) {
			add("write", r.Method+" request to "+where+shortPath(r)+note)
		}
	}
	return out
}

// cdnAPI reports whether host is a CDN's API, where a purge empties the
// CDN's cache and nothing else.
func cdnAPI(host string) bool {
	for _, p := range httpreq.WordParts(host) {
		switch p {
		case "fastly", "akamai", "akamaiapis", "cloudflare", "bunny", "bunnycdn", "keycdn", "stackpath", "cdn77", "edgio", "edgecast", "limelight", "cachefly", "gcore", "imperva", "incapsula", "cdn":
			return true
		}
	}
	return false
}

// cacheEndpoint reports whether a request's path names a cache, as
// /zones/z/purge_cache does: routine, whatever the host.
func cacheEndpoint(r *httpreq.Request) bool {
	for _, p := range httpreq.WordParts(r.Path) {
		if cacheWords.Get()[p] {
			return true
		}
	}
	return false
}

// describeTarget says where a request goes, for messages: the host and
// port, and a note after the path about the machine it is on.
func describeTarget(r *httpreq.Request, st, remote string) (where, note string) {
	where = r.Where()
	switch {
	case remote != "" && r.Loopback():
		note = " on " + remote
		if st != "" {
			note += " (" + st + ")"
		}
	case r.Socket != "" && st != "":
		note = " (" + st + ")"
	case r.Loopback() && st != "":
		note = " on this machine (" + st + "; a port-forward there may reach production)"
	case st != "" && r.Port != 443 && r.Port != 80:
		note = " (" + st + ")"
	}
	return where, note
}

func shortPath(r *httpreq.Request) string {
	p := r.Path
	if p == "/" || p == "" {
		return ""
	}
	if len(p) > 80 {
		p = p[:80] + "..."
	}
	if r.Socket != "" {
		return ", path " + p
	}
	return p
}

// mutationField returns the first field of a mutation in docs, or in a
// mutation one of them carries as a string (graphqlnested.go), whose
// name match accepts, and whether a document that holds a mutation does
// not parse (its fields read before the error are still looked at).
func mutationField(docs []string, match func(name string) bool) (field string, bad bool) {
	for _, d := range withNested(docs) {
		if !strings.Contains(d, "mutation") {
			continue
		}
		ops, err := httpreq.Operations(d)
		for _, op := range ops {
			if op.Type != "mutation" {
				continue
			}
			for _, f := range op.Fields {
				if match(f.Name) {
					return f.Name, false
				}
			}
		}
		bad = bad || err != nil
	}
	return "", bad
}

// judgeGraphQL returns the first destructive field of a mutation the
// request carries, or, when some document cannot be read, why.
func judgeGraphQL(r *httpreq.Request) (field, unread string) {
	docs := r.Documents()
	field, bad := mutationField(docs, func(name string) bool { return destroyVerb(name) != "" })
	if field != "" {
		return field, ""
	}
	if bad {
		unread = "the mutation does not parse"
	}
	if len(docs) == 0 {
		// A persisted query sends only the operation's name and hash.
		for _, v := range r.Values() {
			if v.Key == "operationName" && destroyVerb(v.Text) != "" {
				return "operation " + v.Text, ""
			}
		}
		if len(r.Unread) > 0 {
			unread = strings.Join(r.Unread, ", ")
		}
	}
	return "", unread
}

// readOnlyGraphQL reports whether a request is GraphQL whose documents are
// all queries.
func readOnlyGraphQL(r *httpreq.Request) bool {
	if !r.IsGraphQL() || len(r.Unread) > 0 {
		return false
	}
	docs := r.Documents()
	if len(docs) == 0 {
		return false
	}
	for _, d := range docs {
		ops, err := httpreq.Operations(d)
		if err != nil || len(ops) == 0 {
			return false
		}
		for _, op := range ops {
			if op.Type != "query" {
				return false
			}
		}
	}
	return true
}

// mayMutate reports whether a GraphQL request may hold a mutation, or
// cannot be read: reading every query's body would cost a JSON decode.
// The word may hide behind a JSON or URL escape.
func mayMutate(r *httpreq.Request) bool {
	if len(r.Unread) > 0 || strings.Contains(r.Query, "mutation") || strings.Contains(r.Query, "%") {
		return true
	}
	for _, p := range r.Body {
		for _, w := range [...]string{"mutation", `\u`, "%", "operationName"} {
			if strings.Contains(p.Value, w) {
				return true
			}
		}
	}
	return false
}

// bodyMentions reports whether a known body part holds a word.
func bodyMentions(r *httpreq.Request, word string) bool {
	for _, p := range r.Body {
		if strings.Contains(p.Value, word) {
			return true
		}
	}
	return false
}

// actionKeys are body and query keys whose value names what to do.
var actionKeys = lazy.Value[map[string]bool]{Make: func() map[string]bool {
	return map[string]bool{"action": true, "op": true, "operation": true, "command": true, "cmd": true,
		"type": true, "verb": true, "method": true, "actiontype": true, "action_type": true, "do": true,
		// An EDR's device actions (CrowdStrike's action_name=contain) and
		// Salt's API, whose fun names the function (key.delete).
		"action_name": true, "actionname": true, "fun": true,
		// PowerDNS rrsets and LDIF: changetype DELETE.
		"changetype": true, "change_type": true}
}}

// getVerbs are commands that destroy even when sent with GET, as Redis
// over HTTP (Upstash, Webdis) takes them.
var getVerbs = lazy.Value[map[string]bool]{Make: func() map[string]bool {
	return map[string]bool{"flushall": true, "flushdb": true}
}}

// destructiveEndpoint says why a request's endpoint destroys, or returns
// "".
func destructiveEndpoint(r *httpreq.Request) string {
	if why := bulkEndpoint(r); why != "" {
		return why
	}
	if why := rpcDestroys(r); why != "" {
		return why
	}
	if why := druidKill(r); why != "" {
		return why
	}
	if why := chainRewindCall(r); why != "" {
		return why
	}
	segs := strings.Split(strings.Trim(r.Path, "/"), "/")
	if r.Method == "GET" {
		// A GET reads, except a Redis command in the path or an action
		// in the query that names a verb (Solr's
		// admin/collections?action=DELETE).
		for _, s := range segs {
			if getVerbs.Get()[strings.ToLower(s)] {
				return "which runs " + strings.ToUpper(s)
			}
		}
		if v := rpcVerb(segs); v != "" {
			return "whose path names an RPC call that says " + v
		}
		if !r.Mentions(verbStems...) {
			return ""
		}
		if why := actionVerb(r, true); why != "" {
			return why
		}
		return queryFlag(r)
	}
	for _, s := range segs {
		if v := destroyVerb(s, segs...); v != "" {
			if (v == "purge" || v == "invalidate") && cdnAPI(r.Host) {
				// A CDN's purge of a URL or a key empties a cache; one of
				// everything is judged by purgeEverything.
				continue
			}
			return "whose path says " + v
		}
	}
	if !r.Mentions(verbStems...) || aliasSwap(segs, r) {
		return ""
	}
	if why := actionVerb(r, false); why != "" {
		return why
	}
	return queryFlag(r)
}

// searchContext reports whether a DELETE only releases a search context
// in Elasticsearch or OpenSearch: a scroll (_search/scroll, .../_all), a
// point in time (_pit, _search/point_in_time) or an async search result.
// They hold no data; they expire by themselves.
func searchContext(r *httpreq.Request) bool {
	segs := strings.Split(strings.Trim(strings.ToLower(r.Path), "/"), "/")
	for i, s := range segs {
		switch {
		case s == "_search" && i+1 < len(segs) && (segs[i+1] == "scroll" || segs[i+1] == "point_in_time"):
			return true
		case s == "_pit" || s == "_async_search":
			return i+2 >= len(segs)
		}
	}
	return false
}

// buildCaches are REST endpoints whose DELETE prunes a build cache, which
// the next build fills again: GitHub Actions caches, by key
// (/repos/o/r/actions/caches?key=npm-linux) or by id
// (/repos/o/r/actions/caches/42), as gh cache delete does. A segment "*"
// is any one segment; a trailing "**" is any rest, or none.
var buildCaches = [][]string{
	{"repos", "*", "*", "actions", "caches", "**"},
}

// buildCache reports whether a DELETE only prunes a build cache, on the
// REST endpoints of buildCaches, through GitHub's API or a GitHub
// Enterprise server's (/api/v3/...).
func buildCache(r *httpreq.Request) bool {
	segs := strings.Split(strings.Trim(strings.ToLower(r.Path), "/"), "/")
	if len(segs) > 2 && segs[0] == "api" && segs[1] == "v3" {
		segs = segs[2:]
	}
	for _, pat := range buildCaches {
		if segsMatch(pat, segs) {
			return true
		}
	}
	return false
}

// segsMatch matches path segments against a pattern of buildCaches. A
// "**" at the end allows at most one more segment, an id.
func segsMatch(pat, segs []string) bool {
	for i, p := range pat {
		if p == "**" {
			return len(segs)-i <= 1
		}
		if i >= len(segs) || p != "*" && p != segs[i] || segs[i] == "" {
			return false
		}
	}
	return len(segs) == len(pat)
}

// aliasSwap reports whether a request to Elasticsearch's or OpenSearch's
// _aliases only moves aliases (remove and add actions): the indices stay.
// An action remove_index deletes an index and still counts.
func aliasSwap(segs []string, r *httpreq.Request) bool {
	if len(segs) == 0 || !strings.EqualFold(segs[len(segs)-1], "_aliases") {
		return false
	}
	for _, v := range r.Values() {
		if k := strings.ToLower(v.Key); k == "remove_index" || k == "removeindex" {
			return false
		}
		if v.Key == "" && strings.Contains(strings.ToLower(v.Text), "remove_index") {
			return false
		}
	}
	return !r.Mentions("remove_index")
}

// verbStems are the stems of destroyVerbs and their compounds, for a
// cheap test of whether a body may name one.
var verbStems = []string{"delet", "destroy", "remov", "drop", "purg", "wipe", "eras", "reset", "truncat",
	"terminat", "nuke", "tear", "revok", "deprovision", "register", "flush", "prun", "expunge", "obliterat",
	"clear", "decommission", "uninstall", "expir", "shred", "discard", "unpublish", "cleanup", "default", "retir"}

// actionVerb looks in the query and body for an action that names a
// destructive verb: action=delete, {"delete": {...}} (Solr), ["FLUSHALL"],
// {"force_delete": true}. queryOnly restricts it to the query.
func actionVerb(r *httpreq.Request, queryOnly bool) string {
	segs := strings.Split(strings.Trim(r.Path, "/"), "/")
	for _, v := range r.Values() {
		key := strings.ToLower(v.Key)
		fromQuery := false
		for _, q := range r.Param(v.Key) {
			if q == v.Text {
				fromQuery = true
			}
		}
		if queryOnly && !fromQuery {
			continue
		}
		if actionKeys.Get()[key] {
			if verb := destroyVerb(v.Text, segs...); verb != "" && len(v.Text) < 64 {
				return "whose " + v.Key + " is " + v.Text
			}
		}
		if queryOnly {
			continue
		}
		switch {
		case v.Key == "" && len(v.Text) < 32 && !strings.ContainsAny(strings.TrimSpace(v.Text), " \n{"):
			// A command array: ["FLUSHALL"].
			if verb := destroyVerb(v.Text, segs...); verb != "" && verb != "clear" && verb != "reset" {
				return "which runs " + strings.ToUpper(v.Text)
			}
		case v.Text == "{...}" || v.Text == "true":
			if verb := destroyVerb(v.Key, segs...); verb != "" && !namesSafeguard(v.Key) {
				return "whose body asks to " + verb + " (" + v.Key + ")"
			}
		case v.Key == "" && xmlDelete.Get().MatchString(v.Text):
			return "whose body is a delete command"
		}
	}
	return ""
}

var xmlDelete = lazy.Value[*regexp.Regexp]{Make: func() *regexp.Regexp { return regexp.MustCompile(`(?i)<\s*delete\b`) }}

// sqlKeys are body and query keys that carry a statement.
var sqlKeys = lazy.Value[map[string]bool]{Make: func() map[string]bool {
	return map[string]bool{"sql": true, "query": true, "q": true, "statement": true, "stmt": true,
		"statements": true, "command": true, "cypher": true, "queries": true}
}}

var (
	httpSQLKinds = lazy.Value[map[string]bool]{Make: func() map[string]bool {
		return map[string]bool{"drop": true, "truncate": true, "delete-all": true, "update-all": true, "flush": true}
	}}
	cypherDelete = lazy.Value[*regexp.Regexp]{Make: func() *regexp.Regexp {
		return regexp.MustCompile(`(?is)\bmatch\b.*\b(?:detach\s+)?delete\b|\bdrop\s+(?:database|constraint|index|graph)\b`)
	}}
	influxDrop = lazy.Value[*regexp.Regexp]{Make: func() *regexp.Regexp {
		return regexp.MustCompile(`(?i)(?:^|;)\s*drop\s+(?:measurement|series|shard|retention\s+policy|continuous\s+query)\b`)
	}}
)

// requestSQL describes a destructive statement the request sends, or
// returns "".
func requestSQL(r *httpreq.Request) string {
	if !r.Mentions("drop", "truncate", "delete", "update", "alter", "flush") {
		return ""
	}
	for _, v := range r.Values() {
		key := strings.ToLower(v.Key)
		text := v.Text
		if len(text) < 6 {
			continue
		}
		if !sqlKeys.Get()[key] {
			// A raw body that is a statement: ClickHouse, InfluxDB v1.
			if key != "" || !startsSQL(text) {
				continue
			}
		}
		if d, ok := scanSQL(text, httpSQLKinds.Get()); ok {
			return d
		}
		if lower := strings.ToLower(text); strings.Contains(lower, "delete") || strings.Contains(lower, "drop") {
			if m := cypherDelete.Get().FindString(text); m != "" {
				return fmt.Sprintf("the Cypher statement %q", clipText(text, 60))
			}
			if m := influxDrop.Get().FindString(text); m != "" {
				return fmt.Sprintf("the InfluxQL statement %q", clipText(text, 60))
			}
		}
	}
	return ""
}

// startsSQL reports whether text starts with a SQL keyword that
// changes data.
func startsSQL(text string) bool {
	t := strings.ToUpper(strings.TrimSpace(text))
	for _, kw := range []string{"DROP ", "TRUNCATE ", "DELETE ", "ALTER ", "UPDATE "} {
		if strings.HasPrefix(t, kw) {
			return true
		}
	}
	return false
}

func clipText(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > n {
		return s[:n] + "..."
	}
	return s
}

// queryFlag returns why a request's query asks to destroy with a switch
// named for it: Solr's cores?action=UNLOAD&deleteIndex=true,
// deleteDataDir=true, purge=true, drop=1. It returns "" when none does.
func queryFlag(r *httpreq.Request) string {
	segs := strings.Split(strings.Trim(r.Path, "/"), "/")
	for _, v := range r.Values() {
		if !truthy(v.Text) || len(v.Key) > 40 {
			continue
		}
		fromQuery := false
		for _, q := range r.Param(v.Key) {
			fromQuery = fromQuery || q == v.Text
		}
		if !fromQuery {
			continue
		}
		if verb := destroyVerb(v.Key, segs...); verb != "" && verb != "clear" && verb != "expire" {
			return "whose query asks to " + verb + " (" + v.Key + "=" + v.Text + ")"
		}
	}
	return ""
}

// truthy reports whether a query or body value switches an option on.
func truthy(s string) bool {
	switch strings.ToLower(s) {
	case "true", "1", "yes", "on":
		return true
	}
	return false
}

// forcedRef returns the branch or tag that a GitHub (or Gitea, Forgejo)
// REST request moves by force, PATCH .../git/refs/heads/main with
// "force": true, which is a force push; or "".
func forcedRef(r *httpreq.Request) string {
	if r.Method != "PATCH" && r.Method != "POST" {
		return ""
	}
	p := strings.ToLower(r.Path)
	i := strings.Index(p, "/git/refs/")
	if i < 0 {
		return ""
	}
	for _, v := range r.Values() {
		if strings.EqualFold(v.Key, "force") && truthy(v.Text) {
			return strings.TrimSuffix(r.Path[i+len("/git/refs/"):], "/")
		}
	}
	return ""
}

// emptyPut reports whether a request is a PUT whose whole body is an empty
// object, list or null: a PUT replaces the resource with its body, so
// this one empties it (a configuration, a document). A PUT without a body
// (creating an index) is not one.
func emptyPut(r *httpreq.Request) bool {
	if r.Method != "PUT" || len(r.Body) == 0 || len(r.Unread) > 0 {
		return false
	}
	for _, p := range r.Body {
		if p.Name != "" {
			return false
		}
		switch strings.Join(strings.Fields(p.Value), "") {
		case "{}", "[]", "null", `""`, "":
		default:
			return false
		}
	}
	return true
}

// deletesCollection reports whether a request is a DELETE of a whole collection
// by its path's last segment (/indexes/all, /keys/*, /cache/_all): on this
// machine too, as the service may be a tunnel to one that matters.
func deletesCollection(r *httpreq.Request) bool {
	if r.Method != "DELETE" {
		return false
	}
	last := strings.ToLower(r.Path[strings.LastIndexByte(r.Path, '/')+1:])
	switch last {
	case "all", "_all", "*", "everything", "all-data", "all_data":
		return true
	}
	return false
}
