package rules

import (
	"path"
	"slices"
	"strings"

	"github.com/guardsh/guard/internal/parse"
)

// The public part of a key: an age identity file holds its secret key
// (AGE-SECRET-KEY-1...) and, in a comment, its public recipient
// (# public key: age1...). A read of such a file that a grep filters down
// to the recipient (grep -o 'age1.*' keys.txt, cat keys.txt | grep
// 'public key') shows the agent only what is meant to be shared, as
// ssh-keygen -y and gpg --export do, so cred.read-store passes. The grep
// must keep only lines or matches that start with a public marker
// (publicMarkers), without -v, -i, alternation or a secret word in its
// pattern; a read that reaches the agent any other way keeps asking.

// readStoreRule is the rule whose reads a public filter makes harmless.
const readStoreRule = "cred.read-store"

// publicMarkers start the public part of a key file's lines.
var publicMarkers = []string{"age1", "public key", "# public key", "ssh-ed25519", "ssh-rsa", "ecdsa-sha2", "-----begin public key", "-----begin pgp public key"}

// publicPartOnly reports whether the credential read inv shows only a
// key's public part: inv is such a grep, or a plain reader whose whole
// output is piped into one.
func publicPartOnly(inv *parse.Invocation, ctx *Context) bool {
	if inv.MoreArgs {
		return false
	}
	switch inv.Name {
	case "grep", "rg":
		return publicGrep(inv) && fileOutputOnly(inv)
	case "cat", "head", "tail":
	default:
		return false
	}
	if len(ctx.after) == 0 || len(inv.Redirs) > 0 {
		return false
	}
	next := ctx.after[0]
	return slices.Equal(next.Via, inv.Via) && next.Remote == inv.Remote && pipedText(ctx.text, inv, next) && publicGrep(next) && fileOutputOnly(next)
}

// fileOutputOnly reports whether inv's redirections only write its
// output to files: the public part may be saved, and nothing else is
// read in.
func fileOutputOnly(inv *parse.Invocation) bool {
	for _, r := range inv.Redirs {
		if r.Op != ">" && r.Op != ">>" || r.Target.Dynamic || strings.HasPrefix(r.Target.Value, "/dev/tcp") || strings.HasPrefix(r.Target.Value, "/dev/udp") {
			return false
		}
	}
	return true
}

// pipedText reports whether the command text holds a's text piped
// straight into b's.
func pipedText(text string, a, b *parse.Invocation) bool {
	from := max(a.Pos.Offset, 0)
	if from > len(text) {
		return false
	}
	i := strings.Index(text[from:], a.Text)
	if i < 0 {
		return false
	}
	rest := strings.TrimLeft(text[from+i+len(a.Text):], " \t")
	rest, ok := strings.CutPrefix(rest, "|")
	if !ok || strings.HasPrefix(rest, "|") || strings.HasPrefix(rest, "&") {
		return false
	}
	return strings.HasPrefix(strings.TrimLeft(rest, " \t"), b.Text)
}

// publicGrep reports whether a grep keeps only the public part of what
// it reads.
func publicGrep(inv *parse.Invocation) bool {
	args := inv.Own()
	pattern := ""
	for i := 1; i < len(args); i++ {
		w := args[i]
		if w.Dynamic {
			return false
		}
		v := w.Value
		switch {
		case v == "-e" || v == "--regexp":
			if pattern != "" || i+1 >= len(args) {
				return false
			}
			i++
			pattern = args[i].Value
		case v == "-m" || v == "--max-count":
			i++
		case strings.HasPrefix(v, "--"):
			if v != "--only-matching" && v != "--extended-regexp" && v != "--no-filename" && !strings.HasPrefix(v, "--max-count=") {
				return false
			}
		case strings.HasPrefix(v, "-") && len(v) > 1:
			if strings.Trim(v[1:], "oEhm0123456789") != "" {
				return false
			}
		case pattern == "":
			pattern = v
		}
	}
	p := strings.ToLower(strings.TrimPrefix(pattern, "^"))
	if p == "" || strings.ContainsAny(p, "|\\()[") && !strings.HasPrefix(p, "age1[") || strings.Contains(p, "secret") || strings.Contains(p, "private") {
		return false
	}
	for _, m := range publicMarkers {
		if strings.HasPrefix(p, m) {
			return true
		}
	}
	return false
}

// copiedBeside reports whether inv copies one credential file or
// directory to a name beside it (cp -r ~/.config/solana
// ~/.config/solana.bak, cp ~/.kube/config ~/.kube/config.orig): the copy
// stays where the original is, on this machine, and nothing of it reaches
// the agent.
func copiedBeside(inv *parse.Invocation) bool {
	if inv.MoreArgs || inv.Remote != "" || len(inv.Redirs) > 0 || inv.Name != "cp" && inv.Name != "rsync" {
		return false
	}
	var ops []parse.Word
	for _, a := range inv.Args[1:] {
		if a.Dynamic || a.Glob {
			return false
		}
		if !strings.HasPrefix(a.Value, "-") {
			ops = append(ops, a)
		}
	}
	if len(ops) != 2 || strings.Contains(ops[1].Value, ":") {
		return false
	}
	src, dst := path.Clean(ops[0].Value), path.Clean(ops[1].Value)
	if path.Dir(src) != path.Dir(dst) || src == dst {
		return false
	}
	rest, ok := strings.CutPrefix(path.Base(dst), path.Base(src))
	return ok && rest != "" && strings.ContainsRune(".-_~", rune(rest[0]))
}
