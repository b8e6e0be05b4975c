package rules

import (
	"path"
	"regexp"
	"strings"

	"github.com/guardsh/guard/internal/httpreq"
	"github.com/guardsh/guard/internal/lazy"
	"github.com/guardsh/guard/internal/parse"
)

// Anonymous Apex run against a Salesforce org (sf apex run, sfdx
// force:apex:execute) is code, read from stdin, a heredoc or a file the
// command wrote (--file). Its DML statement delete removes the records it
// is given, a SOQL query's included (delete [SELECT Id FROM Lead WHERE
// ...]); Database.delete does the same, and Database.emptyRecycleBin
// and System.purgeOldAsyncJobs remove what could otherwise be brought
// back.

// apexDelete finds a delete statement, or a call that deletes, in Apex.
// A delete statement starts the text, a line or follows ; { or }: delete
// inside a string or a comment does not.
var apexDelete = lazy.Value[*regexp.Regexp]{Make: func() *regexp.Regexp {
	return regexp.MustCompile(`(?im)(?:^|[;{}])\s*delete\s+[\[\w(]|\bDatabase\s*\.\s*(?:delete|emptyRecycleBin|hardDelete)\s*\(|\bSystem\s*\.\s*purgeOldAsyncJobs\s*\(`)
}}

// newApexDML matches a client whose Apex deletes records: in its
// arguments, its known stdin or a file of statements the command wrote.
func newApexDML(with map[string]any) (matchFunc, error) {
	if err := newParams(with).done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		for _, text := range clientTexts(inv, v) {
			if m := apexDelete.Get().FindString(text); m != "" {
				return "the Apex code deletes records (" + parse.Quote(strings.TrimSpace(strings.TrimLeft(m, ";{}"))) + ")", true
			}
		}
		if name := apexFileNamed(inv); name != "" {
			return "the Apex file " + parse.Quote(name) + ", which guard cannot read, is named for deleting", true
		}
		return "", false
	}, nil
}

// apexVerbs are the word parts of an Apex file's name that say it
// deletes: scripts/apex/purge_leads.apex, delete-old-cases.apex.
var apexVerbs = lazy.Value[map[string]bool]{Make: func() map[string]bool {
	return map[string]bool{"delete": true, "destroy": true, "purge": true, "wipe": true, "drop": true,
		"truncate": true, "nuke": true, "erase": true, "cleanup": true, "clean": true, "remove": true,
		"prune": true, "dedupe": true, "dedup": true}
}}

// apexFileNamed returns the name of an Apex file the client runs whose
// text guard does not know and whose name says it deletes, or "": the
// value of --file, -f or sfdx's --apexcodefile, or a file redirected to
// stdin.
func apexFileNamed(inv *parse.Invocation) string {
	var files []string
	args := inv.Own()
	for i := 1; i < len(args); i++ {
		name, val, has := strings.Cut(args[i].Value, "=")
		if name != "--file" && name != "-f" && name != "--apexcodefile" || args[i].Dynamic {
			continue
		}
		if !has {
			if i+1 >= len(args) || args[i+1].Dynamic {
				continue
			}
			i++
			val = args[i].Value
		}
		files = append(files, val)
	}
	for _, r := range inv.Redirs {
		if r.Op == "<" {
			files = append(files, r.Target.Value)
		}
	}
	for _, f := range files {
		if _, known := clientFile(inv, f); known {
			continue
		}
		base := path.Base(f)
		base = strings.TrimSuffix(base, path.Ext(base))
		for _, p := range httpreq.WordParts(base) {
			if apexVerbs.Get()[p] {
				return f
			}
		}
	}
	return ""
}
