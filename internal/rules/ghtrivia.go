package rules

import (
	"strings"

	"github.com/guardsh/guard/internal/httpreq"
)

// githubTrivia are GitHub REST endpoints whose DELETE takes away a mark
// that anyone can put back in a click, not data: a label or an assignee
// taken off one issue, a review request withdrawn, a reaction, a star, a
// follow, a watch, a lock. Deleting what holds work (a repository, a
// release, an environment, a secret, a comment, a branch, a repository's
// label, a webhook, a deploy key, a member) keeps asking. Patterns are
// read as buildCaches' are, one a line, the segments separated by
// slashes (one string: a [][]string would put an array of strings in the
// binary's data for each pattern, which costs every start).
const githubTrivia = `repos/*/*/issues/*/labels/**
repos/*/*/issues/*/assignees
repos/*/*/pulls/*/requested_reviewers
repos/*/*/issues/*/lock
repos/*/*/subscription
notifications/threads/*/subscription
user/starred/*/*
user/following/*
user/blocks/*
user/subscriptions/*/*
gists/*/star`

// githubTrivial reports whether a DELETE to GitHub's API, or a GitHub
// Enterprise server's /api/v3, only takes away one of githubTrivia's
// marks, or a reaction anywhere (…/reactions/ID).
func githubTrivial(r *httpreq.Request) bool {
	segs := strings.Split(strings.Trim(strings.ToLower(r.Path), "/"), "/")
	switch {
	case len(segs) > 2 && segs[0] == "api" && segs[1] == "v3":
		segs = segs[2:]
	case r.Host != "api.github.com":
		return false
	}
	if r.Dynamic || r.Query != "" && !strings.HasPrefix(r.Query, "assignees") && !strings.HasPrefix(r.Query, "reviewers") {
		return false
	}
	if n := len(segs); n >= 4 && segs[n-2] == "reactions" && segs[n-1] != "" && (segs[0] == "repos" || segs[0] == "orgs" || segs[0] == "teams") {
		return true
	}
	for pat := range strings.SplitSeq(githubTrivia, "\n") {
		if segsMatch(strings.Split(pat, "/"), segs) {
			return true
		}
	}
	return false
}
