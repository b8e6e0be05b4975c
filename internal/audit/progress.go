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
		fmt.Fprintf(p.w, "\r\x1b[Kguard audit: %s commands, %s of %s (%d%%)%s", count(commands), mb(p.read), mb(p.total), pct, p.eta(now))
	} else {
		fmt.Fprintf(p.w, "\r\x1b[Kguard audit: %s commands, %s", count(commands), mb(p.read))
	}
}

// eta is ", about 12s left": the time the rest of the input takes at the
// speed so far, once there is a second of it to go by; "" before that or
// when the size is unknown.
func (p *Progress) eta(now time.Time) string {
	elapsed := now.Sub(p.start)
	if p.total <= 0 || p.read <= 0 || p.read >= p.total || elapsed < time.Second {
		return ""
	}
	left := time.Duration(float64(elapsed) * float64(p.total-p.read) / float64(p.read))
	return ", about " + shortDuration(left) + " left"
}

// shortDuration writes d as 7s, 2m05s or 1h02m.
func shortDuration(d time.Duration) string {
	d = d.Round(time.Second)
	switch {
	case d < time.Minute:
		return fmt.Sprintf("%ds", max(1, int(d.Seconds())))
	case d < time.Hour:
		return fmt.Sprintf("%dm%02ds", int(d.Minutes()), int(d.Seconds())%60)
	}
	return fmt.Sprintf("%dh%02dm", int(d.Hours()), int(d.Minutes())%60)
}

// Done clears the progress line, if one was shown.
func (p *Progress) Done() {
	if p.shown {
		fmt.Fprint(p.w, "\r\x1b[K")
		p.shown = false
	}
}
