package rules

import (
	"strings"

	"github.com/guardsh/guard/internal/parse"
)

// An archiver that creates its archive on a device writes from the
// device's start, or from where a tape stands: tar -cvf /dev/nst0 after
// mt rewind overwrites the tape's earlier archives, and tar -cf /dev/sdb
// the disk. The archive-onto-device matcher reads the archive a
// creating archiver writes (tar, bsdtar and star's -c with -f or
// --file, the old-style key cvf, star's f=; pax -w -f; cpio -o with -O
// or -F; dump and xfsdump -f, which always write) and matches when it is
// a disk or tape device. Reading an archive from a device (tar -xf
// /dev/st0, tar -tvf), or writing one to a file or to stdout, passes.

// newArchiveOntoDevice builds the archive-onto-device matcher.
func newArchiveOntoDevice(with map[string]any) (matchFunc, error) {
	if err := newParams(with).done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		args := inv.Args[1:]
		var writes bool
		var files []parse.Word
		switch v.name {
		case "tar", "gtar", "bsdtar", "star":
			writes = argsClusterHas(args, 'c') || hasLong(args, "--create") || oldStyleKey(args, 'c')
			files = clusterValues(args, 'f', "--file")
			if len(args) > 1 && oldStyleKey(args, 'f') {
				files = append(files, args[1])
			}
			for _, a := range args {
				if rest, ok := strings.CutPrefix(a.Value, "f="); ok && !a.Dynamic {
					files = append(files, parse.Word{Value: rest})
				}
			}
		case "pax":
			writes = argsClusterHas(args, 'w')
			files = clusterValues(args, 'f', "")
		case "cpio":
			writes = argsClusterHas(args, 'o') || hasLong(args, "--create")
			files = append(clusterValues(args, 'O', ""), clusterValues(args, 'F', "--file")...)
		case "dump", "xfsdump":
			writes = true
			files = clusterValues(args, 'f', "")
			if len(args) > 1 && v.name == "dump" && oldStyleKey(args, 'f') {
				files = append(files, args[1])
			}
		}
		if !writes {
			return "", false
		}
		for _, f := range files {
			if k, _ := judgeTarget(f, false, inv, ctx); k == targetDevice {
				return "it writes its archive onto the device " + parse.Quote(f.Value) + ", over what the tape or disk holds from there on", true
			}
		}
		return "", false
	}, nil
}

// argsClusterHas reports whether a short option cluster among args (-cvf,
// -c) holds the letter c, before any letter that takes the rest of the
// cluster as its value.
func argsClusterHas(args []parse.Word, c byte) bool {
	for _, a := range args {
		s := a.Value
		if a.Dynamic || len(s) < 2 || s[0] != '-' || s[1] == '-' {
			continue
		}
		if strings.IndexByte(s[1:], c) >= 0 {
			return true
		}
	}
	return false
}

// hasLong reports whether args hold the long option name.
func hasLong(args []parse.Word, name string) bool {
	for _, a := range args {
		if !a.Dynamic && a.Value == name {
			return true
		}
	}
	return false
}

// oldStyleKey reports whether the first argument is an old-style key of
// letters without a dash (tar cvf, dump 0uf) that holds c.
func oldStyleKey(args []parse.Word, c byte) bool {
	if len(args) == 0 || args[0].Dynamic {
		return false
	}
	s := args[0].Value
	if s == "" || strings.HasPrefix(s, "-") || strings.ContainsAny(s, "/.=") {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isLetter(s[i]) && (s[i] < '0' || s[i] > '9') {
			return false
		}
	}
	return strings.IndexByte(s, c) >= 0
}

// clusterValues returns the values of the short option c among args,
// given in its cluster (-cvf/dev/st0), as the next word (-cvf /dev/st0,
// -f /dev/st0), or as the long option's (--file=/dev/st0, --file X).
func clusterValues(args []parse.Word, c byte, long string) []parse.Word {
	var out []parse.Word
	for i, a := range args {
		s := a.Value
		if a.Dynamic {
			continue
		}
		if long != "" {
			if rest, ok := strings.CutPrefix(s, long+"="); ok {
				out = append(out, parse.Word{Value: rest})
				continue
			}
			if s == long && i+1 < len(args) {
				out = append(out, args[i+1])
				continue
			}
		}
		if len(s) < 2 || s[0] != '-' || s[1] == '-' {
			continue
		}
		j := strings.IndexByte(s[1:], c)
		if j < 0 {
			continue
		}
		if rest := s[j+2:]; rest != "" {
			out = append(out, parse.Word{Value: rest})
		} else if i+1 < len(args) {
			out = append(out, args[i+1])
		}
	}
	return out
}
