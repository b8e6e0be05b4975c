package rules

import (
	"strings"

	"github.com/guardsh/guard/internal/parse"
)

// defaultProtected are branch names that a force push or deletion should
// not touch without a person's word.
var defaultProtected = []string{"main", "master", "trunk", "develop", "development", "dev", "release", "release/*",
	"release-*", "releases/*", "prod", "production", "staging", "stable", "live", "gh-pages"}

// pushTarget is one ref a push updates on the remote.
type pushTarget struct {
	// src is the local revision pushed; "" for the current branch.
	src string
	// branch is the remote branch; "" when it is the current branch's.
	branch string
	force  bool
	del    bool
}

// pushSpec is what a git push does.
type pushSpec struct {
	remote  string
	targets []pushTarget
	all     bool
	mirror  bool
	// dry reports --dry-run (-n): git push says what it would do and
	// changes nothing.
	dry bool
}

// parsePush reads a git push from its view; lease says whether
// --force-with-lease counts as a force push.
func parsePush(v *view, lease bool) (pushSpec, bool) {
	var ps pushSpec
	if len(v.operands) == 0 || v.operands[0].Value != "push" {
		return ps, false
	}
	// The shared option matching reads clusters (-uf), abbreviations
	// (--forc, --force-w) and --opt=value spellings.
	_, force := v.hasFlag([]string{"--force", "-f"})
	if _, ok := v.hasFlag([]string{"--force-with-lease", "--force-if-includes"}); ok && lease {
		force = true
	}
	_, del := v.hasFlag([]string{"--delete", "-d"})
	_, ps.mirror = v.hasFlag([]string{"--mirror"})
	_, ps.all = v.hasFlag([]string{"--all", "--branches"})
	_, ps.dry = v.hasFlag([]string{"--dry-run", "-n"})
	ops := v.operands[1:]
	if len(ops) > 0 && !ops[0].Dynamic {
		ps.remote = ops[0].Value
	}
	var refspecs []parse.Word
	if len(ops) > 1 {
		refspecs = ops[1:]
	}
	for _, rs := range refspecs {
		s := rs.Value
		t := pushTarget{force: force, del: del}
		if strings.HasPrefix(s, "+") {
			t.force = true
			s = s[1:]
		}
		src, dst, ok := strings.Cut(s, ":")
		if ok && src == "" {
			t.del = true
		}
		if !ok {
			dst = src
		}
		if rs.Dynamic || dst == "HEAD" || dst == "@" {
			dst = ""
		}
		if !rs.Dynamic && !t.del {
			t.src = src
		}
		t.branch = strings.TrimPrefix(dst, "refs/heads/")
		if rs.Dynamic {
			t.src = "-"
		}
		ps.targets = append(ps.targets, t)
	}
	if len(ps.targets) == 0 || ps.all {
		// No refspec: the current branch, or every branch.
		ps.targets = append(ps.targets, pushTarget{force: force, del: del})
	}
	return ps, true
}

// newGitPush matches git push by what it does to the remote: kind "force"
// (rewrites history), "delete" (removes a branch) or "mirror"; scope
// "protected" limits it to protected branches (the default), "other" to the
// rest, "any" to all.
func newGitPush(with map[string]any) (matchFunc, error) {
	p := newParams(with)
	kind := p.string("kind", "force")
	scope := p.string("scope", "protected")
	protected := p.strings("protected")
	lease := p.bool("lease", true)
	if err := p.done(); err != nil {
		return nil, err
	}
	if err := oneOf([]string{kind}, "force", "delete", "mirror"); err != nil {
		return nil, err
	}
	if err := oneOf([]string{scope}, "protected", "other", "any"); err != nil {
		return nil, err
	}
	custom := protected != nil
	if !custom {
		protected = defaultProtected
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		ps, ok := parsePush(v, lease)
		if !ok || ps.dry {
			return "", false
		}
		resolvePushTargets(inv, ctx, &ps)
		all, targets := ps.all, ps.targets
		if kind == "mirror" {
			if ps.mirror {
				return "git push --mirror overwrites every ref on the remote", true
			}
			return "", false
		}
		for _, t := range targets {
			hit := (kind == "force" && t.force) || (kind == "delete" && t.del)
			if !hit {
				continue
			}
			isProtected := t.branch == "" || all || protectedBranch(protected, custom, t.branch)
			switch {
			case scope == "protected" && !isProtected, scope == "other" && isProtected:
				continue
			}
			what := "force push"
			if kind == "delete" {
				what = "deletion"
			}
			switch {
			case all:
				return what + " of every branch", true
			case t.branch == "":
				return what + " of the current branch, which may be protected", true
			default:
				return what + " of branch " + t.branch, true
			}
		}
		return "", false
	}, nil
}
