package rules

import (
	"fmt"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/guardsh/guard/internal/parse"
	"github.com/guardsh/guard/internal/writes"
)

// This file holds the matchers of restores that land on live data and of
// retention policies that keep nothing: the two ways a backup tool loses
// data without deleting a backup by name.

// newKeepsNothing matches a retention policy whose every keep count is
// zero: kopia policy set --keep-latest 0 --keep-daily 0, snapper's
// TIMELINE_LIMIT_DAILY=0 NUMBER_LIMIT=0, Proxmox's keep-last=0. The next
// maintenance run then deletes every snapshot. with.keys are the prefixes
// of the keep settings (--keep-, keep-, timeline_limit_); each is read as
// an option with its value attached or as the next word, or as name=value
// inside a word (keep-last=0,keep-daily=0). A policy that keeps anything
// (--keep-daily 7), an unknown value (inherit, $N) or no keep setting at
// all does not match. A single snapshot kept by one setting while the
// others are zero (--keep-latest 1 --keep-daily 0) matches too: the next
// run deletes all but the newest.
func newKeepsNothing(with map[string]any) (matchFunc, error) {
	p := newParams(with)
	keys := lowerAll(p.strings("keys"))
	if err := p.done(); err != nil {
		return nil, err
	}
	if len(keys) == 0 {
		return nil, fmt.Errorf("keys: want at least one prefix such as --keep-")
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		var b strings.Builder
		for _, a := range inv.Args[1:] {
			b.WriteString(strings.ToLower(a.Value))
			b.WriteByte(' ')
		}
		text := b.String()
		var zero []string
		var seen []int
		kept, one := false, ""
		for _, k := range keys {
			for i := 0; ; {
				j := strings.Index(text[i:], k)
				if j < 0 {
					break
				}
				at := i + j
				i = at + len(k)
				if at > 0 && !keepBoundary(text[at-1]) || slices.Contains(seen, at) {
					continue
				}
				seen = append(seen, at)
				end := i
				for end < len(text) && (isKeyChar(text[end]) || text[end] == '-') {
					end++
				}
				name := text[at:end]
				val := retentionValue(text[end:])
				switch {
				case zeroCount(val):
					zero = append(zero, name+"="+val)
				case strings.TrimLeft(val, "0") == "1" && !kept:
					// One snapshot, once: the last one is all that stays.
					kept = true
					one = name + "=1"
				default:
					// It keeps more, or guard cannot tell what.
					return "", false
				}
				i = end
			}
		}
		switch {
		case len(zero) == 0:
			return "", false
		case kept:
			return one + ", " + strings.Join(zero, ", ") + ": the policy keeps a single snapshot, so the next run deletes the rest", true
		}
		return strings.Join(zero, ", ") + ": the policy keeps no snapshot, so the next run deletes them all", true
	}, nil
}

// keepBoundary reports whether c may come before a keep setting's name.
func keepBoundary(c byte) bool {
	return strings.IndexByte(" ,;\"'{", c) >= 0
}

// zeroCount reports whether a keep value is zero: 0, 00, or a duration
// such as 0d or 0h0m0s. A value with no digit (inherit, unlimited) is not.
func zeroCount(s string) bool {
	digits := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '0':
			digits++
		case c >= '1' && c <= '9', c == '-':
			return false
		case c >= 'a' && c <= 'z':
		default:
			return false
		}
	}
	return digits > 0
}

// newRestoresOver matches a restore whose target is live data: the
// filesystem root, a system directory such as /var/lib/postgresql, the
// home directory, a path named for a data store or production ($PGDATA,
// /mnt/data, /srv/www), or, with an option that makes the tool overwrite
// what is there (pgbackrest --delta, restic --delete, duplicity --force),
// any target that is not temporary or named as a fresh copy. A target
// under a temporary directory or named for a restore (/srv/restore-test,
// ./recovered) passes, as does one inside the working directory.
//
// with.target says where the target is, the first that is found winning:
// an option (--target, -C; its value attached or as the next word),
// "last:N" (the last operand, if there are more than N), "before-last:N"
// (the operand before the last, at index N or later), "cwd" (the directory
// the program runs in) or "live" (the tool's configured data directory).
// with.overwrite are the options that overwrite, with.keep those that
// leave existing files alone (--overwrite=never); with.required makes an
// overwrite option necessary, for tools that refuse a non-empty target
// without one; with.from_backup makes a copier's source, an operand before
// the last, one named as a backup (rsync /mnt/backup/www/ /var/www/).
func newRestoresOver(with map[string]any) (matchFunc, error) {
	p := newParams(with)
	targets := p.strings("target")
	overwrite := p.strings("overwrite")
	keep := p.strings("keep")
	required := p.bool("required", false)
	fromBackup := p.bool("from_backup", false)
	if err := p.done(); err != nil {
		return nil, err
	}
	if len(targets) == 0 {
		return nil, fmt.Errorf("target: want at least one place, such as --target or last:1")
	}
	for _, t := range targets {
		if _, _, err := targetSpec(t); err != nil {
			return nil, err
		}
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		if _, ok := optionGiven(inv, keep); ok {
			return "", false
		}
		forced, hasForce := optionGiven(inv, overwrite)
		if required && !hasForce {
			return "", false
		}
		if fromBackup && !copiesBackup(v) {
			return "", false
		}
		at := placeOf(inv, ctx)
		for _, t := range targets {
			kind, n, _ := targetSpec(t)
			var w parse.Word
			switch kind {
			case "option":
				val, ok := optionValue(inv, t)
				if !ok {
					continue
				}
				w = val
			case "last":
				if len(v.operands) <= n {
					continue
				}
				w = v.operands[len(v.operands)-1]
			case "before-last":
				if len(v.operands) < 2 || len(v.operands)-2 < n {
					continue
				}
				w = v.operands[len(v.operands)-2]
			case "cwd":
				w = parse.Word{Value: "."}
				switch {
				case at.dir == at.base:
					// The session's own directory, where the agent works.
					return restoreJudge(w, at, ctx, forced, hasForce, true)
				case at.dir == "":
					// After cd to a directory only known at run time.
					w = parse.Word{Value: "$PWD", Dynamic: true}
				}
			case "live":
				if hasForce {
					return "the restore overwrites the tool's configured data directory (" + forced + ")", true
				}
				return "the restore writes into the tool's configured data directory", true
			}
			return restoreJudge(w, at, ctx, forced, hasForce, false)
		}
		return "", false
	}, nil
}

// targetSpec reads one entry of a restores-over target list.
func targetSpec(t string) (kind string, n int, err error) {
	switch {
	case strings.HasPrefix(t, "-"):
		return "option", 0, nil
	case t == "cwd", t == "live":
		return t, 0, nil
	}
	k, num, ok := strings.Cut(t, ":")
	if ok && (k == "last" || k == "before-last") {
		n, err := strconv.Atoi(num)
		if err == nil && n >= 0 {
			return k, n, nil
		}
	}
	return "", 0, fmt.Errorf("target %q: want an option, last:N, before-last:N, cwd or live", t)
}

// optionGiven reports whether one of the options is given, with its value
// attached (--overwrite=never) or, for a spec with a value, as the next
// word (--overwrite never). A bare spec matches the option unless its
// attached value switches it off (--delete=false).
func optionGiven(inv *parse.Invocation, specs []string) (string, bool) {
	for _, spec := range specs {
		name, want, hasWant := strings.Cut(spec, "=")
		for i := 1; i < len(inv.Args); i++ {
			a := inv.Args[i].Value
			if a == "--" {
				break
			}
			an, av, ahas := strings.Cut(a, "=")
			if !strings.EqualFold(an, name) {
				continue
			}
			switch {
			case !hasWant && (!ahas || !falsy(av)):
				return a, true
			case hasWant && ahas && strings.EqualFold(av, want):
				return a, true
			case hasWant && !ahas && i+1 < len(inv.Args) && strings.EqualFold(inv.Args[i+1].Value, want):
				return a + " " + inv.Args[i+1].Value, true
			}
		}
	}
	return "", false
}

// optionValue returns the value of an option: attached (--target=/srv,
// -C/srv for a short one) or the next word.
func optionValue(inv *parse.Invocation, name string) (parse.Word, bool) {
	for i := 1; i < len(inv.Args); i++ {
		a := inv.Args[i]
		switch {
		case a.Value == "--":
			return parse.Word{}, false
		case a.Value == name:
			if i+1 < len(inv.Args) {
				return inv.Args[i+1], true
			}
		case strings.HasPrefix(a.Value, name+"="):
			a.Value = a.Value[len(name)+1:]
			return a, true
		case len(name) == 2 && strings.HasPrefix(a.Value, name) && len(a.Value) > 2:
			a.Value = a.Value[2:]
			return a, true
		}
	}
	return parse.Word{}, false
}

// freshWords name a directory made for the restore, or for backups,
// rather than live data: restoring there replaces nothing in use.
const freshWords = "restore restored restores restoring recover recovered recovery scratch tmp temp test tests " +
	"testing verify verification check sandbox new drill extract extracted out output copy clone " +
	"rehearsal inspect backup backups snapshot snapshots archive archives downloads"

// liveWords name the data of a running service, or the place a site is
// served from.
const liveWords = "data pgdata datadir main current www html htdocs postgres postgresql pgsql mysql mariadb mongodb " +
	"mongo etcd redis elasticsearch opensearch clickhouse cassandra influxdb docker containerd " +
	"kubelet gitlab jenkins minio rabbitmq kafka zookeeper vault consul"

// restoreJudge decides whether a restore into w lands on live data.
// session says w is the session's own working directory.
func restoreJudge(w parse.Word, at place, ctx *Context, forced string, hasForce, session bool) (string, bool) {
	if remoteSpec(w.Value) {
		// A URL or an rclone remote: the backup's side, not a local target.
		return "", false
	}
	parts := pathParts(w.Value)
	for _, p := range parts {
		for _, pw := range prodWords {
			if p == pw {
				return fmt.Sprintf("the restore target %s names production", w.Value), true
			}
		}
	}
	set := classify(w, at, ctx) | ctx.homeDirClass(w, at, classHomeDir)
	if set&classTemp != 0 && set&(classRoot|classHome|classSystem) == 0 {
		return "", false
	}
	fresh := parts
	if w.Dynamic {
		// A variable's name is the agent's to choose: only the words
		// written out say the target is a fresh copy.
		fresh = pathParts(staticText(w.Value))
	}
	for _, p := range fresh {
		for f := range strings.FieldsSeq(freshWords) {
			if p == f {
				return "", false
			}
		}
	}
	over := ""
	if hasForce {
		over = " and " + forced + " overwrites what is there"
	}
	if session {
		if hasForce {
			return "the restore writes into the working directory" + over, true
		}
		return "", false
	}
	if set&(classInside|classCwd) != 0 && set&(classSystem|classRoot|classHome) == 0 && !hasForce {
		// The working directory or a directory in it: where the agent
		// was asked to work, as tar -x there is.
		return "", false
	}
	if d := describe(set, classRoot|classHome|classHomeDir|classSystem|classSecrets|classGuard|classGuardParent|classCwd|classParent); d != "" {
		return fmt.Sprintf("the restore target %s %s%s", w.Value, d, over), true
	}
	for _, p := range parts {
		for l := range strings.FieldsSeq(liveWords) {
			if p == l {
				return fmt.Sprintf("the restore target %s names live data (%s)%s", w.Value, p, over), true
			}
		}
	}
	if w.Dynamic {
		return fmt.Sprintf("the restore target %s is only known at run time%s", w.Value, over), true
	}
	if hasForce {
		return fmt.Sprintf("the restore target %s may hold data%s", w.Value, over), true
	}
	return "", false
}

// pathParts splits a path, or the text of a word with variables, into
// lower-case words: $PGDATA/base is pgdata and base, /srv/www-live is
// srv, www and live.
func pathParts(s string) []string {
	s = strings.ToLower(path.Clean(s))
	return strings.FieldsFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9')
	})
}

// remoteSpec reports whether an operand names a remote location, a URL
// (s3://b/p) or a remote's path (b2:backups, host::/srv), not a local one.
func remoteSpec(s string) bool {
	if strings.Contains(s, "://") {
		return true
	}
	i := strings.IndexByte(s, ':')
	if i <= 0 || strings.ContainsAny(s[:1], "/.~$") {
		return false
	}
	return !strings.Contains(s[:i], "/")
}

// backupNames mark an archive as a backup by a word of its path:
// /backups/pgdata.tgz, db-snapshot.tar.zst, site.bak.zip.
const backupNames = "backup backups bak snapshot snapshots dump dumps"

// newUnpacksBackup matches an extraction (tar -x, unzip, 7z x) of an
// archive named as a backup into live data, judged as restores-over
// judges a restore's target: tar -xzf /backups/pgdata.tgz -C
// /var/lib/postgresql/data. Extracting into the working directory, a
// temporary directory or one named for the restore passes, and so does
// an archive that is not a backup (a release unpacked into /opt).
func newUnpacksBackup(with map[string]any) (matchFunc, error) {
	if err := newParams(with).done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		at := placeOf(inv, ctx)
		for _, t := range writes.Program(inv, ctx.Home) {
			ar := t.Archive
			if ar == nil || len(ar.Roots) == 0 || !namedBackup(ar.File.Value) {
				continue
			}
			root := ar.Roots[0]
			session := root.Value == "." && at.dir == at.base
			if root.Value == "." && at.dir == "" {
				root = parse.Word{Value: "$PWD", Dynamic: true}
			}
			if why, ok := restoreJudge(root, at, ctx, "", false, session); ok {
				return ar.What + " of " + ar.File.Value + ": " + why, true
			}
		}
		return "", false
	}, nil
}

// copiesBackup reports whether an operand before the last, a copier's
// source, is named as a backup.
func copiesBackup(v *view) bool {
	for i := 0; i+1 < len(v.operands); i++ {
		if namedBackup(v.operands[i].Value) {
			return true
		}
	}
	return false
}

// namedBackup reports whether a path names a backup: a word of it is one
// of backupNames, or holds "backup" or "snapshot" (acmebackups).
func namedBackup(p string) bool {
	l := strings.ToLower(p)
	if strings.Contains(l, "backup") || strings.Contains(l, "snapshot") {
		return true
	}
	for _, part := range pathParts(p) {
		for b := range strings.FieldsSeq(backupNames) {
			if part == b {
				return true
			}
		}
	}
	return false
}

// staticText returns a word's text without its run-time parts: $NAME,
// ${...}, $(...) and `...` are dropped, so $RESTORE_DIR/x is /x.
func staticText(v string) string {
	var b strings.Builder
	for i := 0; i < len(v); i++ {
		c := v[i]
		switch {
		case c == '$' && i+1 < len(v) && (v[i+1] == '{' || v[i+1] == '('):
			open, shut := v[i+1], byte('}')
			if open == '(' {
				shut = ')'
			}
			depth := 0
			j := i + 1
			for ; j < len(v); j++ {
				if v[j] == open {
					depth++
				} else if v[j] == shut {
					depth--
					if depth == 0 {
						break
					}
				}
			}
			i = j
		case c == '$':
			j := i + 1
			for j < len(v) && (isAlnum(v[j]) || v[j] == '_') {
				j++
			}
			i = j - 1
		case c == '`':
			j := strings.IndexByte(v[i+1:], '`')
			if j < 0 {
				return b.String()
			}
			i += j + 1
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}
