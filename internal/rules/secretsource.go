package rules

import (
	"net/url"
	"path"
	"strings"

	"github.com/guardsh/guard/internal/parse"
	"github.com/guardsh/guard/internal/wordlist"
)

// A production target's secrets or settings fed from another
// environment: a file of placeholders or of development values uploaded
// into it (gh secret set -f .env.example --env production, doppler
// secrets upload -c prd .env.development), or a connection variable
// pointed at this machine or at a development database (heroku
// config:set DATABASE_URL=postgres://localhost/app_dev -a shop-prod).
// The production app then runs on values that reach nothing, or the
// wrong data, and the real values are overwritten.

// placeholderWords mark a file of example values.
const placeholderWords = "example examples sample samples template tmpl dist defaults skeleton"

// sourceFileOptions name the file a secrets command reads its values from.
const sourceFileOptions = "-f --file --env-file --from-env-file --from-file --body-file --secret-file --value-file --dotenv --input"

// connectionParts are the last parts of a variable name that hold where
// an app connects: DATABASE_URL, REDIS_HOST, DB_DSN, KAFKA_BROKERS.
const connectionParts = "url uri dsn host hostname endpoint addr address server servers broker brokers connection conn"

// foreignFile reports whether a file's base name marks it as holding
// another environment's values: .env.example, .env.development,
// config/dev.env, secrets.sample.json.
func foreignFile(f string) bool {
	base := strings.ToLower(path.Base(f))
	return segments(base, func(_, seg string) bool {
		seg = strings.TrimRight(seg, "0123456789")
		return wordlist.Has(placeholderWords, seg) || wordlist.Has(nonprodWords, seg)
	})
}

// envFileName reports whether an operand is written like a file of
// variables: .env, .env.development, dev.env, vars.json.
func envFileName(s string) bool {
	base := strings.ToLower(path.Base(s))
	return strings.HasPrefix(base, ".env") || strings.HasSuffix(base, ".env") ||
		strings.HasSuffix(base, ".json") || strings.HasSuffix(base, ".yaml") || strings.HasSuffix(base, ".yml")
}

// localConnection reports whether a connection value points at this
// machine or names a development database: postgres://localhost/app,
// redis://127.0.0.1:6379, mysql://db/app_dev, localhost:5432.
func localConnection(v string) bool {
	v = strings.Trim(v, `"'`)
	host, db := v, ""
	if u, err := url.Parse(v); err == nil && u.Host != "" {
		host, db = u.Hostname(), strings.Trim(u.Path, "/")
	} else if h, _, ok := strings.Cut(v, ":"); ok {
		host = h
	}
	switch strings.ToLower(host) {
	case "localhost", "127.0.0.1", "::1", "0.0.0.0", "host.docker.internal":
		return true
	}
	return db != "" && nonprodName(db)
}

// foreignSecretSource returns what feeds a production target from
// another environment in inv, or "".
func foreignSecretSource(inv *parse.Invocation) string {
	own := inv.Own()
	src, what := -1, ""
	for i := 1; i < len(own) && src < 0; i++ {
		w := own[i]
		if w.Dynamic {
			continue
		}
		s := w.Value
		opt, val, eq := strings.Cut(s, "=")
		switch {
		case strings.HasPrefix(s, "-") && wordlist.Has(sourceFileOptions, opt):
			j := i
			if !eq && i+1 < len(own) && !own[i+1].Dynamic {
				j, val = i+1, own[i+1].Value
			}
			if val != "" && foreignFile(val) {
				src, what = j, "the values are read from "+val+", a file of another environment's or placeholder values"
			}
		case !strings.HasPrefix(s, "-") && eq && envName(opt) && wordlist.Has(connectionParts, lastPart(opt)) && localConnection(val):
			src, what = i, opt+" points at "+val+", not at production's"
		case !strings.HasPrefix(s, "-") && !eq && envFileName(s) && foreignFile(s):
			src, what = i, "the values are read from "+s+", a file of another environment's or placeholder values"
		}
	}
	if src < 0 {
		for _, r := range inv.Redirs {
			if r.Op == "<" && envFileName(r.Target.Value) && foreignFile(r.Target.Value) {
				what = "the values are read from " + r.Target.Value + ", a file of another environment's or placeholder values"
				break
			}
		}
		if what == "" {
			return ""
		}
	}
	for i := 1; i < len(own); i++ {
		if i != src && hasProdWord(own[i].Value) && !(src >= 0 && i == src-1 && strings.HasPrefix(own[i].Value, "-")) {
			return what + ", into " + own[i].Value
		}
	}
	for _, a := range inv.Assigns {
		if hasProdWord(a.Value.Value) {
			return what + ", into " + a.Name + "=" + a.Value.Value
		}
	}
	return ""
}

// lastPart returns the last _-separated part of a name, in lower case.
func lastPart(name string) string {
	return strings.ToLower(name[strings.LastIndexByte(name, '_')+1:])
}

// newForeignSecretSource matches a production target fed from another
// environment.
func newForeignSecretSource(with map[string]any) (matchFunc, error) {
	return detailMatcher(with, foreignSecretSource)
}
