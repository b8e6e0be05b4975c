package rules

import (
	"errors"
	"path"
	"strings"

	"github.com/guardsh/guard/internal/parse"
)

// This file holds the matcher for destructive requests carried inside a
// structured option of a cloud CLI: a Route 53 change batch whose
// changes DELETE records, a DynamoDB batch of DeleteRequests. The
// subcommand (change-resource-record-sets, batch-write-item) says
// nothing about what it does; the payload does.

// newPayload matches a command whose payload option holds a destructive
// request. with.options are the options that carry it (--change-batch,
// --cli-input-json); with.contains are what a destructive payload holds,
// compared after lower-casing and removing spaces and quotes, so that
// "Action": "DELETE" (JSON), Action: DELETE (YAML) and Action=DELETE
// (the AWS CLI's shorthand) are action:delete or action=delete. with.what
// names the payload for messages.
//
// The payload is read where the CLI reads it: inline, from a file://
// or fileb:// file that the same command wrote or, when guard reads the
// disk, that exists, and from stdin (file:///dev/stdin with a heredoc).
// A payload guard cannot read (a file it may not read, one only named at
// run time, $(cat x.json), a pipe) fails closed: it matches, since it may
// hold a deletion. With with.default, a command that gives none of the
// options is judged by that file, which the CLI reads then; with
// with.paths, the options' values are file names (gcloud's
// --transaction-file), not payloads; with
// with.required, such a command matches (the request may come from
// elsewhere).
func newPayload(with map[string]any) (matchFunc, error) {
	p := newParams(with)
	opts := p.strings("options")
	needles := p.strings("contains")
	what := p.string("what", "the request")
	required := p.bool("required", false)
	def := p.string("default", "")
	paths := p.bool("paths", false)
	if err := p.done(); err != nil {
		return nil, err
	}
	if len(opts) == 0 || len(needles) == 0 {
		return nil, errors.New("payload needs options and contains")
	}
	squashed := make([]string, len(needles))
	for i, n := range needles {
		squashed[i] = squash(n)
	}
	// judge reads one payload: what it holds, or that it cannot be read.
	judge := func(inv *parse.Invocation, val parse.Word, ctx *Context) (string, bool) {
		if paths && !strings.HasPrefix(val.Value, "file://") {
			val.Value = "file://" + val.Value
		}
		text, from, ok := payloadText(inv, val, ctx)
		if !ok {
			return "guard cannot read " + what + " (" + from + "), which may delete", true
		}
		norm := squash(text)
		for i, n := range squashed {
			if strings.Contains(norm, n) {
				return what + " holds " + needles[i], true
			}
		}
		return "", false
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		vals := optionValues(inv, opts)
		for _, val := range vals {
			if d, ok := judge(inv, val, ctx); ok {
				return d, true
			}
		}
		switch {
		case len(vals) > 0:
			return "", false
		case def != "":
			// The file the CLI reads when no option names one: gcloud dns
			// record-sets transaction execute reads transaction.yaml.
			return judge(inv, parse.Word{Value: "file://" + def}, ctx)
		case required:
			return "guard cannot see " + what + ", which may delete", true
		}
		return "", false
	}, nil
}

// optionValues returns the values the command gives the named options,
// as --opt value or --opt=value, in the program's own arguments.
func optionValues(inv *parse.Invocation, opts []string) []parse.Word {
	args := inv.Own()
	var out []parse.Word
	for i := 1; i < len(args); i++ {
		a := args[i].Value
		if a == "--" {
			break
		}
		for _, o := range opts {
			switch {
			case a == o && i+1 < len(args):
				out = append(out, args[i+1])
				i++
			case strings.HasPrefix(a, o+"="):
				w := args[i]
				w.Value = a[len(o)+1:]
				out = append(out, w)
			default:
				continue
			}
			break
		}
	}
	return out
}

// payloadText returns the text a payload option gives the CLI, and where
// it comes from for messages. ok is false when guard cannot know it.
func payloadText(inv *parse.Invocation, w parse.Word, ctx *Context) (text, from string, ok bool) {
	if w.Dynamic {
		return "", parse.Quote(w.Value), false
	}
	val := w.Value
	name, isFile := strings.CutPrefix(val, "file://")
	if !isFile {
		name, isFile = strings.CutPrefix(val, "fileb://")
	}
	if !isFile {
		return val, "", true
	}
	from = parse.Quote(val)
	switch name {
	case "/dev/stdin", "/dev/fd/0", "/proc/self/fd/0":
		if inv.Stdin.Kind == parse.Known {
			return inv.Stdin.Text, from, true
		}
		return "", from, false
	}
	if text, ok := writtenText(inv, name); ok {
		return text, from, true
	}
	if ctx == nil || ctx.probe(inv) == nil || ctx.stale() || name == "" {
		// guard does not read the disk, the file is on another machine,
		// or an earlier part of the command may write it (jq ... >
		// batch.json) with what guard cannot know.
		return "", from, false
	}
	p := name
	if !path.IsAbs(p) {
		p = path.Join(inv.Dir, p)
	}
	text, err := parse.ReadScript(path.Clean(p))
	if err != nil {
		return "", from, false
	}
	return text, from, true
}

// squash lower-cases text and removes its spaces and quotes, so that a
// key and value compare alike in JSON, YAML and shorthand.
func squash(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range strings.ToLower(s) {
		switch r {
		case ' ', '\t', '\r', '\n', '"', '\'':
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}
