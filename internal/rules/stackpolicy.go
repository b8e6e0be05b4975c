package rules

import (
	"encoding/json"
	"strings"

	"github.com/guardsh/guard/internal/parse"
)

// This file holds the matcher of a CloudFormation stack policy that
// protects nothing: a policy whose statements allow every update
// (Update:*, or Update:Replace and Update:Delete) on every resource and
// deny none. A stack policy is what stops an update from replacing or
// deleting a stack's database or bucket; set to allow everything, the
// next template change may take them with it.

// newStackPolicyOpen matches aws cloudformation set-stack-policy (and an
// update's --stack-policy-during-update-body) whose policy, inline or
// from a file:// the command can read, allows replacing and deleting
// every resource and denies nothing.
func newStackPolicyOpen(with map[string]any) (matchFunc, error) {
	p := newParams(with)
	opts := p.strings("options")
	if err := p.done(); err != nil {
		return nil, err
	}
	if len(opts) == 0 {
		opts = []string{"--stack-policy-body", "--stack-policy-during-update-body"}
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		for _, val := range optionValues(inv, opts) {
			text, _, ok := payloadText(inv, val, ctx)
			if !ok {
				continue
			}
			if why := openStackPolicy(text); why != "" {
				return why, true
			}
		}
		return "", false
	}, nil
}

// openStackPolicy says why a stack policy protects no resource, or
// returns "".
func openStackPolicy(text string) string {
	var doc struct {
		Statement json.RawMessage
	}
	if json.Unmarshal([]byte(strings.TrimSpace(text)), &doc) != nil || len(doc.Statement) == 0 {
		return ""
	}
	var stmts []map[string]any
	if json.Unmarshal(doc.Statement, &stmts) != nil {
		var one map[string]any
		if json.Unmarshal(doc.Statement, &one) != nil {
			return ""
		}
		stmts = []map[string]any{one}
	}
	replace, del := false, false
	for _, st := range stmts {
		effect, _ := st["Effect"].(string)
		if strings.EqualFold(effect, "Deny") {
			// Something is still protected.
			return ""
		}
		if !strings.EqualFold(effect, "Allow") || !everyResource(st) {
			continue
		}
		for _, a := range policyStrings(st["Action"]) {
			switch strings.ToLower(a) {
			case "update:*", "*":
				replace, del = true, true
			case "update:replace":
				replace = true
			case "update:delete":
				del = true
			}
		}
		if len(policyStrings(st["NotAction"])) > 0 {
			// NotAction allows all but what it names; read as allowing
			// replacement and deletion unless it names them.
			not := strings.ToLower(strings.Join(policyStrings(st["NotAction"]), " "))
			if !strings.Contains(not, "update:replace") && !strings.Contains(not, "update:*") {
				replace = true
			}
			if !strings.Contains(not, "update:delete") && !strings.Contains(not, "update:*") {
				del = true
			}
		}
	}
	if replace && del {
		return "the stack policy allows every update, replacement and deletion included, on every resource and denies none"
	}
	return ""
}

// everyResource reports whether a statement applies to every resource
// of the stack: Resource "*" or LogicalResourceId/*.
func everyResource(st map[string]any) bool {
	for _, r := range policyStrings(st["Resource"]) {
		if r == "*" || strings.EqualFold(r, "LogicalResourceId/*") {
			return true
		}
	}
	return false
}

// policyStrings returns a policy field that is a string or a list of
// strings.
func policyStrings(v any) []string {
	switch x := v.(type) {
	case string:
		return []string{x}
	case []any:
		out := make([]string, 0, len(x))
		for _, e := range x {
			if s, ok := e.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}
