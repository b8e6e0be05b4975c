package rules

import (
	"slices"
	"strings"

	"github.com/guardsh/guard/internal/parse"
	"github.com/guardsh/guard/internal/wordlist"
)

// Created here: an agent often makes a throwaway object and deletes it in
// the same command (t=tmp-$$ && rpk topic create "$t" && ... && rpk topic
// delete "$t"; mkdir /tmp/x-$$ ... rm -rf /tmp/x-$$). Deleting it destroys
// only what the command itself made, so the deletion passes when an
// earlier invocation of the same command
//
//   - belongs to the same tool family (the same program, or mkdir, mktemp,
//     touch and cp before rm) and creates (createVerbs: create, add, mb,
//     install, up, cp, PUT, mkdir, --create...);
//   - names every target of the deletion: the same text, or for a unique
//     name a path under it; the deletion's other words are options, its
//     delete verb, or the create's own subcommand words and option values;
//   - and either every target is unique to this run (it holds $$,
//     $RANDOM, $(mktemp ...), $(uuidgen), or a variable the command set
//     from those, judged with the variable's value at each step, so a
//     variable set again in between no longer matches), or the create fails
//     on an existing name (failsOnExisting) and the two are linked by &&
//     only, at the top level, so that reaching the deletion proves this run
//     made it, or the name is a throwaway one (throwawayName: TEST,
//     tmp-events), whose earlier contents are disposable anyway.
//
// Critical rules, guard's own files, backups and key material never relax,
// nor does a deletion whose words or environment hold a production or
// lasting marker (keepMarker).

// createVerbs are the words that make an invocation create something.
const createVerbs = "create add mb mk install up cp put new mkdir touch mktemp --create enable"

// deleteVerbs are the words that make an invocation delete something.
const deleteVerbs = "delete del rm rb remove uninstall down destroy drop rmdir --delete disable"

// fsCreators are the programs that make files and directories that rm
// and rmdir may delete.
const fsCreators = "mkdir mktemp touch cp"

// uniqueMarkers are the parts of a name that make it unique to one run.
const uniqueMarkers = "$$ ${$} $RANDOM ${RANDOM} $SRANDOM ${SRANDOM} $BASHPID $(mktemp `mktemp $(uuidgen `uuidgen"

// failsOnExisting returns, for a program, the subcommand words whose
// create fails when the name is taken, so that a later step joined by &&
// only runs after this run made the object. Creates that succeed on an
// existing object are left out: `nats stream add` with the same
// configuration, `aws s3 mb` of a bucket the caller owns (us-east-1), and
// neonctl, whose branch names are not known to be unique.
func failsOnExisting(name string) []string {
	switch name {
	case "rpk":
		return []string{"create"}
	case "kafka-topics", "kafka-topics.sh":
		return []string{"--create"}
	case "helm":
		return []string{"install"}
	case "kubectl":
		return []string{"create"}
	case "bq":
		// bq mk fails on an existing dataset or table unless -f.
		return []string{"mk"}
	case "mkdir":
		return []string{"mkdir"}
	case "useradd", "adduser", "groupadd", "addgroup", "createdb", "createuser", "pg_createcluster", "lxc-create":
		// Each fails when the account, group, database or cluster exists
		// (createdaccounts.go).
		return []string{name}
	case "mysqladmin", "mariadb-admin":
		// mysqladmin create fails when the database exists.
		return []string{"create"}
	case "vault", "bao":
		// vault secrets enable fails when the path is in use.
		return []string{"enable"}
	case "docker", "podman", "nerdctl":
		// docker run --name x fails when a container x exists.
		return []string{"run", "create"}
	}
	return nil
}

// containerRun reports whether c runs a new container (docker run,
// podman container run): a create whose only name is its --name.
func containerRun(c *parse.Invocation, at int) bool {
	switch c.Name {
	case "docker", "podman", "nerdctl":
		return strings.ToLower(c.Own()[at].Value) == "run"
	}
	return false
}

// relaxesCreated reports whether a finding of rule r may pass because the
// command created the target itself.
func relaxesCreated(r *Rule) bool {
	if r.Severity >= Critical {
		return false
	}
	switch r.Pack {
	case "self", "backups", "credentials", "system-disks":
		return false
	case "secrets":
		// A secrets engine or auth method the command enabled itself.
		return r.ID == "secrets.destroy"
	}
	return true
}

// createdInCommand reports whether the deletion inv only deletes what an
// earlier invocation of the same command created.
func createdInCommand(inv *parse.Invocation, ctx *Context) bool {
	if len(inv.Args) < 2 || inv.MoreArgs || keepMarker(inv, ctx) != "" {
		return false
	}
	for i := len(ctx.before) - 1; i >= 0; i-- {
		c := ctx.before[i]
		if c.Remote != inv.Remote || !sameFamily(c, inv) {
			continue
		}
		at := createVerbAt(c)
		if at < 0 {
			continue
		}
		if deletesOnlyCreated(c, at, inv, ctx, i) {
			return true
		}
	}
	return false
}

// sameFamily reports whether c may have created what inv deletes.
func sameFamily(c, inv *parse.Invocation) bool {
	if c.Name == inv.Name {
		return true
	}
	return (inv.Name == "rm" || inv.Name == "rmdir") && wordlist.Has(fsCreators, c.Name) || accountPair(c.Name, inv.Name)
}

// createVerbAt returns the index among c's own arguments of its create
// verb, or -1.
func createVerbAt(c *parse.Invocation) int {
	own := c.Own()
	if len(own) < 2 {
		return -1
	}
	if wordlist.Has(fsCreators, c.Name) || accountCreator(c.Name) {
		return 0
	}
	switch c.Name {
	case "docker", "podman", "nerdctl":
		if own[1].Value == "run" {
			return 1
		}
		if len(own) > 2 && own[1].Value == "container" && own[2].Value == "run" {
			return 2
		}
	}
	for i, w := range own[1:] {
		v := strings.ToLower(w.Value)
		if w.Dynamic || w.Glob {
			continue
		}
		if wordlist.Has(createVerbs, v) || v == "-xput" {
			return i + 1
		}
	}
	return -1
}

// deletesOnlyCreated reports whether every target of the deletion inv is
// an object c created, c being the invocation at index ci before it.
func deletesOnlyCreated(c *parse.Invocation, at int, inv *parse.Invocation, ctx *Context, ci int) bool {
	own := c.Own()
	if (c.Name == "vault" || c.Name == "bao") && own[at].Value != "enable" {
		// vault kv put writes a new version over whatever was there.
		return false
	}
	context := map[string]bool{}
	var names []string
	for i := 1; i < at; i++ {
		w := own[i]
		if strings.HasPrefix(w.Value, "-") && i+1 < len(own) && !strings.Contains(w.Value, "=") {
			context[w.Value+"\x00"+own[i+1].Value] = true
			if nameOption(w.Value) {
				names = append(names, resolveName(own[i+1].Value, c))
			}
			continue
		}
		context[w.Value] = true
	}
	var after []string
	// kinds are the create's static words after its verb but before its
	// last operand: the kind of object (kubectl create ns NAME), which a
	// deletion names the same way (kubectl delete ns NAME).
	kinds := createKinds(own[at+1:])
	for i := at + 1; i < len(own); i++ {
		w := own[i]
		if strings.HasPrefix(w.Value, "-") {
			if i+1 < len(own) && !strings.Contains(w.Value, "=") {
				context[w.Value+"\x00"+own[i+1].Value] = true
				if nameOption(w.Value) {
					names = append(names, resolveName(own[i+1].Value, c))
				}
			} else if opt, n, ok := strings.Cut(w.Value, "="); ok && nameOption(opt) {
				names = append(names, resolveName(n, c))
			}
			continue
		}
		after = append(after, resolveName(w.Value, c))
	}
	if len(after) > 0 && (c.Name == "cp" || strings.ToLower(own[at].Value) == "cp") {
		after = after[len(after)-1:]
	}
	if containerRun(c, at) {
		// What follows is the image and its command, not names.
		after = nil
	}
	names = append(names, after...)
	linked := linkedByAnd(ctx, ci, inv) && failsHere(c, at)
	targets := 0
	del := inv.Own()
	// shared are the option values the deletion gives as the create did
	// (solr create -c scratch_test ... solr delete -c scratch_test): a
	// scope of both, or, when nothing else is named, the object itself.
	var shared []parse.Word
	container := false
	for i := 1; i < len(del); i++ {
		w := del[i]
		v := w.Value
		if strings.HasPrefix(v, "-") {
			if i+1 < len(del) && !nameOption(v) && context[v+"\x00"+del[i+1].Value] {
				i++
				shared = append(shared, del[i])
			}
			continue
		}
		if wordlist.Has(deleteVerbs, strings.ToLower(v)) && !w.Dynamic {
			continue
		}
		if (context[v] || kinds[v] && targets == 0) && !w.Dynamic && !pathLike(v) && !fsFamily(inv) {
			// A namespace or project holds other things: a throwaway name
			// does not make what an earlier run left in it disposable.
			container = container || kinds[v] && wordlist.Has(containerWords, strings.ToLower(v))
			continue
		}
		if w.Glob || strings.Contains(v, "..") {
			return false
		}
		r := resolveName(v, inv)
		// A throwaway name (TEST, tmp-queue) made earlier in the command
		// is disposable even if it may have been there before.
		// scratch-$USER: the user's own name is the same at each step.
		static := !w.Dynamic || selfOnly(v)
		if !createdName(r, names, c, inv, static && (linked || throwawayName(r) && !fsFamily(inv) && !container)) {
			return false
		}
		targets++
	}
	if targets == 0 && len(shared) == 1 && !fsFamily(inv) {
		w := shared[0]
		if w.Glob || strings.Contains(w.Value, "..") {
			return false
		}
		r := resolveName(w.Value, inv)
		static := !w.Dynamic || selfOnly(w.Value)
		return createdName(r, []string{resolveName(w.Value, c)}, c, inv, static && (linked || throwawayName(r)))
	}
	return targets > 0
}

// createKinds returns the kind of object a create makes: the static
// words right after its verb that another operand follows before any
// option (ns in kubectl create ns NAME, secret generic in kubectl create
// secret generic NAME). A run of words cut short by an option (nats
// stream add NAME --subjects ...) names the object, not its kind.
func createKinds(words []parse.Word) map[string]bool {
	n := 0
	for n < len(words) && !strings.HasPrefix(words[n].Value, "-") {
		n++
	}
	kinds := map[string]bool{}
	for _, w := range words[:max(n-1, 0)] {
		if !w.Dynamic && !pathLike(w.Value) {
			kinds[w.Value] = true
		}
	}
	return kinds
}

// fsFamily reports whether inv deletes files.
func fsFamily(inv *parse.Invocation) bool { return inv.Name == "rm" || inv.Name == "rmdir" }

// createdName reports whether the deletion target r is one of names:
// the same text, or for a unique name a path under it. literal allows a
// name that is not unique, when the create proves this run made it.
func createdName(r string, names []string, c, inv *parse.Invocation, literal bool) bool {
	if hasProdWord(r) || keepName(r) {
		return false
	}
	if fsFamily(inv) && c.Dir != inv.Dir && !strings.HasPrefix(r, "/") {
		return false
	}
	if inv.Name == "vault" || inv.Name == "bao" {
		// A mount's path is the same with or without its final slash.
		r = strings.TrimSuffix(r, "/")
	}
	for _, n := range names {
		u := uniqueName(n)
		switch {
		case r == n && (u || literal):
			return true
		case u && strings.HasPrefix(r, strings.TrimSuffix(n, "/")+"/"):
			return true
		}
	}
	return false
}

// uniqueName reports whether a resolved name is unique to this run: it
// holds a marker of one process ($$, $RANDOM, mktemp), or a part of it is
// named for one CI run (ci_$CI_JOB_ID, e2e-${GITHUB_RUN_ID}), which no
// other run shares.
func uniqueName(n string) bool {
	if parse.FreshTemp(n) || runUnique(n) {
		return true
	}
	for m := range strings.FieldsSeq(uniqueMarkers) {
		if strings.Contains(n, m) {
			return true
		}
	}
	return false
}

// resolveName replaces the variables in s with what the command set them
// to before inv, a few levels deep; variables the command did not set
// stay as written.
func resolveName(s string, inv *parse.Invocation) string {
	for range 3 {
		if !strings.Contains(s, "$") || len(inv.Origins) == 0 {
			return s
		}
		next := s
		for name, v := range inv.Origins {
			if v == "" || strings.Contains(v, "\n") {
				continue
			}
			next = strings.ReplaceAll(next, "${"+name+"}", v)
			next = replaceVar(next, name, v)
		}
		if next == s {
			return s
		}
		s = next
	}
	return s
}

// replaceVar replaces $name in s where the name is not followed by more
// name characters.
func replaceVar(s, name, v string) string {
	var b strings.Builder
	for {
		i := strings.Index(s, "$"+name)
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		end := i + 1 + len(name)
		if end < len(s) && (isAlnum(s[end]) || s[end] == '_') {
			b.WriteString(s[:end])
			s = s[end:]
			continue
		}
		b.WriteString(s[:i])
		b.WriteString(v)
		s = s[end:]
	}
}

// failsHere reports whether c's create fails when the name is taken.
func failsHere(c *parse.Invocation, at int) bool {
	verbs := failsOnExisting(c.Name)
	own := c.Own()
	if !slices.Contains(verbs, strings.ToLower(own[at].Value)) {
		return false
	}
	for _, w := range own {
		switch w.Value {
		case "--if-not-exists", "--upgrade", "--exist-ok", "--replace":
			return false
		case "-p", "--parents":
			if c.Name == "mkdir" {
				return false
			}
		case "-f", "--force":
			// groupadd -f succeeds when the group exists.
			if accountCreator(c.Name) {
				return false
			}
		}
	}
	return true
}

// linkedByAnd reports whether the invocation at index ci before inv and
// inv are both at the top level of the command and joined by && only,
// so that inv runs only when that one succeeded.
func linkedByAnd(ctx *Context, ci int, inv *parse.Invocation) bool {
	c := ctx.before[ci]
	if !privilegeOnly(c.Via) || !privilegeOnly(inv.Via) {
		return false
	}
	start := c.Pos.Offset + len(c.Text)
	end := inv.Pos.Offset
	if start > end || end > len(ctx.text) || c.Pos.Offset < 0 || ctx.text[c.Pos.Offset:start] != c.Text {
		return false
	}
	gap := ctx.text[start:end]
	if strings.Contains(gap, "||") {
		return false
	}
	gap = strings.ReplaceAll(gap, "&&", "")
	return !strings.ContainsAny(gap, ";&\n(){}`") && !hasKeyword(gap)
}

// hasKeyword reports whether text holds a shell keyword that opens or
// closes a branch or loop.
func hasKeyword(text string) bool {
	for _, f := range strings.Fields(text) {
		switch f {
		case "if", "then", "else", "elif", "fi", "do", "done", "case", "esac", "while", "until", "for", "!":
			return true
		}
	}
	return false
}

// nameOption reports whether an option's value names the object made:
// --name, --topic, a compose project.
func nameOption(opt string) bool {
	switch opt {
	case "--name", "--topic", "-p", "--project-name", "-path":
		// -path: vault secrets enable -path=scratch kv-v2.
		return true
	}
	return false
}

// runUnique reports whether every run-time part of n is a CI run's
// number (runVars) and a part of the path or URL that holds one is named
// for the run (runScoped): http://localhost:9200/ci_products_$CI_JOB_ID.
func runUnique(n string) bool {
	if !runFilled(n) {
		return false
	}
	found := false
	for _, part := range strings.FieldsFunc(n, func(r rune) bool { return r == '/' || r == ':' || r == '?' || r == '&' || r == '=' }) {
		if !strings.Contains(part, "$") {
			continue
		}
		if !runScoped(part) {
			return false
		}
		found = true
	}
	return found
}
