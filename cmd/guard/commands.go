package main

import (
	"bytes"
	"flag"
	"regexp"
	"strings"

	"github.com/guardsh/guard/internal/lazy"
)

// The command table that completions and the man page are made from: the
// subcommands in help's order, each with its help text and flag set as
// its own -h prints them, so that what they say cannot drift from the
// help.

// cmdInfo is a subcommand as the help shows it.
type cmdInfo struct {
	name, summary string
	// help is the text guard NAME -h prints.
	help string
	// flags are the subcommand's flags, in the help's order.
	flags []flagInfo
	// words are the literal words the usage lines allow as the first
	// argument: verbs (rules list, shim add) and names (install claude).
	words []string
}

// flagInfo is one flag as the help shows it.
type flagInfo struct {
	// name is the flag as typed: -C, --json.
	name string
	// arg is the value's name, "" for a flag that takes none.
	arg string
	// usage is the flag's help text, with the value's name filled in.
	usage string
	// choices are the values the help names for it, if any.
	choices []string
}

// commandTable returns every subcommand in help's order.
func commandTable() []cmdInfo {
	var out []cmdInfo
	all := subcommands()
	for _, sc := range all {
		name := sc.name
		var help bytes.Buffer
		g := &guard{stdin: strings.NewReader(""), stdout: &help, stderr: &help}
		if name == "help" {
			runHelp(g, nil)
		} else {
			sc.run(g, []string{"-h"})
		}
		c := cmdInfo{name: name, summary: sc.summary, help: help.String()}
		if g.helped != nil {
			c.flags = flagTable(g.helped, c.help)
		}
		c.words = usageWords(c.help, name)
		if name == "help" {
			for _, sc := range all {
				c.words = append(c.words, sc.name)
			}
		}
		out = append(out, c)
	}
	return out
}

// flagTable lists a flag set's flags as printFlags shows them.
func flagTable(fs *flag.FlagSet, help string) []flagInfo {
	var out []flagInfo
	fs.VisitAll(func(f *flag.Flag) {
		arg, usage := flag.UnquoteUsage(f)
		fi := flagInfo{name: flagName(f.Name)}
		if arg != "" {
			fi.arg = strings.ToUpper(arg)
			if i := strings.IndexByte(f.Usage, '`'); i >= 0 {
				if j := strings.IndexByte(f.Usage[i+1:], '`'); j >= 0 {
					usage = f.Usage[:i] + fi.arg + f.Usage[i+1+j+1:]
				}
			}
			fi.choices = flagChoices(fi.name, usage, help)
		}
		fi.usage = usage
		out = append(out, fi)
	})
	// A value named alike takes the same values: --fail-on SEVERITY as
	// --min-severity SEVERITY.
	byArg := map[string][]string{}
	for _, f := range out {
		if len(f.choices) > 0 {
			byArg[f.arg] = f.choices
		}
	}
	for i, f := range out {
		if f.arg != "" && len(f.choices) == 0 {
			out[i].choices = byArg[f.arg]
		}
	}
	return out
}

var (
	// reWord is a literal word of a usage line or a list of values.
	reWord = lazy.Value[*regexp.Regexp]{Make: func() *regexp.Regexp { return regexp.MustCompile(`^[a-z][a-z0-9-]*$`) }}
	// reFlagChoices is a flag with its values spelled out in a usage
	// line: --scope user|project.
	reFlagChoices = lazy.Value[*regexp.Regexp]{Make: func() *regexp.Regexp {
		return regexp.MustCompile(`(--?[a-zA-Z][a-z-]*)[ =]([a-z][a-z0-9-]*(?:\|[a-z][a-z0-9-]*)+)`)
	}}
)

// flagChoices returns the values a flag takes when the help names them:
// in a usage line (--scope user|project), or in the flag's own text after
// a colon (": low, medium, high, critical").
func flagChoices(name, usage, help string) []string {
	for _, line := range usageLines(help) {
		for _, m := range reFlagChoices.Get().FindAllStringSubmatch(line, -1) {
			if m[1] == name {
				return strings.Split(m[2], "|")
			}
		}
	}
	_, list, ok := strings.Cut(usage, ": ")
	if !ok {
		return nil
	}
	if i := strings.IndexAny(list, "(;."); i >= 0 {
		list = list[:i]
	}
	var out []string
	for _, part := range strings.Split(list, ",") {
		for _, w := range strings.Split(part, " or ") {
			w = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(w), "or "))
			if w == "" {
				continue
			}
			if !reWord.Get().MatchString(w) {
				return out
			}
			out = append(out, w)
		}
	}
	return out
}

// usageLines returns the help's usage lines: the first line and the ones
// indented under it, up to the first blank line.
func usageLines(help string) []string {
	var out []string
	for _, line := range strings.Split(help, "\n") {
		if strings.TrimSpace(line) == "" {
			break
		}
		out = append(out, line)
	}
	return out
}

// usageWords returns the literal words the usage lines allow as the
// subcommand's first argument: "list", "show" and "test" for guard rules;
// "claude", "cursor", ... for guard install.
func usageWords(help, name string) []string {
	var out []string
	seen := map[string]bool{}
	for _, line := range usageLines(help) {
		_, rest, ok := strings.Cut(line, "guard "+name)
		if !ok {
			continue
		}
		fields := strings.Fields(rest)
		for i := 0; i < len(fields); i++ {
			w := strings.Trim(fields[i], "[]")
			if w == "" || w == "--" {
				continue
			}
			if w == "-" {
				// Standard input: what follows describes it.
				break
			}
			if strings.HasPrefix(w, "-") || strings.HasPrefix(w, "<") {
				// A flag, and its value if it has one: skip both.
				if i+1 < len(fields) && !strings.HasPrefix(strings.Trim(fields[i+1], "[]"), "-") && strings.ToUpper(fields[i+1]) == fields[i+1] {
					i++
				}
				continue
			}
			for _, v := range strings.Split(w, "|") {
				if reWord.Get().MatchString(v) && !seen[v] {
					seen[v] = true
					out = append(out, v)
				}
			}
			break
		}
	}
	return out
}
