package parse

import (
	"slices"
	"strings"

	"github.com/guardsh/guard/internal/lazy"
	"github.com/guardsh/guard/internal/wordlist"
)

// A dataframe written to a file replaces the file's content with the
// frame's rows. Written from a frame that has no rows (pd.DataFrame(),
// pl.DataFrame(schema=...), df.head(0), df.iloc[:0]), it leaves the file
// with a header at most: the same as emptying it, and read so (truncate
// -s 0 of the path). A frame with rows is content like any other and
// passes where a write of text would.

// frameWriters are the pandas and polars methods that write a frame to
// the file named by their first argument.
const frameWriters = "to_csv to_parquet to_excel to_json to_feather to_pickle to_orc to_stata to_xml " +
	"write_csv write_parquet write_ipc write_json write_ndjson write_excel write_avro"

// framePathKeys are the keyword arguments that name the file instead.
var framePathKeys = [...]string{"path_or_buf", "path", "file", "excel_writer", "fname", "target"}

// emptyFrameExpr matches an expression, without spaces, that makes a frame
// with no rows.
var emptyFrameExpr = lazy.Regexp{Expr: `^(?:[\w.]*\.)?(?:DataFrame|LazyFrame)\((?:|\[\]|\{\}|(?:columns|schema|dtype|index)=.*)\)(?:\.\w+\(\))*$|` +
	`(?:\.head\((?:n=)?0\)|\.iloc\[0?:0(?:,:)?\]|\[0?:0\]|\.clear\(\)|\.limit\(0\)|\.loc\[\[\]\])$`}

// frameEmptied returns the path a frame writer at name fills with a frame
// that has no rows.
func (w *walker) frameEmptied(s *codeScan, name, recv string, raw []string) (strExpr, bool) {
	if !wordlist.Has(frameWriters, name) || recv == "" || !w.emptyFrame(s, recv) {
		return nil, false
	}
	var path string
	for i, a := range raw {
		key, val, kw := strings.Cut(a, "=")
		key = strings.TrimSpace(key)
		kw = kw && key != "" && strings.Trim(key, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_") == ""
		switch {
		case kw && (key == "mode" || key == "if_sheet_exists") && !strings.Contains(val, "w"):
			// mode='a': the frame's rows (none) are added.
			return nil, false
		case kw && slices.Contains(framePathKeys[:], key):
			path = strings.TrimSpace(val)
		case !kw && i == 0:
			path = a
		}
	}
	if path == "" {
		// df.to_csv() returns the text.
		return nil, false
	}
	e, end := s.sub(path).expr(0)
	if e == nil || end < len(path) {
		return nil, false
	}
	return e, true
}

// emptyFrame reports whether a receiver makes a frame with no rows, or is
// a name the code assigned such a frame to once.
func (w *walker) emptyFrame(s *codeScan, recv string) bool {
	if emptyFrameExpr.Get().MatchString(compactSpaces(recv)) {
		return true
	}
	t := s.top()
	if t.vars == nil {
		t.vars = assignments(t.code, t.lang)
	}
	at, ok := t.vars[recv]
	if !ok || at < 0 {
		return false
	}
	end := statementEnd(t.code, at)
	return end > at && emptyFrameExpr.Get().MatchString(compactSpaces(t.code[at:end]))
}

// compactSpaces returns s without blanks.
func compactSpaces(s string) string {
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '\t' || r == '\n' || r == '\r' {
			return -1
		}
		return r
	}, s)
}
