package parse

import (
	"path"
	"strings"
)

// fdValueOpts are fd's options that take the next word as their value.
const fdValueOpts = "-t --type -e --extension -E --exclude -d --max-depth --min-depth --exact-depth -S --size " +
	"--changed-within --changed-before --change-newer-than --change-older-than --newer --older -o " +
	"--owner -j --threads -c --color --max-results --ignore-file --path-separator --format --and " +
	"--batch-size --max-buffer-time"

// fdPlaceholders are the forms fd replaces with each result's path: the
// path, its base name, its directory, and either without the extension.
const fdPlaceholders = "{} {/} {//} {.} {/.}"

// fd handles fd's -x/--exec and -X/--exec-batch, which run a command on
// each result (fd -e log . /var -x rm), as find's -exec does: the command
// is analysed with the results as a path under each search root, written
// where its placeholders are or, with none, after its last word.
func (w *walker) fd(c call) {
	w.record(c)
	args := c.args
	var positional, roots, exts []string
	i := 1
	for ; i < len(args); i++ {
		a := args[i].Value
		if a == "-x" || a == "--exec" || a == "-X" || a == "--exec-batch" {
			break
		}
		if args[i].Dynamic {
			positional = append(positional, a)
			continue
		}
		if name, val, ok := strings.Cut(a, "="); ok && (name == "--search-path" || name == "--base-directory") {
			roots = append(roots, val)
			continue
		}
		if (a == "--search-path" || a == "--base-directory") && i+1 < len(args) {
			i++
			roots = append(roots, args[i].Value)
			continue
		}
		if ext, ok := strings.CutPrefix(a, "--extension="); ok {
			exts = append(exts, ext)
			continue
		}
		if ext, ok := strings.CutPrefix(a, "-e"); ok && ext != "" && !strings.HasPrefix(a, "--") {
			exts = append(exts, ext)
			continue
		}
		if strings.HasPrefix(a, "-") && len(a) > 1 {
			for o := range strings.FieldsSeq(fdValueOpts) {
				if a == o {
					i++
					if (a == "-e" || a == "--extension") && i < len(args) {
						exts = append(exts, args[i].Value)
					}
					break
				}
			}
			continue
		}
		positional = append(positional, a)
	}
	if len(positional) > 1 {
		roots = append(roots, positional[1:]...)
	}
	if len(roots) == 0 {
		roots = []string{"."}
	}
	if len(roots) > 4 {
		roots = roots[:4]
	}
	// With one -e, every result ends in it: fd -e psd -X rm deletes *.psd
	// files, which rules about file kinds can see.
	leaf := "{}"
	if len(exts) == 1 && exts[0] != "" && !strings.ContainsAny(exts[0], "/{}") {
		leaf = "{}." + strings.TrimPrefix(exts[0], ".")
	}
	for i < len(args) {
		how := args[i].Value
		start := i + 1
		end := start
		for end < len(args) && args[end].Value != ";" && !isFdExec(args[end].Value) {
			end++
		}
		cmd := args[start:end]
		i = end
		if i < len(args) && args[i].Value == ";" {
			i++
		}
		if len(cmd) == 0 {
			continue
		}
		for _, root := range roots {
			sub := make([]Word, 0, len(cmd)+1)
			placed := false
			for _, word := range cmd {
				for p := range strings.FieldsSeq(fdPlaceholders) {
					if strings.Contains(word.Value, p) {
						word.Value = strings.ReplaceAll(word.Value, p, path.Join(root, leaf))
						word.Glob, word.Hidden = true, true
						placed = true
					}
				}
				sub = append(sub, word)
			}
			if !placed {
				sub = append(sub, Word{Value: path.Join(root, leaf), Glob: true, Hidden: true})
			}
			cc := c
			cc.stdin = Input{}
			cc.redirs = nil
			w.inner(cc, sub, "fd "+how)
		}
	}
}

// isFdExec reports whether a word starts another of fd's exec options.
func isFdExec(a string) bool {
	return a == "-x" || a == "--exec" || a == "-X" || a == "--exec-batch"
}
