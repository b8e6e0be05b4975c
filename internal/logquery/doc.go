// Package logquery filters and counts the records of guard's decision log
// for guard log: which records a query selects ([Filter]), and the counts
// per day, per rule and per agent that guard log --stats shows ([Stats],
// [Count]) with a small bar chart ([Stats.WriteText]).
//
// It only reads records the journal package has already parsed; it never
// writes the log.
package logquery
