package rules

import (
	"path"
	"strings"

	"github.com/guardsh/guard/internal/httpreq"
	"github.com/guardsh/guard/internal/parse"
	"github.com/guardsh/guard/internal/wordlist"
)

// Requests that move money or take a payment back, through a payment,
// billing or commerce API. None of them deletes a record, and most are a
// POST, but what they do cannot be undone: a refund sends the money back
// to the customer (Stripe's POST /v1/refunds, Square's /v2/refunds,
// PayPal's /captures/ID/refund, Adyen's /payments/ID/refunds), a void or
// a cancel of a payment, an order, an invoice or a payout takes it back
// before it settles (/payment_intents/ID/cancel, /invoices/ID/void,
// Shopify's /orders/ID/cancel.json, Adyen's /cancels, GoCardless's
// /payments/ID/actions/cancel), a reversal takes a transfer back, and a
// new payout or transfer sends money out of the account. A GraphQL
// mutation says the same in its field's name (Braintree's
// refundTransaction, Shopify's orderCancel and refundCreate), an SDK in
// its method's (stripe.Refund.create, stripe.invoices.voidInvoice,
// gateway.transaction.void).
//
// A cancel, void or reversal counts only when the path or the name says
// it acts on something of a payment: a cancel of a CI run, a job or an
// upload stops an operation, and passes. Reads, a refund's preview or
// calculation (/refunds/calculate.json) and everything a test-mode key or
// a provider's sandbox host sends (httppreview.go) pass.

// moneyNouns are the word parts that name what a payment API holds: a
// cancel, a void or a reversal of one moves money.
const moneyNouns = "payment payments charge charges order orders invoice invoices payout payouts " +
	"transfer transfers transaction transactions capture captures authorization authorizations " +
	"authorisation authorisations intent intents subscription subscriptions mandate mandates " +
	"checkout checkouts sale sales purchase purchases billing booking bookings dispute disputes"

// moneyTakebacks are the word parts of an action that takes a payment
// back when what it acts on is one of moneyNouns.
const moneyTakebacks = "reverse reversal reversals cancel cancels cancellation cancellations"

// refundWords are the word parts that say a refund or a void, whatever
// they act on: a void is said of an invoice, a credit note, a payment
// authorization or a shipping label, and of nothing outside money.
const refundWords = "refund refunds chargeback chargebacks void voids"

// refundObjects are word parts after a refund that make the name a
// thing about refunds rather than the act: refund_policy, refundReasons.
const refundObjects = "policy policies reason reasons settings setting status preview calculate calculation " +
	"estimate eligibility eligible config count list search rules rule"

// moneyOut are the last path segments whose POST makes a new payout or
// transfer: money leaves the account.
const moneyOut = "payouts payout transfers"

// moneyAction says why a name (a REST path's last segment, a GraphQL
// field, an SDK method) refunds or takes a payment back, or returns "".
// context are the names around it (the path before it, the receiver)
// that may say what it acts on.
func moneyAction(name string, context ...string) string {
	parts := httpreq.WordParts(name)
	for i, p := range parts {
		if wordlist.Has(refundWords, p) {
			if i+1 < len(parts) && wordlist.Has(refundObjects, parts[i+1]) {
				return ""
			}
			if p == "void" || p == "voids" {
				return "which voids it: the invoice, payment or note cannot be used or charged again"
			}
			return "which refunds a payment: the money goes back and the refund cannot be taken back"
		}
	}
	verb := ""
	for _, p := range parts {
		if wordlist.Has(moneyTakebacks, p) {
			verb = p
			break
		}
	}
	if verb == "" {
		return ""
	}
	noun := ""
	for _, s := range append([]string{name}, context...) {
		for _, p := range httpreq.WordParts(s) {
			if wordlist.Has(moneyNouns, p) {
				noun = p
				break
			}
		}
		if noun != "" {
			break
		}
	}
	if noun == "" {
		return ""
	}
	switch verb {
	case "reversal", "reversals":
		verb = "reverse"
	case "cancels", "cancellation", "cancellations":
		verb = "cancel"
	}
	return "which " + verb + "s " + article(strings.TrimSuffix(noun, "s")) + ": the money or the service it ends cannot be brought back"
}

// article returns a noun with the indefinite article a message needs: a
// payment, an order, an invoice.
func article(noun string) string {
	if noun != "" && strings.IndexByte("aeiou", noun[0]) >= 0 {
		return "an " + noun
	}
	return "a " + noun
}

// moneyEndpoint says why a POST, PUT or PATCH moves money or takes a
// payment back, or returns "".
func moneyEndpoint(r *httpreq.Request) string {
	if r.Method != "POST" && r.Method != "PUT" && r.Method != "PATCH" {
		return ""
	}
	if why := chainMoneyCall(r); why != "" {
		return why
	}
	segs := strings.Split(strings.Trim(r.Path, "/"), "/")
	last := segs[len(segs)-1]
	if ext := path.Ext(last); ext == ".json" || ext == ".xml" {
		last = strings.TrimSuffix(last, ext)
	}
	if why := moneyAction(last, segs[:len(segs)-1]...); why != "" {
		return why
	}
	if wordlist.Has(moneyOut, strings.ToLower(last)) && r.Method == "POST" {
		return "which sends money out of the account (a new " + strings.TrimSuffix(strings.ToLower(last), "s") + ")"
	}
	if wordlist.Has("search query list preview calculate", strings.ToLower(last)) {
		return ""
	}
	for _, v := range r.Values() {
		switch strings.ToLower(v.Key) {
		case "action", "operation", "op", "command":
			if wordlist.Has(refundWords, strings.ToLower(strings.TrimSpace(v.Text))) {
				return "whose " + v.Key + " is " + v.Text + ": the money goes back and the refund cannot be taken back"
			}
		}
	}
	return ""
}

// graphQLMoney returns the first field of a mutation the request carries
// that refunds or takes a payment back (refundTransaction, orderCancel),
// or "".
func graphQLMoney(r *httpreq.Request) string {
	field, _ := mutationField(r.Documents(), func(name string) bool { return moneyAction(name) != "" })
	return field
}

// moneyCall says why an SDK call in interpreter code refunds, takes a
// payment back or sends a payout (stripe.Refund.create,
// stripe.invoices.voidInvoice, gateway.transaction.void), or returns "".
// The receiver must come from a module: a local object's cancel() is
// anything.
func moneyCall(c parse.CodeCall) string {
	if c.Root == "" || c.Name != "" && c.Name[0] >= 'A' && c.Name[0] <= 'Z' && len(httpreq.WordParts(c.Name)) == 1 {
		// stripe.Refund in stripe.Refund.list(): a class named, not an
		// action taken.
		return ""
	}
	if why := moneyAction(c.Name, lastName(c.Context), c.Context); why != "" {
		return why
	}
	if strings.EqualFold(c.Name, "create") {
		switch strings.TrimSuffix(lastName(c.Context), "s") {
		case "refund":
			return "which refunds a payment: the money goes back and the refund cannot be taken back"
		case "payout", "transfer":
			return "which sends money out of the account (a new " + strings.TrimSuffix(lastName(c.Context), "s") + ")"
		}
	}
	return ""
}

// newCodeMoney matches an SDK call in interpreter code that refunds, takes
// a payment back or sends a payout (moneyCall). Code that names a test or
// sandbox mode and no live one (a literal sk_test_ key,
// braintree.Environment.Sandbox) reaches only play money, and passes.
func newCodeMoney(with map[string]any) (matchFunc, error) {
	if err := newParams(with).done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		if inv.Code == nil || sandboxCode(codeWithEnv(inv)) {
			return "", false
		}
		for _, c := range inv.Code.Calls() {
			if why := moneyCall(c); why != "" {
				return "the " + inv.Code.Lang + " code calls " + callText(c) + " on a client from " + c.Root + ", " + why, true
			}
		}
		return "", false
	}, nil
}

// codeWithEnv returns an invocation's code followed by the values of the
// variables the command sets for it that the code names
// (STRIPE_KEY=sk_test_1 python3 -c "...os.environ['STRIPE_KEY']..."),
// so that a key given that way counts as one written in the code.
func codeWithEnv(inv *parse.Invocation) string {
	text := inv.Code.Text
	for _, a := range inv.Assigns {
		if !a.Value.Dynamic && a.Name != "" && strings.Contains(inv.Code.Text, a.Name) {
			text += "\n" + a.Value.Value
		}
	}
	return text
}

// sandboxCode reports whether code picks a payment provider's test mode
// or sandbox, and no live mode: a literal test key, Braintree's
// Environment.Sandbox, Square's environment='sandbox', PayPal's mode
// "sandbox".
func sandboxCode(text string) bool {
	test := false
	for _, w := range [...]string{"sk_test_", "rk_test_", "Environment.Sandbox", "Environment.SANDBOX", "SandboxEnvironment", "'sandbox'", `"sandbox"`} {
		test = test || strings.Contains(text, w)
	}
	if !test {
		return false
	}
	for _, w := range [...]string{"sk_live_", "rk_live_", "Environment.Production", "Environment.PRODUCTION", "LiveEnvironment", "'live'", `"live"`, "'production'", `"production"`} {
		if strings.Contains(text, w) {
			return false
		}
	}
	return true
}
