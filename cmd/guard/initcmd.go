package main

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/guardsh/guard/internal/install"
	"github.com/guardsh/guard/internal/lazy"
	"github.com/guardsh/guard/internal/program"
)

func runInit(g *guard, args []string) int {
	fs := newFlags("init")
	aliases := fs.Bool("aliases", false, "print an alias per `NAME` (default: every shim) instead of the PATH line")
	aider := fs.Bool("aider", false, "print a wrapper that makes guard the shell aider runs its commands with")
	fs.Usage = func() {
		fmt.Fprint(g.stderr, `usage: guard init bash|zsh|fish [--aliases [NAME...]] [--aider]

Prints the lines to add to a shell's rc file (or to eval from it):

  (default)   put guard's shim directory first on PATH, so that every
              shimmed CLI (guard shim add NAME) runs through guard, for
              any caller and in any shell, interactive or not
  --aliases   instead, one alias per NAME running guard exec -- NAME;
              aliases work only in interactive shells, so agents, which
              run non-interactive shells, bypass them: prefer shims
  --aider     a wrapper function for aider, which runs every command
              with $SHELL -c: it sets SHELL to guard for aider alone
              (guard install aider writes it into your rc file)

Flags:
`)
		printFlags(g.stderr, fs)
		fmt.Fprint(g.stderr, `
Examples:
  guard init bash >> ~/.bashrc
  eval "$(guard init zsh)"
  guard init fish --aliases terraform kubectl > ~/.config/fish/conf.d/guard.fish

Exit status: 0 success, 64 usage error.
`)
	}
	if len(args) == 0 {
		return g.usageError(fs, "init needs a shell: bash, zsh or fish")
	}
	shell := args[0]
	if err := parseFlags(fs, args[1:]); err != nil {
		return g.flagError(fs, err)
	}
	if shell == "-h" || shell == "--help" || shell == "-help" {
		g.help(fs)
		return exitOK
	}
	if !install.RCShell(shell) {
		return g.usageError(fs, "unknown shell %q (want bash, zsh or fish)", shell)
	}
	names := fs.Args()
	if len(names) > 0 && !*aliases {
		return g.usageError(fs, "program names are for --aliases")
	}
	guardPath := g.selfPath()
	var out string
	switch {
	case *aider:
		if *aliases {
			g.errorf("--aider and --aliases print different things; run guard init twice")
			return exitUsage
		}
		out = rcAider(shell, guardPath)
	case *aliases:
		if len(names) == 0 {
			dir, err := shimDir()
			if err != nil {
				g.errorf("%v", err)
				return exitInternal
			}
			list, err := program.Shims(dir, executable())
			if err != nil {
				g.errorf("%v", err)
				return exitInternal
			}
			for _, s := range list {
				names = append(names, s.Name)
			}
			if len(names) == 0 {
				g.errorf("no shims to alias: name the programs, as in guard init %s --aliases terraform kubectl", shell)
				return exitUsage
			}
		}
		for _, n := range names {
			if err := checkShimName(n); err != nil || !aliasName.Get().MatchString(n) {
				g.errorf("%q cannot be an alias name", n)
				return exitUsage
			}
		}
		out = rcAliases(shell, guardPath, names)
	default:
		dir, err := shimDir()
		if err != nil {
			g.errorf("%v", err)
			return exitInternal
		}
		out = rcPath(shell, dir)
	}
	fmt.Fprint(g.stdout, out)
	return exitOK
}

// aliasName is what guard accepts as an alias or function name.
var aliasName = lazy.Value[*regexp.Regexp]{Make: func() *regexp.Regexp { return regexp.MustCompile(`^[A-Za-z0-9_][A-Za-z0-9_.+-]*$`) }}

// shQuote quotes a word for bash, zsh and POSIX sh.
func shQuote(s string) string {
	if s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_./=:,+@%", r))
	}) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// fishQuote quotes a word for fish, where \ and ' are special inside
// single quotes.
func fishQuote(s string) string {
	if s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_./=:,+@%", r))
	}) < 0 {
		return s
	}
	r := strings.NewReplacer(`\`, `\\`, `'`, `\'`)
	return "'" + r.Replace(s) + "'"
}

func rcPath(shell, dir string) string {
	if shell == "fish" {
		q := fishQuote(dir)
		return "# guard: run shimmed CLIs (guard shim add NAME) through guard, whoever calls them.\n" +
			"if not contains -- " + q + " $PATH\n" +
			"    set -gx PATH " + q + " $PATH\n" +
			"end\n"
	}
	q := shQuote(dir)
	return "# guard: run shimmed CLIs (guard shim add NAME) through guard, whoever calls them.\n" +
		"case \":$PATH:\" in\n" +
		"  *:" + q + ":*) ;;\n" +
		"  *) export PATH=" + q + "\":$PATH\" ;;\n" +
		"esac\n"
}

func rcAliases(shell, guardPath string, names []string) string {
	var b strings.Builder
	b.WriteString("# guard: run these CLIs through guard in interactive shells (agents bypass aliases; prefer shims).\n")
	for _, n := range names {
		if shell == "fish" {
			fmt.Fprintf(&b, "function %s --wraps %s\n    %s exec -- %s $argv\nend\n", n, n, fishQuote(guardPath), n)
			continue
		}
		fmt.Fprintf(&b, "alias %s=%s\n", n, shQuote(shQuote(guardPath)+" exec -- "+n))
	}
	return b.String()
}

func rcAider(shell, guardPath string) string {
	if shell == "fish" {
		return "# guard: aider runs its commands with $SHELL -c; make that shell guard, for aider only.\n" +
			"function aider --wraps aider\n" +
			"    SHELL=" + fishQuote(guardPath) + " command aider $argv\n" +
			"end\n"
	}
	return "# guard: aider runs its commands with $SHELL -c; make that shell guard, for aider only.\n" +
		"aider() { SHELL=" + shQuote(guardPath) + " command aider \"$@\"; }\n"
}
