package rules

import (
	"github.com/guardsh/guard/internal/parse"
)

// Text typed into a terminal is input to whatever runs there, and that is
// often a database shell: tmux send-keys -t db 'DROP DATABASE shop;'
// Enter, screen -X stuff 'TRUNCATE orders;^M', zellij action write-chars
// 'FLUSHALL'. The walker judges the text as shell code; the
// typed-statements matcher reads it as SQL, Mongo shell and Redis
// commands too, with the sql matcher's scanner. A test database dropped
// by name stays disposable, as it does on a client's command line.

func newTypedStatements(with map[string]any) (matchFunc, error) {
	want, keepTest, err := sqlKindParams(with)
	if err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		text, target, ok := parse.TypedText(inv)
		if !ok || text.Value == "" {
			return "", false
		}
		w := want
		// The subcommand (send-keys) is no marker; the target and the
		// text are.
		if prodMarker(inv, ctx) == "" && !keepName(target) && !keepName(text.Value) {
			w = keepTest
		}
		if d, found := scanSQL(text.Value, w); found {
			if target != "" {
				return "it types " + d + " into" + target, true
			}
			return "it types " + d + " into a terminal", true
		}
		return "", false
	}, nil
}
