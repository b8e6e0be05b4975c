package rules

import (
	"path/filepath"
	"strings"

	"github.com/guardsh/guard/internal/parse"
)

// In a GitOps repository the manifests are the cluster: Argo CD or Flux
// applies what the watched branch holds and prunes what it no longer
// does. Removing a production application's directory (git rm -r
// clusters/prod/apps/payments) and pushing it is a deletion of that
// application from the production cluster, run by the controller a
// minute later. On its own, git rm is recoverable (git restore, git
// revert), and it passes; the prod-removal-pushed matcher matches a git
// push when an earlier step of the same command removed or moved away a
// path that names production (a whole segment: clusters/prod,
// envs/production, overlays/prd, prod-eu) with git rm, git mv, rm, mv,
// unlink or find -delete, or deleted keys or lines from a file there in
// place (gitopsedits.go). A push that only creates review branches
// (git push -u origin remove-payments) passes: a person merges it.

func newProdRemovalPushed(with map[string]any) (matchFunc, error) {
	if err := newParams(with).done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		ps, ok := parsePush(v, false)
		if !ok || ps.dry {
			return "", false
		}
		resolvePushTargets(inv, ctx, &ps)
		if reviewBranchesOnly(ps) {
			return "", false
		}
		removed := prodRemoval(ctx.before)
		if removed == "" {
			removed = pushedProdRemoval(inv, ctx, ps)
		}
		if removed == "" {
			return "", false
		}
		return "it pushes the removal of " + removed + ", which a GitOps controller prunes from production", true
	}, nil
}

// pushedProdRemoval returns a production path that the commits a push
// sends delete, when guard can read the repository: the files deleted
// between the remote-tracking branch (as of the last fetch) and what is
// pushed, committed by an earlier command.
func pushedProdRemoval(inv *parse.Invocation, ctx *Context, ps pushSpec) string {
	p := ctx.gitProbe(inv)
	if p == nil || ps.remote == "" || ps.all || ps.mirror {
		return ""
	}
	repo, err := p.Repo(inv.Dir)
	if err != nil {
		return ""
	}
	for _, t := range ps.targets {
		if t.branch == "" || t.del || t.src == "-" {
			continue
		}
		tracking := "refs/remotes/" + ps.remote + "/" + t.branch
		src := t.src
		if src == "" {
			src = "HEAD"
		}
		if repo.RevParse(tracking) == "" || strings.HasPrefix(src, "-") {
			continue
		}
		out, err := repo.Output("diff", "--no-ext-diff", "-M", "--name-status", "--diff-filter=DR", "-z", tracking+"..."+src, "--")
		if err != nil {
			continue
		}
		// -z: "D\x00path\x00" for a deletion, "R100\x00old\x00new\x00"
		// for a rename.
		fields := strings.Split(string(out), "\x00")
		for i := 0; i+1 < len(fields); i++ {
			status, old := fields[i], fields[i+1]
			dest := ""
			i++
			if strings.HasPrefix(status, "R") && i+1 < len(fields) {
				dest = fields[i+1]
				i++
			}
			if prodSegment(filepath.Dir(old)+"/") != "" && (dest == "" || prodSegment(filepath.Dir(dest)+"/") == "") {
				return old
			}
		}
	}
	return ""
}

// reviewBranchesOnly reports whether every ref a push updates is a branch
// named in the command that is neither protected nor production: a
// branch for a pull request.
func reviewBranchesOnly(ps pushSpec) bool {
	if ps.all || ps.mirror || len(ps.targets) == 0 {
		return false
	}
	for _, t := range ps.targets {
		if t.branch == "" || strings.HasPrefix(t.branch, "refs/") || hasProdWord(t.branch) || protectedName(t.branch) {
			return false
		}
	}
	return true
}

// protectedName reports whether a branch is one that deploys or that
// others build on (defaultProtected).
func protectedName(branch string) bool {
	for _, p := range defaultProtected {
		if ok, _ := filepath.Match(p, branch); ok {
			return true
		}
	}
	return false
}

// prodRemoval returns the first path naming production that one of the
// invocations removes or moves away, or "".
func prodRemoval(invs []*parse.Invocation) string {
	if len(invs) > 0 {
		if f := emptiedManifest(invs[len(invs)-1]); f != "" {
			return f
		}
	}
	for _, c := range invs {
		var removed []parse.Word
		var dest string
		switch c.Name {
		case "git":
			g := readGit(c)
			if g == nil || g.sub != "rm" && g.sub != "mv" {
				continue
			}
			removed = append(append(removed, g.args...), g.paths...)
			if g.sub == "mv" && len(removed) > 1 {
				dest = removed[len(removed)-1].Value
				removed = removed[:len(removed)-1]
			}
		case "rm", "unlink", "rmdir", "mv", "trash", "trash-put":
			for _, a := range c.Args[1:] {
				if !strings.HasPrefix(a.Value, "-") {
					removed = append(removed, a)
				}
			}
			if c.Name == "mv" && len(removed) > 1 {
				dest = removed[len(removed)-1].Value
				removed = removed[:len(removed)-1]
			}
		case "yq", "jq", "sed", "gsed":
			removed = keyDeletions(c, invs)
		case "find":
			deletes := false
			for _, a := range c.Args[1:] {
				deletes = deletes || a.Value == "-delete" || a.Value == "rm"
			}
			if !deletes {
				continue
			}
			for _, a := range c.Args[1:] {
				if strings.HasPrefix(a.Value, "-") || a.Value == "(" || a.Value == "!" {
					break
				}
				removed = append(removed, a)
			}
		default:
			continue
		}
		for _, w := range removed {
			if seg := prodSegment(w.Value); seg != "" && prodSegment(dest) == "" {
				return w.Value
			}
		}
		// Paths removed (not moved) inside a checkout whose own name
		// marks production: cd gitops-prod && git rm -r apps/payments.
		if len(removed) > 0 && dest == "" && c.Dir != "" {
			if base := filepath.Base(c.Dir); prodSegment(base+"/x") != "" {
				return filepath.Join(base, removed[0].Value)
			}
		}
	}
	return ""
}

// prodSegment returns the segment of a path that names production as an
// environment: prod, production or prd as a word of a directory's name
// (clusters/prod, overlays/prod-eu, envs/us-production), or of the last
// segment when it has no extension (a directory, named without a slash
// at the end). A file named for production (values-prod.yaml,
// .env.production) is a setting, not an environment's manifests. live is
// not read here: a "live" directory holds every environment in
// Terragrunt's layout, and a feature in an application.
func prodSegment(p string) string {
	segs := strings.Split(strings.TrimRight(filepath.ToSlash(p), "/"), "/")
	for i, seg := range segs {
		if i == len(segs)-1 && filepath.Ext(seg) != "" {
			break
		}
		for _, w := range strings.FieldsFunc(strings.ToLower(seg), func(r rune) bool { return !isAlnum(byte(r)) || r > 127 }) {
			if w == "prod" || w == "production" || w == "prd" {
				return seg
			}
		}
	}
	return ""
}
