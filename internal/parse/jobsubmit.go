package parse

import (
	"encoding/json"
	"strings"

	"github.com/guardsh/guard/internal/lazy"
)

// A Ray cluster runs the command a job submission carries: the
// entrypoint of ray job submit (a runner in the table), of the Jobs REST
// API (a POST to /api/jobs/ on the dashboard, port 8265, whose JSON body
// has an "entrypoint" string) and of the Python SDK
// (JobSubmissionClient(...).submit_job(entrypoint="...")). The
// entrypoint is shell code, run on the cluster, so it is analysed as
// running there.

// rayJobsPath reports whether a URL names the Ray Jobs API's collection
// of jobs, to which a POST submits one.
func rayJobsPath(url string) bool {
	if i := strings.IndexAny(url, "?#"); i >= 0 {
		url = url[:i]
	}
	url = strings.TrimSuffix(url, "/")
	return strings.HasSuffix(url, "/api/jobs")
}

// jobHost returns the host of a URL, for where a job runs.
func jobHost(url string) string {
	if _, rest, ok := strings.Cut(url, "://"); ok {
		url = rest
	}
	if i := strings.IndexByte(url, '/'); i >= 0 {
		url = url[:i]
	}
	return url
}

// curlDataOptions are curl's options whose value is the request body.
const curlDataOptions = "-d --data --data-raw --data-binary --data-ascii --json"

// httpJobSubmit analyses the entrypoint of a Ray job that an HTTP
// client's request submits: curl -X POST http://head:8265/api/jobs/ -d
// '{"entrypoint": "python train.py"}', or httpie's entrypoint='...'
// item. A body guard cannot read is left to the HTTP rules.
func (w *walker) httpJobSubmit(c call, name string) {
	url := ""
	for _, a := range c.args[1:] {
		v := a.Value
		if !a.Dynamic && !strings.HasPrefix(v, "-") && rayJobsPath(v) {
			url = v
			break
		}
	}
	if url == "" {
		return
	}
	var entrypoints []string
	args := c.args
	for i := 1; i < len(args); i++ {
		a := args[i]
		if a.Dynamic {
			continue
		}
		v := a.Value
		body := ""
		switch {
		case name != "curl" && name != "curlie":
			// httpie and xh: entrypoint='...' and entrypoint:='"..."'.
			if s, ok := strings.CutPrefix(v, "entrypoint="); ok {
				entrypoints = append(entrypoints, s)
			} else if s, ok := strings.CutPrefix(v, "entrypoint:="); ok {
				var e string
				if json.Unmarshal([]byte(s), &e) == nil {
					entrypoints = append(entrypoints, e)
				}
			}
			continue
		case strings.HasPrefix(v, "--") && strings.Contains(v, "="):
			opt, val, _ := strings.Cut(v, "=")
			if !hasWord(curlDataOptions, opt) {
				continue
			}
			body = val
		case hasWord(curlDataOptions, v) && i+1 < len(args):
			i++
			if args[i].Dynamic {
				continue
			}
			body = args[i].Value
		case strings.HasPrefix(v, "-d") && len(v) > 2:
			body = v[2:]
		default:
			continue
		}
		var m map[string]any
		if json.Unmarshal([]byte(body), &m) != nil {
			continue
		}
		if e, ok := m["entrypoint"].(string); ok {
			entrypoints = append(entrypoints, e)
		}
	}
	if len(entrypoints) == 0 {
		return
	}
	host := jobHost(url)
	n := w.remoteWalker(c, strings.TrimSpace(name+" "+host+" /api/jobs"), strings.TrimSpace("ray cluster "+host))
	cc := c
	cc.redirs = nil
	for _, e := range entrypoints {
		n.codeWord(cc, Word{Value: e}, "", Input{})
	}
}

// hasWord reports whether words, separated by spaces, holds word.
func hasWord(words, word string) bool {
	for w := range strings.FieldsSeq(words) {
		if w == word {
			return true
		}
	}
	return false
}

// submitJobCall matches a call of the Ray SDK's submit_job, up to its
// opening parenthesis.
var submitJobCall = lazy.Regexp{Expr: `\bsubmit_job\s*\(`}

// entrypointKeyword matches the entrypoint keyword argument of a call.
var entrypointKeyword = lazy.Regexp{Expr: `\bentrypoint\s*=\s*`}

// codeJobSubmit analyses the entrypoints of the Ray jobs Python code
// submits: client.submit_job(entrypoint="rm -rf /data"). An entrypoint
// built when the code runs is dynamic code.
func (w *walker) codeJobSubmit(c call, s *codeScan, name string) {
	code := s.code
	if !strings.Contains(code, "submit_job") {
		return
	}
	for _, m := range submitJobCall.Get().FindAllStringIndex(code, 8) {
		open := m[1] - 1
		end := matching(code, open, '(', ')')
		k := entrypointKeyword.Get().FindStringIndex(code[open:end])
		if k == nil {
			continue
		}
		e, _ := s.expr(open + k[1])
		n := w.remoteWalker(c, name+" code submit_job", "ray cluster")
		n.shellCode(c, name, "", e)
	}
}
