package rules

import (
	"strconv"
	"strings"

	"github.com/guardsh/guard/internal/parse"
)

// A CDN or cache emptied all at once sends every request to the origin
// together, which it is rarely sized for: a whole-cache purge is an
// outage of the origin, as Cloudflare's purge_everything is for
// http.outage-endpoint. One path, a prefix or a tag purged is everyday
// work. The cache-purge-all matcher reads the paths an invalidation
// names (CloudFront's --paths and --invalidation-batch, Google Cloud
// CDN's --path) for one that covers everything ("/*", "*"), and a
// Varnish ban (varnishadm ban, ban.url, purge.url) whose every condition
// matches any object: a regular expression that matches every URL or
// host (., .*, ^, /, ^/), or a status compared with one no response has
// (obj.status != 0).

// newCachePurgeAll builds the cache-purge-all matcher.
func newCachePurgeAll(with map[string]any) (matchFunc, error) {
	if err := newParams(with).done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		if v.name == "varnishadm" {
			return varnishBanAll(v.operands)
		}
		args := inv.Own()
		for i := 1; i < len(args); i++ {
			a := args[i]
			if a.Dynamic {
				continue
			}
			name, val, eq := strings.Cut(a.Value, "=")
			switch name {
			case "--paths", "--path":
			case "--invalidation-batch":
				text := val
				if !eq && i+1 < len(args) {
					text = args[i+1].Value
				}
				if strings.Contains(text, `"/*"`) || strings.Contains(text, "Items=/*") || strings.Contains(text, "Items=[/*") {
					return "the invalidation batch names /*, every object the distribution caches", true
				}
				continue
			default:
				continue
			}
			var vals []string
			if eq {
				vals = strings.Split(val, ",")
			} else {
				for j := i + 1; j < len(args) && !strings.HasPrefix(args[j].Value, "-"); j++ {
					if !args[j].Dynamic {
						vals = append(vals, args[j].Value)
					}
				}
			}
			for _, p := range vals {
				if p = strings.TrimSpace(p); p == "/*" || p == "*" {
					return "it invalidates " + p + ", every object the CDN caches, and the origin takes all the traffic at once", true
				}
			}
		}
		return "", false
	}, nil
}

// varnishBanAll judges a Varnish CLI command: ban EXPRESSION (4.0 and
// later), ban.url REGEX (3.0) or purge.url REGEX (2.x), and reports
// whether it bans every object.
func varnishBanAll(ops []parse.Word) (string, bool) {
	if len(ops) < 2 {
		return "", false
	}
	var words []string
	for _, o := range ops {
		if o.Dynamic {
			return "", false
		}
		words = append(words, o.Value)
	}
	switch strings.ToLower(words[0]) {
	case "ban.url", "purge.url":
		if len(words) == 2 && catchAllRegexp(words[1]) {
			return words[0] + " " + parse.Quote(words[1]) + " bans every object in the cache", true
		}
		return "", false
	case "ban", "purge":
	default:
		return "", false
	}
	expr := strings.Join(words[1:], " ")
	for cond := range strings.SplitSeq(expr, "&&") {
		f := strings.Fields(cond)
		if len(f) != 3 || !banCondAll(strings.ToLower(f[0]), f[1], f[2]) {
			return "", false
		}
	}
	return "the ban " + parse.Quote(expr) + " matches every object in the cache, and the origin takes all the traffic at once", true
}

// banCondAll reports whether one condition of a Varnish ban holds for
// every object.
func banCondAll(field, op, arg string) bool {
	arg = strings.Trim(arg, `"'`)
	switch op {
	case "~":
		return catchAllRegexp(arg)
	case "!=", ">", ">=":
		if field != "obj.status" && field != "resp.status" && field != "beresp.status" {
			return false
		}
		n, err := strconv.Atoi(arg)
		if err != nil {
			return false
		}
		// Every response's status is between 100 and 999.
		return op == "!=" && (n < 100 || n > 999) || op == ">" && n < 100 || op == ">=" && n <= 100
	}
	return false
}

// catchAllRegexp reports whether a regular expression matches every URL
// or host name: it is empty, or a dot, ^ or / that any URL has.
func catchAllRegexp(re string) bool {
	re = strings.Trim(re, `"'`)
	switch re {
	case "", ".", ".*", ".+", "^", "^.*", "^.+", "/", "^/", "^/.*", ".*/", "(.*)", "^(.*)$", "^.*$":
		return true
	}
	return false
}
