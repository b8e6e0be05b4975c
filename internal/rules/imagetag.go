package rules

import (
	"fmt"
	"strings"

	"github.com/guardsh/guard/internal/parse"
	"github.com/guardsh/guard/internal/wordlist"
)

// Copying an image in a registry onto a tag moves the tag: every pull of
// it from then on gets the new image (crane copy, skopeo copy,
// docker buildx imagetools create -t, regctl image copy, oras copy).
// Promoting a build of the same image onto its release or live tag is a
// deploy, and mirroring an image under its own name is housekeeping; an
// unrelated image copied onto a tag that is served (live, prod, stable,
// latest) or that names a release (1.4.2, v2.3) replaces what every
// server of that image pulls next: crane copy alpine:3.20
// reg/game/server:live. The image-tag-overwrite matcher reads the source
// and destination references and matches when the destination's tag is
// such a tag and neither its repository nor its tag is the source's.

// servedTags are the tags that servers and users pull by name.
const servedTags = "live prod production prd stable latest release current main master ga lts"

// imageCopyOptions are the options of the copy commands that take a
// value, so that the value is not read as a reference.
const imageCopyOptions = "--platform -j --jobs --src-creds --dest-creds --src-authfile --dest-authfile --authfile " +
	"--format -f --file --src-cert-dir --dest-cert-dir --retry-times --sign-by --multi-arch --digestfile " +
	"--additional-tag --src-registry-token --dest-registry-token --dest-compress-format --dest-compress-level " +
	"--image-parallel-copies --annotation --builder --progress --override-arch --override-os --policy " +
	"--registries.d --tmpdir --command-timeout --from-username --from-password --to-username --to-password " +
	"--concurrency --digest-tags --context -c --config -H --host -l --log-level"

// imageNoClobber are the options that refuse to overwrite an existing
// tag (crane copy -n), or that add to it rather than replace it
// (imagetools create --append).
const imageNoClobber = "-n --no-clobber --append"

func newImageTagOverwrite(with map[string]any) (matchFunc, error) {
	if err := newParams(with).done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, _ *Context) (string, bool) {
		srcs, dsts, ok := imageCopyRefs(inv)
		if !ok || len(srcs) == 0 || len(dsts) == 0 {
			return "", false
		}
		for _, d := range dsts {
			repo, tag := imageRepoTag(d)
			if repo == "" || !servedTag(tag) {
				continue
			}
			related := false
			for _, s := range srcs {
				sr, st := imageRepoTag(s)
				if sr == "" || relatedRepo(sr, repo) || st == tag {
					related = true
					break
				}
			}
			if !related {
				return fmt.Sprintf("it points the tag %q of %s at %s, another image: every pull of that tag gets it", tag, parse.Quote(d), parse.Quote(srcs[0])), true
			}
		}
		return "", false
	}, nil
}

// imageCopyRefs returns the source and destination references of a copy
// in a registry, and false if the command is not one or a reference is
// only known at run time.
func imageCopyRefs(inv *parse.Invocation) (srcs, dsts []string, ok bool) {
	args := inv.Own()
	var sub []string // the subcommand words read so far
	var ops []string
	for i := 1; i < len(args); i++ {
		a := args[i]
		s := a.Value
		if strings.HasPrefix(s, "-") && len(s) > 1 {
			name, val, eq := strings.Cut(s, "=")
			if wordlist.Has(imageNoClobber, name) {
				return nil, nil, false
			}
			if name == "-t" || name == "--tag" {
				if !eq {
					if i+1 >= len(args) {
						return nil, nil, false
					}
					i++
					if args[i].Dynamic {
						return nil, nil, false
					}
					val = args[i].Value
				}
				dsts = append(dsts, val)
				continue
			}
			if !eq && wordlist.Has(imageCopyOptions, name) {
				i++
			}
			continue
		}
		if a.Dynamic {
			return nil, nil, false
		}
		if len(ops) == 0 && !imageCopyDone(inv.Name, sub) {
			sub = append(sub, strings.ToLower(s))
			if len(sub) > 3 {
				return nil, nil, false
			}
			continue
		}
		ops = append(ops, s)
	}
	if !imageCopyDone(inv.Name, sub) {
		return nil, nil, false
	}
	if inv.Name == "docker" {
		// imagetools create -t DST SRC...: the tags are the destinations.
		return ops, dsts, true
	}
	if len(ops) != 2 || len(dsts) > 0 {
		return nil, nil, false
	}
	if inv.Name == "skopeo" {
		src, okSrc := strings.CutPrefix(ops[0], "docker://")
		dst, okDst := strings.CutPrefix(ops[1], "docker://")
		if !okDst {
			// Into a directory, an archive or the local store: no
			// registry's tag moves.
			return nil, nil, false
		}
		if !okSrc {
			src = ""
		}
		return []string{src}, []string{dst}, true
	}
	return ops[:1], ops[1:], true
}

// imageCopyDone reports whether the subcommand words read name a copy in
// a registry for the program.
func imageCopyDone(name string, sub []string) bool {
	w := strings.Join(sub, " ")
	switch name {
	case "crane", "gcrane":
		return w == "copy" || w == "cp"
	case "skopeo", "oras":
		return w == "copy" || w == "cp"
	case "regctl":
		return w == "image copy" || w == "image cp"
	case "docker":
		return w == "buildx imagetools create"
	}
	return false
}

// imageRepoTag returns a reference's repository (its path without the
// registry host) and its tag, latest when none is written; the
// repository is "" for a reference by digest or one that is empty.
func imageRepoTag(ref string) (repo, tag string) {
	if ref == "" || strings.Contains(ref, "@") {
		return "", ""
	}
	tag = "latest"
	if i := strings.LastIndexByte(ref, ':'); i > strings.LastIndexByte(ref, '/') {
		ref, tag = ref[:i], ref[i+1:]
	}
	if i := strings.IndexByte(ref, '/'); i > 0 {
		if host := ref[:i]; strings.ContainsAny(host, ".:") || host == "localhost" {
			ref = ref[i+1:]
		}
	}
	return strings.ToLower(ref), tag
}

// servedTag reports whether a tag is one servers and users pull by name:
// one of servedTags, or a release version (1.4.2, v2.3, 2.3.0-rc1).
func servedTag(tag string) bool {
	low := strings.ToLower(tag)
	if wordlist.Has(servedTags, low) {
		return true
	}
	low = strings.TrimPrefix(low, "v")
	if i := strings.IndexAny(low, "-+"); i > 0 {
		low = low[:i]
	}
	dots, digits := 0, 0
	for i := 0; i < len(low); i++ {
		switch c := low[i]; {
		case c >= '0' && c <= '9':
			digits++
		case c == '.' && i > 0 && low[i-1] != '.':
			dots++
		default:
			return false
		}
	}
	return digits > 0 && dots >= 1 && low[len(low)-1] != '.'
}

// relatedRepo reports whether two repositories hold the same image: the
// same last name, or one last name inside the other (api, ledger-api;
// app-build, app), as a build, a mirror or a release repository of one
// image are named.
func relatedRepo(a, b string) bool {
	a = a[strings.LastIndexByte(a, '/')+1:]
	b = b[strings.LastIndexByte(b, '/')+1:]
	return a == b || strings.Contains(a, b) || strings.Contains(b, a)
}
