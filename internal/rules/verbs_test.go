package rules

import (
	"reflect"
	"slices"
	"strings"
	"testing"
)

// TestVerbModel checks the verb model on commands of programs no rule
// names, as the rest of the rules see them: the decision of the whole set.
func TestVerbModel(t *testing.T) {
	s := defaultSet(t)
	ctx := ExampleContext()
	tests := []struct {
		cmd  string
		want bool // the verb rule asks
	}{
		// Subcommand paths, however the verb is spelled.
		{"acmectl cluster delete prod", true},
		{"acmectl --region us-east-1 --profile ops cluster delete prod", true},
		{"acmectl -v --json cluster delete prod", true},
		{"acmectl projects:destroy web", true},
		{"acmectl delete_queue jobs", true},
		{"acmectl deleteObject --key a", true},
		{"acmectl DeleteBucket --bucket a", true},
		{"acmectl ecto.drop", true},
		{"acmectl schedule-key-deletion --key k", true},
		{"acmectl db:migrate:undo:all", true},
		{"acmectl migrate:fresh", true},
		{"acmectl stack tear-down staging", true},
		{"ACMECTL cluster delete prod", true},
		{"./bin/acmectl cluster delete prod", true},
		{"sudo -E acmectl cluster delete prod", true},
		{"acmectl cluster list | xargs -n1 acmectl cluster delete", true},
		// Options and names.
		{"acmectl sync ./a s3://b --delete", true},
		{"acmectl store --purge=true", true},
		{"acmectl store --purge=false", false},
		{"acmectl sync ./a s3://b --delete-destination=prompt", false},
		{"aws-nuke -c nuke.yml --no-dry-run", true},
		{"./scripts/drop-db.sh", true},
		{"bash teardown.sh prod", true},
		{"python3 delete_users.py", true},
		{"python3 remove_duplicates.py", false},
		{"./scripts/test.sh", false},
		// Interpreters: the path follows the script; code is not read.
		{"python manage.py migrate shop zero", true},
		{"python -m acme.cli db drop", true},
		{"node scripts/admin.js purge-tenants", true},
		{"python -c 'print(\"delete\")'", false},
		{"bash -ec 'echo delete'", false},
		{"java -jar jenkins-cli.jar -s http://ci:8080/ -auth @creds delete-job deploy", true},
		// Scoped verbs: everything at once only.
		{"alembic downgrade base", true},
		{"alembic downgrade -1", false},
		{"npx knex migrate:rollback --all", true},
		{"npx knex migrate:rollback", false},
		{"goose down-to 0", true},
		{"goose down", false},
		// Targets.
		{"make destroy", true},
		{"make clean build test", false},
		{"make -C infra test teardown", true},
		{"npm run db:reset", true},
		{"npm run build", false},
		{"yarn db:drop", true},
		// Where the path ends.
		{"acmectl get cluster delete-me", false},
		{"acmectl apps create delete-me", false},
		{"acmectl describe-delete-status", false},
		{"acmectl upload ./delete-me.txt", false},
		{"acmectl run tests/delete_test.py", false},
		{"acmectl logs 'delete failed'", false},
		{"acmectl 42 delete", false},
		{"acmectl $VERB prod", false},
		{"acmectl -- delete", false},
		{"acmectl a b c d e f delete", false},
		// Free text and known grammars.
		{"echo delete everything", false},
		{"grep -rn delete src/", false},
		{"sed '/drop/d' notes.txt", false},
		{"jq '.items[] | select(.deleted)' x.json", false},
		{"git commit -m 'remove old delete endpoint'", false},
		{"git rm --cached .env", false},
		{"go test -run TestDeleteUser ./...", false},
		{"pytest -k test_delete_user", false},
		{"acmectl test --name delete-flow", false},
		{"kill 1234", false},
		// Exceptions and local state.
		{"npm uninstall lodash", false},
		{"npm owner rm bob mypkg", true},
		{"pip uninstall -y requests", false},
		{"cargo remove serde", false},
		{"docker rm web", false},
		{"docker service rm api", true},
		{"docker stack rm shop", true},
		{"kubectl config delete-context old", false},
		{"pip cache purge", false},
		{"acmectl cache purge", false},
		{"acmectl purge-cache", false},
		{"acmectl config unset token", false},
		{"acmectl functions:config:unset key", true},
		{"npx next telemetry disable", false},
		{"kind delete cluster", false},
		{"minikube delete", false},
		{"circleci context delete github org ctx", true},
		{"flyway clean", true},
		{"liquibase rollback-sql v1", false},
		{"liquibase rollback v1", true},
		// Previews.
		{"acmectl cluster delete prod --dry-run", false},
		{"acmectl cluster delete prod --dry-run=server", false},
		{"acmectl cluster delete prod --dry-run=none", true},
		{"acmectl cluster delete prod --dry-run=false", true},
		{"acmectl cluster delete prod --help", false},
		{"acmectl cluster delete prod -h", false},
		{"acmectl help cluster delete", false},
		{"acmectl cluster delete help", false},
		{"acmectl cluster delete prod --no-dry-run", true},
		{"./scripts/delete-old.sh --dry-run", true},
		{"npm run db:reset -- --dry-run", true},
	}
	for _, tt := range tests {
		d := s.Check(tt.cmd, ctx)
		got := slices.ContainsFunc(d.Findings, func(f Finding) bool { return f.Rule.ID == "verbs.destructive" })
		if got != tt.want {
			t.Errorf("%s: verb rule %v, want %v (%s %s)", tt.cmd, got, tt.want, d.Action, ids(d))
		}
	}
}

// TestVerbFallback checks that the verb model stays quiet where a rule
// naming the program decided, and speaks where none matched.
func TestVerbFallback(t *testing.T) {
	s := defaultSet(t)
	ctx := ExampleContext()
	d := s.Check("kubectl delete pod web-1", ctx)
	if ids(d) != "k8s.delete" {
		t.Errorf("kubectl delete pod: %s, want k8s.delete alone", ids(d))
	}
	d = s.Check("kubectl delete pod web-1 --dry-run=client", ctx)
	if d.Action != Allow {
		t.Errorf("kubectl delete --dry-run=client: %s %s", d.Action, ids(d))
	}
	// A user who allows a rule is not overruled by the verb model.
	f, err := ParseFile("user.toml", []byte("allow_rules = [\"k8s.delete\"]\n"))
	if err != nil {
		t.Fatal(err)
	}
	s.Apply(f, User)
	if d := s.Check("kubectl delete pod web-1", ctx); d.Action != Allow {
		t.Errorf("allowed k8s.delete: %s %s", d.Action, ids(d))
	}
}

// TestVerbConfig checks the [verbs] table of config files: exceptions and
// new verbs, and what a project file may not do.
func TestVerbConfig(t *testing.T) {
	ctx := ExampleContext()
	s := defaultSet(t)
	f, err := ParseFile("user.toml", []byte(`
[verbs]
destroy = ["obliviate"]
[verbs.allow]
acmectl = ["sandbox delete"]
[verbs.more]
acmectl = ["recycle"]
`))
	if err != nil {
		t.Fatal(err)
	}
	if errs := s.Apply(f, User); len(errs) > 0 {
		t.Fatal(errs)
	}
	for cmd, want := range map[string]Action{
		"acmectl sandbox delete x": Allow,
		"acmectl cluster delete x": Confirm,
		"acmectl obliviate x":      Confirm,
		"acmectl recycle x":        Confirm,
		"othercli recycle x":       Allow,
	} {
		if d := s.Check(cmd, ctx); d.Action != want {
			t.Errorf("%s: %s %s, want %s", cmd, d.Action, ids(d), want)
		}
	}
	// The default set is unchanged.
	if d := defaultSet(t).Check("acmectl sandbox delete x", ctx); d.Action != Confirm {
		t.Errorf("default set changed by a user file: %s", d.Action)
	}

	p, err := ParseFile(".guard.toml", []byte("[verbs]\ndestroy = [\"recycle\"]\nplain = [\"acmectl\"]\n"))
	if err != nil {
		t.Fatal(err)
	}
	s = defaultSet(t)
	errs := s.Apply(p, Project)
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), "cannot relax the verb model") {
		t.Errorf("project file relaxing the verb model: %v", errs)
	}
	if d := s.Check("acmectl cluster delete x", ctx); d.Action != Confirm {
		t.Errorf("project file relaxed the verb model: %s", d.Action)
	}
	p, err = ParseFile(".guard.toml", []byte("[verbs]\ndestroy = [\"recycle\"]\n"))
	if err != nil {
		t.Fatal(err)
	}
	if errs := s.Apply(p, Project); len(errs) > 0 {
		t.Errorf("project file adding a verb: %v", errs)
	}
	if d := s.Check("acmectl recycle x", ctx); d.Action != Confirm {
		t.Errorf("project verb: %s", d.Action)
	}

	for _, bad := range []string{"[verbs]\ndestroy = [\"tear-down\"]\n", "[verbs]\ndestroy = [\"\"]\n", "[verbs.scoped]\nrollback = []\n", "[verbs]\nbogus = [\"x\"]\n"} {
		if _, err := ParseFile("bad.toml", []byte(bad)); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}

// TestGeneratedVerbs checks that the verb model generated into
// packs_gen.go is the one the TOML packs give, and that its lookups find
// every word of it, in any case.
func TestGeneratedVerbs(t *testing.T) {
	files, err := Packs()
	if err != nil {
		t.Fatal(err)
	}
	var tables []*Verbs
	for _, f := range files {
		tables = append(tables, f.Verbs)
	}
	m, err := compileVerbs(tables)
	if err != nil {
		t.Fatal(err)
	}
	lists, scoped, allow, more := generatedVerbLists()
	if !reflect.DeepEqual(lists, m.lists) || !reflect.DeepEqual(scoped, m.scoped) || !reflect.DeepEqual(allow, m.allow) || !reflect.DeepEqual(more, m.more) {
		t.Fatal("the generated verb model differs from the TOML packs: run go generate ./internal/rules")
	}
	gen := &verbModel{gen: true}
	for l := verbList(0); l < numVerbLists; l++ {
		for _, w := range m.lists[l] {
			var ok bool
			switch {
			case l == listOptions || l == listBenignOptions:
				ok = gen.option(l, strings.TrimSuffix(w, "*")+"x") || gen.option(l, w)
			case l == listPhrases:
				ok = gen.phrases(func(p string) bool { return p == w })
			case l == listTargets && strings.Contains(w, " "):
				name, word, _ := strings.Cut(w, " ")
				ok = gen.targetAfter(name, strings.ToUpper(word))
			case exactCase(l):
				ok = gen.has(l, w)
			default:
				ok = gen.has(l, strings.ToUpper(w))
			}
			if !ok {
				t.Errorf("generated %s does not find %q", verbListKey(l), w)
			}
		}
	}
	for _, tw := range m.scoped {
		for _, sc := range tw.words {
			if !gen.isScoped(tw.key) || !gen.inScope(strings.ToUpper(tw.key), sc[0]) {
				t.Errorf("generated scoped: %s %s", tw.key, sc[0])
			}
		}
	}
	for _, tw := range m.allow {
		for _, path := range tw.words {
			if !gen.allowedPath(tw.key, path) {
				t.Errorf("generated allow: %s %v", tw.key, path)
			}
		}
	}
	for _, tw := range m.more {
		for _, w := range tw.words {
			if !gen.isMore(tw.key, strings.ToUpper(w[0])) {
				t.Errorf("generated more: %s %s", tw.key, w[0])
			}
		}
	}
	if gen.has(listDestroy, "deleted") || gen.has(listExempt, "acmectl") || gen.option(listOptions, "delete-branch-x") && !gen.option(listBenignOptions, "delete-branch") {
		t.Error("the generated model finds words it does not hold")
	}
}

// TestVerbModelAllocs checks that the verb model's lookups do not
// allocate: they run on every command.
func TestVerbModelAllocs(t *testing.T) {
	gen := &verbModel{gen: true}
	words := []string{"cache", "clean"}
	n := testing.AllocsPerRun(100, func() {
		gen.has(listDestroy, "DeleteObject")
		gen.has(listExempt, "git")
		gen.option(listOptions, "delete-everything")
		gen.isMore("flyway", "clean")
		gen.allowedPath("npm", words)
		gen.inScope("rollback", "all")
		gen.targetAfter("npm", "run")
		isFileExt("json")
	})
	if n != 0 {
		t.Errorf("%v allocations per lookup round, want 0", n)
	}
}

func TestSplitParts(t *testing.T) {
	for in, want := range map[string]string{
		"delete-db-instance": "delete db instance",
		"apps:destroy":       "apps destroy",
		"ecto.drop":          "ecto drop",
		"deleteObject":       "delete Object",
		"DeleteBucket":       "Delete Bucket",
		"HTTPServerDelete":   "HTTP Server Delete",
		"FLUSHALL":           "FLUSHALL",
		"delete_queue":       "delete queue",
		"v1":                 "v1",
		"s3api":              "s3api",
	} {
		var parts [maxParts]string
		n := splitParts(in, parts[:])
		if got := strings.Join(parts[:n], " "); got != want {
			t.Errorf("splitParts(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestBareWord(t *testing.T) {
	for in, want := range map[string]bool{
		"delete": true, "db:migrate:undo:all": true, "ecto.drop": true, "i-123": true,
		"x.py": false, "src/a": false, "--x": false, "42": false, "a=b": false, "a b": false,
		"s3://b": false, "@me": false, "a--b": false, "a-": false, "": false,
	} {
		if got := bareWord(in); got != want {
			t.Errorf("bareWord(%q) = %v, want %v", in, got, want)
		}
	}
}

// FuzzVerbs checks that the verb model never panics, whatever the words.
func FuzzVerbs(f *testing.F) {
	for _, s := range []string{"acmectl cluster delete prod", "python -m x db drop", "make -C a destroy", "a --delete=false", "x deleteObject"} {
		f.Add(s)
	}
	s := defaultSet(f)
	ctx := ExampleContext()
	f.Fuzz(func(t *testing.T, cmd string) {
		s.Check(cmd, ctx)
	})
}
