package rules

import (
	"strconv"

	"github.com/guardsh/guard/internal/lazy"
	"github.com/guardsh/guard/internal/parse"
)

// A RabbitMQ policy whose definition caps a queue at nothing drops the
// messages: "max-length": 0 or "max-length-bytes": 0 discard what every
// matching queue holds and receives, and a "message-ttl" under a minute
// expires messages before a consumer sees them. The queue-policy-drops
// matcher reads the definition however the policy is set
// (rabbitmqctl set_policy, set_operator_policy, rabbitmqadmin declare
// policy definition=...).

// queueLimit finds a length or TTL limit in a policy's JSON definition.
var queueLimit = lazy.Regexp{Expr: `"(max-length|max-length-bytes|message-ttl)"\s*:\s*"?([0-9]+)`}

// queuePolicyDrops returns the limit in text that drops messages, or "".
func queuePolicyDrops(text string) string {
	for _, m := range queueLimit.Get().FindAllStringSubmatch(text, 8) {
		n, err := strconv.Atoi(m[2])
		if err != nil {
			continue
		}
		switch {
		case m[1] != "message-ttl" && n == 0:
			return m[1] + " is 0: every message is dropped"
		case m[1] == "message-ttl" && n < 60000:
			return "message-ttl is " + m[2] + " ms: messages expire before they are read"
		}
	}
	return ""
}

// queuePolicyArgs returns the limit in inv's arguments that drops
// messages, or "".
func queuePolicyArgs(inv *parse.Invocation) string {
	for _, a := range inv.Args[1:] {
		if d := queuePolicyDrops(a.Value); d != "" && !a.Dynamic {
			return d
		}
	}
	return ""
}

func newQueuePolicyDrops(with map[string]any) (matchFunc, error) {
	return detailMatcher(with, queuePolicyArgs)
}
