package logquery

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// TextOptions says how Stats.WriteText draws.
type TextOptions struct {
	// Color draws the bars with unicode blocks, in colour: allowed in
	// green, asked in yellow, denied in red. Without it the bars are
	// plain ASCII (#), for pipes, files and NO_COLOR.
	Color bool
	// MaxRules is how many rules to list, the most frequent; 0 lists all.
	MaxRules int
}

// barWidth is the width of the longest bar, in cells.
const barWidth = 24

const (
	ansiReset  = "\x1b[0m"
	ansiBold   = "\x1b[1m"
	ansiGreen  = "\x1b[32m"
	ansiYellow = "\x1b[33m"
	ansiRed    = "\x1b[31m"
)

// eighths are the blocks one to eight eighths of a cell wide.
var eighths = []rune("▏▎▍▌▋▊▉█")

// WriteText writes the summary line and the tables per day, per rule and
// per agent, each row with a bar as long as its number of decisions.
func (s *Stats) WriteText(w io.Writer, o TextOptions) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%d decisions: %s\n", s.Total.Total, summary(&s.Total))
	if o.Color && s.Total.Total > 0 {
		fmt.Fprintf(&b, "bars: %s█%s allowed  %s█%s asked  %s█%s denied\n", ansiGreen, ansiReset, ansiYellow, ansiReset, ansiRed, ansiReset)
	}
	if s.Total.Total == 0 {
		_, err := io.WriteString(w, b.String())
		return err
	}
	section(&b, "By day", s.Days, 0, o)
	section(&b, "By rule", s.Rules, o.MaxRules, o)
	section(&b, "By agent", s.Agents, 0, o)
	_, err := io.WriteString(w, b.String())
	return err
}

// summary is a row's counts in words: 3 allowed, 2 asked (1 approved,
// 50%), 1 denied.
func summary(r *Row) string {
	s := fmt.Sprintf("%d allowed, %d asked", r.Allowed, r.Asked)
	if r.Rate != nil {
		s += fmt.Sprintf(" (%d approved, %s)", r.Approved, percent(*r.Rate))
	}
	return s + fmt.Sprintf(", %d denied", r.Denied)
}

func percent(f float64) string { return fmt.Sprintf("%.0f%%", f*100) }

// section writes one table: a title, then a row per key, at most limit
// rows when limit > 0.
func section(b *strings.Builder, title string, rows []Row, limit int, o TextOptions) {
	if len(rows) == 0 {
		return
	}
	more := 0
	if limit > 0 && len(rows) > limit {
		more = len(rows) - limit
		rows = rows[:limit]
	}
	b.WriteString("\n")
	if o.Color {
		b.WriteString(ansiBold + title + ansiReset + "\n")
	} else {
		b.WriteString(title + "\n")
	}
	keyW, top := 0, 0
	numW := map[string]int{}
	for _, r := range rows {
		keyW = max(keyW, utf8.RuneCountInString(r.Key))
		top = max(top, r.Total)
		for k, v := range map[string]int{"total": r.Total, "allowed": r.Allowed, "asked": r.Asked, "approved": r.Approved, "denied": r.Denied} {
			numW[k] = max(numW[k], len(fmt.Sprint(v)))
		}
	}
	for _, r := range rows {
		rate := "   -"
		if r.Rate != nil {
			rate = fmt.Sprintf("%4s", percent(*r.Rate))
		}
		fmt.Fprintf(b, "  %-*s  %s  %*d  allowed %*d  asked %*d  approved %*d %s  denied %*d\n",
			keyW, r.Key, bar(r, top, o.Color), numW["total"], r.Total,
			numW["allowed"], r.Allowed, numW["asked"], r.Asked,
			numW["approved"], r.Approved, rate, numW["denied"], r.Denied)
	}
	if more > 0 {
		fmt.Fprintf(b, "  ... and %d more (guard log --stats --json lists them all)\n", more)
	}
}

// bar draws a row's decisions as a bar barWidth cells wide for the
// largest total, padded to that width.
func bar(r Row, top int, color bool) string {
	if top == 0 {
		return strings.Repeat(" ", barWidth)
	}
	if !color {
		n := (r.Total*barWidth + top/2) / top
		if n == 0 && r.Total > 0 {
			n = 1
		}
		return strings.Repeat("#", n) + strings.Repeat(" ", barWidth-n)
	}
	// Lengths in eighths of a cell: where allowed ends, where asked ends,
	// and the whole bar.
	scale := func(n int) int { return (n*barWidth*8 + top/2) / top }
	end := scale(r.Total)
	if end == 0 && r.Total > 0 {
		end = 1
	}
	allowedEnd, askedEnd := scale(r.Allowed), scale(r.Allowed+r.Asked)
	var b strings.Builder
	cells, last := 0, ""
	for pos := 0; pos < end; pos += 8 {
		mid := pos + 4
		if mid >= end {
			mid = end - 1
		}
		colour := ansiRed
		switch {
		case mid < allowedEnd:
			colour = ansiGreen
		case mid < askedEnd:
			colour = ansiYellow
		}
		if colour != last {
			b.WriteString(colour)
			last = colour
		}
		width := end - pos
		if width > 8 {
			width = 8
		}
		b.WriteRune(eighths[width-1])
		cells++
	}
	if last != "" {
		b.WriteString(ansiReset)
	}
	b.WriteString(strings.Repeat(" ", barWidth-cells))
	return b.String()
}
