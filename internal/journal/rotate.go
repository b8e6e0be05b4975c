package journal

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// The log is kept under a total size cap. The file at the log's path
// holds the newest records; when it grows past SegmentSize it is renamed
// to a segment beside it, log-<number of its last record>.jsonl, and the
// next record starts a new file. A segment's first record names the hash
// of the last record of the segment before it, so the chain runs through
// every segment, and Verify follows it. When all of them together pass
// MaxTotal, the oldest segments are deleted.
var (
	// SegmentSize is the size at which the current file becomes a
	// segment.
	SegmentSize int64 = 10 << 20
	// MaxTotal caps the size of the log and its segments together.
	MaxTotal int64 = 50 << 20
)

// Segment is one file of the log.
type Segment struct {
	Path string
	// Last is the number of its last record; 0 for the current file.
	Last int64
}

// segmentName returns the name of the segment ending at record last.
func segmentName(path string, last int64) string {
	base := strings.TrimSuffix(filepath.Base(path), ".jsonl")
	return filepath.Join(filepath.Dir(path), fmt.Sprintf("%s-%012d.jsonl", base, last))
}

// Segments returns the log's rotated segments, oldest first, and then the
// current file, whether or not it exists.
func Segments(path string) []Segment {
	base := strings.TrimSuffix(filepath.Base(path), ".jsonl")
	entries, _ := os.ReadDir(filepath.Dir(path))
	var out []Segment
	for _, e := range entries {
		name := e.Name()
		rest, ok := strings.CutPrefix(name, base+"-")
		if !ok || !strings.HasSuffix(rest, ".jsonl") {
			continue
		}
		n, err := strconv.ParseInt(strings.TrimSuffix(rest, ".jsonl"), 10, 64)
		if err != nil || n <= 0 {
			continue
		}
		out = append(out, Segment{Path: filepath.Join(filepath.Dir(path), name), Last: n})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Last < out[j].Last })
	return append(out, Segment{Path: path})
}

// rotate makes the current file, whose last record is number last, a
// segment, and deletes the oldest segments past MaxTotal. The caller
// holds the current file's lock.
func rotate(path string, last int64) error {
	if err := os.Rename(path, segmentName(path, last)); err != nil {
		return err
	}
	segs := Segments(path)
	segs = segs[:len(segs)-1]
	var total int64
	sizes := make([]int64, len(segs))
	for i, s := range segs {
		if st, err := os.Lstat(s.Path); err == nil {
			sizes[i] = st.Size()
			total += st.Size()
		}
	}
	for i := 0; i < len(segs)-1 && total > MaxTotal; i++ {
		if os.Remove(segs[i].Path) == nil {
			total -= sizes[i]
		}
	}
	return nil
}

// lastOfSegments returns the hash and number of the last record of the
// newest segment, for the first record of a new current file.
func lastOfSegments(path string) (string, int64) {
	segs := Segments(path)
	if len(segs) < 2 {
		return "", 0
	}
	s := segs[len(segs)-2]
	f, err := os.Open(s.Path)
	if err != nil {
		return "", s.Last
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return "", s.Last
	}
	line, _, err := lastLine(f, st.Size())
	if err != nil {
		return "", s.Last
	}
	return hashOf(line), s.Last
}

// countRecords counts the records of a log written before records were
// numbered, segments included.
func countRecords(path string) int64 {
	var n int64
	for _, s := range Segments(path) {
		if s.Last > 0 {
			n = s.Last
			continue
		}
		f, err := os.Open(s.Path)
		if err != nil {
			continue
		}
		r := bufio.NewReaderSize(f, 64<<10)
		for {
			b, err := r.ReadSlice('\n')
			if len(b) > 0 && b[len(b)-1] == '\n' {
				n++
			}
			if err == io.EOF || err != nil && err != bufio.ErrBufferFull {
				break
			}
		}
		f.Close()
	}
	return n
}
