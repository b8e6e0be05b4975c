package main

//go:generate sh -c "go run . help --man > ../../docs/guard.1"

import (
	"bufio"
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/guardsh/guard/internal/lazy"
)

// writeMan writes guard's manual page, in roff, from the help texts: the
// overview, then every subcommand's help with its flags from the same
// table -h prints them from, then the exit statuses. docs/guard.1 is its
// output (go generate ./cmd/guard), and a test fails when that is stale.
func writeMan(out io.Writer, cmds []cmdInfo) error {
	w := bufio.NewWriter(out)
	fmt.Fprint(w, `.\" guard(1), made from guard's help texts by go generate ./cmd/guard.
.\" Do not edit: change the help texts and regenerate.
.TH GUARD 1 "" "guard" "User Commands"
.SH NAME
guard \- stand between an AI coding agent and the shell
.SH SYNOPSIS
.B guard \-c
.I COMMAND
.RI [ NAME " [" ARG ...]]
.br
.B guard
.I SUBCOMMAND
.RI [ FLAGS "] [" ARG ...]
.SH DESCRIPTION
guard finds every program a command would run and asks a person before
anything destructive. It parses the command as bash would, judges each
program it finds with destructive\-command rules, and runs the command,
asks a person (on the terminal or in
.BR "guard approve" ),
or refuses it. Agents reach it through their hooks
.RB ( "guard install" ),
as their shell, or through PATH shims.
.PP
Run
.B guard SUBCOMMAND \-h
for a subcommand's help; it is what this page holds.
.SH SUBCOMMANDS
`)
	for _, c := range cmds {
		fmt.Fprintf(w, ".TP\n.B %s\n%s\n", roff(c.name), roff(c.summary))
	}
	fmt.Fprint(w, ".SH COMMANDS\n")
	for _, c := range cmds {
		if c.name == "help" {
			continue
		}
		fmt.Fprintf(w, ".SS \"guard %s\"\n", roff(c.name))
		manHelp(w, c)
	}
	fmt.Fprint(w, ".SH EXIT STATUS\n")
	for _, e := range exitTable {
		fmt.Fprintf(w, ".TP\n.B %d\n%s\n", e.Code, roff(e.Meaning))
	}
	fmt.Fprint(w, `.SH ENVIRONMENT
.TP
.B NO_COLOR
When set and not empty, guard writes no colour or other terminal styling.
.PP
guard takes its home directory from the password database, never from
.BR HOME ,
and no environment variable turns a rule off.
.SH FILES
.TP
.I ~/.config/guard/config.toml
the user's configuration: settings, rule overrides, extra packs.
.TP
.I ~/.config/guard/allow.json
the standing exceptions
.BR "guard allow" " keeps."
.TP
.I ~/.local/state/guard/log.jsonl
the decision log, a hash chain that
.B guard log \-\-verify
checks.
.TP
.I /etc/guard/config.toml
the system configuration, which can lock rules.
.SH SEE ALSO
The documentation in the source: README.md and docs/.
`)
	return w.Flush()
}

var reHeading = lazy.Value[*regexp.Regexp]{Make: func() *regexp.Regexp { return regexp.MustCompile(`^[A-Z][A-Za-z ]*:$`) }}

// manHelp writes one subcommand's help text as roff: the usage lines as a
// synopsis, paragraphs filled, indented blocks (examples, lists) kept as
// they are, and the flags as a tagged list.
func manHelp(w *bufio.Writer, c cmdInfo) {
	lines := strings.Split(strings.TrimRight(c.help, "\n"), "\n")
	i := 0
	fmt.Fprint(w, ".nf\n")
	for ; i < len(lines) && strings.TrimSpace(lines[i]) != ""; i++ {
		l := strings.TrimPrefix(lines[i], "usage: ")
		if i > 0 {
			l = strings.TrimLeft(l, " ")
		}
		fmt.Fprintf(w, "%s\n", roffLine(l))
	}
	fmt.Fprint(w, ".fi\n")
	var para []string
	var block []string
	flush := func() {
		if len(para) > 0 {
			fmt.Fprintf(w, ".PP\n%s\n", roffLine(strings.Join(para, "\n")))
			para = nil
		}
		if len(block) > 0 {
			fmt.Fprint(w, ".PP\n.RS 4\n.nf\n")
			for _, b := range block {
				fmt.Fprintf(w, "%s\n", roffLine(b))
			}
			fmt.Fprint(w, ".fi\n.RE\n")
			block = nil
		}
	}
	inFlags := false
	for ; i < len(lines); i++ {
		l := lines[i]
		switch {
		case strings.TrimSpace(l) == "":
			flush()
			inFlags = false
		case l == "Flags:":
			flush()
			fmt.Fprint(w, ".PP\nFlags:\n")
			for _, f := range c.flags {
				tag := f.name
				if f.arg != "" {
					tag += " " + f.arg
				}
				fmt.Fprintf(w, ".TP\n.B %s\n%s\n", roff(tag), roff(strings.Join(strings.Fields(f.usage), " ")))
			}
			inFlags = true
		case inFlags && strings.HasPrefix(l, " "):
			// The flags' lines, written from the table above.
		case reHeading.Get().MatchString(l):
			flush()
			fmt.Fprintf(w, ".PP\n%s\n", roff(l))
		case strings.HasPrefix(l, " "):
			if len(para) > 0 {
				flush()
			}
			block = append(block, strings.TrimPrefix(l, "  "))
		default:
			if len(block) > 0 {
				flush()
			}
			para = append(para, l)
		}
	}
	flush()
}

var roffEscaper = strings.NewReplacer(`\`, `\e`, "-", `\-`)

// roff escapes text for roff: backslashes and hyphens.
func roff(s string) string { return roffEscaper.Replace(s) }

// roffLine escapes lines of text, and keeps a line that starts with a dot
// or a quote from being read as a request.
func roffLine(s string) string {
	lines := strings.Split(roff(s), "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, ".") || strings.HasPrefix(l, "'") {
			lines[i] = `\&` + l
		}
	}
	return strings.Join(lines, "\n")
}
