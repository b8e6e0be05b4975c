package main

// confirm asks a person about a command that needs confirmation.
// TODO(shell issue): prompt on the controlling terminal, then the approver.
func (g *guard) confirm(req *request) outcome {
	return outcome{How: "none"}
}

// logDecision appends the decision to the decision log.
// TODO(shell issue): the hash-chained JSONL log.
func (g *guard) logDecision(req *request, out outcome) {}
