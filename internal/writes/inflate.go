package writes

import (
	"bufio"
	"errors"
	"io"
)

// guard reads gzip streams and zip files with a DEFLATE decoder of its
// own: compress/flate, compress/gzip, hash/crc32 and archive/zip build
// tables when a process starts, which every guard process would pay for
// on the everyday path, where no archive is read. Checksums are not
// verified: guard lists names, and a damaged archive fails in tar too.

var errCorrupt = errors.New("corrupt deflate data")

// huffman is a canonical Huffman code: a table for codes of up to
// fastBits bits, and counts and symbols for longer ones.
type huffman struct {
	fast   [1 << fastBits]uint16 // symbol<<4 | length, 0 when longer or unused
	count  [16]uint16
	symbol []uint16
}

const fastBits = 9

// build makes the code for the given code lengths (0: unused).
func (h *huffman) build(lengths []uint8) error {
	h.count = [16]uint16{}
	for _, l := range lengths {
		h.count[l]++
	}
	h.count[0] = 0
	left := 1
	for l := 1; l < 16; l++ {
		left <<= 1
		left -= int(h.count[l])
		if left < 0 {
			return errCorrupt
		}
	}
	var offs [16]uint16
	for l := 1; l < 15; l++ {
		offs[l+1] = offs[l] + h.count[l]
	}
	h.symbol = make([]uint16, len(lengths))
	for s, l := range lengths {
		if l != 0 {
			h.symbol[offs[l]] = uint16(s)
			offs[l]++
		}
	}
	h.fast = [1 << fastBits]uint16{}
	code, index := 0, 0
	for l := 1; l <= fastBits; l++ {
		n := int(h.count[l])
		for i := 0; i < n; i++ {
			// The code, bit-reversed: DEFLATE sends Huffman codes from
			// their high bit, read here from the low bits of the buffer.
			c := code + i
			rev := 0
			for b := 0; b < l; b++ {
				rev = rev<<1 | (c>>b)&1
			}
			for fill := rev; fill < 1<<fastBits; fill += 1 << l {
				h.fast[fill] = h.symbol[index+i]<<4 | uint16(l)
			}
		}
		index += n
		code = (code + n) << 1
	}
	return nil
}

// inflater decodes a DEFLATE stream.
type inflater struct {
	in    *bufio.Reader
	bits  uint64
	nbits uint
	// window holds the last 32 KiB of output, for back-references.
	window [1 << 15]byte
	wpos   int
	// pending is output not yet returned: a copy that ran past the
	// caller's buffer.
	pendLen, pendDist int
	// block state
	final, inBlock, stored bool
	storedLeft             int
	lit, dist              *huffman
	fixedLit, fixedDist    *huffman
	dynLit, dynDist        huffman
	done                   bool
}

func newInflater(r *bufio.Reader) *inflater { return &inflater{in: r} }

func (f *inflater) need(n uint) error {
	for f.nbits < n {
		b, err := f.in.ReadByte()
		if err != nil {
			if err == io.EOF {
				return io.ErrUnexpectedEOF
			}
			return err
		}
		f.bits |= uint64(b) << f.nbits
		f.nbits += 8
	}
	return nil
}

func (f *inflater) take(n uint) (int, error) {
	if err := f.need(n); err != nil {
		return 0, err
	}
	v := int(f.bits & (1<<n - 1))
	f.bits >>= n
	f.nbits -= n
	return v, nil
}

// decode reads one symbol of code h.
func (f *inflater) decode(h *huffman) (int, error) {
	// Fill what the fast table needs, if the input has it.
	for f.nbits < fastBits {
		b, err := f.in.ReadByte()
		if err != nil {
			break
		}
		f.bits |= uint64(b) << f.nbits
		f.nbits += 8
	}
	if f.nbits > 0 {
		e := h.fast[f.bits&(1<<fastBits-1)]
		if l := uint(e & 15); e != 0 && l <= f.nbits {
			f.bits >>= l
			f.nbits -= l
			return int(e >> 4), nil
		}
	}
	// Bit by bit, for a code longer than the table.
	code, first, index := 0, 0, 0
	for l := 1; l < 16; l++ {
		b, err := f.take(1)
		if err != nil {
			return 0, err
		}
		code |= b
		count := int(h.count[l])
		if code-first < count {
			return int(h.symbol[index+code-first]), nil
		}
		index += count
		first += count
		first <<= 1
		code <<= 1
	}
	return 0, errCorrupt
}

var (
	lengthBase  = [29]uint16{3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258}
	lengthExtra = [29]uint8{0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0}
	distBase    = [30]uint16{1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577}
	distExtra   = [30]uint8{0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13}
	clOrder     = [19]uint8{16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15}
)

func (f *inflater) header() error {
	final, err := f.take(1)
	if err != nil {
		return err
	}
	typ, err := f.take(2)
	if err != nil {
		return err
	}
	f.final = final == 1
	f.inBlock = true
	switch typ {
	case 0:
		f.bits >>= f.nbits % 8
		f.nbits -= f.nbits % 8
		n, err := f.take(16)
		if err != nil {
			return err
		}
		nn, err := f.take(16)
		if err != nil {
			return err
		}
		if n != ^nn&0xffff {
			return errCorrupt
		}
		f.stored, f.storedLeft = true, n
	case 1:
		if f.fixedLit == nil {
			var l [288]uint8
			for i := range l {
				switch {
				case i < 144:
					l[i] = 8
				case i < 256:
					l[i] = 9
				case i < 280:
					l[i] = 7
				default:
					l[i] = 8
				}
			}
			var d [30]uint8
			for i := range d {
				d[i] = 5
			}
			f.fixedLit, f.fixedDist = new(huffman), new(huffman)
			f.fixedLit.build(l[:])
			f.fixedDist.build(d[:])
		}
		f.stored, f.lit, f.dist = false, f.fixedLit, f.fixedDist
	case 2:
		if err := f.dynamic(); err != nil {
			return err
		}
		f.stored, f.lit, f.dist = false, &f.dynLit, &f.dynDist
	default:
		return errCorrupt
	}
	return nil
}

func (f *inflater) dynamic() error {
	hlit, err := f.take(5)
	if err != nil {
		return err
	}
	hdist, err := f.take(5)
	if err != nil {
		return err
	}
	hclen, err := f.take(4)
	if err != nil {
		return err
	}
	nlit, ndist := hlit+257, hdist+1
	if nlit > 286 || ndist > 30 {
		return errCorrupt
	}
	var cl [19]uint8
	for i := 0; i < hclen+4; i++ {
		v, err := f.take(3)
		if err != nil {
			return err
		}
		cl[clOrder[i]] = uint8(v)
	}
	var clh huffman
	if err := clh.build(cl[:]); err != nil {
		return err
	}
	lengths := make([]uint8, nlit+ndist)
	for i := 0; i < len(lengths); {
		sym, err := f.decode(&clh)
		if err != nil {
			return err
		}
		switch {
		case sym < 16:
			lengths[i] = uint8(sym)
			i++
		default:
			var rep int
			var val uint8
			switch sym {
			case 16:
				if i == 0 {
					return errCorrupt
				}
				val = lengths[i-1]
				r, err := f.take(2)
				if err != nil {
					return err
				}
				rep = 3 + r
			case 17:
				r, err := f.take(3)
				if err != nil {
					return err
				}
				rep = 3 + r
			default:
				r, err := f.take(7)
				if err != nil {
					return err
				}
				rep = 11 + r
			}
			if i+rep > len(lengths) {
				return errCorrupt
			}
			for ; rep > 0; rep-- {
				lengths[i] = val
				i++
			}
		}
	}
	if lengths[256] == 0 {
		return errCorrupt
	}
	if err := f.dynLit.build(lengths[:nlit]); err != nil {
		return err
	}
	return f.dynDist.build(lengths[nlit:])
}

func (f *inflater) put(p []byte, n *int, b byte) {
	p[*n] = b
	*n++
	f.window[f.wpos] = b
	f.wpos = (f.wpos + 1) & (len(f.window) - 1)
}

// Read returns decoded bytes; io.EOF after the final block.
func (f *inflater) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		if f.pendLen > 0 {
			for f.pendLen > 0 && n < len(p) {
				f.put(p, &n, f.window[(f.wpos-f.pendDist)&(len(f.window)-1)])
				f.pendLen--
			}
			continue
		}
		if f.done {
			break
		}
		if !f.inBlock {
			if err := f.header(); err != nil {
				return n, err
			}
		}
		if f.stored {
			if f.storedLeft == 0 {
				f.endBlock()
				continue
			}
			b, err := f.take(8)
			if err != nil {
				return n, err
			}
			f.put(p, &n, byte(b))
			f.storedLeft--
			continue
		}
		sym, err := f.decode(f.lit)
		if err != nil {
			return n, err
		}
		switch {
		case sym < 256:
			f.put(p, &n, byte(sym))
		case sym == 256:
			f.endBlock()
		default:
			sym -= 257
			if sym >= 29 {
				return n, errCorrupt
			}
			e, err := f.take(uint(lengthExtra[sym]))
			if err != nil {
				return n, err
			}
			length := int(lengthBase[sym]) + e
			ds, err := f.decode(f.dist)
			if err != nil {
				return n, err
			}
			if ds >= 30 {
				return n, errCorrupt
			}
			de, err := f.take(uint(distExtra[ds]))
			if err != nil {
				return n, err
			}
			f.pendLen, f.pendDist = length, int(distBase[ds])+de
		}
	}
	if n == 0 && f.done {
		return 0, io.EOF
	}
	return n, nil
}

func (f *inflater) endBlock() {
	f.inBlock = false
	if f.final {
		f.done = true
	}
}

// discard skips n whole bytes after the stream's end (a gzip trailer):
// the bits of the last byte go, then the bytes read ahead, then the
// input's.
func (f *inflater) discard(n int) error {
	f.bits >>= f.nbits % 8
	f.nbits -= f.nbits % 8
	for ; n > 0 && f.nbits >= 8; n-- {
		f.bits >>= 8
		f.nbits -= 8
	}
	if n > 0 {
		if _, err := f.in.Discard(n); err != nil {
			return io.ErrUnexpectedEOF
		}
	}
	return nil
}

// gunzip decodes a gzip file, its members one after another.
type gunzip struct {
	in  *bufio.Reader
	inf *inflater
	err error
}

func newGunzip(r io.Reader) (*gunzip, error) {
	g := &gunzip{in: bufio.NewReader(r)}
	if err := g.member(); err != nil {
		return nil, err
	}
	return g, nil
}

// member reads a member's header and starts its stream.
func (g *gunzip) member() error {
	var h [10]byte
	if _, err := io.ReadFull(g.in, h[:]); err != nil {
		return io.ErrUnexpectedEOF
	}
	if h[0] != 0x1f || h[1] != 0x8b || h[2] != 8 {
		return errors.New("not a gzip stream")
	}
	flags := h[3]
	if flags&4 != 0 {
		var x [2]byte
		if _, err := io.ReadFull(g.in, x[:]); err != nil {
			return io.ErrUnexpectedEOF
		}
		if _, err := g.in.Discard(int(x[0]) | int(x[1])<<8); err != nil {
			return io.ErrUnexpectedEOF
		}
	}
	for _, bit := range []byte{8, 16} {
		if flags&bit == 0 {
			continue
		}
		// A file name or a comment, up to a NUL.
		for total := 0; ; {
			b, err := g.in.ReadSlice(0)
			total += len(b)
			if err == nil {
				break
			}
			if err != bufio.ErrBufferFull || total > maxMeta {
				return io.ErrUnexpectedEOF
			}
		}
	}
	if flags&2 != 0 {
		if _, err := g.in.Discard(2); err != nil {
			return io.ErrUnexpectedEOF
		}
	}
	g.inf = newInflater(g.in)
	return nil
}

func (g *gunzip) Read(p []byte) (int, error) {
	for g.err == nil {
		n, err := g.inf.Read(p)
		if err != io.EOF {
			return n, err
		}
		// The trailer (CRC and size), then maybe another member.
		if err := g.inf.discard(8); err != nil {
			g.err = err
			break
		}
		if b, err := g.in.Peek(1); err != nil || b[0] != 0x1f {
			g.err = io.EOF
			break
		}
		if err := g.member(); err != nil {
			g.err = err
		}
	}
	return 0, g.err
}
