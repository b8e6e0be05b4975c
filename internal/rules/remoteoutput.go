package rules

import (
	"errors"
	"path"
	"strings"

	"github.com/guardsh/guard/internal/httpreq"
	"github.com/guardsh/guard/internal/parse"
)

// newOutputRemote matches a command whose output option (with.options,
// such as elasticdump's --output) names a URL on another machine, or a
// value only known at run time: the tool then writes into that service
// rather than into a file. A URL on this machine passes.
func newOutputRemote(with map[string]any) (matchFunc, error) {
	p := newParams(with)
	opts := p.strings("options")
	if err := p.done(); err != nil {
		return nil, err
	}
	if len(opts) == 0 {
		return nil, errors.New("output-remote needs options")
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		for _, w := range optionValues(inv, opts) {
			s := w.Value
			if w.Dynamic && strings.HasPrefix(s, "$") && !isFileExt(strings.TrimPrefix(path.Ext(s), ".")) {
				// $ES_URL/products; $OUT/products.json is a file.
				return "the output " + parse.Quote(s) + " is only known at run time", true
			}
			lower := strings.ToLower(s)
			if !strings.HasPrefix(lower, "http://") && !strings.HasPrefix(lower, "https://") {
				continue
			}
			host := httpreq.HostOf(s)
			if host == "" {
				return "the output " + parse.Quote(s) + " is a host only known at run time", true
			}
			if !httpreq.IsLoopback(host) {
				return "the output is " + host + ", another machine", true
			}
		}
		return "", false
	}, nil
}
