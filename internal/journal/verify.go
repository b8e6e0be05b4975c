package journal

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"time"
)

// Report is what VerifyLog found.
type Report struct {
	// Records is the number of records that verify, in every segment.
	Records int
	// Segments is the number of files read: rotated segments and the
	// current file.
	Segments int
	// First and Last are the numbers of the first and last record kept;
	// First is above 1 when older segments were deleted under the cap.
	First, Last int64
	// Sources are the system logs whose anchors were read; Anchors is
	// how many anchors of this log they held, and Matched how many of
	// those name a record that is still kept.
	Sources []string
	Anchors int
	Matched int
	// Problems are the breaks found, in the chain or against an anchor.
	Problems []*Problem
}

// OK reports whether nothing was found wrong.
func (r *Report) OK() bool { return len(r.Problems) == 0 }

// VerifyOptions tune VerifyLog.
type VerifyOptions struct {
	// UID is the uid whose anchors count, with root's; journald vouches
	// for the sender's uid, syslog files do not.
	UID int
	// Timeout bounds reading the system logs.
	Timeout time.Duration
	// NoAnchors skips the system logs.
	NoAnchors bool
}

// VerifyLog checks the log at path and its segments: every record's hash,
// the chain from record to record and from segment to segment, the record
// numbers, and every anchor the system logs hold for this log. A log that
// was cut at the end, emptied, deleted or regenerated is caught when an
// anchor names a record it no longer has, or has with another hash.
func VerifyLog(path string, opts VerifyOptions) (*Report, error) {
	rep := &Report{}
	hashes := map[int64]string{}
	prev := ""
	var lastSeq int64
	started := false
	for _, seg := range Segments(path) {
		f, err := os.Open(seg.Path)
		if errors.Is(err, fs.ErrNotExist) && seg.Last == 0 {
			continue
		}
		if err != nil {
			return rep, err
		}
		rep.Segments++
		st, err := f.Stat()
		if err != nil || !st.Mode().IsRegular() {
			f.Close()
			rep.Problems = append(rep.Problems, &Problem{File: seg.Path, Reason: "not a regular file"})
			continue
		}
		r := bufio.NewReaderSize(f, 64<<10)
		prevLine := 0
		for line := 1; ; line++ {
			b, err := r.ReadBytes('\n')
			if len(b) == 0 && err == io.EOF {
				break
			}
			if err != nil && err != io.EOF {
				f.Close()
				return rep, err
			}
			bad := false
			p := func(reason string) {
				bad = true
				file := seg.Path
				if seg.Last == 0 {
					file = "" // the log itself, which messages name already
				}
				rep.Problems = append(rep.Problems, &Problem{File: file, Line: line, Reason: reason})
			}
			if err == io.EOF {
				p("the last line is incomplete (a write was cut short, or the file was truncated)")
				break
			}
			body, hash, ok := split(b[:len(b)-1])
			if !ok {
				p("not a log record (no hash at the end of the line)")
				prev = ""
				continue
			}
			sum := sha256.Sum256(body)
			if hex.EncodeToString(sum[:]) != hash {
				p("the record does not match its hash: it was edited")
			}
			var rec struct {
				Prev *string `json:"prev"`
				Seq  int64   `json:"seq"`
			}
			if err := json.Unmarshal(body, &rec); err != nil || rec.Prev == nil {
				p("not a log record")
				prev = ""
				continue
			}
			seq := rec.Seq
			if seq == 0 {
				seq = lastSeq + 1
			}
			switch {
			case !started && *rec.Prev != "" && seq > 1:
				// The first record kept follows records that were rotated
				// away under the size cap.
			case *rec.Prev != prev && rep.Records == 0:
				p("the first record follows another one: records before it were removed")
			case *rec.Prev != prev && prevLine > 0:
				p(fmt.Sprintf("the record does not follow line %d: records between them were removed, reordered or inserted", prevLine))
			case *rec.Prev != prev:
				p("the record does not follow the last record of the segment before it: records or a segment were removed")
			}
			if started && seq != lastSeq+1 && !bad {
				p(fmt.Sprintf("the record is number %d, after number %d", seq, lastSeq))
			}
			if !started {
				rep.First = seq
				started = true
			}
			hashes[seq] = hash
			prev, lastSeq, prevLine = hash, seq, line
			if !bad {
				rep.Records++
			}
		}
		f.Close()
	}
	rep.Last = lastSeq
	if opts.NoAnchors {
		return rep, nil
	}
	timeout := opts.Timeout
	if timeout <= 0 {
		timeout = 10 * time.Second
	}
	anchors, used := readAnchors(path, opts.UID, timeout)
	rep.Sources = used
	rep.Anchors = len(anchors)
	seen := map[int64]string{}
	var beyond int64
	for _, a := range anchors {
		if h, ok := seen[a.Seq]; ok && h != a.Hash {
			rep.Problems = append(rep.Problems, &Problem{Reason: fmt.Sprintf("the system log holds two different anchors for record %d: one was forged, or the log was regenerated", a.Seq)})
			continue
		}
		seen[a.Seq] = a.Hash
		switch h, ok := hashes[a.Seq]; {
		case ok && h == a.Hash:
			rep.Matched++
		case ok:
			rep.Problems = append(rep.Problems, &Problem{Reason: fmt.Sprintf("record %d does not match the system log's anchor for it: the log was rewritten from there on, or regenerated", a.Seq)})
		case a.Seq > lastSeq:
			beyond = max(beyond, a.Seq)
		}
	}
	if beyond > 0 {
		what := fmt.Sprintf("the log ends at record %d, but the system log has an anchor for record %d: records were removed from the end", lastSeq, beyond)
		switch {
		case rep.Records == 0 && rep.Segments == 0:
			what = fmt.Sprintf("the log is missing, but the system log has anchors up to record %d: it was deleted", beyond)
		case rep.Records == 0:
			what = fmt.Sprintf("the log is empty, but the system log has anchors up to record %d: it was emptied", beyond)
		}
		rep.Problems = append(rep.Problems, &Problem{Reason: what})
	}
	return rep, nil
}
