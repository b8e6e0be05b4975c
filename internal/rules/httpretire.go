package rules

import (
	"path"
	"regexp"
	"strings"

	"github.com/guardsh/guard/internal/httpreq"
	"github.com/guardsh/guard/internal/lazy"
)

// Requests to SaaS APIs that take records away from their users without a
// verb that deletes. An API names the action at the end of its path
// (/contacts/ID/archive, /crm/v3/objects/deals/batch/archive,
// /comments/ID/redact.json), in an RPC method after /api/ (Slack's
// conversations.archive, conversations.kick, read with GET as well as
// POST, since Slack takes both), or in a GraphQL mutation's field
// (issueArchive, archiveProject). Archiving there is the delete the API
// offers: HubSpot's archive moves records to its recycle bin, Slack's
// closes a channel to everyone, Linear's and Jira's hide the project from
// every user. Redacting and anonymizing cannot be undone at all.
//
// Privacy APIs take deletions as requests: a POST to /deletions/users
// (Amplitude), /data-deletions (Mixpanel), /user_deletion, or a
// regulation whose type says delete (Segment's SUPPRESS_WITH_DELETE).
// The request is the deletion: the service carries it out later, and
// nothing brings the data back.
//
// Their opposites (unarchive, restore), reads (GET of /deletions to list
// them, ?archived=true) and everything else pass to the other HTTP
// judgements.

// retireVerbs are the word parts that, ending a REST path or an RPC
// method, or in a GraphQL mutation's field or an SDK call, take records
// out of use. kick counts in an RPC method only (Slack's
// conversations.kick): at the end of a REST path it as often starts a
// job again (beanstalkd's kick).
var retireVerbs = lazy.Value[map[string]bool]{Make: func() map[string]bool {
	// An offer or a listing withdrawn is off sale (eBay's
	// /offer/ID/withdraw); an invoice, a payment or a transaction voided
	// cannot be charged or un-voided again (Stripe's /invoices/ID/void).
	return map[string]bool{"archive": true, "trash": true, "redact": true, "anonymize": true,
		"anonymise": true, "withdraw": true, "void": true, "delist": true, "unlist": true}
}}

// retireNouns are word parts after a retire verb that make the name a
// thing rather than the act: archive-download, archive_url, trash-count.
var retireNouns = lazy.Value[map[string]bool]{Make: func() map[string]bool {
	return map[string]bool{"download": true, "url": true, "link": true, "links": true, "status": true,
		"settings": true, "setting": true, "config": true, "list": true, "info": true, "log": true,
		"logs": true, "file": true, "files": true, "export": true, "size": true, "format": true,
		"policy": true, "policies": true, "count": true, "job": true, "jobs": true, "path": true,
		"name": true, "type": true, "stats": true}
}}

// archiveMakers are verbs before a last part archive or trash that make
// it the thing acted on: shutil.make_archive, createArchive,
// get_trash.
var archiveMakers = lazy.Value[map[string]bool]{Make: func() map[string]bool {
	return map[string]bool{"make": true, "create": true, "get": true, "download": true, "extract": true,
		"unpack": true, "pack": true, "write": true, "read": true, "open": true, "build": true, "list": true,
		"fetch": true, "upload": true, "export": true, "generate": true, "new": true, "add": true, "save": true,
		"load": true, "stream": true, "compress": true, "decompress": true, "view": true, "show": true,
		"search": true, "query": true, "find": true, "from": true, "to": true, "into": true, "register": true}
}}

// deletionNouns are word parts of a path segment that name a request to
// delete personal data: /deletions, /data-deletions, /user_deletion,
// /erasure.
var deletionNouns = lazy.Value[map[string]bool]{Make: func() map[string]bool {
	return map[string]bool{"deletion": true, "deletions": true, "erasure": true, "erasures": true,
		"anonymization": true, "anonymisation": true, "anonymizations": true, "redaction": true,
		"redactions": true}
}}

// retireName returns the retire verb a name holds, or "": as its last
// word part (conversations.archive, bulkArchive, issueArchive), or as its
// first followed by anything but a noun that makes it a thing
// (archiveProject, archive_contact; not archive_url).
func retireName(name string) string {
	parts := httpreq.WordParts(name)
	if len(parts) == 0 {
		return ""
	}
	if last := parts[len(parts)-1]; retireVerbs.Get()[last] {
		if len(parts) > 1 && archiveMakers.Get()[parts[len(parts)-2]] {
			// make_archive, downloadArchive, move_to_trash is not one:
			// the verb before makes the last part its object.
			return ""
		}
		return last
	}
	if first := parts[0]; retireVerbs.Get()[first] {
		for _, p := range parts[1:] {
			if retireNouns.Get()[p] {
				return ""
			}
		}
		return first
	}
	return ""
}

// retireEndpoint says why a request takes records away from their users
// without a delete verb, or returns "".
func retireEndpoint(r *httpreq.Request) string {
	if r.Method == "HEAD" || r.Method == "OPTIONS" || r.Method == "DELETE" || r.Method == "" {
		return ""
	}
	segs := strings.Split(strings.Trim(r.Path, "/"), "/")
	last := segs[len(segs)-1]
	if method := rpcMethod(segs); method != "" {
		// Slack's Web API: /api/conversations.archive, GET or POST.
		parts := httpreq.WordParts(method)
		if v := parts[len(parts)-1]; retireVerbs.Get()[v] || v == "kick" || destroyVerb(v) != "" || outageVerbs.Get()[v] {
			return "whose method " + method + " says " + v
		}
	}
	if r.Method == "GET" {
		return ""
	}
	if v := retireName(strings.TrimSuffix(last, path.Ext(last))); v != "" {
		return "whose path says " + v + " (it takes the record away from its users)"
	}
	for _, s := range segs {
		if namesSafeguard(s) {
			// /deletion-protection: the safeguard, judged by the
			// safeguards pack.
			continue
		}
		for _, p := range httpreq.WordParts(s) {
			if deletionNouns.Get()[p] {
				return "whose path asks for a " + p + " (the service deletes the data it names, for good)"
			}
		}
	}
	if why := trashState(r); why != "" {
		return why
	}
	for _, v := range r.Values() {
		kp := httpreq.WordParts(v.Key)
		if len(kp) < 2 || kp[len(kp)-1] != "type" || len(v.Text) > 64 {
			continue
		}
		if verb := destroyVerb(v.Text); verb != "" {
			return "whose " + v.Key + " is " + v.Text + " (a request to " + verb + " the data it names)"
		}
	}
	return ""
}

// rpcMethod returns the method an RPC-style path names after its /api/
// segment, as Slack's Web API does (/api/chat.delete,
// /api/admin.conversations.archive), or "": a last segment of dotted
// words with no file extension among them.
func rpcMethod(segs []string) string {
	if len(segs) < 2 || strings.ToLower(segs[len(segs)-2]) != "api" {
		return ""
	}
	m := segs[len(segs)-1]
	if !strings.Contains(m, ".") {
		return ""
	}
	switch strings.ToLower(path.Ext(m)) {
	case ".json", ".xml", ".html", ".php", ".txt", ".csv", ".js":
		return ""
	}
	for _, w := range strings.Split(m, ".") {
		if w == "" || !bareWord(w) {
			return ""
		}
	}
	return m
}

// graphQLRetire returns the first field of a mutation the request
// carries whose name archives, trashes or redacts, or "".
func graphQLRetire(r *httpreq.Request) string {
	field, _ := mutationField(r.Documents(), func(name string) bool { return retireName(name) != "" })
	if field != "" {
		return field
	}
	for _, d := range r.Documents() {
		if !strings.Contains(d, "mutation") {
			continue
		}
		if m := trashedInput.Get().FindString(d); m != "" {
			// issueBatchUpdate(input: {trashed: true}): the update is the
			// archive.
			return "with " + m
		}
	}
	return ""
}

// trashedInput finds an input in a GraphQL document that moves records to
// the trash or archives them: {trashed: true}, {archived: true}.
var trashedInput = lazy.Value[*regexp.Regexp]{Make: func() *regexp.Regexp {
	return regexp.MustCompile(`\b(?:trashed|archived|inTrash|in_trash)\s*:\s*true\b`)
}}

// trashState says why a PUT or PATCH moves a record to the trash by its
// state, or returns "": Notion's {"in_trash": true}, {"trashed": true}.
// A POST is left alone, as outageState leaves it: its body is as often a
// search filter.
func trashState(r *httpreq.Request) string {
	if r.Method != "PUT" && r.Method != "PATCH" || !r.Mentions("trash") {
		return ""
	}
	for _, v := range r.Values() {
		switch strings.ToLower(v.Key) {
		case "in_trash", "intrash", "trashed", "is_trashed", "istrashed":
			if truthy(v.Text) {
				return "which sets " + v.Key + " (the record goes to the trash, and from there for good)"
			}
		}
	}
	return ""
}

// archiveLibraries are the roots of code whose archive calls write an
// archive file: GitPython's repo.archive, zipfile, tarfile, shutil.
var archiveLibraries = lazy.Value[map[string]bool]{Make: func() map[string]bool {
	return map[string]bool{"git": true, "gitpython": true, "zipfile": true, "tarfile": true, "shutil": true,
		"py7zr": true, "patoolib": true, "archiver": true, "tar": true, "adm-zip": true, "jszip": true,
		"simple-git": true, "isomorphic-git": true, "nodegit": true, "libarchive": true}
}}

// retireCall returns the retire verb of an SDK call, or "": a call on a
// client's object (conversations_archive, basic_api.archive,
// messages.trash, member.kick, members.ban) whose root is not an archive
// library.
func retireCall(name, root string) string {
	if root == "" || archiveLibraries.Get()[strings.ToLower(root)] {
		return ""
	}
	if parts := httpreq.WordParts(name); len(parts) > 0 && (parts[0] == "kick" || parts[0] == "ban") {
		// member.kick(), member.ban(), kick_chat_member: a person removed
		// from a server, a workspace or a group (and, banned, their
		// recent messages with them).
		return parts[0]
	}
	return retireName(name)
}
