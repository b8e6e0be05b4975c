package rules

import "strings"

// lossOption reports whether an option's name says that the run it
// belongs to deletes what a deploy or a schema push leaves out:
// Salesforce's --post-destructive-changes and --pre-destructive-changes
// (and sfdx's fused --postdestructivechanges), which delete the
// components a manifest lists from the org, --purge-on-delete, which
// skips the recycle bin for them, and --accept-data-loss,
// --allow-data-loss or --allow-destructive, which let a push drop what the
// new schema lacks. The verbs are not at the start of these names, so
// destroyOption does not read them.
func lossOption(bare string) bool {
	if !strings.Contains(bare, "estructive") && !strings.Contains(bare, "oss") && !strings.Contains(bare, "urge") {
		// Most options: no allocation on the path every option takes.
		return false
	}
	var buf [maxParts]string
	n := splitParts(bare, buf[:])
	low := strings.ToLower(bare)
	switch {
	case strings.Contains(low, "destructivechange"), strings.Contains(low, "purgeondelete"):
		// sfdx's fused spellings.
		return true
	case n == 0:
		return false
	}
	for i := 0; i < n; i++ {
		p := strings.ToLower(buf[i])
		prev, next := "", ""
		if i > 0 {
			prev = strings.ToLower(buf[i-1])
		}
		if i+1 < n {
			next = strings.ToLower(buf[i+1])
		}
		switch prev {
		case "no", "non", "skip", "ignore", "without", "deny", "check", "warn":
			// --no-destructive-changes, --non-destructive: the safeguard.
			continue
		}
		switch {
		case p == "destructive" && (next == "changes" || next == "change" || n == 1 || prev == "allow"):
			return true
		case p == "data" && next == "loss" && (prev == "accept" || prev == "allow"):
			return true
		case p == "purge" && next == "on" && i+2 < n && strings.EqualFold(buf[i+2], "delete"):
			return true
		}
	}
	return false
}

// lossOptionIn reports whether a loss option is given to a run that does
// more than check: sf project deploy validate and deploy preview only
// report what a deploy with destructive changes would delete.
func lossOptionIn(bare string, v *view) bool {
	if !lossOption(bare) {
		return false
	}
	for k, op := range v.operands {
		if k >= 4 {
			break
		}
		switch strings.ToLower(op.Value) {
		case "validate", "preview", "report", "check", "plan":
			return false
		}
	}
	return true
}
