package rules

import (
	"strings"

	"github.com/guardsh/guard/internal/wordlist"
)

// Run output in an artifact store: a CI system writes each run's
// artifacts (coverage reports, test results, build logs) under a prefix
// named for the run, in a bucket kept for them, and the next run writes
// its own. One such object, named by itself, is nothing a person would
// miss: s3://acme-ci-artifacts/run-8812/coverage.xml. Both halves are
// needed: a run's prefix in any other bucket may be an ML training run's
// model (s3://acme-ml/run-8812/model.pt), and an artifacts bucket also
// holds releases (s3://acme-artifacts/v2.1/app.tgz).

// artifactWords are the segments of a bucket or prefix kept for CI
// output.
const artifactWords = "ci artifact artifacts coverage reports cicd"

// runOutputWords are the words that, followed by a number, name one CI
// run: run-8812, build_123, job7, pipeline-55, workflow-9.
const runOutputWords = "run runs build builds job jobs pipeline pipelines workflow attempt"

// runOutput reports whether an object URL names something one CI run left
// in an artifact store: a part with an artifact word and a later part
// naming a run by its number (run-8812, or runs/8812).
func runOutput(s string) bool {
	_, rest, ok := strings.Cut(s, "://")
	if !ok || keepName(rest) {
		return false
	}
	parts := strings.Split(rest, "/")
	if len(parts) < 3 || parts[len(parts)-1] == "" {
		// A bucket, or a prefix: not one object.
		return false
	}
	store := false
	for i, part := range parts[:len(parts)-1] {
		if store && runPart(part, parts, i) {
			return true
		}
		if segments(part, func(_, seg string) bool { return wordlist.Has(artifactWords, seg) }) {
			store = true
		}
	}
	return false
}

// runPart reports whether parts[i] names a run: run-8812, build_12, or a
// number after runs/ or builds/.
func runPart(part string, parts []string, i int) bool {
	if strings.Trim(part, "0123456789") == "" && i > 0 {
		return wordlist.Has(runOutputWords, strings.ToLower(parts[i-1]))
	}
	return segments(part, func(prev, seg string) bool {
		if wordlist.Has(runOutputWords, prev) && strings.Trim(seg, "0123456789") == "" {
			return true
		}
		base := strings.TrimRight(seg, "0123456789")
		return base != seg && wordlist.Has(runOutputWords, base)
	})
}
