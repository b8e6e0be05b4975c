// Package corpus reads the command corpora of testdata/corpus: commands
// with the decision guard must reach on them, one per line, grouped by
// family. The rules tests check every command; bench/detect reports how
// many each family catches and lets pass.
package corpus
