package httpreq

import (
	"path"
	"strings"

	"github.com/guardsh/guard/internal/lazy"
	"github.com/guardsh/guard/internal/parse"
)

// Source says where a request's credential comes from.
type Source string

// The sources, from the one that says most about who chose the token to the
// one that says least.
const (
	// Literal: the token is written into the command.
	Literal Source = "literal"
	// File: the command itself reads the token out of a file, with grep,
	// cat, sed, jq, read < file or source .env.
	File Source = "file"
	// Command: a program prints it (gh auth token, op read, vault kv get).
	Command Source = "command"
	// Environment: a variable the command does not set.
	Environment Source = "environment"
	// Client: the client's own login (gh api, curl --netrc).
	Client Source = "client"
)

// Credential is how a request authenticates and where the token comes
// from. It never holds the token itself.
type Credential struct {
	// Kind names what carries it: "Authorization header", "-u
	// user:password", "--oauth2-bearer", "GH_TOKEN", "query parameter
	// api_key".
	Kind string `json:"kind"`
	// Source is where the token comes from.
	Source Source `json:"source"`
	// From is, for a person, the part of the command that produces it, as
	// written: "$(grep TOKEN .env | cut -d= -f2)", "source .env",
	// "$RAILWAY_TOKEN". It is empty for a literal, which is not repeated.
	From string `json:"from,omitempty"`
	// File is the file the token is read from, when Source is File.
	File string `json:"file,omitempty"`
	// Test reports that the credential says it is for a provider's test
	// mode: a literal key with a test prefix (Stripe's sk_test_), or a
	// variable the command does not set whose name says test or sandbox
	// (STRIPE_TEST_KEY). Only a provider whose key picks the mode makes
	// this mean anything.
	Test bool `json:"test,omitempty"`
}

// testKeyPrefixes begin the keys of providers' test modes.
const testKeyPrefixes = "sk_test_ rk_test_ pk_test_"

// TestKey reports whether a secret is a provider's test-mode key
// (sk_test_...): it reaches only the account's test data.
func TestKey(secret string) bool {
	for p := range strings.FieldsSeq(testKeyPrefixes) {
		if strings.HasPrefix(secret, p) {
			return true
		}
	}
	return false
}

// testVarName reports whether a variable's name says it holds a test or
// sandbox key: STRIPE_TEST_KEY, STRIPE_SECRET_KEY_TEST, PADDLE_SANDBOX_KEY.
func testVarName(name string) bool {
	for rest := name; rest != ""; {
		part, more, _ := strings.Cut(rest, "_")
		if strings.EqualFold(part, "TEST") || strings.EqualFold(part, "SANDBOX") {
			return true
		}
		rest = more
	}
	return false
}

// Found reports whether the token was found rather than given: written
// into the command or dug out of a file by it. A destructive call made
// with such a token is the incident guard was built for: an agent that
// came across a token in an unrelated file and used it.
func (c *Credential) Found() bool {
	return c != nil && (c.Source == Literal || c.Source == File)
}

// String describes the credential for a person.
func (c *Credential) String() string {
	if c == nil {
		return ""
	}
	switch c.Source {
	case Literal:
		return "the credential (" + c.Kind + ") is written into the command"
	case File:
		s := "the credential (" + c.Kind + ") is read from " + c.File + " by the command"
		if c.From != "" {
			s += ": " + clip(c.From, 120)
		}
		return s
	case Command:
		return "the credential (" + c.Kind + ") is printed by " + clip(c.From, 120)
	case Environment:
		return "the credential (" + c.Kind + ") comes from the environment: " + clip(c.From, 60)
	case Client:
		return "the request uses " + c.Kind
	}
	return ""
}

func clip(s string, n int) string {
	if len(s) > n {
		return s[:n] + "..."
	}
	return s
}

// authHeaders are headers whose value is a credential.
var authHeaders = []string{"authorization", "proxy-authorization", "x-api-key", "api-key", "apikey",
	"x-auth-token", "private-token", "project-access-token", "x-access-token", "x-api-token", "token",
	"x-auth-key", "x-auth-email", "x-vault-token", "x-consul-token", "x-nomad-token", "x-goog-api-key",
	"x-figma-token", "x-shopify-access-token", "x-dnsimple-token", "x-railway-token", "x-hasura-admin-secret",
	"x-elastic-api-key", "x-tfe-token", "circle-token", "x-circleci-token", "x-gitlab-token", "x-pd-token"}

// IsAuthHeader reports whether a header's value is a credential.
func IsAuthHeader(name string) bool {
	n := strings.ToLower(strings.TrimSpace(name))
	for _, h := range authHeaders {
		if n == h {
			return true
		}
	}
	return false
}

// authParams are query parameters that carry a credential.
var authParams = []string{"token", "access_token", "api_key", "apikey", "api-key", "key", "auth",
	"private_token", "secret"}

// vagueParams are the authParams whose name alone does not say the value
// is a credential: ?key=npm-linux-prod names an Actions cache, ?key=AIza...
// is a Google API key. A literal value of theirs counts only when it looks
// like a secret (secretLike).
var vagueParams = lazy.Value[map[string]bool]{Make: func() map[string]bool {
	return map[string]bool{"key": true, "auth": true}
}}

// secretPrefixes begin well-known token formats.
const secretPrefixes = "ghp_ gho_ ghu_ ghs_ ghr_ github_pat_ glpat- xox sk_ rk_ sk- pk_live_ AIza AKIA ASIA ya29. eyJ " +
	"npm_ hf_ shpat_ glc_ SG. dop_v1_"

// secretLike reports whether a literal value looks like a secret rather
// than an identifier: a well-known token prefix, or a long run of letters
// and digits mixed (a random string) between the separators that join
// the words of a name (npm-linux-prod, refs/heads/main).
func secretLike(v string) bool {
	for p := range strings.FieldsSeq(secretPrefixes) {
		if strings.HasPrefix(v, p) && len(v) >= len(p)+8 {
			return true
		}
	}
	run, letters, digits, upper := 0, false, false, false
	for i := 0; i <= len(v); i++ {
		if i == len(v) || strings.IndexByte("-_.:/ ", v[i]) >= 0 {
			if run >= 16 && (letters && digits || upper && letters && run >= 24) {
				return true
			}
			run, letters, digits, upper = 0, false, false, false
			continue
		}
		c := v[i]
		run++
		switch {
		case c >= '0' && c <= '9':
			digits = true
		case c >= 'A' && c <= 'Z':
			upper, letters = true, true
		default:
			letters = true
		}
	}
	return false
}

// tokenVars are environment variables clients read a token from, by client.
var tokenVars = lazy.Value[map[string][]string]{Make: func() map[string][]string {
	return map[string][]string{
		"gh api":   {"GH_TOKEN", "GITHUB_TOKEN", "GH_ENTERPRISE_TOKEN", "GITHUB_ENTERPRISE_TOKEN"},
		"hub api":  {"GITHUB_TOKEN"},
		"glab api": {"GITLAB_TOKEN", "GLAB_TOKEN", "OAUTH_TOKEN"},
	}
}}

// credential works out where a credential's value comes from. value is
// the text as the invocation has it: run-time parts keep their source
// text. scheme words (Bearer, Basic, token) are not the secret.
func credential(kind, value string, dynamic bool, inv *parse.Invocation) *Credential {
	if !dynamic {
		secret := strings.TrimSpace(value)
		if f := strings.Fields(secret); len(f) == 2 {
			secret = f[1]
		}
		if secret == "" {
			return nil
		}
		return &Credential{Kind: kind, Source: Literal, Test: TestKey(secret)}
	}
	c := &Credential{Kind: kind, Source: Environment}
	traceValue(c, value, inv, 0)
	if c.Source == Environment && c.From == "" {
		c.From = value
	}
	if name, ok := strings.CutPrefix(strings.Trim(c.From, "{}"), "$"); ok && c.Source == Environment {
		name = strings.Trim(name, "{}")
		v := strings.TrimSpace(value)
		if i := strings.LastIndexByte(v, ' '); i >= 0 {
			v = v[i+1:] // Bearer $KEY
		}
		if isVarName(name) && strings.Trim(v, "\"'{}$:") == name {
			c.Test = testVarName(name)
		}
	}
	return c
}

// rank orders sources by how much they say about where the token was
// found: a file beats a program beats the environment.
func rank(s Source) int {
	switch s {
	case File:
		return 3
	case Literal:
		return 2
	case Command:
		return 1
	}
	return 0
}

// traceValue follows the command substitutions and variables in text to
// where they come from, and records the most telling source in c.
func traceValue(c *Credential, text string, inv *parse.Invocation, depth int) {
	if depth > 4 {
		return
	}
	for i := 0; i < len(text); i++ {
		switch {
		case strings.HasPrefix(text[i:], "$("):
			inner, end := balanced(text, i+2)
			traceCommand(c, inner, "$("+inner+")")
			i = end
		case text[i] == '`':
			end := strings.IndexByte(text[i+1:], '`')
			if end < 0 {
				return
			}
			inner := text[i+1 : i+1+end]
			traceCommand(c, inner, "`"+inner+"`")
			i += end + 1
		case text[i] == '$' && i+1 < len(text):
			j := i + 1
			if text[j] == '{' {
				j++
			}
			k := j
			for k < len(text) && (text[k] == '_' || isAlnum(text[k])) {
				k++
			}
			if k == j {
				continue
			}
			name := text[j:k]
			i = k - 1
			if origin, ok := inv.Origins[name]; ok {
				// The command set the variable: follow what it set it to.
				sub := &Credential{Source: Environment}
				if strings.HasPrefix(origin, "read") {
					traceCommand(sub, origin, origin)
				} else {
					traceValue(sub, origin, inv, depth+1)
				}
				if rank(sub.Source) > rank(c.Source) {
					c.Source, c.File, c.From = sub.Source, sub.File, name+"="+origin
				} else if c.From == "" {
					c.From = sub.From
				}
				continue
			}
			if file, text := loadedFile(inv); file != "" {
				if rank(File) > rank(c.Source) {
					c.Source, c.File, c.From = File, file, text
				}
				continue
			}
			if c.From == "" {
				c.From = "$" + name
			}
		}
	}
}

// balanced returns the text of a $( ... ) whose inside starts at i, and
// the index of its closing parenthesis.
func balanced(s string, i int) (string, int) {
	depth := 1
	quote := byte(0)
	for j := i; j < len(s); j++ {
		ch := s[j]
		switch {
		case quote != 0:
			if ch == quote {
				quote = 0
			} else if ch == '\\' && quote == '"' {
				j++
			}
		case ch == '\'' || ch == '"':
			quote = ch
		case ch == '\\':
			j++
		case ch == '(':
			depth++
		case ch == ')':
			depth--
			if depth == 0 {
				return s[i:j], j
			}
		}
	}
	return s[i:], len(s)
}

// readers are programs that print what they read from the files they are
// given; fileOps says how many leading operands are not files (the grep
// pattern, the jq filter).
var readers = lazy.Value[map[string]int]{Make: func() map[string]int {
	return map[string]int{
		"cat": 0, "tac": 0, "head": 0, "tail": 0, "cut": 0, "tr": 0, "sort": 0, "uniq": 0, "base64": 0,
		"xxd": 0, "strings": 0, "less": 0, "more": 0, "nl": 0, "envsubst": 0, "dotenv": 0,
		"grep": 1, "egrep": 1, "fgrep": 1, "rg": 1, "ag": 1, "sed": 1, "awk": 1, "gawk": 1, "mawk": 1,
		"jq": 1, "yq": 1, "gojq": 1, "jaq": 1, "dasel": 0, "tomlq": 1, "xq": 1,
	}
}}

// traceCommand records where the output of a command text comes from: a
// file it reads, or the program that prints it.
func traceCommand(c *Credential, text, shown string) {
	file := ""
	prog := ""
	for _, inv := range parse.Command(text, parse.Options{}) {
		for _, rd := range inv.Redirs {
			if rd.Op == "<" && file == "" && rd.Target.Value != "" {
				file = rd.Target.Value
			}
		}
		if inv.Stdin.Kind == parse.Unknown && strings.HasPrefix(inv.Stdin.From, "file ") && file == "" {
			file = strings.TrimPrefix(inv.Stdin.From, "file ")
		}
		if inv.Name == "" {
			continue
		}
		if skip, ok := readers.Get()[inv.Name]; ok && file == "" {
			file = readerFile(inv, skip)
		}
		if inv.Code != nil && file == "" {
			// python3 -c 'print(json.load(open("creds.json"))["token"])'
			file = codeFile(inv.Code.Text)
		}
		if prog == "" {
			if _, ok := readers.Get()[inv.Name]; !ok && inv.Name != "echo" && inv.Name != "printf" && inv.Name != "read" && inv.Name != "xargs" {
				prog = inv.Name
			}
		}
	}
	switch {
	case file != "":
		if rank(File) >= rank(c.Source) {
			c.Source, c.File, c.From = File, file, shown
		}
	case prog != "":
		if rank(Command) > rank(c.Source) {
			c.Source, c.From = Command, shown
		}
	}
}

// readerValues are, by reader, the options that take values (how many)
// and those that give the pattern or filter, so that it is not an
// operand (-e, -f).
var readerValues = lazy.Value[map[string]map[string]int]{Make: func() map[string]map[string]int {
	return map[string]map[string]int{
		"grep": {"-e": -1, "-f": -1, "--regexp": -1, "--file": -1, "-m": 1, "--max-count": 1, "-A": 1, "-B": 1, "-C": 1, "--context": 1, "--label": 1},
		"sed":  {"-e": -1, "-f": -1, "--expression": -1, "--file": -1, "-l": 1},
		"awk":  {"-F": 1, "-v": 1, "-f": -1, "--field-separator": 1, "--assign": 1, "--file": -1},
		"jq":   {"--arg": 2, "--argjson": 2, "--slurpfile": 2, "--rawfile": 2, "--indent": 1, "-f": -1, "--from-file": -1, "-L": 1},
		"head": {"-n": 1, "-c": 1, "--lines": 1, "--bytes": 1},
		"cut":  {"-d": 1, "-f": 1, "-c": 1, "-b": 1, "--delimiter": 1, "--fields": 1},
		"tr":   {},
	}
}}

// readerFile returns the first file a reader reads, after the operands
// that are not files.
func readerFile(inv *parse.Invocation, skip int) string {
	name := inv.Name
	switch name {
	case "egrep", "fgrep", "rg", "ag":
		name = "grep"
	case "gawk", "mawk":
		name = "awk"
	case "yq", "gojq", "jaq", "xq", "tomlq":
		name = "jq"
	case "tail":
		name = "head"
	}
	values := readerValues.Get()[name]
	args := inv.Args[1:]
	ops := 0
	for i := 0; i < len(args); i++ {
		a := args[i].Value
		if strings.HasPrefix(a, "-") && len(a) > 1 {
			if n, ok := values[a]; ok {
				if n < 0 {
					// The pattern or program comes with the option.
					skip = 0
					n = 1
				}
				i += n
			}
			continue
		}
		if ops < skip {
			ops++
			continue
		}
		if args[i].Dynamic {
			return ""
		}
		return a
	}
	return ""
}

// loadedFile returns the first file the command loaded variables from
// that holds secrets by its name (.env, secrets.sh, token), with the text
// that loaded it.
func loadedFile(inv *parse.Invocation) (string, string) {
	for _, l := range inv.Loaded {
		for _, sub := range parse.Command(l, parse.Options{}) {
			var cands []string
			switch sub.Name {
			case "source", ".":
				if len(sub.Args) > 1 {
					cands = append(cands, sub.Args[1].Value)
				}
			default:
				if skip, ok := readers.Get()[sub.Name]; ok {
					cands = append(cands, readerFile(sub, skip))
				}
				for _, rd := range sub.Redirs {
					if rd.Op == "<" {
						cands = append(cands, rd.Target.Value)
					}
				}
			}
			for _, f := range cands {
				if secretFile(f) {
					return f, l
				}
			}
		}
	}
	return "", ""
}

// secretFile reports whether a file's name says it holds secrets.
func secretFile(name string) bool {
	b := strings.ToLower(path.Base(name))
	if b == "" || b == "." || b == "/" {
		return false
	}
	if strings.HasPrefix(b, ".env") || strings.HasSuffix(b, ".env") || b == "env" || b == "env.sh" || b == ".netrc" || b == "credentials" {
		return true
	}
	for _, w := range []string{"secret", "token", "cred", "passw", "apikey", "api_key", "api-key", ".key", "auth"} {
		if strings.Contains(b, w) {
			return true
		}
	}
	return false
}

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// Trace works out where a credential whose value is only known at run
// time comes from: value is its source text, such as $(cat ~/.token) or
// $TOKEN, read with what the invocation says of its variables.
func Trace(kind, value string, inv *parse.Invocation) *Credential {
	return credential(kind, value, true, inv)
}

// resolveVar returns what the command set a variable to when text is just
// that variable ($H or ${H}), and text otherwise: H="Authorization:
// Bearer $T"; curl -H "$H".
func resolveVar(inv *parse.Invocation, text string) string {
	name := strings.TrimPrefix(text, "$")
	if name == text {
		return text
	}
	name = strings.TrimSuffix(strings.TrimPrefix(name, "{"), "}")
	for i := 0; i < len(name); i++ {
		if name[i] != '_' && !isAlnum(name[i]) {
			return text
		}
	}
	if o, ok := inv.Origins[name]; ok {
		return o
	}
	return text
}

// codeFile returns the first file interpreter code opens by a literal
// name: open("x"), readFileSync('x'), File.read("x").
func codeFile(code string) string {
	for _, call := range []string{"open(", "readFileSync(", "File.read(", "file_get_contents(", "read_text(", "Path("} {
		i := strings.Index(code, call)
		if i < 0 {
			continue
		}
		rest := strings.TrimLeft(code[i+len(call):], " ")
		if rest == "" || rest[0] != '"' && rest[0] != '\'' {
			continue
		}
		if end := strings.IndexByte(rest[1:], rest[0]); end > 0 {
			return rest[1 : 1+end]
		}
	}
	return ""
}

// isVarName reports whether s is a shell variable's name.
func isVarName(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] != '_' && !isAlnum(s[i]) {
			return false
		}
	}
	return s != ""
}
