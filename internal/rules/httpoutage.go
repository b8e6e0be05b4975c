package rules

import (
	"path"
	"regexp"
	"strings"

	"github.com/guardsh/guard/internal/httpreq"
	"github.com/guardsh/guard/internal/lazy"
)

// Endpoints that take a service down rather than delete data: a POST to
// Spring Boot's /actuator/shutdown stops the application, a POST to
// PagerDuty's /services/ID/disable stops paging anyone for it, an
// Elasticsearch index sent _close refuses every read and write, and a
// CDN purge of everything sends every request to the origin at once.
// None of them deletes a record, so the verbs are not destroyVerbs, which
// GraphQL fields and code calls are judged by; they are read from the end
// of a REST path, where an API names the
// action it takes on the resource before it (the "outage" finding). Their
// opposites (/enable, /activate, /_open, /resume) and a restart, which
// brings the service back by itself, pass.

// outageVerbs are the word parts that, in a REST path's last segment,
// name an action that stops a service, a user or an integration.
var outageVerbs = lazy.Value[map[string]bool]{Make: func() map[string]bool {
	return map[string]bool{
		"shutdown": true, "poweroff": true, "halt": true, "disable": true, "deactivate": true,
		"suspend": true, "terminate": true, "decommission": true, "exit": true, "ban": true,
		"block": true, "quiesce": true, "drain": true,
		// An endpoint cut off from the network, or from its security
		// console (Defender's machines/ID/isolate and offboard).
		"isolate": true, "offboard": true,
	}
}}

// actionOutages are the outage verbs also read as the value of an action
// key in a body or query ({"type": "power_off"}, action=disable): block,
// exit or drain there may name anything (a Slack or Notion block type).
var actionOutages = lazy.Value[map[string]bool]{Make: func() map[string]bool {
	return map[string]bool{"shutdown": true, "shut down": true, "poweroff": true, "power off": true, "halt": true,
		"disable": true, "deactivate": true, "suspend": true, "terminate": true, "decommission": true}
}}

// outagePhrases are pairs of word parts that name such an action
// together: shut_down, power-off, shutDown.
var outagePhrases = [][2]string{{"shut", "down"}, {"power", "off"}, {"turn", "off"}}

// storeActions are Elasticsearch and OpenSearch endpoints, written with
// their leading underscore, that make an index refuse reads or writes:
// _close, _freeze, and _block (PUT orders/_block/write).
var storeActions = lazy.Value[map[string]bool]{Make: func() map[string]bool {
	return map[string]bool{"_close": true, "_freeze": true, "_block": true, "_shutdown": true}
}}

// everythingKeys are body and query keys that, switched on, make a cache
// purge one of everything: Cloudflare's purge_everything, Fastly's and
// others' purge_all.
var everythingKeys = lazy.Value[map[string]bool]{Make: func() map[string]bool {
	return map[string]bool{"purge_everything": true, "purgeeverything": true, "purge_all": true, "purgeall": true,
		"everything": true, "purge-everything": true, "purge-all": true}
}}

// outageEndpoint says why a POST, PUT or PATCH takes a service down, or
// returns "".
func outageEndpoint(r *httpreq.Request) string {
	if r.Method == "GET" || r.Method == "HEAD" || r.Method == "DELETE" || r.Method == "" {
		return ""
	}
	segs := strings.Split(strings.Trim(r.Path, "/"), "/")
	// The action is the last segment, or the one before a last that only
	// says what it applies to (_block/write, actions/disable).
	for i := len(segs) - 1; i >= 0 && i >= len(segs)-2; i-- {
		s := strings.ToLower(segs[i])
		if storeActions.Get()[s] {
			return "which runs " + s + " (the index refuses reads or writes until it is opened again)"
		}
		if v := outageVerb(segs[i]); v != "" {
			return "whose path says " + v + " (it takes a service, a user or an integration out of use)"
		}
		if i == len(segs)-1 && !blockTarget(s) {
			break
		}
	}
	if why := jenkinsStops(r, segs); why != "" {
		return why
	}
	if why := stopsEnvironment(segs); why != "" {
		return why
	}
	if why := cancelsSubscription(segs); why != "" {
		return why
	}
	if why := suppressesRecipients(segs); why != "" {
		return why
	}
	if why := closesAccount(r, segs); why != "" {
		return why
	}
	if n := len(segs); n >= 3 && strings.EqualFold(segs[n-1], "seal") && strings.EqualFold(segs[n-2], "sys") {
		// Vault's (and OpenBao's) /v1/sys/seal: every secret is out of
		// reach until enough key holders unseal it.
		return "which seals Vault: no secret can be read until it is unsealed with the key shares"
	}
	if why := machineEndpoint(r, segs); why != "" {
		return why
	}
	if why := rollsBackProd(r, segs); why != "" {
		return why
	}
	if why := scalesToZero(r); why != "" {
		return why
	}
	if why := purgeEverything(r); why != "" {
		return why
	}
	if why := purgesWholeSite(r); why != "" {
		return why
	}
	if why := outageState(r); why != "" {
		return why
	}
	for _, v := range r.Values() {
		if actionKeys.Get()[strings.ToLower(v.Key)] && len(v.Text) < 40 {
			if verb := outageVerb(v.Text); actionOutages.Get()[verb] {
				return "whose " + v.Key + " is " + v.Text
			}
			if hostAction(v.Text) {
				return "whose " + v.Key + " is " + v.Text + " (an endpoint is cut off from the network or hidden from its security console)"
			}
		}
	}
	return ""
}

// jenkinsStops says why a POST to a Jenkins controller's /restart or /exit
// stops it at once, or returns "": both abort every running build (a
// deployment cut off halfway), where /safeRestart waits for them. The
// controller is known by its URL, which names Jenkins in its host, its
// variable ($JENKINS_URL) or its context path (/jenkins/restart).
func jenkinsStops(r *httpreq.Request, segs []string) string {
	n := len(segs)
	if n == 0 || n > 2 || !strings.Contains(strings.ToLower(r.URL), "jenkins") {
		return ""
	}
	switch strings.ToLower(segs[n-1]) {
	case "restart":
		return "which restarts Jenkins at once: every running build is aborted"
	case "exit":
		return "which shuts Jenkins down at once: every running build is aborted, and nothing starts it again"
	}
	return ""
}

// stopsEnvironment says why a POST stops a deployment environment, or
// returns "": GitLab's environments/ID/stop and environments/stop_stale
// run each environment's on_stop job, which tears its deployment down,
// and mark it stopped.
func stopsEnvironment(segs []string) string {
	n := len(segs)
	switch {
	case n >= 3 && strings.EqualFold(segs[n-1], "stop") && strings.EqualFold(segs[n-3], "environments"):
		return "which stops the environment " + segs[n-2] + ": its stop job runs and tears the deployment down"
	case n >= 2 && strings.EqualFold(segs[n-1], "stop_stale") && strings.EqualFold(segs[n-2], "environments"):
		return "which stops every environment not deployed to since a date: each one's stop job runs and tears its deployment down"
	}
	return ""
}

// hostAction reports whether an action names what an endpoint security
// console does to a host: contain or isolate it (its network is cut
// off), offboard it (the sensor stops reporting), hide it (its
// detections leave the console). Lifting them (lift_containment,
// unhide_host, release) passes.
func hostAction(name string) bool {
	parts := httpreq.WordParts(name)
	if len(parts) == 0 {
		return false
	}
	switch parts[0] {
	case "contain", "isolate", "offboard":
		return true
	case "hide":
		if len(parts) > 1 {
			switch parts[1] {
			case "host", "hosts", "device", "devices", "machine", "machines", "agent", "agents", "endpoint", "endpoints", "sensor", "sensors":
				return true
			}
		}
	}
	return false
}

// blockTarget reports whether a last path segment only says what the
// action before it applies to: write, read and metadata after _block.
func blockTarget(s string) bool {
	switch s {
	case "write", "read", "read_only", "metadata":
		return true
	}
	return false
}

// outageVerb returns the outage verb a name starts with, or "": the name
// is the verb (shutdown, disable), or starts with it (disable-service,
// suspendUser, shut_down). A verb after another word (auto-disable-at,
// graceful-shutdown-timeout) is a setting's name, not the action.
func outageVerb(name string) string {
	parts := httpreq.WordParts(name)
	if len(parts) == 0 {
		return ""
	}
	first := parts[0]
	if first == "safe" || first == "force" || first == "graceful" || first == "bulk" {
		// safeExit (Jenkins), forceShutdown: still the action.
		parts = parts[1:]
		if len(parts) == 0 {
			return ""
		}
		first = parts[0]
	}
	if first == "exit" && len(parts) == len(httpreq.WordParts(name)) {
		// exit alone leaves a room or a session; safeExit stops Jenkins.
		return ""
	}
	if outageVerbs.Get()[first] {
		if len(parts) > 1 && safeguardNoun(parts[1]) {
			return ""
		}
		return first
	}
	if len(parts) > 1 {
		for _, ph := range outagePhrases {
			if parts[0] == ph[0] && parts[1] == ph[1] {
				return ph[0] + " " + ph[1]
			}
		}
	}
	return ""
}

// safeguardNoun reports whether a word after an outage verb makes the name
// a setting rather than the act: lock-timeout, block-list, kill-switch.
func safeguardNoun(s string) bool {
	switch s {
	case "timeout", "list", "lists", "switch", "reason", "reasons", "status", "date", "at", "after", "policy", "config", "settings":
		return true
	}
	return false
}

// purgeEverything says why a request purges a whole cache, or returns "":
// a body or query key of everythingKeys switched on, or a path that ends
// in purge_all or purge_everything.
func purgeEverything(r *httpreq.Request) string {
	last := strings.ToLower(r.Path[strings.LastIndexByte(r.Path, '/')+1:])
	if everythingKeys.Get()[last] && last != "everything" {
		return "which purges the whole cache (" + last + "), so that every request goes to the origin at once"
	}
	if !r.Mentions("everything", "purge", "all") {
		return ""
	}
	for _, v := range r.Values() {
		if everythingKeys.Get()[strings.ToLower(v.Key)] && truthy(v.Text) {
			return "which purges the whole cache (" + v.Key + "), so that every request goes to the origin at once"
		}
	}
	return ""
}

// cancelsSubscription says why a path cancels a customer's subscription
// (/subscriptions/ID/cancel, cancel_for_items), which ends their billing
// and service, or returns "". A cancel elsewhere (a CI run, a job, an
// upload) stops an operation, and passes.
func cancelsSubscription(segs []string) string {
	last := httpreq.WordParts(segs[len(segs)-1])
	if len(last) == 0 || last[0] != "cancel" {
		return ""
	}
	// A gRPC or RPC method names its object: CancelSubscription.
	segs = append(segs[:len(segs)-1:len(segs)-1], strings.Join(last[1:], "_"))
	for _, s := range segs {
		for _, p := range httpreq.WordParts(s) {
			if p == "subscription" || p == "subscriptions" {
				return "which cancels a subscription, ending a customer's billing and service"
			}
		}
	}
	return ""
}

// suppressesRecipients says why a POST or PUT to a mail service's
// suppression list stops mail to the recipients it names, or returns "":
// SendGrid's /asm/suppressions/global and /asm/groups/ID/suppressions,
// Mailgun's /unsubscribes, Postmark's /message-streams/ID/suppressions.
// A person who unsubscribed this way gets no more mail, receipts and
// password resets included, until someone lifts it.
func suppressesRecipients(segs []string) string {
	n := len(segs)
	last := strings.ToLower(segs[n-1])
	if last == "global" && n >= 2 {
		last = strings.ToLower(segs[n-2])
	}
	switch last {
	case "suppressions", "suppression", "unsubscribes", "unsubscribe":
		return "which adds the recipients to a suppression list: no more mail reaches them, receipts and password resets included"
	}
	return ""
}

// closesAccount says why a request sets an account's status to closed
// or suspended, or returns "": Twilio's POST /Accounts/SID.json with
// Status=closed ends a subaccount for good and releases its numbers
// (accountclosed.go reads the CLI's form). Twilio takes updates as POST,
// so any write counts; closed elsewhere (an issue, a ticket) is
// everyday, so the path must name an account.
func closesAccount(r *httpreq.Request, segs []string) string {
	account := false
	for _, s := range segs[max(0, len(segs)-2):] {
		switch strings.ToLower(strings.TrimSuffix(s, path.Ext(s))) {
		case "account", "accounts", "subaccount", "subaccounts":
			account = true
		}
	}
	if !account || !r.Mentions("closed", "suspended") {
		return ""
	}
	for _, v := range r.Values() {
		if statusKeys.Get()[strings.ToLower(v.Key)] {
			switch strings.ToLower(strings.TrimSpace(v.Text)) {
			case "closed", "suspended":
				return "which sets the account's " + v.Key + " to " + v.Text + " (a closed account cannot be opened again)"
			}
		}
	}
	return ""
}

// replicaKeys are body keys that set how many copies of a service run.
var replicaKeys = lazy.Value[map[string]bool]{Make: func() map[string]bool {
	return map[string]bool{"replicas": true, "replica_count": true, "replicacount": true, "desired_count": true,
		"desiredcount": true, "instance_count": true, "instancecount": true, "num_instances": true, "numinstances": true,
		"min_instances": true, "max_instances": true, "max_replicas": true, "maxreplicas": true}
}}

// scalesToZero says why a request scales a service to nothing, or returns
// "": a replica count of 0 in the body ({"spec": {"replicas": 0}},
// {"desiredCount": 0}), or a quantity of 0 sent to a formation or scale
// endpoint (Heroku's /apps/x/formation/web).
func scalesToZero(r *httpreq.Request) string {
	if !r.Mentions("0") {
		return ""
	}
	path := strings.ToLower(r.Path)
	scale := strings.Contains(path, "formation") || strings.Contains(path, "scale") || strings.Contains(path, "dynos")
	zero := func(key string) bool {
		k := strings.ToLower(key)
		return replicaKeys.Get()[k] || scale && (k == "quantity" || k == "size" || k == "count")
	}
	// Values holds form and query fields as text; JSON numbers are read
	// from the body as written.
	for _, v := range r.Values() {
		if strings.TrimSpace(v.Text) == "0" && zero(v.Key) {
			return "which scales it to zero (" + v.Key + "=0), stopping every instance"
		}
	}
	for _, p := range r.Body {
		for _, m := range zeroMembers.Get().FindAllStringSubmatch(p.Value, 8) {
			if zero(m[1]) {
				return "which scales it to zero (" + m[1] + ": 0), stopping every instance"
			}
		}
	}
	return ""
}

// zeroMembers finds JSON members whose value is the number 0.
var zeroMembers = lazy.Value[*regexp.Regexp]{Make: func() *regexp.Regexp {
	return regexp.MustCompile(`"([A-Za-z_]+)"\s*:\s*0\s*[,}\n]`)
}}

// outageStates are body keys that, switched on by a PUT or PATCH, take a
// site, a user or a service out of use: Heroku's {"maintenance": true},
// Auth0's {"blocked": true}, {"suspended": true}.
var outageStates = lazy.Value[map[string]bool]{Make: func() map[string]bool {
	return map[string]bool{"maintenance": true, "maintenance_mode": true, "maintenancemode": true, "maintenance-mode": true,
		"suspended": true, "deactivated": true, "blocked": true, "disabled": true}
}}

// outageState says why a PUT or PATCH switches such a state on, or
// returns "". A POST is left alone: its body is as often a search filter
// ({"filter": {"disabled": true}}) as a change.
func outageState(r *httpreq.Request) string {
	if r.Method != "PUT" && r.Method != "PATCH" {
		return ""
	}
	for _, v := range r.Values() {
		if outageStates.Get()[strings.ToLower(v.Key)] && truthy(v.Text) {
			return "which sets " + v.Key + " (it takes a site, a user or a service out of use)"
		}
		if statusKeys.Get()[strings.ToLower(v.Key)] && endStates.Get()[strings.ToLower(v.Text)] {
			return "which sets " + v.Key + " to " + v.Text + " (the record is deleted or taken out of use through its state)"
		}
	}
	return ""
}

// statusKeys are body keys that hold a record's lifecycle state.
var statusKeys = lazy.Value[map[string]bool]{Make: func() map[string]bool {
	return map[string]bool{"status": true, "state": true, "lifecycle_state": true, "lifecyclestate": true, "lifecycle": true}
}}

// endStates are states that delete a record or take it out of use when
// a PUT or PATCH sets them: {"status": "deleted"}. closed and inactive
// are left out (an issue closed, a flag turned off are everyday).
var endStates = lazy.Value[map[string]bool]{Make: func() map[string]bool {
	return map[string]bool{"deleted": true, "destroyed": true, "terminated": true, "purged": true, "removed": true,
		"deactivated": true, "suspended": true, "disabled": true, "decommissioned": true, "retired": true,
		"cancelled": true, "canceled": true, "archived": true, "banned": true,
		// A mailing list member set unsubscribed (Mailchimp): the list may
		// not mail them again without their own new consent.
		"unsubscribed": true}
}}

// graphQLVerbs are the outage verbs read in a GraphQL mutation's field
// names, anywhere among its word parts (serviceSuspend, deactivateUser,
// shutdownServer). disable is left out: GraphQL APIs name everyday
// switches so (disablePullRequestAutoMerge).
var graphQLVerbs = lazy.Value[map[string]bool]{Make: func() map[string]bool {
	return map[string]bool{"shutdown": true, "poweroff": true, "suspend": true, "deactivate": true, "halt": true}
}}

// graphQLOutage returns the first field of a mutation the request carries
// whose name takes something out of use, or "".
func graphQLOutage(r *httpreq.Request) string {
	field, _ := mutationField(r.Documents(), func(name string) bool {
		parts := httpreq.WordParts(name)
		for i, p := range parts {
			if graphQLVerbs.Get()[p] || p == "shut" && i+1 < len(parts) && parts[i+1] == "down" {
				return true
			}
		}
		return false
	})
	return field
}

// rollsBackProd says why a request rolls a production deployment back,
// or returns "": a path whose last or next-to-last segment says rollback,
// revert or downgrade, with production in the host, the path or a value
// (-d env=production). What a rollback takes away (a release, a schema
// version) is whatever came after the version it returns to; elsewhere
// it is a step of development.
func rollsBackProd(r *httpreq.Request, segs []string) string {
	verb := ""
	for i := len(segs) - 1; i >= 0 && i >= len(segs)-2 && verb == ""; i-- {
		for _, p := range httpreq.WordParts(segs[i]) {
			switch p {
			case "rollback", "revert", "downgrade":
				verb = p
			}
		}
	}
	if verb == "" {
		return ""
	}
	prod := hasProdWord(r.Host) || hasProdWord(r.Path)
	for _, v := range r.Values() {
		switch strings.ToLower(v.Key) {
		case "env", "environment", "stage", "target", "cluster", "namespace", "tier", "deployment":
			prod = prod || len(v.Text) < 40 && hasProdWord(v.Text)
		}
	}
	if !prod {
		return ""
	}
	return "whose path says " + verb + ", toward production"
}
