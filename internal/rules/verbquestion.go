package rules

import (
	"strings"

	"github.com/guardsh/guard/internal/parse"
	"github.com/guardsh/guard/internal/wordlist"
)

// A destructive verb in a subcommand path that is not the act: a
// question about deletions (acmectl purge status req-1, acmectl
// deletion-status job-12, acmectl delete-requests list), and a user's
// password reset (acmectl user reset-password bob), which sends a link or
// sets a new password and deletes nothing.

// statusWords, after a verb in its own word, make the word a question
// about the act: deletion-status, purge-status.
const statusWords = "status statuses progress"

// readsAfterVerb are the subcommands that, right after the verb's word,
// read what it names: purge status, removenode status, delete-jobs ls,
// purge show ID (Plastic SCM's cm purge show). After a verb alone, only
// when the verb starts the path.
const readsAfterVerb = "status statuses describe info get ls show"

// readsAfterNoun read too, but only after a verb that a noun follows in
// its word (delete-requests list), or after a verb alone when no operand
// follows (fossil purge list): with one, list may be the object
// (acmectl delete list newsletter).
const readsAfterNoun = "list"

// asksAbout reports whether the destructive verb part, in word wi of the
// path and followed in that word by the parts after, names a question
// about the act or a password reset rather than the act.
func (m *verbModel) asksAbout(inv *parse.Invocation, p *subPath, wi int, part string, after []string) bool {
	verb := strings.ToLower(part)
	for _, a := range after {
		low := strings.ToLower(a)
		if wordlist.Has(statusWords, low) {
			return true
		}
		if verb == "reset" && passwordWords.Get()[low] {
			return m.onePassword(inv, p, after)
		}
	}
	next := p.index[wi] + 1
	if next >= len(inv.Args) || inv.Args[next].Dynamic {
		return false
	}
	low := strings.ToLower(inv.Args[next].Value)
	if low != inv.Args[next].Value {
		// STATUS is a name (a secret, a key), not a subcommand.
		return false
	}
	if verb == "reset" && passwordWords.Get()[low] {
		// acmectl user reset password bob.
		return m.onePassword(inv, p, after)
	}
	if len(after) > 0 {
		// delete-requests list, deletion-jobs status.
		return wordlist.Has(readsAfterVerb, low) || wordlist.Has(readsAfterNoun, low)
	}
	// purge status req-1, removenode status: the verb starts the path.
	// After a noun the word may be the name it deletes (gh label delete
	// status).
	return wi == 0 && (wordlist.Has(readsAfterVerb, low) || wordlist.Has(readsAfterNoun, low) && !operandAfter(inv, next))
}

// operandAfter reports whether an argument after inv.Args[i] is an
// operand rather than an option: a name the word at i may act on. A word
// that is not a bare word right after an option is taken as its value
// (--limit 5), as readPath takes it.
func operandAfter(inv *parse.Invocation, i int) bool {
	afterOpt := false
	for _, a := range inv.Args[i+1:] {
		switch {
		case a.Dynamic:
			return true
		case strings.HasPrefix(a.Value, "-"):
			afterOpt = !strings.Contains(a.Value, "=")
			continue
		case afterOpt && !bareWord(a.Value):
		default:
			return true
		}
		afterOpt = false
	}
	return false
}

// onePassword reports whether a password reset is one user's: not a
// data store's, which every client shares, and not everyone's at once
// (reset-password-all, --all).
func (m *verbModel) onePassword(inv *parse.Invocation, p *subPath, after []string) bool {
	for _, a := range after {
		if strings.EqualFold(a, "all") {
			return false
		}
	}
	for _, a := range inv.Args[1:] {
		if a.Value == "--all" || a.Value == "-a" || strings.EqualFold(a.Value, "all") {
			return false
		}
	}
	return !m.storePath(inv, p)
}

// storePath reports whether the program or its path names a resource
// that clients reach with one shared password (a database, a cluster),
// whose password reset cuts every one of them off.
func (m *verbModel) storePath(inv *parse.Invocation, p *subPath) bool {
	return storeContext(p.words[:p.n]) || storeContext([]string{inv.Name})
}

// planWords are subcommands that only show what a run would do: with
// one in the path, an option that names a verb says what the plan is of
// (terraform plan -destroy, acmectl preview --delete).
const planWords = "plan preview"

// plansOnly reports whether a word of the path, or the benign verb that
// ended it, is one of planWords.
func plansOnly(p *subPath) bool {
	for _, w := range p.words[:p.n] {
		if wordlist.Has(planWords, strings.ToLower(w)) {
			return true
		}
	}
	return p.stop != "" && wordlist.Has(planWords, strings.ToLower(p.stop))
}

// callWords are the subcommands whose operand names a function of the
// project's code to call.
const callWords = "run call invoke trigger execute exec"

// functionRef returns the function a reference names after its last
// colon (internal/admin:deleteAllUsers, jobs.py::purge_users), when the
// path word before it calls one.
func functionRef(prev, s string) (string, bool) {
	if !wordlist.Has(callWords, strings.ToLower(prev)) {
		return "", false
	}
	i := strings.LastIndexByte(s, ':')
	if i <= 0 || !bareWord(s[i+1:]) {
		return "", false
	}
	return s[i+1:], true
}

// compoundNoun reports whether word joins a benign verb to a noun
// (search-attribute, export-job, watch-list) and is followed at once by a
// word that destroys: then the word names a resource, as in temporal
// operator search-attribute remove, not a read whose operands follow.
func (m *verbModel) compoundNoun(word string, rest []parse.Word) bool {
	if len(rest) == 0 || rest[0].Dynamic || strings.IndexAny(word, "-_") < 0 {
		return false
	}
	var buf [maxParts]string
	if splitParts(word, buf[:]) < 2 {
		return false
	}
	return m.has(listDestroy, strings.ToLower(rest[0].Value))
}
