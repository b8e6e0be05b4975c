package rules

import (
	"regexp"
	"strings"

	"github.com/guardsh/guard/internal/httpreq"
	"github.com/guardsh/guard/internal/lazy"
	"github.com/guardsh/guard/internal/wordlist"
)

// RPC protocols over HTTP name the call outside the path: SOAP in the
// SOAPAction header, in the action parameter of its content type, or as
// the first element of the envelope's Body; XML-RPC in methodName; the
// AWS JSON protocol in the X-Amz-Target header (DynamoDB_20120810.
// DeleteTable). A call whose name destroys asks like a path that does.
// The same names, and Google's custom methods (documents:runQuery,
// models/x:generateContent), also say when a POST only reads: such a call
// changes nothing on a cloud provider's API, and the write rule leaves it.

var (
	soapBody = lazy.Value[*regexp.Regexp]{Make: func() *regexp.Regexp {
		return regexp.MustCompile(`(?is)<\s*(?:[\w.-]+:)?body\b[^>]*>\s*(?:<!--.*?-->\s*)*<\s*(?:[\w.-]+:)?([\w.-]+)`)
	}}
	xmlRPCMethod = lazy.Value[*regexp.Regexp]{Make: func() *regexp.Regexp {
		return regexp.MustCompile(`(?is)<\s*methodName\s*>\s*([\w.:-]+)\s*<`)
	}}
	soapActionParam = lazy.Value[*regexp.Regexp]{Make: func() *regexp.Regexp {
		return regexp.MustCompile(`(?i)\baction\s*=\s*"?([^";]+)`)
	}}
)

// rpcCalls returns the names of the calls a request makes through an RPC
// protocol of this file, each as written (urn:PurgeMailbox,
// DynamoDB_20120810.DeleteTable, wp.deletePost).
func rpcCalls(r *httpreq.Request) []string {
	var out []string
	for _, h := range r.Headers {
		switch strings.ToLower(h.Name) {
		case "soapaction", "x-amz-target":
			if v := strings.Trim(strings.TrimSpace(h.Value), `"'`); v != "" {
				out = append(out, v)
			}
		case "content-type":
			if strings.Contains(strings.ToLower(h.Value), "soap") {
				if m := soapActionParam.Get().FindStringSubmatch(h.Value); m != nil {
					out = append(out, m[1])
				}
			}
		}
	}
	if strings.HasSuffix(r.Host, ".amazonaws.com") && r.Mentions("action") {
		// The AWS Query protocol: Action=TerminateInstances.
		for _, v := range r.Values() {
			if v.Key == "Action" {
				out = append(out, v.Text)
			}
		}
	}
	for _, p := range r.Body {
		if p.Name != "" || !strings.Contains(p.Value, "<") {
			continue
		}
		for _, re := range [...]*regexp.Regexp{soapBody.Get(), xmlRPCMethod.Get()} {
			if m := re.FindStringSubmatch(p.Value); m != nil {
				out = append(out, m[1])
			}
		}
	}
	return out
}

// callName returns the operation of a call name: the part after the last
// slash, hash, colon or dot (urn:PurgeMailbox is PurgeMailbox,
// http://tempuri.org/IService/DeleteCustomer is DeleteCustomer).
func callName(s string) string {
	return s[strings.LastIndexAny(s, "/#:.")+1:]
}

// rpcDestroys says why a request's RPC call destroys, or returns "".
func rpcDestroys(r *httpreq.Request) string {
	if len(r.Headers) == 0 && !bodyMentions(r, "<") {
		return ""
	}
	for _, c := range rpcCalls(r) {
		name := callName(c)
		if v := destroyVerb(name); v != "" {
			return "whose RPC call " + name + " says " + v
		}
	}
	return ""
}

// rpcReadVerbs are the first words of calls that only read or compute:
// getIamPolicy, runQuery, batchGet, generateContent, DescribeTable.
const rpcReadVerbs = "get list search query lookup describe test count analyze annotate generate embed predict " +
	"recognize synthesize translate detect classify moderate explain check validate fetch read scan find " +
	"estimate preview compute tokenize summarize transcribe retrieve verify inspect diff aggregate " +
	"fetchall peek watch listen infer receive poll"

// rpcReadPrefixes are words that may come before the verb: batchGet,
// runQuery, streamGenerateContent, BatchGetItem.
const rpcReadPrefixes = "batch run stream async aggregation"

// cloudUnchanged reports whether a request that is not a GET still
// changes none of a cloud provider's resources: it only reads
// (readOnlyCall), or it goes to the user's own application behind the
// provider's gateway (API Gateway's execute-api hosts), whose writes are
// the application's.
func cloudUnchanged(r *httpreq.Request) bool {
	if strings.Contains(r.Host, ".execute-api.") && strings.HasSuffix(r.Host, ".amazonaws.com") {
		return true
	}
	return readOnlyCall(r)
}

// readOnlyCall reports whether a POST only reads: an RPC call of this
// file or a custom method in the last path segment (projects:search,
// documents:runQuery, models/gemini-pro:generateContent) whose name starts
// with one of rpcReadVerbs and holds no destructive verb, a last path
// segment so named, a model's inference on a provider's runtime or a
// translation, or a token exchange.
func readOnlyCall(r *httpreq.Request) bool {
	if r.Method != "POST" {
		return false
	}
	path := strings.ToLower(r.Path)
	switch {
	case strings.HasPrefix(r.Host, "bedrock-runtime.") || strings.HasPrefix(r.Host, "runtime.sagemaker."):
		return true
	case r.Host == "oauth2.googleapis.com" || r.Host == "sts.googleapis.com" || r.Host == "sts.amazonaws.com" ||
		r.Host == "translation.googleapis.com":
		return true
	case strings.HasSuffix(path, "/providers/microsoft.resourcegraph/resources"):
		return true
	case strings.HasSuffix(path, "/token") && strings.Contains(path, "oauth"):
		// An OAuth token endpoint (www.googleapis.com/oauth2/v4/token).
		return true
	}
	names := rpcCalls(r)
	seg := r.Path[strings.LastIndexByte(r.Path, '/')+1:]
	if i := strings.LastIndexByte(seg, ':'); i >= 0 {
		names = append(names, seg[i+1:])
	} else if len(names) == 0 && readName(seg) {
		// Azure's POST actions (.../listKeys, .../config/appsettings/list)
		// and search endpoints (/v1/documents/search) name the call last.
		names = append(names, seg)
	}
	if len(names) == 0 {
		return false
	}
	for _, n := range names {
		if !readName(callName(n)) {
			return false
		}
	}
	return true
}

// readName reports whether a call's name starts with one of rpcReadVerbs,
// after rpcReadPrefixes, and holds no destructive verb.
func readName(name string) bool {
	if destroyVerb(name) != "" {
		return false
	}
	for _, p := range httpreq.WordParts(name) {
		if wordlist.Has(rpcReadPrefixes, p) {
			continue
		}
		return wordlist.Has(rpcReadVerbs, p)
	}
	return false
}
