package writes

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"strconv"
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
	kind := ""
	for _, c := range compressions {
		if bytes.HasPrefix(head, []byte(c.magic)) {
			kind = c.name
			break
		}
	}
	t := &tarReader{}
	switch kind {
	case "":
		t.r, t.s = &limited{f, MaxArchiveRead}, f
	case "gzip":
		zr, err := newGunzip(f)
		if err != nil {
			return nil, unreadable("guard cannot read its gzip stream (%v)", err)
		}
		t.r = &limited{zr, MaxArchiveRead}
	default:
		return nil, unreadable("it is compressed with %s, which guard cannot read", kind)
	}
	var out []Member
	for {
		m, err := t.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			if errors.Is(err, errOver) {
				return nil, unreadable("listing it needs more than %d MiB read", MaxArchiveRead>>20)
			}
			if len(out) == 0 && !t.seen {
				return nil, unreadable("guard cannot read it as a tar archive (%v)", err)
			}
			return nil, unreadable("guard cannot read all of it (%v)", err)
		}
		if len(out) >= MaxMembers {
			return nil, unreadable("it holds more than %d members", MaxMembers)
		}
		out = append(out, m)
	}
	return out, nil
}

// tarReader reads the headers of a tar archive (v7, ustar, GNU and pax)
// and skips the content. It is guard's own: archive/tar pulls in os/user,
// and with it cgo, into every guard process.
type tarReader struct {
	r io.Reader
	s io.Seeker // set when the content can be skipped by seeking
	// seen reports that one header was read.
	seen bool
}

// errHeader is a block that is not a tar header.
var errHeader = errors.New("invalid tar header")

// maxMeta is the most a long name or a pax header may hold.
const maxMeta = 1 << 20

func (t *tarReader) skip(n int64) error {
	if n <= 0 {
		return nil
	}
	if t.s != nil {
		_, err := t.s.Seek(n, io.SeekCurrent)
		return err
	}
	_, err := io.CopyN(io.Discard, t.r, n)
	if err == io.EOF {
		err = io.ErrUnexpectedEOF
	}
	return err
}

func (t *tarReader) read(n int64) ([]byte, error) {
	if n > maxMeta {
		return nil, fmt.Errorf("a header of %d bytes", n)
	}
	b := make([]byte, n)
	if _, err := io.ReadFull(t.r, b); err != nil {
		if err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
		return nil, err
	}
	return b, t.skip(pad(n))
}

func pad(n int64) int64 { return -n & 511 }

// next returns the next member, io.EOF at the end of the archive.
func (t *tarReader) next() (Member, error) {
	var longName, longLink string
	var pax map[string]string
	block := make([]byte, 512)
	for {
		if _, err := io.ReadFull(t.r, block); err != nil {
			if err == io.EOF && t.seen {
				// No end-of-archive blocks: tar reads it to here too.
				return Member{}, io.EOF
			}
			if err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			return Member{}, err
		}
		if allZero(block) {
			if !t.seen {
				return Member{}, errHeader
			}
			return Member{}, io.EOF
		}
		if !checksumOK(block) {
			return Member{}, errHeader
		}
		t.seen = true
		typ := block[156]
		size, ok := tarNumber(block[124:136])
		if !ok || size < 0 {
			return Member{}, errHeader
		}
		if v, ok := pax["size"]; ok {
			if n, err := strconv.ParseInt(v, 10, 64); err == nil && n >= 0 {
				size = n
			}
		}
		switch typ {
		case 'L', 'K':
			b, err := t.read(size)
			if err != nil {
				return Member{}, err
			}
			if typ == 'L' {
				longName = cString(b)
			} else {
				longLink = cString(b)
			}
			continue
		case 'x', 'g':
			b, err := t.read(size)
			if err != nil {
				return Member{}, err
			}
			if typ == 'x' {
				pax = paxRecords(b)
			}
			continue
		}
		name := cString(block[0:100])
		link := cString(block[157:257])
		if string(block[257:263]) == "ustar\x00" {
			if prefix := cString(block[345:500]); prefix != "" {
				name = prefix + "/" + name
			}
		}
		if longName != "" {
			name = longName
		}
		if longLink != "" {
			link = longLink
		}
		if v, ok := pax["path"]; ok {
			name = v
		}
		if v, ok := pax["linkpath"]; ok {
			link = v
		}
		mode, _ := tarNumber(block[100:108])
		m := Member{Name: name, Link: link, Mode: fs.FileMode(mode).Perm()}
		switch typ {
		case '0', 0, '7':
			m.Type = 'f'
		case 'S':
			m.Type = 'f'
			if block[482] != 0 {
				// GNU sparse: more map blocks follow, each saying whether
				// another does.
				for {
					if _, err := io.ReadFull(t.r, block); err != nil {
						return Member{}, io.ErrUnexpectedEOF
					}
					if block[504] == 0 {
						break
					}
				}
			}
		case '5':
			m.Type = 'd'
		case '2':
			m.Type = 'l'
		case '1':
			m.Type = 'h'
		default:
			m.Type = 'o'
		}
		switch typ {
		case '1', '2', '3', '4', '5', '6':
			// Header-only members: what size says is not stored.
		default:
			if err := t.skip(size + pad(size)); err != nil {
				return Member{}, err
			}
		}
		if typ == 'D' {
			m.Type = 'd'
		}
		return m, nil
	}
}

func allZero(b []byte) bool {
	for _, c := range b {
		if c != 0 {
			return false
		}
	}
	return true
}

// checksumOK checks a header's checksum, the sum of its bytes with the
// checksum field taken as spaces, unsigned or (old tars) signed.
func checksumOK(b []byte) bool {
	want, ok := tarNumber(b[148:156])
	if !ok {
		return false
	}
	var u, sg int64
	for i, c := range b {
		if i >= 148 && i < 156 {
			c = ' '
		}
		u += int64(c)
		sg += int64(int8(c))
	}
	return want == u || want == sg
}

// tarNumber reads a header's number: octal text, or base-256 when the
// first byte's high bit is set.
func tarNumber(b []byte) (int64, bool) {
	if len(b) > 0 && b[0]&0x80 != 0 {
		if b[0]&0x40 != 0 {
			return 0, false // negative
		}
		var n int64
		for i, c := range b {
			if i == 0 {
				c &= 0x3f
			}
			if n > 1<<54 {
				return 0, false
			}
			n = n<<8 | int64(c)
		}
		return n, true
	}
	s := strings.Trim(string(b), " \x00")
	if s == "" {
		return 0, true
	}
	n, err := strconv.ParseInt(s, 8, 64)
	return n, err == nil
}

func cString(b []byte) string {
	if i := bytes.IndexByte(b, 0); i >= 0 {
		b = b[:i]
	}
	return string(b)
}

// paxRecords reads pax records: "LEN key=value\n".
func paxRecords(b []byte) map[string]string {
	out := map[string]string{}
	for len(b) > 0 {
		sp := bytes.IndexByte(b, ' ')
		if sp <= 0 {
			break
		}
		n, err := strconv.Atoi(string(b[:sp]))
		if err != nil || n <= sp || n > len(b) {
			break
		}
		rec := b[sp+1 : n]
		b = b[n:]
		rec = bytes.TrimSuffix(rec, []byte("\n"))
		if k, v, ok := bytes.Cut(rec, []byte("=")); ok {
			out[string(k)] = string(v)
		}
	}
	return out
}

// zipMembers lists a zip file from its central directory, which it finds
// from the end-of-central-directory record (zip64's too).
func zipMembers(f *os.File) ([]Member, error) {
	st, err := f.Stat()
	if err != nil {
		return nil, unreadable("guard cannot read it (%v)", err)
	}
	size := st.Size()
	tail := min(size, 22+65535+20)
	buf := make([]byte, tail)
	if _, err := f.ReadAt(buf, size-tail); err != nil && err != io.EOF {
		return nil, unreadable("guard cannot read it (%v)", err)
	}
	end := bytes.LastIndex(buf, []byte("PK\x05\x06"))
	if end < 0 || len(buf)-end < 22 {
		return nil, unreadable("guard cannot read it as a zip file (no central directory)")
	}
	e := buf[end:]
	count := int64(le16(e[10:]))
	dirSize, dirOff := int64(le32(e[12:])), int64(le32(e[16:]))
	if end >= 20 && bytes.Equal(buf[end-20:end-16], []byte("PK\x06\x07")) {
		// zip64: the locator points at the zip64 record.
		off := int64(le64(buf[end-12:]))
		z := make([]byte, 56)
		if _, err := f.ReadAt(z, off); err != nil || !bytes.Equal(z[:4], []byte("PK\x06\x06")) {
			return nil, unreadable("guard cannot read it as a zip file (a bad zip64 record)")
		}
		count, dirSize, dirOff = int64(le64(z[32:])), int64(le64(z[40:])), int64(le64(z[48:]))
	}
	if count > int64(MaxMembers) {
		return nil, unreadable("it holds more than %d members", MaxMembers)
	}
	if dirSize > MaxArchiveRead {
		return nil, unreadable("listing it needs more than %d MiB read", MaxArchiveRead>>20)
	}
	// Data before the archive (a self-extracting one) moves everything
	// by as much as the directory is found after where it says it is.
	shift := size - tail + int64(end) - dirSize - dirOff
	if dirOff < 0 || dirSize < 0 || shift < 0 {
		return nil, unreadable("guard cannot read it as a zip file (its directory is out of place)")
	}
	dir := make([]byte, dirSize)
	if _, err := f.ReadAt(dir, dirOff+shift); err != nil {
		return nil, unreadable("guard cannot read it as a zip file (%v)", err)
	}
	var out []Member
	for len(dir) >= 46 {
		if !bytes.Equal(dir[:4], []byte("PK\x01\x02")) {
			return nil, unreadable("guard cannot read it as a zip file (a bad directory entry)")
		}
		if len(out) >= MaxMembers {
			return nil, unreadable("it holds more than %d members", MaxMembers)
		}
		madeBy := dir[5]
		method := le16(dir[10:])
		csize := int64(le32(dir[20:]))
		nlen, xlen, clen := int(le16(dir[28:])), int(le16(dir[30:])), int(le16(dir[32:]))
		ext := le32(dir[38:])
		local := int64(le32(dir[42:]))
		if len(dir) < 46+nlen+xlen+clen {
			return nil, unreadable("guard cannot read it as a zip file (a cut directory entry)")
		}
		name := string(dir[46 : 46+nlen])
		extra := dir[46+nlen : 46+nlen+xlen]
		dir = dir[46+nlen+xlen+clen:]
		if csize == 0xffffffff || local == 0xffffffff {
			csize, local = zip64Sizes(extra, csize, local)
		}
		m := Member{Name: name, Type: 'f', Mode: 0o644}
		if madeBy == 3 || madeBy == 19 {
			// Unix: the mode is in the high half of the attributes.
			mode := ext >> 16
			m.Mode = fs.FileMode(mode & 0o777)
			switch mode & 0o170000 {
			case 0o120000:
				m.Type = 'l'
			case 0o040000:
				m.Type = 'd'
			case 0o100000, 0:
			default:
				m.Type = 'o'
			}
		}
		if strings.HasSuffix(name, "/") || ext&0x10 != 0 && madeBy != 3 && madeBy != 19 {
			m.Type = 'd'
		}
		if m.Type == 'l' {
			link, err := zipLink(f, local+shift, method, csize)
			if err != nil {
				return nil, unreadable("guard cannot read the link %s in it (%v)", parse.Quote(name), err)
			}
			m.Link = link
		}
		out = append(out, m)
	}
	return out, nil
}

// zip64Sizes reads the compressed size and local header offset from a
// zip64 extra field, for those the directory entry marks as there.
func zip64Sizes(extra []byte, csize, local int64) (int64, int64) {
	for len(extra) >= 4 {
		id, n := le16(extra), int(le16(extra[2:]))
		if len(extra) < 4+n {
			break
		}
		body := extra[4 : 4+n]
		extra = extra[4+n:]
		if id != 1 {
			continue
		}
		// Uncompressed size, compressed size, offset: those that are
		// 0xffffffff in the entry, in that order. The uncompressed size
		// is there when the compressed one is; guard does not know it,
		// so it reads both as they come.
		next := func() int64 {
			if len(body) < 8 {
				return -1
			}
			v := int64(le64(body))
			body = body[8:]
			return v
		}
		if csize == 0xffffffff {
			next()
			csize = next()
		}
		if local == 0xffffffff {
			local = next()
		}
	}
	return csize, local
}

// zipLink reads a symbolic link's target, the entry's content.
func zipLink(f *os.File, local int64, method uint16, csize int64) (string, error) {
	h := make([]byte, 30)
	if _, err := f.ReadAt(h, local); err != nil || !bytes.Equal(h[:4], []byte("PK\x03\x04")) {
		return "", errors.New("a bad local header")
	}
	start := local + 30 + int64(le16(h[26:])) + int64(le16(h[28:]))
	if csize < 0 || csize > 64<<10 {
		return "", errors.New("too long")
	}
	data := make([]byte, csize)
	if _, err := f.ReadAt(data, start); err != nil {
		return "", err
	}
	switch method {
	case 0:
		return string(data[:min(len(data), 4096)]), nil
	case 8:
		b, err := io.ReadAll(io.LimitReader(newInflater(bufio.NewReader(bytes.NewReader(data))), 4096))
		return string(b), err
	}
	return "", fmt.Errorf("compression method %d", method)
}

func le16(b []byte) uint16 { return uint16(b[0]) | uint16(b[1])<<8 }
func le32(b []byte) uint32 {
	if len(b) < 4 {
		return 0
	}
	return uint32(b[0]) | uint32(b[1])<<8 | uint32(b[2])<<16 | uint32(b[3])<<24
}
func le64(b []byte) uint64 { return uint64(le32(b)) | uint64(le32(b[4:]))<<32 }

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
