package rules

import (
	"slices"
	"strings"

	"github.com/guardsh/guard/internal/parse"
	"github.com/guardsh/guard/internal/wordlist"
)

// Disposable targets: deleting a thing whose name says it is throwaway
// (vault kv delete secret/dev/scratch-test, kubectl delete secret
// test-creds, dropdb myapp_test) destroys nothing a person would miss, and
// asking about it teaches people to approve without reading. A target is
// disposable when
//
//   - it is named, one by one: no pattern, selector, --all, prefix or
//     recursion, and nothing only known at run time;
//   - its name, or the scope it lives in (a namespace, a path's parents,
//     a project, a database, an environment), holds a throwaway marker
//     (throwawayWords) as a whole segment: my-test-db, scratch/x,
//     myapp_test, e2eRunner, tmp3;
//   - nothing in the command marks production or a lasting or shared thing
//     (prodWords, keepWords): not an argument, an assignment, the host,
//     the nesting, or an environment variable such as KUBECONTEXT.
//
// Only the rules that use this say so in their matcher (the verb model,
// k8s.delete, db.drop-tools, db.sql-drop for DROP DATABASE): never the
// rules about backups, key material, guard itself, force pushes, or any
// critical rule.
//
// "dev" is not a throwaway marker: a development database or secret path
// holds someone's work and settings, and nothing recreates it. Deleting
// what a controller recreates in a dev namespace (a pod, a job) passes
// through the Kubernetes rules' own model instead (kube.go).

// throwawayWords are the name segments that mark a thing as throwaway.
// A segment may end in digits (test1, tmp2).
const throwawayWords = "test tests testing scratch tmp temp sandbox e2e playground throwaway ephemeral disposable smoke " +
	"dummy"

// keepWords are the segments that mark a thing as lasting or shared, on
// top of the production words: a shared or main instance, backups and
// snapshots, and key material (a key ring, a KMS or transit key, not a
// test API key), whose loss no marker makes harmless.
const keepWords = "shared main master primary backup backups snapshot snapshots archive archives keys kms keyring " +
	"keyrings keyvault cryptokey cryptokeys transit gpg pgp signing encryption"

// notThrowawayBefore are segments that, right before "test", make it part
// of a lasting name: an A/B test's flags run in production.
const notThrowawayBefore = "ab split abn"

// segments calls f with each segment of s in lower case, split at every
// character that is not a letter or digit and at camelCase boundaries,
// until f returns true. The previous segment is passed too.
func segments(s string, f func(prev, seg string) bool) bool {
	var buf [64]byte
	prev := ""
	start := -1
	for i := 0; i <= len(s); i++ {
		c := byte(0)
		if i < len(s) {
			c = s[i]
		}
		alnum := i < len(s) && isAlnum(c)
		camel := alnum && start >= 0 && c >= 'A' && c <= 'Z' && s[i-1] >= 'a' && s[i-1] <= 'z'
		if (!alnum || camel) && start >= 0 {
			seg := s[start:i]
			if b := lowerASCII(&buf, seg); b != nil {
				seg = string(b)
			} else {
				seg = strings.ToLower(seg)
			}
			if f(prev, seg) {
				return true
			}
			prev = seg
			start = -1
		}
		if alnum && start < 0 {
			start = i
		}
	}
	return false
}

// throwawayName reports whether a name holds a throwaway marker.
func throwawayName(s string) bool {
	if perRunName(s) || runOutput(s) {
		return true
	}
	return segments(s, func(prev, seg string) bool {
		if strings.HasPrefix(seg, "test") && wordlist.Has(notThrowawayBefore, prev) {
			return false
		}
		if wordlist.Has(throwawayWords, seg) {
			return true
		}
		base := strings.TrimRight(seg, "0123456789")
		return base != seg && base != "" && wordlist.Has(throwawayWords, base)
	})
}

// keepName reports whether s holds a production or lasting marker.
// "primary" followed by "key" is SQL's PRIMARY KEY in a statement's
// text (CREATE TABLE t(id INTEGER PRIMARY KEY)), not a primary instance.
func keepName(s string) bool {
	primary := false
	hit := segments(s, func(_, seg string) bool {
		if primary {
			if seg != "key" {
				return true
			}
			primary = false
			return false
		}
		if seg == "primary" {
			primary = true
			return false
		}
		return wordlist.Has(keepWords, seg) || slices.Contains(prodWords, seg)
	})
	return hit || primary
}

// keepMarker returns what marks the invocation as aimed at production or
// at a lasting or shared thing, or "".
func keepMarker(inv *parse.Invocation, ctx *Context) string {
	if m := prodMarker(inv, ctx); m != "" {
		return m
	}
	return wordMarker(inv, keepName)
}

// selfVars are the expansions that name the user running the command,
// which fill in a name without widening it: scratch-$USER.
var selfVars = []string{"${USER}", "$USER", "${LOGNAME}", "$LOGNAME", "$(whoami)", "`whoami`", "$(id -un)"}

// selfOnly reports whether the only run-time parts of s are the user's
// own name (selfVars): scratch-$USER.
func selfOnly(s string) bool {
	rest := withoutSelf(s)
	return rest != s && !strings.ContainsAny(rest, "$`")
}

// withoutSelf returns s with the expansions of selfVars blanked out; one
// that runs on into a longer name ($USER_DIR) stays.
func withoutSelf(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		hit := ""
		for _, sv := range selfVars {
			if strings.HasPrefix(s[i:], sv) {
				end := i + len(sv)
				if sv[len(sv)-1] >= 'A' && sv[len(sv)-1] <= 'Z' && end < len(s) && (isAlnum(s[end]) || s[end] == '_') {
					continue
				}
				hit = sv
				break
			}
		}
		if hit != "" {
			b.WriteString("u")
			i += len(hit)
			continue
		}
		b.WriteByte(s[i])
		i++
	}
	return b.String()
}

// namedOne reports whether a word names one thing: it is known before the
// command runs, holds no pattern, and does not climb out of its scope
// (secret/test/../app).
func namedOne(w parse.Word) bool {
	v := w.Value
	if w.Dynamic {
		// scratch-$USER: the user's own name is a name, whatever it is;
		// ci-$CI_JOB_ID: so is the number of the CI run.
		v = withoutSelf(v)
		if t, ok := fillRunVars(v); ok {
			v = t
		}
		if v == w.Value {
			return false
		}
	}
	if w.Glob || v == "" || strings.ContainsAny(v, "*?[]{}%$`") {
		return false
	}
	for _, seg := range strings.Split(w.Value, "/") {
		if seg == ".." {
			return false
		}
	}
	return true
}

// disposableTargets reports whether every name is one named thing, and
// it or a scope holds a throwaway marker. There must be a name. A name
// whose only run-time part is a run's suffix (e2e-$RUN_ID) counts as
// one.
func disposableTargets(names, scopes []parse.Word) bool {
	if len(names) == 0 {
		return false
	}
	scoped := false
	for _, s := range scopes {
		if !namedOne(s) {
			return false
		}
		if throwawayName(s.Value) {
			scoped = true
		}
	}
	for _, n := range names {
		if n.Dynamic {
			// dev-ci-tmp-$GITHUB_RUN_ID: one object a run makes for itself,
			// judged by its static prefix (runsuffix.go).
			if named, ok := runSuffixed(n.Value); ok {
				n = parse.Word{Value: named}
			}
		}
		if !namedOne(n) || !scoped && !throwawayName(n.Value) {
			return false
		}
	}
	return true
}

// broadWords are the parts of an option's name, or of a subcommand word,
// that make a deletion reach more than the things named: --all,
// --recursive, --prefix, -l (a label selector), --older-than, delete-all.
const broadWords = "all every everything recursive recurse r a l prefix selector filter pattern match matching regex " +
	"regexp glob query where older newer before after since until age expired status label labels tag " +
	"tags bulk batch mass wildcard from file filename k kustomize cascade purge permanent permanently " +
	"hard force f"

// quietOptions are options without a value that change nothing about
// what a deletion removes: they answer or skip the tool's question, or
// change what it prints.
const quietOptions = "y yes assume-yes q quiet silent wait no-wait ignore-not-found if-exists non-interactive no-input " +
	"noinput no-prompt interactive echo verbose only-show-errors no-progress no-color"

// scopeWords are the parts of an option's name that say its value is the
// scope of the names: --namespace, -mount, --project, --env, --database.
const scopeWords = "n ns namespace mount project env environment stage workspace config configuration db database " +
	"dbname space context cluster account profile stack app"

// containerWords are the parts of a subcommand word that name a whole
// container of other things, which the throwaway name of the container
// does not make harmless: acmectl project delete test-project deletes
// everything in it. Repositories hold their history.
const containerWords = "namespace namespaces ns project projects account accounts org orgs organization organizations " +
	"tenant tenants subscription subscriptions folder folders workspace workspaces realm realms repo " +
	"repos repository repositories vault vaults"

// nameWords are the last parts of the names of options whose value names
// the target: --name, --id, --db-instance-identifier.
const nameWords = "name names id ids identifier"

// disposableAfter reports whether the arguments after index at (a verb of
// the subcommand path) name only disposable targets, for the verb model:
// acmectl sandbox delete scratch-1, vault kv delete secret/tmp/x. Options
// must be quiet ones (--yes) or take a value that does not widen the
// deletion (--project x); a value-taking option whose name is a scope
// (--namespace, -mount) gives a scope.
func (m *verbModel) disposableAfter(inv *parse.Invocation, v *view, ctx *Context, at int) bool {
	if inv.MoreArgs || at >= len(inv.Args) || broadName(inv.Args[at].Value) || keepMarker(inv, ctx) != "" {
		return false
	}
	for _, a := range inv.Args[1 : at+1] {
		if !strings.HasPrefix(a.Value, "-") && segments(a.Value, func(_, seg string) bool { return wordlist.Has(containerWords, seg) }) {
			return false
		}
	}
	takesValue := func(s string) bool {
		if v.tool != nil {
			return slices.Contains(v.tool.ValueFlags, s)
		}
		return m.has(listValueFlags, s)
	}
	var names, scopes []parse.Word
	args := inv.Args
	if inv.OwnArgs > 0 {
		args = args[:inv.OwnArgs]
	}
	for i := at + 1; i < len(args); i++ {
		a := args[i]
		s := a.Value
		if a.Dynamic && strings.HasPrefix(s, "-") {
			return false
		}
		if s == "--" {
			names = append(names, args[i+1:]...)
			break
		}
		if len(s) < 2 || s[0] != '-' {
			names = append(names, a)
			continue
		}
		name, val, has := strings.Cut(s, "=")
		bare := strings.TrimLeft(name, "-")
		if !has && (wordlist.Has(quietOptions, strings.ToLower(bare)) || toolQuiet(v, name)) {
			continue
		}
		if broadName(bare) {
			return false
		}
		value := parse.Word{Value: val}
		switch {
		case has:
		case (takesValue(name) || scopeID(bare) || optionNamesObject(inv, at, bare)) && i+1 < len(args):
			// --workflow-id after workflow terminate takes the name of
			// what it terminates.
			i++
			value = args[i]
		default:
			// An option guard cannot read may widen the deletion.
			return false
		}
		switch last := lastSegment(bare); {
		case optionNamesObject(inv, at, bare):
			names = append(names, value)
		case orgScope(bare) && !pathLike(value.Value):
			scopes = append(scopes, value)
		case wordlist.Has(scopeWords, last) || scopeID(bare):
			if pathLike(value.Value) {
				// --config test.yaml, --kubeconfig ~/.kube/test: a file
				// that may point anywhere, production included.
				return false
			}
			scopes = append(scopes, value)
		case wordlist.Has(nameWords, last):
			names = append(names, value)
		case value.Dynamic:
			return false
		}
	}
	return disposableTargets(names, scopes)
}

// broadName reports whether an option name or a word has a part that
// widens a deletion.
func broadName(s string) bool {
	return segments(s, func(_, seg string) bool { return wordlist.Has(broadWords, seg) })
}

// lastSegment returns the last segment of an option's name, which says
// what its value is: namespace in --k8s-namespace, identifier in
// --db-instance-identifier.
func lastSegment(bare string) string {
	last := ""
	segments(bare, func(_, seg string) bool { last = seg; return false })
	return last
}

// newNotDisposable matches unless the command deletes only disposable
// targets (disposableTargets): every operand names one thing that is throwaway (dropdb myapp_test), or a scope is.
// Options must take a value that does not widen the deletion (dropdb -h
// localhost) or be quiet ones (--yes, --if-exists, and those the rule
// lists in quiet); the values of the options in scopes are scopes; the
// subcommand words in commands (s3 rm) are not operands. With
// inputs set, the operands are what the command reads (pg_restore's
// archive), not what it deletes: a dump named app-staging.dump or kept in
// /tmp says nothing of the database it is restored over, and only the
// scopes decide. A production or lasting marker anywhere in the command,
// or operands only known at run time, make it match.
func newNotDisposable(with map[string]any) (matchFunc, error) {
	p := newParams(with)
	quiet := p.strings("quiet")
	scopeFlags := p.strings("scopes")
	inputs := p.bool("inputs", false)
	databases := p.bool("databases", false)
	var commands [][]string
	for _, c := range p.strings("commands") {
		commands = append(commands, strings.Fields(c))
	}
	if err := p.done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		if inv.MoreArgs || len(v.operands) == 0 || keepMarker(inv, ctx) != "" {
			return "", true
		}
		operands := v.operands
		for _, c := range commands {
			if len(operands) >= len(c) && slices.EqualFunc(operands[:len(c)], c, func(w parse.Word, s string) bool { return !w.Dynamic && w.Value == s }) {
				operands = operands[len(c):]
				break
			}
		}
		var scopes []parse.Word
		for i, f := range v.flags {
			name, val, has := strings.Cut(f, "=")
			bare := strings.TrimLeft(name, "-")
			if !has && v.hasVal(i) {
				val, has = v.vals[i], true
			}
			switch {
			case !has && (wordlist.Has(quietOptions, strings.ToLower(bare)) || slices.Contains(quiet, name)):
			case !has || broadName(bare):
				return "", true
			case slices.Contains(scopeFlags, name):
				// A value with the user's own name (scratch_$(whoami)) is
				// read as namedOne reads a run-time name.
				scopes = append(scopes, parse.Word{Value: val, Dynamic: strings.ContainsAny(val, "$`")})
			}
		}
		if inputs {
			// The scopes are the targets: each must be throwaway.
			operands, scopes = scopes, nil
		}
		if disposableTargets(operands, scopes) {
			return "", false
		}
		// A database named for the test suite or CI (orders_ci,
		// api_fixtures) on a server on this machine is the suite's own;
		// a role (dropuser ci) is not a database.
		return "", !(databases && !strings.HasPrefix(inv.Name, "dropuser") && len(scopes) == 0 && testDBNames(operands) && localPGServer(inv, ctx))
	}, nil
}

// testDBNames reports whether every name is one a test database has
// (testDBName), written out.
func testDBNames(names []parse.Word) bool {
	for _, n := range names {
		if n.Dynamic || !testDBName(n.Value) {
			return false
		}
	}
	return len(names) > 0
}

// localPGServer reports whether a PostgreSQL tool (dropdb, createdb) is
// aimed at a server on this machine: no host, or a local one, in -h,
// --host, PGHOST assigned or inherited.
func localPGServer(inv *parse.Invocation, ctx *Context) bool {
	if inv.Remote != "" && !containerRemote(inv) {
		return false
	}
	hosts, named := []string{}, false
	args := inv.Own()
	for i := 1; i < len(args); i++ {
		a := args[i].Value
		name, val, has := strings.Cut(a, "=")
		switch {
		case name == "-h" || name == "--host":
			if !has {
				if i+1 >= len(args) || args[i+1].Dynamic {
					return false
				}
				i++
				val = args[i].Value
			}
			hosts, named = append(hosts, val), true
		case strings.HasPrefix(a, "-h") && len(a) > 2:
			hosts, named = append(hosts, a[2:]), true
		case name == "--maintenance-db" || strings.Contains(a, "://"):
			return false
		}
	}
	for _, a := range inv.Assigns {
		if a.Name == "PGHOST" {
			if a.Value.Dynamic {
				return false
			}
			hosts, named = append(hosts, a.Value.Value), true
		}
	}
	if !named {
		hosts = append(hosts, ctx.Env["PGHOST"])
	}
	for _, h := range hosts {
		if !localDBHost(h) {
			return false
		}
	}
	return true
}

// pathLike reports whether an option's value looks like a file's path
// rather than a name: it holds a slash or a tilde, or ends in a file
// extension.
func pathLike(s string) bool {
	if strings.ContainsAny(s, "/\\~") {
		return true
	}
	i := strings.LastIndexByte(s, '.')
	return i > 0 && (isFileExt(s[i+1:]) || isScriptExt(s[i+1:]))
}

// throwawayPacks are the packs whose deletions a throwaway target makes
// harmless: cloud resources, cluster objects, containers and platform
// apps named scratch, sandbox or for a pull request's preview.
const throwawayPacks = "cloud kubernetes containers platform"

// relaxesThrowaway reports whether a finding of rule r may pass because
// everything the command deletes is named as throwaway.
func relaxesThrowaway(r *Rule) bool {
	return r.Severity < Critical && wordlist.Has(throwawayPacks, r.Pack)
}

// throwawayTarget reports whether everything inv deletes is named as
// throwaway (aws cloudformation delete-stack --stack-name pr-4412-preview,
// kubectl delete namespace scratch-$USER, az group delete -n
// rg-sandbox-$USER): the operands after the destroy verb that are not a
// kind of object, and the values of the options that name the target.
// One name that is not throwaway, a name only known at run time other
// than the user's own, or a production or lasting marker leaves it a
// deletion like any other.
func (s *Set) throwawayTarget(inv *parse.Invocation, ctx *Context) bool {
	m := s.verbs
	if m == nil || inv.MoreArgs || keepMarker(inv, ctx) != "" {
		return false
	}
	inv = foldName(inv)
	v := s.view(inv)
	var p subPath
	m.readPath(inv, v, &p)
	_, at, ok := m.pathVerb(v.name, inv, &p)
	if !ok {
		return false
	}
	args := inv.Own()
	targets := 0
	for i := at + 1; i < len(args); i++ {
		a := args[i]
		name, val, eq := strings.Cut(a.Value, "=")
		if strings.HasPrefix(a.Value, "-") {
			if !wordlist.Has(deleteTargetOptions, strings.TrimLeft(name, "-")) || name == "-" {
				if !eq && i+1 < len(args) && !strings.HasPrefix(args[i+1].Value, "-") && takesTargetlessValue(name) {
					i++
				}
				continue
			}
			w := parse.Word{Value: val, Dynamic: a.Dynamic}
			if !eq {
				if i+1 >= len(args) {
					return false
				}
				i++
				w = args[i]
			}
			if !throwawayWord(w) {
				return false
			}
			targets++
			continue
		}
		if !a.Dynamic && wordlist.Has(objectKinds, strings.ToLower(a.Value)) {
			continue
		}
		if !throwawayWord(a) {
			return false
		}
		targets++
	}
	return targets > 0
}

// deleteTargetOptions are the options, without dashes, whose value names what
// a deletion deletes.
const deleteTargetOptions = "n name stack-name resource-group g app a project p function-name cluster-name cluster bucket " +
	"environment-name env-name service service-name namespace branch deployment instance db-instance-identifier table-name"

// objectKinds are the operands that say what kind of object a deletion
// deletes, before its name: kubectl delete namespace NAME.
const objectKinds = "namespace namespaces ns stack stacks group app apps deployment deployments deploy service services svc " +
	"pod pods project projects environment env branch database db cluster bucket volume container image function job " +
	"release secret configmap cm pvc statefulset sts daemonset ds ingress"

// takesTargetlessValue reports whether an option that names no target
// takes a value (--region eu-west-1, -o json), so that the value is not
// read as a target.
func takesTargetlessValue(opt string) bool {
	return wordlist.Has("--region -o --output --profile --subscription --context --kubeconfig --zone --location -l --selector --timeout --grace-period", opt)
}

// throwawayWord reports whether a word names a throwaway target: a pull
// request's preview, or the user's own scratch (scratch-$USER,
// rg-sandbox-$USER). A scratch or e2e name that is not the user's own
// (sandbox-eu, e2e-4821) may be a team's shared environment, and asks.
func throwawayWord(w parse.Word) bool {
	v := w.Value
	if v == "" || hasProdWord(v) || keepName(v) {
		return false
	}
	if runScoped(v) {
		return true
	}
	if w.Dynamic && !selfOnly(v) {
		return false
	}
	if previewName(v) {
		return true
	}
	return selfOnly(v) && segments(withoutSelf(v), func(_, seg string) bool { return wordlist.Has(personalScratch, seg) })
}

// runVars are the expansions that a CI system fills with the number of
// the job, pipeline or build that is running: ci-$CI_JOB_ID names what
// that one run made.
const runVars = "CI_JOB_ID CI_PIPELINE_ID CI_PIPELINE_IID GITHUB_RUN_ID GITHUB_RUN_NUMBER BUILD_ID BUILD_NUMBER BUILD_TAG BUILDKITE_BUILD_NUMBER BUILDKITE_JOB_ID CIRCLE_BUILD_NUM CIRCLE_WORKFLOW_ID TRAVIS_JOB_ID DRONE_BUILD_NUMBER BITBUCKET_BUILD_NUMBER CODEBUILD_BUILD_NUMBER"

// ciRunWords are the words that, with a CI run's number, make a name that
// run's own: ci-$CI_JOB_ID, e2e-${GITHUB_RUN_ID}, test-$BUILD_NUMBER.
const ciRunWords = "ci e2e test tests it job build run pipeline pr review preview tmp scratch ephemeral"

// runScoped reports whether s names what one CI run made: its only
// run-time parts are runVars, at least one of them is there, and a
// literal segment is one of ciRunWords.
func runScoped(s string) bool {
	t, ok := fillRunVars(s)
	if !ok || strings.ContainsAny(t, "$`*?[]{}/ ") {
		return false
	}
	return segments(t, func(_, seg string) bool { return wordlist.Has(ciRunWords, seg) })
}

// runFilled reports whether the only run-time parts of s are runVars.
func runFilled(s string) bool {
	t, ok := fillRunVars(s)
	return ok && !strings.ContainsAny(t, "$`")
}

// fillRunVars returns s with each expansion of a runVars variable
// ($CI_JOB_ID, ${GITHUB_RUN_ID}) replaced by a run number, and whether
// there was one. Other expansions are left as they are.
func fillRunVars(s string) (string, bool) {
	if strings.IndexByte(s, '$') < 0 {
		return s, false
	}
	var b strings.Builder
	found := false
	for i := 0; i < len(s); i++ {
		if s[i] != '$' {
			b.WriteByte(s[i])
			continue
		}
		j, braced := i+1, false
		if j < len(s) && s[j] == '{' {
			j, braced = j+1, true
		}
		k := j
		for k < len(s) && (isAlnum(s[k]) || s[k] == '_') {
			k++
		}
		name, end := s[j:k], k
		if braced {
			if k >= len(s) || s[k] != '}' {
				name = ""
			}
			end = k + 1
		}
		if name == "" || !wordlist.Has(runVars, name) {
			b.WriteByte('$')
			continue
		}
		found = true
		b.WriteString("1")
		i = end - 1
	}
	return b.String(), found
}

// personalScratch are the words that, with the user's own name, make a
// target the user's scratch space.
const personalScratch = "scratch sandbox tmp temp playground throwaway"

// previewName reports whether a name is a pull request's preview
// environment: a segment preview, or pr-123, pr123, pull-123.
func previewName(s string) bool {
	return segments(s, func(prev, seg string) bool {
		if seg == "preview" || seg == "previews" {
			return true
		}
		if (prev == "pr" || prev == "pull") && seg != "" && strings.Trim(seg, "0123456789") == "" {
			return true
		}
		rest, ok := strings.CutPrefix(seg, "pr")
		return ok && rest != "" && strings.Trim(rest, "0123456789") == ""
	})
}
