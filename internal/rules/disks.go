package rules

import (
	"fmt"
	"os"
	"path"
	"strconv"
	"strings"

	"github.com/guardsh/guard/internal/disk"
	"github.com/guardsh/guard/internal/parse"
	"github.com/guardsh/guard/internal/wordlist"
)

// Disks and volumes. A tool that formats, partitions or overwrites is
// judged by what it writes to, not by its name: mkfs.ext4 on an image file
// in the project or in /tmp is everyday work, on /dev/sdb it erases a
// disk. A path under /dev that is not one of the harmless character
// devices counts as a disk, known or not, unless guard may read the disk
// and it is a loop device over an image file that would pass itself; when
// guard may read the disk, a path that is a block device (a link to
// /dev/sda, say) counts too.

// harmlessDev are the device files writing to which destroys nothing.
const harmlessDev = "/dev/null /dev/zero /dev/full /dev/random /dev/urandom /dev/stdin /dev/stdout /dev/stderr " +
	"/dev/tty /dev/console /dev/ptmx /dev/kmsg /dev/log"

// harmlessDevDirs hold terminals, descriptors and memory-backed files;
// /dev/tty* are terminals too.
const harmlessDevDirs = "/dev/fd /dev/pts /dev/shm /dev/mqueue"

// vdevWords are the words of a zpool layout that are not devices.
const vdevWords = "mirror raidz raidz1 raidz2 raidz3 draid draid1 draid2 draid3 spare log cache special dedup"

// targetKind says how much writing to a target destroys.
type targetKind uint8

const (
	targetSafe    targetKind = iota // a file in the project or a temporary directory, or not a path
	targetFile                      // a file outside them
	targetUnknown                   // a path only known at run time
	targetDevice                    // a disk, a partition or a volume
)

// judgeTarget says what a word a disk tool writes to names.
func judgeTarget(w parse.Word, bare bool, inv *parse.Invocation, ctx *Context) (targetKind, string) {
	v := w.Value
	if w.Dynamic {
		if strings.HasPrefix(v, "/dev/") {
			return targetDevice, "is a device"
		}
		return targetUnknown, "is only known at run time"
	}
	if v == "" || v == "-" {
		return targetSafe, ""
	}
	if bare && !strings.Contains(v, "/") {
		// zpool takes sdb for /dev/sdb; draid2:4d:1s is a layout.
		low := strings.ToLower(v)
		if wordlist.Has(vdevWords, low) || strings.HasPrefix(low, "draid") {
			return targetSafe, ""
		}
		v = "/dev/" + v
	}
	abs := ""
	switch {
	case path.IsAbs(v):
		abs = path.Clean(v)
	case inv.Dir != "":
		abs = path.Join(inv.Dir, v)
	case placeOf(inv, ctx).base != "":
		// The command moved to a directory only known at run time
		// (cd "$dir"): a relative path there is too.
		return targetUnknown, "is in a directory only known at run time"
	default:
		// No directory is known, as in shell history: a relative path is
		// judged from wherever the command ran.
		if c := classifyRelative(v); c&classInside != 0 {
			return targetSafe, ""
		}
		return targetFile, "is outside the working directory"
	}
	if strings.HasPrefix(abs, "/dev/") {
		if wordlist.Has(harmlessDev, abs) || strings.HasPrefix(abs, "/dev/tty") {
			return targetSafe, ""
		}
		for d := range strings.FieldsSeq(harmlessDevDirs) {
			if strictlyUnder(abs, d) {
				return targetSafe, ""
			}
		}
		if f := loopFile(abs, inv, ctx); f != "" {
			if k, _ := judgeTarget(parse.Word{Value: f}, false, inv, ctx); k == targetSafe {
				return targetSafe, ""
			}
		}
		return targetDevice, "is a device"
	}
	if ctx.probe(inv) != nil {
		switch disk.KindOf(abs) {
		case disk.BlockDevice:
			return targetDevice, "is a block device"
		case disk.CharDevice:
			return targetDevice, "is a device"
		}
	}
	c := classifyPath(abs, placeOf(inv, ctx), ctx)
	if c&(classTemp|classInside) != 0 && c&(classSystem|classSecrets|classGitDir|classGuard) == 0 {
		return targetSafe, ""
	}
	return targetFile, "is a file outside the project and the temporary directories"
}

// loopBacking returns the file a loop device reads and writes, as the
// kernel shows it, or "". It is a variable so that tests can stand in for
// /sys.
var loopBacking = func(name string) string {
	b, err := os.ReadFile("/sys/block/" + name + "/loop/backing_file")
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(b))
}

// loopFile returns the image file behind a loop device or one of its
// partitions (/dev/loop0, /dev/loop0p1), when guard may read the disk and
// nothing earlier in the command may change which file that is; or "".
func loopFile(dev string, inv *parse.Invocation, ctx *Context) string {
	name, ok := strings.CutPrefix(dev, "/dev/loop")
	if !ok || ctx.probe(inv) == nil || ctx.stale() {
		return ""
	}
	num, part, _ := strings.Cut(name, "p")
	if !digits(num) || part != "" && !digits(part) || strings.Count(name, "p") > 1 {
		return ""
	}
	f := loopBacking("loop" + num)
	if !path.IsAbs(f) || strings.HasSuffix(f, "(deleted)") || disk.KindOf(f) != disk.Regular {
		return ""
	}
	return f
}

// digits reports whether s is a non-empty run of decimal digits.
func digits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// newDiskTarget matches a disk tool whose target is a disk, a path only
// known at run time, or a file outside the project and the temporary
// directories. The targets are the operands after the first skip ones
// (a count written as a string, "1"); with prefix, the words that start
// with it instead (dd's of=), minus the prefix; with last, the last
// operand only (cp's destination). With bare, a word without a slash
// names a device under /dev (zpool's sdb); with devices_only, only disks
// and unknown paths count (cp to /dev/sdb, not cp to ~/x); with
// unknown = false, a path only known at run time does not count unless it
// is under /dev (cp x "$DEST" is everyday). read_only lists
// options that only read: when every option given is one of them, the
// disk is only read (fdisk -l, sgdisk -p). script = "parted" reads the
// words after the device as a parted script and lets one that only prints
// pass. device_severity is the severity of a finding about a disk:
// critical unless said.
func newDiskTarget(with map[string]any) (matchFunc, error) {
	p := newParams(with)
	prefix := p.string("prefix", "")
	bare := p.bool("bare", false)
	devicesOnly := p.bool("devices_only", false)
	unknown := p.bool("unknown", true)
	last := p.bool("last", false)
	readOnly := p.strings("read_only")
	script := p.string("script", "")
	sevName := p.string("device_severity", "critical")
	skip, err := strconv.Atoi(p.string("skip", "0"))
	if err != nil || skip < 0 {
		return nil, fmt.Errorf("skip must be a count of operands, such as \"1\"")
	}
	if err := p.done(); err != nil {
		return nil, err
	}
	sev, err := ParseSeverity(sevName)
	if err != nil {
		return nil, err
	}
	if err := oneOf([]string{script}, "", "parted"); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		if len(readOnly) > 0 && len(v.flags) > 0 && onlyFlags(v.flags, readOnly) {
			return "", false
		}
		ops := v.operands[min(skip, len(v.operands)):]
		if script == "parted" && len(ops) > 1 && partedReadOnly(ops[1:]) {
			return "", false
		}
		var words []parse.Word
		switch {
		case prefix != "":
			for _, w := range inv.Args[1:] {
				if rest, ok := strings.CutPrefix(w.Value, prefix); ok {
					w.Value = rest
					words = append(words, w)
				}
			}
		case last && len(ops) > 0:
			words = ops[len(ops)-1:]
		default:
			words = ops
		}
		worst, detail := targetSafe, ""
		for _, w := range words {
			k, why := judgeTarget(w, bare, inv, ctx)
			if k > worst {
				worst, detail = k, parse.Quote(w.Value)+" "+why
			}
		}
		if inv.MoreArgs && worst < targetUnknown {
			worst, detail = targetUnknown, "the target is appended at run time"
		}
		switch {
		case worst == targetDevice:
			v.facts.severity = sev
			return detail, true
		case worst == targetSafe, devicesOnly && worst == targetFile, !unknown && worst == targetUnknown:
			return "", false
		}
		return detail, true
	}, nil
}

// partedReadOnly reports whether a parted script only prints:
// parted /dev/sda unit MiB print free.
func partedReadOnly(words []parse.Word) bool {
	for i := 0; i < len(words); i++ {
		switch strings.ToLower(words[i].Value) {
		case "print", "p", "free", "list", "all", "help", "version", "quit":
		case "unit":
			i++
		case "align-check":
			i += 2
		default:
			return false
		}
	}
	return true
}

// newShrink matches a resize that shrinks, or may shrink, a volume or a
// file system: lvresize -L -5G or -L 10G (not -L +5G), btrfs filesystem
// resize -10g /mnt, resize2fs with a size or -M. A size with a minus sign
// shrinks for certain, and is critical.
func newShrink(with map[string]any) (matchFunc, error) {
	p := newParams(with)
	mode := p.string("mode", "")
	if err := p.done(); err != nil {
		return nil, err
	}
	if err := oneOf([]string{mode}, "lvm", "btrfs", "resize2fs"); err != nil {
		return nil, err
	}
	judge := func(size string, v *view) (string, bool) {
		switch {
		case size == "" || strings.HasPrefix(size, "+") || strings.EqualFold(size, "max") || strings.HasSuffix(strings.ToLower(size), ":max"):
			return "", false
		case strings.HasPrefix(size, "-") || strings.Contains(size, ":-"):
			v.facts.severity = Critical
			return "the size " + parse.Quote(size) + " shrinks it, and what lies beyond the new end is lost", true
		}
		return "the size " + parse.Quote(size) + " may be smaller than the present one, and what lies beyond the new end is lost", true
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		args := inv.Args[1:]
		switch mode {
		case "lvm":
			for i, a := range args {
				s := a.Value
				for _, o := range []string{"-L", "-l", "--size", "--extents"} {
					switch {
					case s == o && i+1 < len(args):
						return judge(args[i+1].Value, v)
					case strings.HasPrefix(s, o+"="):
						return judge(s[len(o)+1:], v)
					case len(o) == 2 && strings.HasPrefix(s, o) && len(s) > 2:
						return judge(s[2:], v)
					}
				}
			}
		case "btrfs":
			// btrfs filesystem resize [devid:]SIZE PATH, with the group
			// in any unambiguous prefix (fi, fil, ...); a shrink spelled
			// -10g looks like an option.
			for i := 1; i+1 < len(args); i++ {
				if args[i].Value == "resize" && strings.HasPrefix(args[i-1].Value, "fi") {
					return judge(args[i+1].Value, v)
				}
			}
		case "resize2fs":
			if len(v.operands) > 0 {
				if k, _ := judgeTarget(v.operands[0], false, inv, ctx); k == targetSafe {
					// An image file in the project or /tmp.
					return "", false
				}
			}
			if _, ok := v.hasFlag([]string{"-M"}); ok {
				return "-M shrinks the file system to its smallest size", true
			}
			if len(v.operands) > 1 {
				return judge(v.operands[1].Value, v)
			}
		}
		return "", false
	}, nil
}
