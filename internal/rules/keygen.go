package rules

import (
	"strings"

	"github.com/guardsh/guard/internal/disk"
	"github.com/guardsh/guard/internal/parse"
)

// keygenModes are ssh-keygen options that do something other than
// generate a key: list, print, search, remove a host, change a passphrase
// or comment, convert, sign, and so on. None of them replaces the key file.
const keygenModes = "-l -y -R -F -H -e -i -p -c -L -Y -s -D -K -k -Q -r -B -A -M -G -T"

// newKeygenOverwrite matches ssh-keygen generating a key at a path given
// with -f while its question "Overwrite (y/n)?" is answered from stdin
// (<<< y, yes |, echo y |), or while the file is there when guard may read
// the disk: the old private key is gone, and with it every access it
// granted. Keys written under /tmp are scratch keys and pass.
func newKeygenOverwrite(with map[string]any) (matchFunc, error) {
	if err := newParams(with).done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		for _, f := range v.flags {
			if len(f) >= 2 && f[0] == '-' && f[1] != '-' {
				for m := range strings.FieldsSeq(keygenModes) {
					if strings.ContainsRune(f[1:], rune(m[1])) {
						return "", false
					}
				}
			}
		}
		file := ""
		for i, a := range inv.Args {
			switch {
			case a.Value == "-f" && i+1 < len(inv.Args):
				file = inv.Args[i+1].Value
			case strings.HasPrefix(a.Value, "-f") && len(a.Value) > 2:
				file = a.Value[2:]
			}
		}
		if file == "" {
			return "", false
		}
		abs := resolvePath(file, inv.Dir)
		if strings.HasPrefix(abs, "/tmp/") || strings.HasPrefix(abs, "/var/tmp/") {
			return "", false
		}
		if ctx.probe(inv) != nil && !ctx.stale() && disk.KindOf(abs) == disk.Regular {
			// The key is there: generating over it replaces it once the
			// question is answered, whoever answers it.
			return "ssh-keygen -f " + file + ", which exists", true
		}
		switch inv.Stdin.Kind {
		case parse.Known:
			if !strings.HasPrefix(strings.ToLower(strings.TrimLeft(inv.Stdin.Text, " \t\r\n")), "y") {
				return "", false
			}
		case parse.Unknown:
		default:
			return "", false
		}
		return "ssh-keygen -f " + file + " answered from " + inv.Stdin.From, true
	}, nil
}
