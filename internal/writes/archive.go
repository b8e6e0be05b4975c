package writes

import (
	tarfile "archive/tar"
	"archive/zip"
	"bufio"
	"bytes"
	"compress/bzip2"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"strings"
	"time"

	"github.com/guardsh/guard/internal/parse"
	"github.com/guardsh/guard/internal/safefile"
)

// Archive says where the members of an extraction come from (tar -x,
// unzip), so that guard can read their names when the archive is on disk
// and decide by what it holds rather than by the fact that it could hold
// anything. The Tree targets of an extraction carry it.
type Archive struct {
	// File is the archive as the command names it; its Value is empty
	// when the archive is read from stdin.
	File parse.Word
	// Stdin says where stdin comes from when File is empty, for
	// messages: "a pipe from curl", "stdin".
	Stdin string
	// Format is "tar" (plain or compressed), "zip", or a format guard
	// does not read ("7z", "cpio").
	Format string
	// Roots are the directories members land in.
	Roots []parse.Word
	// Strip is tar's --strip-components: leading components dropped from
	// each name, hard link targets included.
	Strip int
	// Flat is unzip -j: members land in the root under their base names.
	Flat bool
	// Absolute is tar -P: absolute names are kept.
	Absolute bool
	// Renamed names the option that rewrites member names in a way guard
	// does not follow (tar --transform, bsdtar -s), or is empty.
	Renamed string
	// What names the extraction for messages: "tar -x", "unzip".
	What string
}

// Member is one entry of an archive.
type Member struct {
	Name string
	// Type is 'f' for a regular file, 'd' a directory, 'l' a symbolic
	// link, 'h' a hard link and 'o' anything else (a FIFO, a device).
	Type byte
	// Link is a link's target.
	Link string
	Mode fs.FileMode
}

// Limits on reading an archive's member list. An archive over them is
// treated as one guard cannot read.
var (
	// MaxMembers is the most members guard reads.
	MaxMembers = 20000
	// MaxArchiveRead is the most bytes guard reads to list the members:
	// the headers of a plain tar archive (whose content is skipped by
	// seeking), everything a compressed one decompresses to, the central
	// directory of a zip file.
	MaxArchiveRead int64 = 64 << 20
	// ArchiveTimeout bounds the whole reading: a file on a stalled
	// network mount does not hold a command up for longer.
	ArchiveTimeout = 2 * time.Second
)

// UnreadableError says why guard could not list an archive.
type UnreadableError struct {
	// Reason is a clause for a person: "it is not there yet", "it is
	// compressed with xz, which guard cannot read".
	Reason string
}

func (e *UnreadableError) Error() string { return e.Reason }

func unreadable(format string, args ...any) error {
	return &UnreadableError{Reason: fmt.Sprintf(format, args...)}
}

// ReadMembers lists the archive at name, an absolute path, in a format of
// Archive.Format: a tar archive, plain or compressed with gzip or bzip2,
// or a zip file. Only a regular file is read (safefile: a FIFO is never
// waited on), within MaxMembers, MaxArchiveRead and ArchiveTimeout. Every
// error is an *UnreadableError.
func ReadMembers(name, format string) ([]Member, error) {
	if format != "tar" && format != "zip" {
		return nil, unreadable("guard does not read %s archives", format)
	}
	zipped := format == "zip"
	f, err := safefile.Open(name)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, unreadable("it is not there yet")
		}
		var re *safefile.Error
		if errors.As(err, &re) {
			return nil, unreadable("%s", strings.TrimPrefix(re.Reason, "is "))
		}
		return nil, unreadable("guard cannot open it (%v)", errors.Unwrap(err))
	}
	type result struct {
		members []Member
		err     error
	}
	done := make(chan result, 1)
	go func() {
		defer f.Close()
		var r result
		if zipped {
			r.members, r.err = zipMembers(f)
		} else {
			r.members, r.err = tarMembers(f)
		}
		done <- r
	}()
	timer := time.NewTimer(ArchiveTimeout)
	defer timer.Stop()
	select {
	case r := <-done:
		return r.members, r.err
	case <-timer.C:
		// The reader stays blocked or busy until it reaches a limit; the
		// process is short-lived.
		return nil, unreadable("it could not be read within %s", ArchiveTimeout)
	}
}

// errOver is a reader past MaxArchiveRead.
var errOver = errors.New("over the limit")

// limited counts what is read through it and fails past the limit.
type limited struct {
	r    io.Reader
	left int64
}

func (l *limited) Read(p []byte) (int, error) {
	if l.left <= 0 {
		return 0, errOver
	}
	if int64(len(p)) > l.left {
		p = p[:l.left]
	}
	n, err := l.r.Read(p)
	l.left -= int64(n)
	return n, err
}

// seekLimited is limited for a file that is read directly: tar skips a
// member's content by seeking, which reads nothing.
type seekLimited struct {
	limited
	s io.Seeker
}

func (l *seekLimited) Seek(off int64, whence int) (int64, error) { return l.s.Seek(off, whence) }

// compressions are the magic numbers of the compressors tar recognises by
// itself, with the ones guard cannot read.
var compressions = []struct {
	magic string
	name  string
}{
	{"\x1f\x8b", "gzip"},
	{"BZh", "bzip2"},
	{"\xfd7zXZ\x00", "xz"},
	{"\x28\xb5\x2f\xfd", "zstd"},
	{"\x5d\x00\x00", "lzma"},
	{"\x04\x22\x4d\x18", "lz4"},
	{"\x1f\x9d", "compress"},
	{"LZIP", "lzip"},
	{"\x89LZO", "lzop"},
}

func tarMembers(f *os.File) ([]Member, error) {
	head := make([]byte, 8)
	n, _ := io.ReadFull(f, head)
	head = head[:n]
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return nil, unreadable("guard cannot read it (%v)", err)
	}
	var r io.Reader
	kind := ""
	for _, c := range compressions {
		if bytes.HasPrefix(head, []byte(c.magic)) {
			kind = c.name
			break
		}
	}
	switch kind {
	case "":
		r = &seekLimited{limited{f, MaxArchiveRead}, f}
	case "gzip":
		zr, err := gzip.NewReader(bufio.NewReader(f))
		if err != nil {
			return nil, unreadable("guard cannot read its gzip stream (%v)", err)
		}
		r = &limited{zr, MaxArchiveRead}
	case "bzip2":
		r = &limited{bzip2.NewReader(bufio.NewReader(f)), MaxArchiveRead}
	default:
		return nil, unreadable("it is compressed with %s, which guard cannot read", kind)
	}
	tr := tarfile.NewReader(r)
	var out []Member
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			if errors.Is(err, errOver) {
				return nil, unreadable("listing it needs more than %d MiB read", MaxArchiveRead>>20)
			}
			if kind == "" && len(out) == 0 {
				return nil, unreadable("guard cannot read it as a tar archive (%v)", err)
			}
			return nil, unreadable("guard cannot read all of it (%v)", err)
		}
		if len(out) >= MaxMembers {
			return nil, unreadable("it holds more than %d members", MaxMembers)
		}
		m := Member{Name: h.Name, Link: h.Linkname, Mode: fs.FileMode(h.Mode).Perm()}
		switch h.Typeflag {
		case tarfile.TypeReg, tarfile.TypeCont, tarfile.TypeGNUSparse, '\x00':
			m.Type = 'f'
		case tarfile.TypeDir:
			m.Type = 'd'
		case tarfile.TypeSymlink:
			m.Type = 'l'
		case tarfile.TypeLink:
			m.Type = 'h'
		case tarfile.TypeXHeader, tarfile.TypeXGlobalHeader, tarfile.TypeGNULongName, tarfile.TypeGNULongLink:
			continue
		default:
			m.Type = 'o'
		}
		out = append(out, m)
	}
	return out, nil
}

// countingReaderAt fails once more than its limit has been read: zip's
// reader reads the central directory, whose size the file decides.
type countingReaderAt struct {
	r    io.ReaderAt
	left int64
}

func (c *countingReaderAt) ReadAt(p []byte, off int64) (int, error) {
	if int64(len(p)) > c.left {
		return 0, errOver
	}
	n, err := c.r.ReadAt(p, off)
	c.left -= int64(n)
	return n, err
}

func zipMembers(f *os.File) ([]Member, error) {
	st, err := f.Stat()
	if err != nil {
		return nil, unreadable("guard cannot read it (%v)", err)
	}
	cr := &countingReaderAt{f, MaxArchiveRead}
	zr, err := zip.NewReader(cr, st.Size())
	if err != nil {
		if errors.Is(err, errOver) {
			return nil, unreadable("listing it needs more than %d MiB read", MaxArchiveRead>>20)
		}
		return nil, unreadable("guard cannot read it as a zip file (%v)", err)
	}
	if len(zr.File) > MaxMembers {
		return nil, unreadable("it holds more than %d members", MaxMembers)
	}
	out := make([]Member, 0, len(zr.File))
	for _, zf := range zr.File {
		mode := zf.Mode()
		m := Member{Name: zf.Name, Mode: mode.Perm(), Type: 'f'}
		switch {
		case mode&fs.ModeSymlink != 0:
			// unzip makes a link whose target is the entry's content.
			m.Type = 'l'
			rc, err := zf.Open()
			if err != nil {
				return nil, unreadable("guard cannot read the link %s in it (%v)", parse.Quote(zf.Name), err)
			}
			target, err := io.ReadAll(io.LimitReader(rc, 4096))
			rc.Close()
			if err != nil {
				return nil, unreadable("guard cannot read the link %s in it (%v)", parse.Quote(zf.Name), err)
			}
			m.Link = string(target)
		case mode.IsDir() || strings.HasSuffix(zf.Name, "/"):
			m.Type = 'd'
		case !mode.IsRegular():
			m.Type = 'o'
		}
		out = append(out, m)
	}
	return out, nil
}

// MemberTargets returns what extracting the members into the archive's
// roots writes, and, when a member may land somewhere its name does not
// say, a description of the first such member: an absolute name (which
// tar strips without -P and other tools may not), a .. component, a link
// that points out of the root, or a member that goes through a link the
// archive makes. A link to or through a protected path is a target like
// any other, which Lands finds.
func (a *Archive) MemberTargets(members []Member) ([]Target, string) {
	var out []Target
	unsafe := ""
	note := func(format string, args ...any) {
		if unsafe == "" {
			unsafe = fmt.Sprintf(format, args...)
		}
	}
	links := map[string]bool{}
	for _, m := range members {
		name, ok := a.memberName(m.Name)
		if !ok {
			continue
		}
		switch {
		case name == "":
			if m.Type == 'd' && m.Mode&0o700 != 0o700 {
				note("the directory it is unpacked into, with mode %04o, which hides what is below it", m.Mode)
			}
			continue
		case path.IsAbs(name) && !a.Absolute:
			note("a member named %s, an absolute path (tar takes off the leading /; other tools may not)", parse.Quote(m.Name))
			continue
		case hasDotDot(name):
			note("a member named %s, which climbs out of the directory it is unpacked into", parse.Quote(m.Name))
			continue
		}
		for d := path.Dir(name); d != "." && d != "/"; d = path.Dir(d) {
			if links[d] {
				note("a member %s that goes through the link %s the archive makes", parse.Quote(m.Name), parse.Quote(d))
				break
			}
		}
		what := a.What + " member " + parse.Quote(strings.TrimSuffix(m.Name, "/"))
		for _, root := range a.Roots {
			at := memberWord(root, name)
			switch m.Type {
			case 'd':
				k := Write
				if m.Mode&0o700 != 0o700 {
					// Its mode is set when the extraction ends: a
					// directory the owner cannot read or search hides
					// what is below it.
					k = Replace
				}
				out = append(out, Target{Path: at, Kind: k, What: what})
			case 'f':
				out = append(out, Target{Path: at, Kind: Write, What: what})
			case 'l':
				out = append(out, Target{Path: at, Kind: Replace, What: what})
				to := m.Link
				if !path.IsAbs(to) {
					to = path.Join(path.Dir(name), to)
				}
				switch {
				case m.Link == "":
				case path.IsAbs(to):
					out = append(out, Target{Path: word(path.Clean(to)), Kind: Replace, Link: true, What: what + ", a link to"})
					note("a link %s to %s, outside the directory it is unpacked into", parse.Quote(m.Name), parse.Quote(m.Link))
				case hasDotDot(to):
					out = append(out, Target{Path: memberWord(root, to), Kind: Replace, Link: true, What: what + ", a link to"})
					note("a link %s to %s, outside the directory it is unpacked into", parse.Quote(m.Name), parse.Quote(m.Link))
				default:
					out = append(out, Target{Path: memberWord(root, to), Kind: Replace, Link: true, What: what + ", a link to"})
				}
			case 'h':
				out = append(out, Target{Path: at, Kind: Replace, What: what})
				to, ok := a.memberName(m.Link)
				switch {
				case !ok || to == "":
				case path.IsAbs(to) || hasDotDot(to):
					note("a hard link %s to %s, outside the directory it is unpacked into", parse.Quote(m.Name), parse.Quote(m.Link))
					if path.IsAbs(to) {
						out = append(out, Target{Path: word(path.Clean(to)), Kind: Replace, Link: true, What: what + ", a hard link to"})
					}
				default:
					out = append(out, Target{Path: memberWord(root, to), Kind: Replace, Link: true, What: what + ", a hard link to"})
				}
			default:
				out = append(out, Target{Path: at, Kind: Replace, What: what})
			}
		}
		if m.Type == 'l' {
			links[name] = true
		}
	}
	return out, unsafe
}

// memberName is the name a member is written under: without a leading
// ./, with --strip-components applied (false when nothing is left of it)
// and, for unzip -j, its base name.
func (a *Archive) memberName(n string) (string, bool) {
	abs := strings.HasPrefix(n, "/")
	n = strings.TrimLeft(n, "/")
	for strings.HasPrefix(n, "./") {
		n = strings.TrimLeft(n[2:], "/")
	}
	n = strings.TrimRight(n, "/")
	if n == "." || n == "" {
		return "", true
	}
	if a.Strip > 0 {
		parts := strings.Split(n, "/")
		if len(parts) <= a.Strip {
			return "", false
		}
		n = strings.Join(parts[a.Strip:], "/")
	}
	if a.Flat {
		n = path.Base(n)
	}
	if abs && a.Strip == 0 && !a.Flat {
		n = "/" + n
	}
	return n, true
}

func hasDotDot(p string) bool {
	for _, c := range strings.Split(p, "/") {
		if c == ".." {
			return true
		}
	}
	return false
}

// memberWord joins a root and a member's name; an absolute name (tar -P)
// stands on its own.
func memberWord(root parse.Word, name string) parse.Word {
	if path.IsAbs(name) {
		return word(path.Clean(name))
	}
	return joinWord(root, word(name))
}
