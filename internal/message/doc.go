// Package message holds the words guard uses to tell a person, or an
// agent, about a command it flagged. Every channel takes them from here:
// the prompt on the terminal, guard approve, the text handed to an
// agent's own approval dialog, and the message printed when a command is
// blocked. A finding is laid out in one order everywhere: what runs, what
// matched, why it matters, what it touches, what raised its severity, what
// to do instead, and the rule.
package message
