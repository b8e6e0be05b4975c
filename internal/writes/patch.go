package writes

import (
	"strings"

	"github.com/guardsh/guard/internal/parse"
)

// PatchFile is one file a patch in Codex's apply_patch format touches.
type PatchFile struct {
	Path string
	// Delete reports *** Delete File; From is the file a *** Move to
	// renames, which goes away.
	Delete bool
	From   string
}

// ApplyPatchFiles returns the files a patch in Codex's apply_patch format
// adds, updates, deletes or moves:
//
//	*** Begin Patch
//	*** Add File: path
//	*** Update File: path
//	*** Move to: new path
//	*** Delete File: path
//	*** End Patch
func ApplyPatchFiles(text string) []PatchFile {
	var out []PatchFile
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimRight(line, "\r")
		for _, h := range []string{"*** Add File:", "*** Update File:", "*** Delete File:", "*** Move to:"} {
			rest, ok := strings.CutPrefix(line, h)
			if !ok {
				continue
			}
			p := strings.TrimSpace(rest)
			if p == "" {
				break
			}
			switch h {
			case "*** Delete File:":
				out = append(out, PatchFile{Path: p, Delete: true})
			case "*** Move to:":
				from := ""
				if n := len(out); n > 0 {
					from = out[n-1].Path
				}
				out = append(out, PatchFile{Path: p, From: from})
			default:
				out = append(out, PatchFile{Path: p})
			}
			break
		}
	}
	return out
}

// PatchTargets returns the targets of an apply_patch patch.
func PatchTargets(text string) []Target {
	var out []Target
	for _, f := range ApplyPatchFiles(text) {
		t := Target{Path: word(f.Path), Kind: Write, Remove: f.Delete, What: "apply_patch"}
		out = append(out, t)
		if f.From != "" {
			out = append(out, Target{Path: word(f.From), Kind: Write, Remove: true, What: "apply_patch move"})
		}
	}
	return out
}

// applyPatch is Codex's apply_patch run as a program: the patch is its
// operand or its stdin.
func applyPatch(c *collector, inv *parse.Invocation, a *args) {
	c.done = true
	text := ""
	for _, w := range inv.Args[1:] {
		text += w.Value + "\n"
	}
	if inv.Stdin.Kind == parse.Known {
		text += inv.Stdin.Text
	}
	for _, t := range PatchTargets(text) {
		c.add(t)
	}
}
