package rules

import (
	"strings"

	"github.com/guardsh/guard/internal/parse"
	"github.com/guardsh/guard/internal/wordlist"
)

// IBM MQ's runmqsc reads MQSC commands on stdin and runs them against a
// queue manager: DELETE QLOCAL(X) deletes a queue with its messages,
// CLEAR QLOCAL(X) empties it. The mqsc-destroys matcher reads the text
// (a heredoc, echo or printf piped in, a here-string) line by line; a
// script it cannot read (a file, another program's output) asks, since
// it may hold either. runmqsc -v only checks the commands, and -n works
// on the local client channel table.

// mqscVerbs are the MQSC verbs that delete objects or messages.
const mqscVerbs = "DELETE DEL CLEAR"

// mqscDestroys returns the first destructive MQSC command of text, or "":
// a deletion (DELETE, CLEAR), a channel or listener stopped, or the queue
// manager's security switched off (mqscSecurityOff).
func mqscDestroys(text string) string {
	for _, line := range strings.Split(text, "\n") {
		for _, stmt := range strings.Split(line, ";") {
			f := strings.Fields(stmt)
			if len(f) == 0 {
				continue
			}
			verb := strings.ToUpper(f[0])
			switch {
			case wordlist.Has(mqscVerbs, verb):
				return strings.TrimSpace(stmt)
			case verb == "STOP" && len(f) > 1 && mqscObject(f[1], "CHANNEL CHL LISTENER SERVICE"):
				return strings.TrimSpace(stmt)
			case mqscSecurityOff(verb, strings.ToUpper(stmt)):
				return strings.TrimSpace(stmt)
			}
		}
	}
	return ""
}

// mqscObject reports whether word (CHANNEL(TO.HUB), LISTENER) names one
// of the object types in types.
func mqscObject(word, types string) bool {
	w, _, _ := strings.Cut(strings.ToUpper(word), "(")
	return wordlist.Has(types, w)
}

// mqscSecurityOff reports whether an MQSC command (upper case) turns a
// queue manager's access checks off: channel authentication records
// disabled (ALTER QMGR CHLAUTH(DISABLED)), connection authentication
// emptied (CONNAUTH(' ')), a blocking rule removed (SET CHLAUTH ...
// ACTION(REMOVE) of a BLOCKUSER or BLOCKADDR record), or every
// authority record of a profile removed (SET AUTHREC ... AUTHRMV(ALL)).
func mqscSecurityOff(verb, stmt string) bool {
	compact := strings.Join(strings.Fields(stmt), "")
	switch verb {
	case "ALTER":
		return strings.Contains(compact, "CHLAUTH(DISABLED)") || strings.Contains(compact, "CONNAUTH('')") ||
			strings.Contains(compact, `CONNAUTH("")`) || strings.Contains(compact, "CONNAUTH()")
	case "SET":
		if strings.Contains(compact, "ACTION(REMOVE") && (strings.Contains(compact, "BLOCKUSER") || strings.Contains(compact, "BLOCKADDR")) {
			return true
		}
		return strings.HasPrefix(compact, "SETAUTHREC") && strings.Contains(compact, "AUTHRMV(ALL)")
	}
	return false
}

func newMqscDestroys(with map[string]any) (matchFunc, error) {
	if err := newParams(with).done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		for _, a := range inv.Args[1:] {
			if a.Value == "-v" || a.Value == "-n" || strings.HasPrefix(a.Value, "-") && !strings.HasPrefix(a.Value, "--") && strings.ContainsAny(a.Value[1:], "vn") && len(a.Value) <= 4 {
				return "", false
			}
		}
		switch in := inv.Stdin; in.Kind {
		case parse.Known:
			if s := mqscDestroys(in.Text); s != "" {
				return "it runs " + parse.Quote(s), true
			}
		case parse.Unknown:
			if text, ok := writtenText(inv, in.File()); ok {
				if s := mqscDestroys(text); s != "" {
					return "it runs " + parse.Quote(s), true
				}
				return "", false
			}
			return "the MQSC commands it runs come from " + in.From + ", which guard cannot read", true
		}
		return "", false
	}, nil
}

// newFedBy matches a program whose stdin is piped from the invocation
// just before it, when that one's arguments hold one of words: python
// manage.py sqlflush | python manage.py dbshell runs the flush that
// sqlflush only prints.
func newFedBy(with map[string]any) (matchFunc, error) {
	p := newParams(with)
	words := p.strings("words")
	if err := p.done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		if len(ctx.before) == 0 {
			return "", false
		}
		prev := ctx.before[len(ctx.before)-1]
		if inv.Stdin.Kind != parse.Unknown || !pipedText(ctx.text, prev, inv) {
			return "", false
		}
		for _, a := range prev.Args[1:] {
			for _, w := range words {
				if !a.Dynamic && a.Value == w {
					return "it runs what " + w + " prints", true
				}
			}
		}
		return "", false
	}, nil
}

// newDlqDiscards matches IBM MQ's dead-letter handler (runmqdlq) run with
// a rules table that discards messages: ACTION(DISCARD) anywhere in the
// table it reads on stdin, in any case and spacing. A table guard cannot
// read asks, as an MQSC script does.
func newDlqDiscards(with map[string]any) (matchFunc, error) {
	if err := newParams(with).done(); err != nil {
		return nil, err
	}
	discards := func(text string) bool {
		return strings.Contains(strings.ToUpper(strings.Join(strings.Fields(text), "")), "ACTION(DISCARD)")
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		switch in := inv.Stdin; in.Kind {
		case parse.Known:
			if discards(in.Text) {
				return "its rules discard messages (ACTION(DISCARD))", true
			}
		case parse.Unknown:
			if text, ok := writtenText(inv, in.File()); ok {
				if discards(text) {
					return "its rules discard messages (ACTION(DISCARD))", true
				}
				return "", false
			}
			return "the rules it runs come from " + in.From + ", which guard cannot read", true
		}
		return "", false
	}, nil
}
