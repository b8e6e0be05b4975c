package rules

import (
	"strings"

	"github.com/guardsh/guard/internal/parse"
)

// Site tools load a dump through their own commands: wp db import FILE,
// drush sql:cli < dump.sql, drush sql:query --file=dump.sql, drush
// sql:sync @local @live, terminus import:database site.live URL. A dump
// drops and recreates each table it holds, so the load replaces the
// site's data. On a developer's own copy of the site that is the everyday
// way to refresh it; toward a site elsewhere (wp --url=https://shop.com,
// --ssh=, a drush alias, a terminus environment) it is the live site's
// data that is replaced, and that asks. A site named for development or
// test (@local, @dev, https://shop.ddev.site, --url=localhost) passes.

// siteLocalWords are the words that name a developer's copy of a site.
const siteLocalWords = "local localhost dev develop development test testing ci ddev lando docksal sandbox scratch self " +
	"none"

// newSiteImport matches a database load by wp-cli, drush or terminus
// toward a site that is not this machine's copy.
func newSiteImport(with map[string]any) (matchFunc, error) {
	if err := newParams(with).done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		ops := siteOperands(v)
		if len(ops) == 0 {
			return "", false
		}
		switch v.name {
		case "wp":
			if len(ops) < 2 || ops[0] != "db" || ops[1] != "import" {
				return "", false
			}
			if site := siteElsewhere(inv, v); site != "" {
				return "wp db import replaces the tables of " + site, true
			}
		case "drush":
			switch ops[0] {
			case "sql:cli", "sql-cli", "sqlc", "sql:query", "sql-query", "sqlq":
				_, file := optionValue(inv, "--file")
				if inv.Stdin.Kind != parse.Unknown && !file {
					return "", false
				}
				if site := siteElsewhere(inv, v); site != "" {
					return "drush " + ops[0] + " loads a dump into " + site, true
				}
			case "sql:sync", "sql-sync":
				// drush sql:sync SOURCE TARGET: the target's tables go.
				if len(ops) >= 3 && !localSite(ops[2]) {
					return "drush " + ops[0] + " replaces the database of " + ops[2], true
				}
			}
		case "terminus":
			switch ops[0] {
			case "import:database", "import:db", "import:site", "import:files":
				if len(ops) >= 2 && !localSite(ops[1]) {
					return "terminus " + ops[0] + " replaces what " + ops[1] + " holds", true
				}
			}
		}
		return "", false
	}, nil
}

// siteOperands returns a site tool's operands in lower case, an alias
// (@live) left out.
func siteOperands(v *view) []string {
	var out []string
	for _, op := range v.operands {
		if op.Dynamic {
			out = append(out, "$")
			continue
		}
		if siteAlias(op.Value) && len(out) == 0 {
			continue
		}
		out = append(out, strings.ToLower(op.Value))
	}
	return out
}

// siteElsewhere names the site a wp or drush command works on when it is
// not this machine's copy: an alias, --url, --uri, --ssh or -l naming
// another host. It returns "" for a local copy or none named.
func siteElsewhere(inv *parse.Invocation, v *view) string {
	for _, op := range v.operands {
		if siteAlias(op.Value) && !localSite(op.Value) {
			return "the site " + op.Value
		}
	}
	for _, a := range inv.Args[1:] {
		if siteAlias(a.Value) && !localSite(a.Value) {
			return "the site " + a.Value
		}
	}
	for _, name := range []string{"--url", "--uri", "-l", "--ssh", "--http"} {
		w, ok := optionValue(inv, name)
		if !ok {
			continue
		}
		if w.Dynamic {
			return "the site " + parse.Quote(w.Value) + ", known only at run time"
		}
		if !localSite(w.Value) {
			return "the site " + w.Value
		}
	}
	return ""
}

// localSite reports whether an alias, URL or host names a developer's
// copy of a site: a loopback host, a local development domain (.test,
// .local, .localhost, .ddev.site, .lndo.site) or a name whose words are
// siteLocalWords.
func localSite(s string) bool {
	s = strings.ToLower(strings.TrimPrefix(s, "@"))
	if i := strings.Index(s, "://"); i >= 0 {
		s = s[i+3:]
	}
	if i := strings.LastIndexByte(s, '@'); i >= 0 {
		s = s[i+1:] // user@host
	}
	if i := strings.IndexAny(s, "/:"); i >= 0 {
		s = s[:i]
	}
	if s == "" {
		return true // no site named: the copy here
	}
	if hasProdWord(s) {
		return false
	}
	if localHost(s) {
		return true
	}
	for _, tld := range []string{".test", ".local", ".localhost", ".ddev.site", ".lndo.site", ".docksal.site", ".internal.test"} {
		if strings.HasSuffix(s, tld) {
			return true
		}
	}
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == '.' || r == '-' || r == '_' }) {
		for w := range strings.FieldsSeq(siteLocalWords) {
			if part == w {
				return true
			}
		}
	}
	return false
}
