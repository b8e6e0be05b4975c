package audit

import (
	"bufio"
	"io"
)

// Record size limits. A longer line is counted as oversized and skipped,
// so that memory stays bounded whatever the input.
const (
	// MaxHistoryRecord is the longest history entry read, in bytes.
	MaxHistoryRecord = 1 << 20
	// MaxTranscriptRecord is the longest transcript line read: agent
	// transcripts hold tool results, such as whole files, on one line.
	MaxTranscriptRecord = 8 << 20
)

// lineReader reads lines of at most max bytes, counting them.
type lineReader struct {
	r   *bufio.Reader
	max int
	st  *Stats
	buf []byte
	// n is the number of the line last returned, from 1.
	n int64
	// noEOL reports that the line last returned had no newline: it was the
	// last line of the input.
	noEOL bool
	eof   bool
	err   error
}

func newLineReader(r *bufio.Reader, max int, st *Stats) *lineReader {
	return &lineReader{r: r, max: max, st: st}
}

// next returns the next line without its line ending. The slice is valid
// until the next call. Oversized lines are counted and skipped.
func (l *lineReader) next() ([]byte, bool) {
	for !l.eof {
		var line []byte
		l.buf = l.buf[:0]
		size, over := 0, false
		for {
			frag, err := l.r.ReadSlice('\n')
			size += len(frag)
			if size > l.max+1 {
				over = true
			}
			if !over {
				if err == nil && len(l.buf) == 0 {
					line = frag
				} else {
					l.buf = append(l.buf, frag...)
					line = l.buf
				}
			}
			if err == bufio.ErrBufferFull {
				continue
			}
			if err != nil {
				l.eof = true
				if err != io.EOF {
					l.err = err
				}
			}
			break
		}
		if size == 0 {
			break
		}
		l.n++
		l.st.Lines++
		if over {
			l.st.Oversized++
			continue
		}
		l.noEOL = line[len(line)-1] != '\n'
		if !l.noEOL {
			line = line[:len(line)-1]
		}
		if len(line) > 0 && line[len(line)-1] == '\r' {
			line = line[:len(line)-1]
		}
		return line, true
	}
	return nil, false
}
