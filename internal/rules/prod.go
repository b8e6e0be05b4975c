package rules

import (
	"strings"

	"github.com/guardsh/guard/internal/parse"
)

// prodWords are the words that mark a production target.
var prodWords = []string{"prod", "production", "prd", "live"}

// prodEnv are environment variables whose value names the target
// environment of many tools.
var prodEnv = []string{"AWS_PROFILE", "AWS_DEFAULT_PROFILE", "TF_WORKSPACE", "CLOUDSDK_ACTIVE_CONFIG_NAME",
	"KUBECONTEXT", "KUBE_CONTEXT", "PGHOST", "PGDATABASE", "DATABASE_URL", "RAILS_ENV", "RACK_ENV", "APP_ENV",
	"ENVIRONMENT", "STAGE", "MIX_ENV", "DEPLOY_ENV", "HEROKU_APP", "FLY_APP", "PULUMI_STACK",
	"AZURE_SUBSCRIPTION", "GOOGLE_CLOUD_PROJECT", "SUPABASE_PROJECT_REF", "RAILWAY_ENVIRONMENT"}

// prodMarker returns the word that marks the invocation as aimed at
// production: in an argument, an assignment, its nesting path or host, or
// an environment variable such as AWS_PROFILE. It returns "" if none does.
func prodMarker(inv *parse.Invocation, ctx *Context) string {
	if m := wordMarker(inv, prodWordOrDB); m != "" {
		return m
	}
	for _, name := range prodEnv {
		if v := ctx.Env[name]; v != "" && prodWordOrDB(v) {
			return name + "=" + v
		}
	}
	return ""
}

// prodWordOrDB reports whether s holds a production word, or is a
// connection string whose database name ends in one (dbURLProd).
func prodWordOrDB(s string) bool {
	return hasProdWord(s) || dbURLProd(s)
}

// hasProdWord reports whether s holds a production word delimited by
// anything but letters and digits, also with digits after it as machines
// are numbered: "prod-db", "--context=production", "prod01", but not
// "product" or "produce".
func hasProdWord(s string) bool {
	if len(s) < 3 {
		return false
	}
	start := -1
	for i := 0; i <= len(s); i++ {
		alnum := i < len(s) && isAlnum(s[i])
		if alnum && start < 0 {
			start = i
		}
		if !alnum && start >= 0 {
			// The word without the digits at its end; it is ASCII, as
			// the production words are (TestProdWordsASCII), so only
			// one of the same length can match.
			end := i
			for end > start && s[end-1] >= '0' && s[end-1] <= '9' {
				end--
			}
			word := s[start:end]
			for _, p := range prodWords {
				if len(word) == len(p) && strings.EqualFold(word, p) {
					return true
				}
			}
			start = -1
		}
	}
	return false
}

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// wordMarker returns the first of the invocation's words that has: an
// argument after the program's name, an assignment (as NAME=value), a
// step of its nesting path or its host. It returns "" if none has.
func wordMarker(inv *parse.Invocation, has func(string) bool) string {
	for _, a := range inv.Args[min(1, len(inv.Args)):] {
		if has(a.Value) {
			return a.Value
		}
	}
	for _, a := range inv.Assigns {
		if has(a.Value.Value) {
			return a.Name + "=" + a.Value.Value
		}
	}
	for _, v := range inv.Via {
		if has(v) {
			return v
		}
	}
	if has(inv.Remote) {
		return inv.Remote
	}
	return ""
}
