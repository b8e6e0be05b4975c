package audit

import (
	"fmt"
	"io"
	"time"
)

// Progress shows how far an audit has got, on one line that it rewrites,
// for a terminal. It stays silent for the first moments, so that a small
// input never shows it.
type Progress struct {
	w     io.Writer
	total int64 // bytes, or 0 when unknown
	read  int64
	start time.Time
	last  time.Time
	shown bool
	// Now is the clock; tests replace it.
	Now func() time.Time
}

// progressDelay is how long an audit runs before progress is shown, and
// progressEvery how often it is updated.
const (
	progressDelay = 500 * time.Millisecond
	progressEvery = 200 * time.Millisecond
)

// NewProgress returns a Progress writing to w for an input of total bytes
// (0 if unknown).
func NewProgress(w io.Writer, total int64) *Progress {
	p := &Progress{w: w, total: total, Now: time.Now}
	p.start = p.Now()
	return p
}

// Reader returns r counting the bytes read through it.
func (p *Progress) Reader(r io.Reader) io.Reader { return &countingReader{r, p} }

type countingReader struct {
	r io.Reader
	p *Progress
}

func (c *countingReader) Read(b []byte) (int, error) {
	n, err := c.r.Read(b)
	c.p.read += int64(n)
	return n, err
}

// Update shows the number of commands read, when it is time to.
func (p *Progress) Update(commands int64) {
	now := p.Now()
	if now.Sub(p.start) < progressDelay || now.Sub(p.last) < progressEvery {
		return
	}
	p.last, p.shown = now, true
	mb := func(n int64) string { return fmt.Sprintf("%.0f MB", float64(n)/(1<<20)) }
	if p.total > 0 {
		pct := min(100, 100*p.read/p.total)
		fmt.Fprintf(p.w, "\r\x1b[Kguard audit: %s commands, %s of %s (%d%%)", count(commands), mb(p.read), mb(p.total), pct)
	} else {
		fmt.Fprintf(p.w, "\r\x1b[Kguard audit: %s commands, %s", count(commands), mb(p.read))
	}
}

// Done clears the progress line, if one was shown.
func (p *Progress) Done() {
	if p.shown {
		fmt.Fprint(p.w, "\r\x1b[K")
		p.shown = false
	}
}
