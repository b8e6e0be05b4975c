package parse

import (
	"strings"

	"github.com/guardsh/guard/internal/wordlist"
)

// Site tools (WP-CLI, Drush) and the hosting platforms' CLIs that run
// them on an environment (Pantheon's terminus, Acquia's acli).

// drushValueOpts are Drush's global options that take a value as the
// next word.
const drushValueOpts = "-l --uri -r --root --database --target --define -D"

// drushQuery are Drush's commands that run SQL on the site's database:
// the query as the first operand, or on stdin.
const drushQuery = "sql:query sqlq sql-query"

// drushCLI are Drush's commands that open the site's database client,
// which reads statements from stdin.
const drushCLI = "sql:cli sqlc sql-cli"

// siteTool reads the SQL that wp db query, wp db cli, drush sql:query
// and drush sql:cli hand to the site's database client, and runs it as
// that client (mysql) would be run: with -e QUERY, or with the tool's
// stdin. The client is nested under the tool, with its site alias, URL
// and --ssh host in the nesting path (wp @prod db query, drush
// @shop.live sqlq), so that a production site marks what it runs; wp
// --ssh=HOST runs it on that host. The tool itself is recorded as well.
// It reports whether the command was one of these.
func (w *walker) siteTool(c call, name string) bool {
	args := c.args
	var scope []string
	host := ""
	var ops []int
	for i := 1; i < len(args); i++ {
		a := args[i].Value
		if a == "--" {
			break
		}
		if strings.HasPrefix(a, "@") && len(ops) == 0 {
			scope = append(scope, a)
			continue
		}
		if strings.HasPrefix(a, "-") {
			opt, v, eq := strings.Cut(a, "=")
			switch opt {
			case "--ssh":
				if eq {
					host = v
				}
				scope = append(scope, a)
			case "--url", "--uri", "-l", "--path", "--root", "-r":
				if eq {
					scope = append(scope, a)
				} else if name == "drush" && i+1 < len(args) {
					scope = append(scope, a, args[i+1].Value)
				}
			}
			if name == "drush" && !eq && wordlist.Has(drushValueOpts, opt) {
				i++
			}
			continue
		}
		ops = append(ops, i)
		if len(ops) == 3 {
			break
		}
	}
	if len(ops) == 0 {
		return false
	}
	sub := args[ops[0]].Value
	query := -1
	switch {
	case name == "wp" && sub == "db" && len(ops) > 1 && (args[ops[1]].Value == "query" || args[ops[1]].Value == "cli"):
		if args[ops[1]].Value == "query" && len(ops) > 2 {
			query = ops[2]
		}
		sub = "db " + args[ops[1]].Value
	case name == "drush" && wordlist.Has(drushQuery, sub):
		if len(ops) > 1 {
			query = ops[1]
		}
	case name == "drush" && wordlist.Has(drushCLI, sub):
	default:
		return false
	}
	w.record(c)
	w.optionCode(c, name)
	via := strings.TrimSpace(name + " " + strings.Join(scope, " ") + " " + sub)
	client := []Word{{Value: "mysql"}}
	if query >= 0 {
		client = append(client, Word{Value: "-e"}, args[query])
	} else if c.stdin.Kind == Inherited {
		return true
	}
	n := w.nested(via, c.pos)
	if host != "" {
		n.onHost(name+" "+host, "")
	}
	cc := c
	cc.args = client
	if query >= 0 {
		cc.stdin = Input{}
	}
	n.invoke(cc)
	return true
}

// platformSiteCommand returns the site tool and its words that a hosting
// platform's CLI runs on one of its environments: terminus remote:drush
// SITE.ENV -- ARGS (and remote:wp, and their short names drush and wp),
// acli remote:drush ALIAS -- ARGS. It returns the program, its
// arguments, the environment and whether the command was one.
func platformSiteCommand(args []Word) (prog string, rest []Word, env string, ok bool) {
	if len(args) < 3 {
		return "", nil, "", false
	}
	name := programName(args[0].Value)
	sub := args[1].Value
	switch {
	case name == "terminus" && (sub == "remote:drush" || sub == "drush"):
		prog = "drush"
	case name == "terminus" && (sub == "remote:wp" || sub == "wp"):
		prog = "wp"
	case name == "acli" && (sub == "remote:drush" || sub == "drush"):
		prog = "drush"
	default:
		return "", nil, "", false
	}
	dash := -1
	for i := 2; i < len(args); i++ {
		a := args[i].Value
		if a == "--" {
			dash = i
			break
		}
		if env == "" && !strings.HasPrefix(a, "-") {
			env = a
		}
	}
	if dash < 0 {
		// terminus remote:drush SITE.ENV status: without --, the words
		// after the environment are the command too.
		for i := 2; i < len(args); i++ {
			if args[i].Value == env {
				dash = i
				break
			}
		}
	}
	if dash < 0 || dash+1 >= len(args) {
		return "", nil, env, false
	}
	return prog, args[dash+1:], env, true
}

// platformSite runs what a hosting platform's CLI runs with a site tool
// on an environment (platformSiteCommand), nested on that environment, so
// that a live or prod environment marks it. It reports whether it did.
func (w *walker) platformSite(c call) bool {
	prog, rest, env, ok := platformSiteCommand(c.args)
	if !ok {
		return false
	}
	if inv := w.record(c); inv != nil {
		inv.OwnArgs = len(c.args) - len(rest)
	}
	platform := "pantheon"
	if programName(c.args[0].Value) == "acli" {
		platform = "acquia"
	}
	n := w.nested(programName(c.args[0].Value)+" "+c.args[1].Value+" "+env, c.pos)
	n.onHost(platform+" "+env, "")
	cc := c
	cc.args = append([]Word{{Value: prog}}, rest...)
	cc.redirs = nil
	n.invoke(cc)
	return true
}
