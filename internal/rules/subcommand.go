package rules

import (
	"slices"
	"strings"

	"github.com/guardsh/guard/internal/lazy"
	"github.com/guardsh/guard/internal/parse"
)

// Reading a program's subcommand path, for the verb model.
//
// The subcommand path is the leading bare words of a program's operands:
// aws ec2 terminate-instances, kubectl delete, acmectl cluster delete. It
// is read from the first argument on, and
//
//   - skips options, and the values of options that take one: the tool's
//     value_flags when guard knows the tool, otherwise options that take
//     a value in most CLIs (--name, --region, -m, ...); a word after any
//     other option that is not a bare word (a path, a URL, a sentence) is
//     taken as that option's value and skipped too;
//   - skips words only known at run time ($DATABASE_URL);
//   - ends at -- (unless the tool reads options after it, as terragrunt
//     does) and at the first operand that is not a bare word: a path
//     (src/x, x.py), a URL, a number, a quoted sentence, key=value, an
//     @-reference;
//   - ends after a verb that does not destroy (get, list, create, ...),
//     whose operands are arguments (kubectl get pod delete-me), except for
//     programs whose operands are targets (make, npm run), all read;
//   - ends after six words.
//
// A bare word starts with a letter and holds letters, digits and single
// separators (- _ : .), and does not end in a file extension. For an
// interpreter (python, node, bash, ...), the path follows the script it
// runs (python manage.py flush), and is not read when the code is given
// with -c or -e.

const (
	maxPath   = 6 // words read in a subcommand path
	maxParts  = 8 // parts read in one word
	maxPhrase = 4 // parts in a phrase
)

// subPath is a subcommand path, read without allocating.
type subPath struct {
	words  [maxPath]string
	index  [maxPath]int // where each word is in the invocation's Args
	n      int
	script string // the script an interpreter runs, if any
	// module says the script is a module run by name (python -m pip),
	// which reads its words as the program of that name would.
	module bool
	// stop is the benign verb that ended the path, if one did (disk
	// format): not a word of the path, but the end of a phrase.
	stop string
}

// readPath reads the invocation's subcommand path into p.
func (m *verbModel) readPath(inv *parse.Invocation, v *view, p *subPath) {
	args := inv.Args
	tool := v.tool
	// takesValue reports whether an option takes the next word: by the
	// tool's grammar when guard knows it, else by what most CLIs do.
	takesValue := func(s string) bool {
		if tool != nil {
			return slices.Contains(tool.ValueFlags, s)
		}
		return m.has(listValueFlags, s)
	}
	start := 1
	if m.has(listScripts, v.name) || pythonName(v.name) {
		i := 1
	script:
		for ; i < len(args); i++ {
			a := args[i]
			s := a.Value
			switch {
			case a.Dynamic:
				return
			case s == "--":
				i++
				break script
			case len(s) > 1 && s[0] == '-':
				if m.isCodeFlag(s) {
					return
				}
				if s == "-m" && i+1 < len(args) {
					// python -m module: the module is the script.
					p.script = args[i+1].Value
					p.module = true
					start = i + 2
					goto read
				}
				if !strings.Contains(s, "=") && takesValue(s) {
					i++
				}
			default:
				break script
			}
		}
		if i >= len(args) || args[i].Dynamic {
			return
		}
		p.script = args[i].Value
		start = i + 1
		// What follows the script is read as a program guard does not know.
		tool = nil
	}
read:
	targets := m.has(listTargets, v.name)
	afterOpt, skipped := false, false
	for i := start; i < len(args) && p.n < maxPath; i++ {
		a := args[i]
		s := a.Value
		if a.Dynamic {
			// A value only known at run time ("$DATABASE_URL"): skipped,
			// as goose postgres "$DATABASE_URL" reset puts its verb after.
			afterOpt = false
			continue
		}
		if s == "--" {
			if tool != nil && tool.OptionsAfterDashes {
				// terragrunt run -- plan -destroy: the command it runs
				// goes on after --.
				continue
			}
			return
		}
		if len(s) > 1 && s[0] == '-' {
			afterOpt = false
			if !strings.Contains(s, "=") {
				if takesValue(s) {
					i++
					continue
				}
				afterOpt = true
			}
			continue
		}
		if p.n == 0 && !afterOpt && siteAlias(s) {
			// drush @client.prod sql:drop, wp @staging db reset: a site
			// alias before the subcommand names where it runs.
			continue
		}
		if p.n > 0 && !bareWord(s) {
			if fn, ok := functionRef(p.words[p.n-1], s); ok {
				// convex run internal/admin:deleteAllUsers, modal run
				// jobs.py::purge_users: the function it calls.
				s = fn
			}
		}
		if targets {
			if ref, ok := targetRef(s); ok {
				// earthly +deploy, earthly ./api+teardown: the target
				// after the plus.
				s = ref
			}
		}
		if targets || v.name == "rails" {
			if task, ok := taskWithArgs(s); ok {
				// rake 'destroy:topics[releases]', rails
				// "users:purge[42]": the task before its arguments.
				s = task
			}
		}
		if !bareWord(s) {
			if afterOpt {
				afterOpt = false
				continue
			}
			if targets && strings.Contains(s, "=") {
				continue // make VAR=value
			}
			if !skipped && p.n > 0 && m.verbAfterOperand(args, i) {
				// sentry-cli releases files VERSION delete: the verb
				// comes after the resource it acts on.
				skipped = true
				continue
			}
			return
		}
		afterOpt = false
		if !targets && m.isBenign(s) && !m.benignNoun(s, args[i+1:]) {
			// get, list, describe-instances: what follows are arguments.
			p.stop = s
			return
		}
		p.words[p.n], p.index[p.n] = s, i
		p.n++
		if p.n == 1 && m.targetAfter(v.name, s) {
			targets = true
		}
	}
}

// verbAfterOperand reports whether args[i], an operand that is not a bare
// word, names the resource a destructive verb right after it acts on, as
// in the grammars that put the verb last (sentry-cli releases files
// VERSION delete, acmectl jobs 4821 remove): args[i] is one word of no
// path, assignment or sentence (game-client@1.4.2, 4821, a UUID), and the
// next argument that is not an option is a verb of the destroy list.
func (m *verbModel) verbAfterOperand(args []parse.Word, i int) bool {
	s := args[i].Value
	if s == "" || strings.ContainsAny(s, "/= \t\n\\") {
		return false
	}
	for _, a := range args[i+1:] {
		if a.Dynamic {
			return false
		}
		if strings.HasPrefix(a.Value, "-") {
			// --all, --yes: options, read as the path reads them.
			continue
		}
		return bareWord(a.Value) && m.has(listDestroy, strings.ToLower(a.Value))
	}
	return false
}

// targetRef returns the target a build reference names after its last
// plus sign, as Earthly writes them (+build, ./services/api+deploy,
// github.com/acme/ci:main+teardown).
func targetRef(s string) (string, bool) {
	i := strings.LastIndexByte(s, '+')
	if i < 0 || strings.ContainsRune(s, '=') || !bareWord(s[i+1:]) {
		return "", false
	}
	return s[i+1:], true
}

// taskWithArgs returns the task a rake-style word names before the
// arguments it passes in brackets (destroy:topics[releases],
// db:seed[demo,2]), and whether s is such a word.
func taskWithArgs(s string) (string, bool) {
	i := strings.IndexByte(s, '[')
	if i <= 0 || !strings.HasSuffix(s, "]") || !bareWord(s[:i]) {
		return "", false
	}
	return s[:i], true
}

// siteAlias reports whether s is a site alias, as drush, wp-cli and
// tools like them take before the subcommand: @name, @client.prod, not a
// scoped package (@types/node) or a file (@body.json).
func siteAlias(s string) bool {
	if len(s) < 2 || s[0] != '@' || strings.ContainsAny(s, "/=") || !bareWord(s[1:]) {
		return false
	}
	return true
}

// isCodeFlag reports whether an interpreter's option gives it code to run:
// -c, -e, --eval=..., or a cluster holding one (bash -ec).
func (m *verbModel) isCodeFlag(s string) bool {
	name, _, _ := strings.Cut(s, "=")
	if m.has(listCodeFlags, name) {
		return true
	}
	if len(s) > 2 && s[1] != '-' && isLetters(s[1:]) {
		var short [2]byte
		short[0] = '-'
		for i := 1; i < len(s); i++ {
			short[1] = s[i]
			if m.has(listCodeFlags, string(short[:])) {
				return true
			}
		}
	}
	return false
}

// benignNouns are benign verbs that also name a resource: in regctl tag
// delete or gh label delete the verb that follows acts on them, and in
// aptly publish drop the published repository goes.
var benignNouns = lazy.Value[map[string]bool]{Make: func() map[string]bool {
	return map[string]bool{"tag": true, "tags": true, "label": true, "labels": true, "history": true, "export": true, "exports": true, "import": true, "imports": true, "version": true, "versions": true,
		"publish": true, "dump": true, "dumps": true, "view": true, "views": true}
}}

// benignNoun reports whether word is a benign verb used as a noun: one of
// benignNouns followed at once by a bare word that destroys.
func (m *verbModel) benignNoun(word string, rest []parse.Word) bool {
	if !benignNouns.Get()[strings.ToLower(word)] || len(rest) == 0 || rest[0].Dynamic {
		return m.productNoun(word, rest) || m.compoundNoun(word, rest)
	}
	return m.has(listDestroy, strings.ToLower(rest[0].Value))
}

// isBenign reports whether a path word is, or starts with, a verb that
// does not destroy.
func (m *verbModel) isBenign(word string) bool {
	if m.has(listBenign, word) {
		return true
	}
	var parts [maxParts]string
	if n := splitParts(word, parts[:]); n > 1 {
		if i := strings.LastIndexByte(word, ':'); i > 0 && m.destroysAt(word[i+1:]) {
			// namespace:command (eas update:delete, heroku
			// releases:rollback): what comes before the colon names the
			// topic, the command after it acts.
			return false
		}
		return m.has(listBenign, parts[0])
	}
	return false
}

// destroysAt reports whether the first part of a command word destroys.
func (m *verbModel) destroysAt(word string) bool {
	var parts [maxParts]string
	if splitParts(word, parts[:]) == 0 {
		return false
	}
	return m.has(listDestroy, parts[0]) || m.gluedVerb(parts[0]) != ""
}

// String returns the path as written.
func (p *subPath) String() string { return p.upTo(p.n - 1) }

// upTo returns the path's words up to and including word i.
func (p *subPath) upTo(i int) string {
	return strings.Join(p.words[:min(i+1, p.n)], " ")
}

// phraseEnds reports whether the last parts read, recent[:n] with the
// newest last, end with the phrase's parts (separated by spaces).
func phraseEnds(recent []string, ph string) bool {
	for i := len(recent) - 1; ph != ""; i-- {
		j := strings.LastIndexByte(ph, ' ')
		w := ph[j+1:]
		if i < 0 || compareFold(w, recent[i]) != 0 {
			return false
		}
		if j < 0 {
			return true
		}
		ph = ph[:j]
	}
	return true
}

// splitParts splits a word into its parts at separators (- _ : .) and at
// camelCase boundaries (deleteObject, HTTPServer), into out, and returns
// how many it found.
func splitParts(w string, out []string) int {
	n, start := 0, 0
	emit := func(end int) {
		if end > start && n < len(out) {
			out[n] = w[start:end]
			n++
		}
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c == '-' || c == '_' || c == ':' || c == '.' {
			emit(i)
			start = i + 1
			continue
		}
		if c >= 'A' && c <= 'Z' && i > start {
			prev := w[i-1]
			lowerBefore := prev >= 'a' && prev <= 'z' || prev >= '0' && prev <= '9'
			upperRun := prev >= 'A' && prev <= 'Z' && i+1 < len(w) && w[i+1] >= 'a' && w[i+1] <= 'z'
			if lowerBefore || upperRun {
				emit(i)
				start = i
			}
		}
	}
	emit(len(w))
	return n
}

// bareWord reports whether s can be a subcommand: it starts with a letter
// and holds letters, digits and single separators, and is not a file
// name.
func bareWord(s string) bool {
	if len(s) == 0 || len(s) > 64 || !isLetter(s[0]) {
		return false
	}
	sep := false
	for i := 1; i < len(s); i++ {
		c := s[i]
		switch {
		case isLetter(c) || c >= '0' && c <= '9':
			sep = false
		case c == '-' || c == '_' || c == ':' || c == '.':
			if sep {
				return false
			}
			sep = true
		default:
			return false
		}
	}
	if sep {
		return false
	}
	if i := strings.LastIndexByte(s, '.'); i > 0 && isFileExt(s[i+1:]) {
		return false
	}
	return true
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// isFileExt reports whether ext is an extension that makes a word a file
// name.
func isFileExt(ext string) bool {
	var buf [64]byte
	switch string(lowerASCII(&buf, ext)) {
	case "7z", "bak", "bash", "bin", "bz2", "c", "cc", "cfg", "cjs", "conf", "cpp", "crt", "cs", "css",
		"csv", "cypher", "dart", "db", "deb", "dll", "dmg", "dockerfile", "dump", "env", "erb", "ex", "exe", "exs", "gemspec",
		"go", "gql", "gradle", "graphql", "gz", "h", "hcl", "hpp", "hs", "htm", "html", "img", "ini", "ipynb", "iso", "jar",
		"java", "jpg", "js", "json", "jsonl", "jsx", "key", "kt", "kts", "lock", "log", "lua", "md", "mjs", "ml", "mod",
		"ndjson", "pdf", "pem", "php", "pl", "png", "proto", "ps1", "py", "r", "rb", "rpm", "rs", "rst", "scala", "sh",
		"so", "sql", "sqlite", "sqlite3", "sum", "svelte", "svg", "swift", "tar", "tf", "tfstate", "tfvars", "tgz", "toml",
		"ts", "tsx", "txt", "vue", "war", "wasm", "whl", "xml", "xz", "yaml", "yml", "zip", "zsh":
		return true
	}
	return false
}
