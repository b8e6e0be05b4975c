package rules

import (
	"slices"
	"strings"

	"github.com/guardsh/guard/internal/httpreq"
	"github.com/guardsh/guard/internal/lazy"
	"github.com/guardsh/guard/internal/parse"
	"github.com/guardsh/guard/internal/wordlist"
)

// Requests that say they change nothing. A body or query that sets a
// dry-run field (dry_run, dryRun, validate_only, preview, what_if) to true
// asks the API to report what it would do, as Airflow's clear, the
// Kubernetes API's ?dryRun=All and many bulk endpoints take it: the
// request is a preview, whatever its endpoint says. Every such field must
// be on, and all of the body known; GraphQL is left out, where a variable
// may belong to one field of several, and so are data stores' APIs
// (Elasticsearch, etcd) and DELETE requests, which a dry-run field does
// not stop, except the Kubernetes API's ?dryRun=All.
//
// A write sent with a provider's test-mode key changes only that mode's
// test data, for the providers whose key picks the mode
// (testModeHosts): creating a customer with sk_test_ or $STRIPE_TEST_KEY.
// This passes writes (http.cloud-api-write); a delete, a refund or a
// cancel passes only with a literal test key, since a variable named for
// test may hold a live one. A provider's sandbox host (sandboxHosts)
// holds only test accounts and play money, whatever the key: everything
// sent there passes.

// dryRunKeys are the body and query keys, lower case without - and _,
// that turn a request into a preview.
const dryRunKeys = "dryrun validateonly preview whatif simulate"

// dryRunOff finds a dry-run key set off, in a body or a query.
var dryRunOff = lazy.Regexp{Expr: `(?i)(dry[-_]?run|validate[-_]?only|preview|what[-_]?if|simulate)["']?\s*[:=]\s*["']?(false|0|no|off|none)\b`}

// testModeHosts are the APIs whose key says whether a request acts on
// test data or live data.
var testModeHosts = []string{"api.stripe.com", "api.clerk.com", "api.paystack.co"}

// sandboxHosts are payment and billing providers' sandbox APIs, kept
// apart from their live ones by host: PayPal's, Square's, Paddle's,
// Braintree's, Adyen's test endpoints (the live ones hold -live- or no
// test in the host), Checkout.com's, Plaid's, GoCardless's, Wise's,
// Authorize.net's, Klarna's playground; and Okta's preview orgs
// (*.oktapreview.com), its sandbox tier, kept apart from every
// production org's okta.com.
var sandboxHosts = []string{"api-m.sandbox.paypal.com", "api.sandbox.paypal.com", "connect.squareupsandbox.com",
	"sandbox-api.paddle.com", "sandbox-vendors.paddle.com", "payments.sandbox.braintree-api.com",
	"api.sandbox.braintreegateway.com", "*-test.adyen.com", "api.sandbox.checkout.com", "sandbox.plaid.com",
	"api-sandbox.gocardless.com", "api.sandbox.transferwise.tech", "apitest.authorize.net",
	"api.playground.klarna.com", "api.playground.eu.klarna.com", "*.oktapreview.com"}

// sandboxHost reports whether host is a provider's sandbox API.
func sandboxHost(host string) bool {
	return matchAny(sandboxHosts, strings.ToLower(host))
}

// dryRunRequest reports whether a request asks only for a preview. A
// body guard cannot read (-d @config.json) is left to the query: a
// dry-run key there (?validate_only=true, Google's APIs) is the request's.
func dryRunRequest(r *httpreq.Request) bool {
	if len(r.Unread) > 0 && !mentionsDryRun(r.Query) || !mentionsDryRun(r.Query) && !slices.ContainsFunc(r.Body, func(p httpreq.Part) bool { return mentionsDryRun(p.Name) || mentionsDryRun(p.Value) }) || r.IsGraphQL() {
		return false
	}
	st := storeOf(r)
	k8s := st == "the Kubernetes API" && slices.Contains(r.Param("dryRun"), "All")
	if st != "" && !k8s || r.Method == "DELETE" && !k8s {
		// A data store's API ignores a field it does not know, and so
		// does almost every API's DELETE; the Kubernetes API server
		// honours ?dryRun=All.
		return false
	}
	if dryRunOff.Get().MatchString(r.Query) || slices.ContainsFunc(r.Body, func(p httpreq.Part) bool {
		return dryRunOff.Get().MatchString(p.Value) || mentionsDryRun(p.Name) && !truthy(p.Value)
	}) {
		// Values leaves false out: {"dry_run": false} anywhere says the
		// request is real.
		return false
	}
	found := false
	for _, v := range r.Values() {
		key := strings.ToLower(strings.NewReplacer("_", "", "-", "").Replace(v.Key))
		if !wordlist.Has(dryRunKeys, key) {
			continue
		}
		switch strings.ToLower(strings.TrimSpace(v.Text)) {
		case "true", "1", "yes", "on", "all", "server", "client":
			found = true
		default:
			return false
		}
	}
	return found
}

// testModeWrite reports whether a request is sent with a test-mode key
// to an API whose key picks the mode.
func testModeWrite(r *httpreq.Request) bool {
	return r.Credential != nil && r.Credential.Test && slices.Contains(testModeHosts, r.Host)
}

// testModeKey reports whether a request is sent with a literal test-mode
// key (sk_test_...) to an API whose key picks the mode: even a DELETE
// reaches only the test data. A variable whose name says test may hold a
// live key, so it passes writes only (testModeWrite).
func testModeKey(r *httpreq.Request) bool {
	return testModeWrite(r) && r.Credential.Source == httpreq.Literal
}

// testModeThrowaway reports whether a request sent with a test-mode
// credential (the Stripe CLI's own login without --live, a variable
// named for test) deletes one object whose ID says it is a test one
// (cus_TestAbc123, cus_test_4Hf9): what a live key would reach there is
// a fixture too.
func testModeThrowaway(r *httpreq.Request) bool {
	if !testModeWrite(r) || r.Dynamic {
		return false
	}
	last := r.Path[strings.LastIndexByte(r.Path, '/')+1:]
	return last != "" && throwawayName(last) && !keepName(last)
}

// dryRunWords are what a dry-run key holds, for a cheap look before the
// body is decoded.
var dryRunWords = []string{"dry", "validate", "preview", "what", "simulate"}

// mentionsDryRun reports whether s may hold a dry-run key.
func mentionsDryRun(s string) bool {
	if len(s) < 3 {
		return false
	}
	return slices.ContainsFunc(dryRunWords, func(w string) bool { return hasFoldSub(s, w) })
}

// newStripeTestKey matches a Stripe CLI command sent with a literal
// test-mode key (--api-key sk_test_..., STRIPE_API_KEY=sk_test_...
// before it): it reaches only test data, whatever its verb. An allow
// rule, it keeps the verb model from asking about what the HTTP rules
// let pass.
func newStripeTestKey(with map[string]any) (matchFunc, error) {
	if err := newParams(with).done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		reqs := v.httpRequests(inv)
		for i := range reqs {
			if !testModeKey(&reqs[i]) {
				return "", false
			}
		}
		return "the key is a literal test-mode key", len(reqs) > 0
	}, nil
}
