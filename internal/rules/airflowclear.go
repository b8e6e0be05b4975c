package rules

import (
	"strings"
	"time"

	"github.com/guardsh/guard/internal/parse"
)

// airflow tasks clear resets the task instances it selects, so that the
// scheduler runs them again: over a long range of dates every load in it
// runs again over the tables it wrote, and the runs' state is gone. The
// airflow-clear-range matcher asks when the range has no start (every
// run of the DAG; with no end it runs to now), is only known at run
// time, or spans more than a week. Clearing only the failed instances (--only-failed) passes,
// since those are the runs that did not land.

// airflowClearSpan is the longest range of dates cleared without asking.
const airflowClearSpan = 7 * 24 * time.Hour

func newAirflowClearRange(with map[string]any) (matchFunc, error) {
	p := newParams(with)
	if err := p.done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		var start, end string
		args := inv.Own()
		for i := 1; i < len(args); i++ {
			name, val, eq := strings.Cut(args[i].Value, "=")
			switch name {
			case "--only-failed", "-f":
				return "", false
			case "-s", "--start-date", "-e", "--end-date":
			default:
				continue
			}
			a := args[i]
			if !eq {
				if i+1 >= len(args) {
					break
				}
				i++
				a = args[i]
				val = a.Value
			}
			if a.Dynamic {
				return "it clears a range of runs only known at run time", true
			}
			if name == "-s" || name == "--start-date" {
				start = val
			} else {
				end = val
			}
		}
		if start == "" {
			return "with no start date it clears every run of the DAG, so each one runs again", true
		}
		s, err1 := time.Parse("2006-01-02", firstN(start, 10))
		e, err2 := time.Now(), error(nil)
		if end != "" {
			// With no end date the range runs to now.
			e, err2 = time.Parse("2006-01-02", firstN(end, 10))
		}
		if err1 != nil || err2 != nil || e.Sub(s) > airflowClearSpan {
			return "it clears more than a week of runs, so each one runs again over the data it wrote", true
		}
		return "", false
	}, nil
}

// firstN returns at most the first n bytes of s.
func firstN(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}
