package rules

import (
	"strings"

	"github.com/guardsh/guard/internal/parse"
	"github.com/guardsh/guard/internal/wordlist"
)

// A secret or a deployment variable set to nothing: gh secret set NAME
// < /dev/null, --body "", az keyvault secret set --value "", gcloud
// secrets versions add --data-file=/dev/null, doppler secrets set KEY="".
// What read the old value (a deploy's cloud credentials, a payment key)
// now gets an empty one, and a GitHub or GitLab secret cannot be read
// back: the old value is gone. Setting a real value passes; the rule's
// command list says which subcommands write a secret.

// emptyValueFiles are the files that hold nothing.
const emptyValueFiles = "/dev/null /dev/zero"

// emptySecret returns what sets a secret to nothing in inv, or "".
func emptySecret(inv *parse.Invocation) string {
	own := inv.Own()
	if inv.Name == "sops" {
		return sopsEmpty(own)
	}
	if in := inv.Stdin; stdinValue(inv.Name, own) && in.Kind == parse.Known && in.Text == "" {
		return "the value is read from " + in.From + ", which holds nothing"
	}
	for i := 1; i < len(own); i++ {
		w := own[i]
		if w.Dynamic {
			continue
		}
		v := w.Value
		if v == "" {
			if i > 0 && strings.HasPrefix(own[i-1].Value, "-") && !valueOption(own[i-1].Value) {
				continue
			}
			return "the value is empty"
		}
		if name, val, ok := strings.Cut(v, "="); ok && val == "" {
			switch {
			case strings.HasPrefix(name, "-") && valueOption(name):
				return "the value of " + name + " is empty"
			case !strings.HasPrefix(name, "-") && envName(name):
				return name + " is set to nothing"
			}
			continue
		}
		if name, val, ok := strings.Cut(v, "="); ok && strings.HasPrefix(name, "-") && fileOption(name) && isEmptyFile(val) {
			return "the value is read from " + val
		}
		if strings.HasPrefix(v, "-") && fileOption(v) && i+1 < len(own) && !own[i+1].Dynamic && isEmptyFile(own[i+1].Value) {
			return "the value is read from " + own[i+1].Value
		}
	}
	return ""
}

// stdinValue reports whether the program reads the secret's value from
// stdin as written: gh secret set NAME and glab variable set NAME without
// a value, vercel env add NAME ENV.
func stdinValue(name string, own []parse.Word) bool {
	switch name {
	case "gh", "glab", "vercel":
	default:
		return false
	}
	for _, w := range own {
		opt, _, _ := strings.Cut(w.Value, "=")
		if valueOption(opt) || opt == "--env-file" || opt == "-f" {
			return false
		}
	}
	return true
}

// valueOption reports whether opt passes a secret's value.
func valueOption(opt string) bool {
	switch opt {
	case "--body", "-b", "--value", "--secret-string", "--secret-value", "--data", "--set":
		return true
	}
	return false
}

// fileOption reports whether opt names a file that holds a secret's value.
func fileOption(opt string) bool {
	switch opt {
	case "--data-file", "--file", "-f", "--body-file", "--secret-file", "--value-file":
		return true
	}
	return false
}

func isEmptyFile(f string) bool { return wordlist.Has(emptyValueFiles, f) }

// envName reports whether s is written like an environment variable's
// name: letters, digits and underscores, not starting with a digit.
func envName(s string) bool {
	if s == "" || s[0] >= '0' && s[0] <= '9' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

// newSecretEmptied matches a secret set to nothing.
func newSecretEmptied(with map[string]any) (matchFunc, error) {
	return detailMatcher(with, emptySecret)
}

// sopsEmpty returns what sets a key of a sops file to nothing: --set
// '["db"]["password"] ""' (the path, a space, a JSON value), or sops set
// FILE PATH VALUE, with "" or null for the value.
func sopsEmpty(own []parse.Word) string {
	empty := func(v string) bool {
		v = strings.TrimSpace(v)
		return v == `""` || v == "''" || v == "null" || v == ""
	}
	for i := 1; i < len(own); i++ {
		w := own[i]
		expr := ""
		switch {
		case w.Value == "--set" && i+1 < len(own):
			i++
			w = own[i]
			expr = w.Value
		case strings.HasPrefix(w.Value, "--set="):
			expr = strings.TrimPrefix(w.Value, "--set=")
		case w.Value == "set" && i+3 < len(own):
			if !own[i+3].Dynamic && empty(own[i+3].Value) {
				return "the value of " + own[i+2].Value + " is set to nothing"
			}
			return ""
		default:
			continue
		}
		if w.Dynamic {
			continue
		}
		if j := strings.LastIndex(expr, "]"); j >= 0 && empty(expr[j+1:]) {
			return "the value of " + strings.TrimSpace(expr[:j+1]) + " is set to nothing"
		}
	}
	return ""
}
