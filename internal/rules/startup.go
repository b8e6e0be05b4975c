package rules

import (
	"os/exec"
	"path"
	"regexp"
	"strings"

	"github.com/guardsh/guard/internal/lazy"
	"github.com/guardsh/guard/internal/parse"
	"github.com/guardsh/guard/internal/wordlist"
	"github.com/guardsh/guard/internal/writes"
)

// This file decides which writes to files whose code runs later
// (self.runs-later) are harmless: removing one of git's sample hooks,
// which git never runs, and appending an alias for a read-only command
// to a shell start-up file (echo 'alias ll="ls -la"' >> ~/.bashrc).

// harmlessLater reports whether a write that lands on a file whose code
// runs later cannot change what later commands do.
func harmlessLater(inv *parse.Invocation, t writes.Target, h writes.Hit) bool {
	if t.Remove && !t.Path.Dynamic && sampleHook(h.Where) {
		return true
	}
	if t.Source != writes.ByRedirect || t.Path.Dynamic || !bashStartup(h.Where) {
		return false
	}
	appends := false
	for _, rd := range inv.Redirs {
		if rd.Target.Value == t.Path.Value {
			appends = rd.Op == ">>"
			if !appends {
				return false
			}
		}
	}
	if !appends {
		return false
	}
	text, ok := printedText(inv)
	return ok && harmlessAliases(text)
}

// bashStartup reports whether p is a start-up file of bash, zsh or sh,
// whose syntax guard reads (fish's is another language).
func bashStartup(p string) bool {
	switch path.Base(p) {
	case ".bashrc", ".bash_profile", ".bash_login", ".profile", ".zshrc", ".zshenv", ".zprofile", ".zlogin", ".bash_aliases":
		return true
	}
	return false
}

// printedText returns what echo or printf prints when every word is
// known and holds no escape that a shell's echo might read (zsh's echo
// reads \n, bash's does not): then the text is the same in every shell.
func printedText(inv *parse.Invocation) (string, bool) {
	if inv.Problem != parse.NoProblem || len(inv.Via) > 0 {
		return "", false
	}
	var words []string
	for _, a := range inv.Args[1:] {
		if a.Dynamic || strings.ContainsRune(a.Value, '\\') {
			return "", false
		}
		words = append(words, a.Value)
	}
	switch inv.Name {
	case "echo":
		if len(words) > 0 && strings.HasPrefix(words[0], "-") {
			return "", false
		}
		return strings.Join(words, " ") + "\n", true
	case "cat":
		// cat >> ~/.bashrc <<'EOF' ... EOF
		if len(words) == 0 && inv.Stdin.Kind == parse.Known && !strings.ContainsRune(inv.Stdin.Text, '\\') {
			return inv.Stdin.Text, true
		}
		return "", false
	case "printf":
		if len(words) != 1 || strings.ContainsAny(words[0], "%") || strings.HasPrefix(words[0], "-") {
			return "", false
		}
		return words[0], true
	}
	return "", false
}

var aliasName = lazy.Value[*regexp.Regexp]{Make: func() *regexp.Regexp { return regexp.MustCompile(`^[A-Za-z0-9_][A-Za-z0-9_.-]*$`) }}

// readOnlyBodies are programs that change nothing whatever arguments a
// later command adds to an alias for them (no option of theirs writes a
// file or runs a program).
const readOnlyBodies = "ls pwd clear wc du df head tail cat echo grep egrep fgrep which whoami uname hostname"

// shellWords are the builtins and keywords of bash and zsh, which an
// alias must not shadow: guard reads cd, true or sudo as what they are.
const shellWords = "alias bg bind break builtin caller cd command compgen complete compopt continue declare dirs " +
	"disown echo enable eval exec exit export false fc fg getopts hash help history jobs kill let " +
	"local logout mapfile popd printf pushd pwd read readarray readonly return set shift shopt source " +
	"suspend test times trap true type typeset ulimit umask unalias unset wait if then else elif fi " +
	"case esac for select while until do done in function time coproc noglob autoload bindkey setopt " +
	"unsetopt zmodload print whence where rehash emulate zle functions integer float nocorrect repeat " +
	"sudo doas env xargs nohup nice"

// harmlessAliases reports whether text holds nothing but comments, blank
// lines and alias definitions, one a line, each for a name that is no
// command or shell word, whose body runs only read-only programs. Any
// other statement (an assignment such as PATH=..., a cd, a function)
// changes what later commands do and is not harmless.
func harmlessAliases(text string) bool {
	seen := false
	for _, line := range strings.Split(strings.TrimSuffix(text, "\n"), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if !strings.HasPrefix(line, "alias ") {
			return false
		}
		invs := parse.Command(line, parse.Options{})
		if len(invs) == 0 || invs[0].Name != "alias" || strings.TrimSpace(invs[0].Text) != line || len(invs[0].Redirs) > 0 {
			return false
		}
		names := map[string]bool{}
		for _, a := range invs[0].Args[1:] {
			name, body, ok := strings.Cut(a.Value, "=")
			if !ok || a.Dynamic || !aliasName.Get().MatchString(name) || wordlist.Has(shellWords, name) || strings.TrimSpace(body) == "" {
				return false
			}
			if _, err := exec.LookPath(name); err == nil {
				return false
			}
			names[name] = true
		}
		for _, inv := range invs[1:] {
			if !readOnlyBody(inv, names) {
				return false
			}
		}
		seen = true
	}
	return seen
}

// readOnlyBody reports whether an invocation is an alias body that runs
// a read-only program with known words and no redirection.
func readOnlyBody(inv *parse.Invocation, names map[string]bool) bool {
	if inv.Problem != parse.NoProblem || len(inv.Via) != 1 || len(inv.Redirs) > 0 {
		return false
	}
	name, ok := strings.CutPrefix(inv.Via[0], "alias ")
	if !ok || !names[name] {
		return false
	}
	for _, a := range inv.Args {
		if a.Dynamic {
			return false
		}
	}
	if inv.Name == "git" {
		sub, _ := gitCommand(inv)
		return sub == "status"
	}
	return wordlist.Has(readOnlyBodies, inv.Name)
}
