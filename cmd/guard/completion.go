package main

import (
	"fmt"
	"io"
	"sort"
	"strings"
)

func runCompletion(g *guard, args []string) int {
	fs := newFlags("completion")
	fs.Usage = func() {
		fmt.Fprint(g.stderr, `usage: guard completion bash|zsh|fish

Prints a completion script for the shell: subcommands, their flags as they
are typed, the values the help names for a flag (--format, --scope, ...)
and a subcommand's own words (guard rules list|show|test, guard install
claude|cursor|...). It is made from the same tables as the help, so it
always matches this guard.

Examples:
  # bash: in ~/.bashrc
  source <(guard completion bash)
  # zsh: in ~/.zshrc, after compinit
  source <(guard completion zsh)
  # fish
  guard completion fish > ~/.config/fish/completions/guard.fish

The manual page, docs/guard.1 in the source, is made from the same help:
man ./docs/guard.1, or guard help --man | man -l -.

Exit status: 0, or 64 for a usage error.
`)
	}
	if err := parseFlags(fs, args); err != nil {
		return g.flagError(fs, err)
	}
	if fs.NArg() != 1 {
		return g.usageError(fs, "completion takes one shell: bash, zsh or fish")
	}
	var write func(io.Writer, []cmdInfo)
	switch fs.Arg(0) {
	case "bash":
		write = writeBashCompletion
	case "zsh":
		write = writeZshCompletion
	case "fish":
		write = writeFishCompletion
	default:
		return g.usageError(fs, "completion: unknown shell %q (want bash, zsh or fish)", fs.Arg(0))
	}
	write(g.stdout, commandTable())
	return exitOK
}

// shortUsage is a flag's or subcommand's text cut to its first clause, for
// the one-line descriptions zsh and fish show.
func shortUsage(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	// A one-word label ("aider: the rc file") names what the rest is for.
	if label, rest, ok := strings.Cut(s, ": "); ok && !strings.Contains(label, " ") {
		s = rest + " (" + label + ")"
	}
	for _, sep := range []string{"; ", ": ", " (", ". "} {
		if i := strings.Index(s, sep); i > 0 {
			s = s[:i]
		}
	}
	if len(s) > 70 {
		s = s[:67] + "..."
	}
	return s
}

// shellWords quotes words for a single-quoted shell string.
func shellWords(words []string) string {
	return strings.Join(words, " ")
}

func writeBashCompletion(w io.Writer, cmds []cmdInfo) {
	var names []string
	for _, c := range cmds {
		names = append(names, c.name)
	}
	fmt.Fprintf(w, `# bash completion for guard, made by guard completion bash.
# Load it with: source <(guard completion bash)
_guard() {
    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
    COMPREPLY=()
    if [ "$COMP_CWORD" -eq 1 ]; then
        COMPREPLY=($(compgen -W '%s -c --help --version' -- "$cur"))
        return 0
    fi
    local flags='' words=''
    case "${COMP_WORDS[1]}" in
`, shellWords(names))
	for _, c := range cmds {
		var flags []string
		var values []string
		for _, f := range c.flags {
			flags = append(flags, f.name)
			if f.arg != "" {
				if len(f.choices) > 0 {
					values = append(values, fmt.Sprintf("            %s) COMPREPLY=($(compgen -W '%s' -- \"$cur\")); return 0 ;;", f.name, shellWords(f.choices)))
				} else if f.arg == "DIR" {
					values = append(values, fmt.Sprintf("            %s) COMPREPLY=($(compgen -d -- \"$cur\")); return 0 ;;", f.name))
				} else {
					values = append(values, fmt.Sprintf("            %s) return 0 ;;", f.name))
				}
			}
		}
		fmt.Fprintf(w, "    %s)\n", c.name)
		if len(values) > 0 {
			fmt.Fprintf(w, "        case \"$prev\" in\n%s\n        esac\n", strings.Join(values, "\n"))
		}
		fmt.Fprintf(w, "        flags='%s'\n", shellWords(append(flags, "-h")))
		if len(c.words) > 0 {
			fmt.Fprintf(w, "        [ \"$COMP_CWORD\" -eq 2 ] && words='%s'\n", shellWords(c.words))
		}
		fmt.Fprint(w, "        ;;\n")
	}
	fmt.Fprint(w, `    esac
    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$flags" -- "$cur"))
    elif [ -n "$words" ]; then
        COMPREPLY=($(compgen -W "$words" -- "$cur"))
    fi
    return 0
}
complete -o default -F _guard guard
`)
}

// isPathArg reports whether a flag's value is a path, to complete as a
// file name.
func isPathArg(arg string) bool {
	switch arg {
	case "FILE", "DIR", "PATH", "RC":
		return true
	}
	return false
}

// zshQuote makes text safe inside a single-quoted _arguments spec or
// _describe entry: no quotes, brackets or colons.
func zshQuote(s string) string {
	return strings.NewReplacer("'", "", "[", "(", "]", ")", ":", " -", "\\", "", "`", "").Replace(s)
}

func writeZshCompletion(w io.Writer, cmds []cmdInfo) {
	fmt.Fprint(w, `#compdef guard
# zsh completion for guard, made by guard completion zsh.
# Load it with: source <(guard completion zsh), after compinit.
_guard() {
    local -a subcommands
    subcommands=(
`)
	for _, c := range cmds {
		fmt.Fprintf(w, "        '%s:%s'\n", c.name, zshQuote(shortUsage(c.summary)))
	}
	fmt.Fprint(w, `    )
    if (( CURRENT == 2 )); then
        _describe -t commands 'guard subcommand' subcommands
        return
    fi
    local cmd=$words[2]
    shift words
    (( CURRENT-- ))
    case $cmd in
`)
	for _, c := range cmds {
		fmt.Fprintf(w, "    %s)\n        _arguments -s \\\n", c.name)
		for _, f := range c.flags {
			desc := zshQuote(shortUsage(f.usage))
			switch {
			case f.arg == "":
				fmt.Fprintf(w, "            '%s[%s]' \\\n", f.name, desc)
			case len(f.choices) > 0:
				fmt.Fprintf(w, "            '%s[%s]:%s:(%s)' \\\n", f.name, desc, zshQuote(f.arg), shellWords(f.choices))
			case f.arg == "DIR":
				fmt.Fprintf(w, "            '%s[%s]:%s:_files -/' \\\n", f.name, desc, zshQuote(f.arg))
			case isPathArg(f.arg):
				fmt.Fprintf(w, "            '%s[%s]:%s:_files' \\\n", f.name, desc, zshQuote(f.arg))
			default:
				fmt.Fprintf(w, "            '%s[%s]:%s: ' \\\n", f.name, desc, zshQuote(f.arg))
			}
		}
		if len(c.words) > 0 {
			fmt.Fprintf(w, "            '1:word:(%s)' \\\n", shellWords(c.words))
		}
		fmt.Fprint(w, "            '*:file:_files'\n        ;;\n")
	}
	fmt.Fprint(w, `    esac
}
if [ "$funcstack[1]" = "_guard" ]; then
    _guard "$@"
else
    compdef _guard guard
fi
`)
}

func writeFishCompletion(w io.Writer, cmds []cmdInfo) {
	fmt.Fprint(w, "# fish completion for guard, made by guard completion fish.\n")
	fmt.Fprint(w, "# Save it as ~/.config/fish/completions/guard.fish\n")
	var names []string
	for _, c := range cmds {
		names = append(names, c.name)
	}
	sort.Strings(names)
	for _, c := range cmds {
		fmt.Fprintf(w, "complete -c guard -n __fish_use_subcommand -f -a %s -d %s\n", c.name, fishQuote(shortUsage(c.summary)))
	}
	for _, c := range cmds {
		cond := fmt.Sprintf("'__fish_seen_subcommand_from %s'", c.name)
		for _, f := range c.flags {
			opt := "-l " + strings.TrimPrefix(f.name, "--")
			if len(f.name) == 2 {
				opt = "-s " + f.name[1:]
			}
			extra := ""
			if f.arg != "" {
				extra = " -r"
				switch {
				case len(f.choices) > 0:
					extra += " -f -a " + fishQuote(shellWords(f.choices))
				case f.arg == "DIR":
					extra += " -f -a '(__fish_complete_directories)'"
				case !isPathArg(f.arg):
					extra += " -f"
				}
			}
			fmt.Fprintf(w, "complete -c guard -n %s %s%s -d %s\n", cond, opt, extra, fishQuote(shortUsage(f.usage)))
		}
		if len(c.words) > 0 {
			fmt.Fprintf(w, "complete -c guard -n \"__fish_seen_subcommand_from %s; and not __fish_seen_subcommand_from %s\" -f -a %s\n",
				c.name, shellWords(c.words), fishQuote(shellWords(c.words)))
		}
	}
}
