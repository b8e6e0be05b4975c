package audit

import (
	"cmp"
	"slices"

	"github.com/guardsh/guard/internal/rules"
)

// Entry is one distinct command that guard would have stopped, with all
// its findings and where it was seen.
type Entry struct {
	// Command is the command's text.
	Command  string
	Action   rules.Action
	Severity rules.Severity
	// Hits are the command's findings, one per rule, most severe first.
	Hits []Hit
	// Count is how many times the command was seen.
	Count int64
	// First and Last are the earliest and latest sightings with a time,
	// or, when no sighting has one, the first and last read.
	First, Last Sighting
	// Times are the times it was seen, at most MaxTimes of them, for the
	// timeline of the HTML report.
	Times []Sighting

	timed bool
}

// MaxEntries bounds how many distinct flagged commands a report keeps, and
// MaxTimes how many sightings each keeps for the timeline, so that memory
// stays bounded whatever the input.
const (
	MaxEntries = 10000
	MaxTimes   = 50
)

// entries gathers the flagged commands by their text.
type entries struct {
	byText map[string]*Entry
	more   int64
}

// add counts a sighting of a flagged command.
func (es *entries) add(text string, v *verdict, s Sighting) {
	if es.byText == nil {
		es.byText = map[string]*Entry{}
	}
	e := es.byText[text]
	if e == nil {
		if len(es.byText) >= MaxEntries {
			es.more++
			return
		}
		e = &Entry{Command: text, First: s, Last: s, timed: !s.Time.IsZero()}
		es.byText[text] = e
	}
	e.Count++
	seen(&e.First, &e.Last, &e.timed, s)
	if !s.Time.IsZero() && len(e.Times) < MaxTimes {
		e.Times = append(e.Times, s)
	}
	// The same text can be decided differently in different directories:
	// the entry keeps every rule that matched, at its highest.
	e.Action = max(e.Action, v.action)
	e.Severity = max(e.Severity, v.severity)
	for _, h := range v.hits {
		i := slices.IndexFunc(e.Hits, func(x Hit) bool { return x.Rule == h.Rule })
		switch {
		case i < 0:
			e.Hits = append(e.Hits, h)
		case h.Severity > e.Hits[i].Severity:
			e.Hits[i] = h
		}
	}
}

// sorted returns the entries most severe first, then denied before asked,
// then the most often seen, then in the order first seen.
func (es *entries) sorted() ([]*Entry, int64) {
	list := make([]*Entry, 0, len(es.byText))
	for _, e := range es.byText {
		slices.SortStableFunc(e.Hits, func(x, y Hit) int {
			return cmp.Or(cmp.Compare(y.Severity, x.Severity), cmp.Compare(y.Action, x.Action))
		})
		list = append(list, e)
	}
	slices.SortFunc(list, func(x, y *Entry) int {
		return cmp.Or(
			cmp.Compare(y.Severity, x.Severity),
			cmp.Compare(y.Action, x.Action),
			cmp.Compare(y.Count, x.Count),
			x.First.Time.Compare(y.First.Time),
			cmp.Compare(x.First.Source, y.First.Source),
			cmp.Compare(x.First.Line, y.First.Line),
			cmp.Compare(x.Command, y.Command))
	})
	return list, es.more
}
