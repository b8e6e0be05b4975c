package httpreq

import (
	"strings"
)

// This file traces where the credential of an HTTP call in interpreter code
// comes from, and reads string interpolation in each language.

func better(a, b *Credential) *Credential {
	if a == nil || b != nil && rank(b.Source) > rank(a.Source) {
		return b
	}
	return a
}

// fileReaders are calls that read a file, by language; envReaders read the
// environment; runners run a program.
var (
	fileReaders = []string{"open(", "read_text", "File.read", "File.open", "IO.read", "readFileSync", "readFile(", "file_get_contents", "fopen(", "parse_ini_file", "Get-Content", "gc ", "dotenv_values", "read_file", "slurp", "Path(", "cat "}
	envReaders  = []string{"environ", "getenv", "process.env", "ENV[", "ENV.fetch", "$_ENV", "$_SERVER", "$env:", "Deno.env", "Bun.env", "%ENV", "$ENV{"}
	runners     = []string{"subprocess", "check_output", "execSync", "exec(", "`", "%x", "popen", "shell_exec", "system(", "qx"}
)

// credential works out where the token in a credential expression comes
// from: a literal, a name the code assigned from a file, the environment,
// or a program.
func (c *codeText) credential(kind, expr string) *Credential {
	cr := &Credential{Kind: kind}
	c.trace(cr, expr, 0)
	if cr.Source == "" {
		return nil
	}
	return cr
}

func (c *codeText) trace(cr *Credential, expr string, depth int) {
	t := strings.TrimSpace(expr)
	if t == "" || depth > 6 || c.spent() {
		return
	}
	set := func(s Source, from, file string) {
		if cr.Source == "" || rank(s) > rank(cr.Source) {
			cr.Source, cr.From, cr.File = s, clip(strings.TrimSpace(from), 160), file
		}
	}
	for _, w := range fileReaders {
		if at := strings.Index(t, w); at >= 0 {
			file := firstLiteral(c, t[at:])
			if file == "" && strings.Contains(t, "dotenv") {
				file = ".env"
			}
			if file != "" || w != "Path(" {
				set(File, t, file)
				return
			}
		}
	}
	for _, w := range envReaders {
		if strings.Contains(t, w) {
			if c.dotenv {
				set(File, t+" after loading .env", ".env")
			} else {
				set(Environment, t, "")
			}
			return
		}
	}
	for _, w := range runners {
		if strings.Contains(t, w) {
			set(Command, t, "")
			return
		}
	}
	// A literal, or names to follow.
	sub := &codeText{lang: c.lang, src: t, assigns: c.assigns, steps: c.steps}
	for i := 0; i < len(t); i++ {
		ch := t[i]
		switch {
		case isQuote(ch):
			lit := sub.readString(i)
			text := lit.text
			if lit.interp {
				for _, name := range interpNames(c.lang, text) {
					if a, ok := c.assigns[name]; ok {
						c.trace(cr, a, depth+1)
					} else {
						set(Environment, name, "")
					}
				}
				text = stripInterp(c.lang, text)
			}
			secret := strings.TrimSpace(text)
			if f := strings.Fields(secret); len(f) == 2 {
				secret = f[1]
			} else if len(f) == 1 && isScheme(f[0]) {
				secret = ""
			}
			if secret != "" && !strings.HasSuffix(secret, ":") {
				set(Literal, "", "")
			}
			i = lit.end - 1
		case ch == '_' || ch == '$' || ch == '@' || isAlnum(ch):
			k := i
			for k < len(t) && (t[k] == '_' || t[k] == '$' || t[k] == '@' || isAlnum(t[k])) {
				k++
			}
			name := strings.TrimLeft(t[i:k], "$@")
			if a, ok := c.assigns[name]; ok && a != t {
				c.trace(cr, a, depth+1)
			}
			i = k - 1
		}
	}
}

func isScheme(w string) bool {
	switch strings.ToLower(w) {
	case "bearer", "basic", "token", "bot", "apikey", "key":
		return true
	}
	return false
}

// firstLiteral returns the first string literal in text.
func firstLiteral(c *codeText, text string) string {
	sub := &codeText{lang: c.lang, src: text, steps: c.steps}
	for i := 0; i < len(text); i++ {
		if isQuote(text[i]) {
			return sub.readString(i).text
		}
	}
	return ""
}

// interpNames returns the names a literal's interpolations use.
func interpNames(lang, t string) []string {
	var out []string
	for i := 0; i < len(t); i++ {
		j := -1
		switch {
		case lang == "python" && t[i] == '{':
			j = i + 1
		case (lang == "node" && t[i] == '$' || lang == "ruby" && t[i] == '#') && i+1 < len(t) && t[i+1] == '{':
			j = i + 2
		case (lang == "php" || lang == "perl" || lang == "powershell") && t[i] == '$':
			j = i + 1
		}
		if j < 0 {
			continue
		}
		k := j
		for k < len(t) && (t[k] == '_' || isAlnum(t[k])) {
			k++
		}
		if k > j {
			out = append(out, t[j:k])
		}
		i = k - 1
	}
	return out
}

// stripInterp removes a literal's interpolations, leaving its own text.
func stripInterp(lang, t string) string {
	var b strings.Builder
	for i := 0; i < len(t); i++ {
		switch {
		case lang == "python" && t[i] == '{',
			(lang == "node" && t[i] == '$' || lang == "ruby" && t[i] == '#') && i+1 < len(t) && t[i+1] == '{':
			if e := strings.IndexByte(t[i:], '}'); e >= 0 {
				i += e
				continue
			}
		case (lang == "php" || lang == "perl" || lang == "powershell") && t[i] == '$':
			k := i + 1
			for k < len(t) && (t[k] == '_' || isAlnum(t[k])) {
				k++
			}
			i = k - 1
			continue
		}
		b.WriteByte(t[i])
	}
	return b.String()
}
