package rules

import (
	"errors"
	"github.com/guardsh/guard/internal/lazy"
	"io/fs"
	"os"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/guardsh/guard/internal/parse"
)

// What a controller makes again. A pod a Deployment made is named
// NAME-HASH-XXXXX: the pod template's hash and a random suffix, both in
// the alphabet Kubernetes uses for generated names (no vowels, no 0, 1
// or 3, so that they never spell a word). Deleting one such pod is how
// people restart it, in production too: its ReplicaSet makes a new one at
// once. A job named for the day or the minute it ran (db-migrate-20240611,
// or a CronJob's job, NIGHTLY-28629420) is a one-off that has run, and
// deleting it only clears it away. Anything else in production, and a pod
// whose name could have been chosen by hand (web-1, api), keeps asking.

// generatedAlphabet is the alphabet of Kubernetes' generated names
// (k8s.io/apimachinery/pkg/util/rand).
const generatedAlphabet = "bcdfghjklmnpqrstvwxz2456789"

// generatedPart reports whether s could be a generated name part of the
// given lengths: only letters and digits of generatedAlphabet.
func generatedPart(s string, lo, hi int) bool {
	if len(s) < lo || len(s) > hi {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !strings.ContainsRune(generatedAlphabet, rune(s[i])) {
			return false
		}
	}
	return true
}

// controllerPod reports whether a pod name is one a Deployment's
// ReplicaSet made: NAME-HASH-XXXXX, the hash 6 to 10 characters of the
// generated alphabet (or, before Kubernetes 1.11, 8 to 10 digits) and
// the suffix 5 of it, with a name before them.
func controllerPod(name string) bool {
	parts := strings.Split(name, "-")
	if len(parts) < 3 || parts[0] == "" {
		return false
	}
	hash, suffix := parts[len(parts)-2], parts[len(parts)-1]
	if !generatedPart(suffix, 5, 5) {
		return false
	}
	if generatedPart(hash, 6, 10) {
		return true
	}
	_, err := strconv.ParseUint(hash, 10, 64)
	return err == nil && len(hash) >= 8 && len(hash) <= 10
}

// kubeNow is the clock datedJob compares with; tests may set it.
var kubeNow = time.Now

// datedJob reports whether a job's name ends in the day or time it ran,
// at least a day ago, so that it has finished: NAME-YYYYMMDD,
// NAME-YYYY-MM-DD, NAME-YYYYMMDDHHMM(SS), NAME-YYYYMMDD-HHMM(SS), or the
// minutes since 1970 a CronJob puts after its name (8 digits). A date
// to come, or today, may still be running and does not count.
func datedJob(name string) bool {
	parts := strings.Split(name, "-")
	if len(parts) < 2 || parts[0] == "" {
		return false
	}
	day := kubeNow().UTC().Truncate(24 * time.Hour)
	last := parts[len(parts)-1]
	n := len(parts)
	if n >= 4 {
		// NAME-YYYY-MM-DD.
		if t, err := time.Parse("2006-01-02", strings.Join(parts[n-3:], "-")); err == nil {
			return t.Before(day) && t.Year() >= 2000
		}
	}
	if n >= 3 && (len(last) == 4 || len(last) == 6) {
		// NAME-YYYYMMDD-HHMM(SS).
		if t, ok := stampTime(parts[n-2]); ok && allDigits(last) {
			return t.Before(day)
		}
	}
	if t, ok := stampTime(last); ok {
		return t.Before(day)
	}
	if len(last) == 8 && allDigits(last) {
		// A CronJob's job: the scheduled time in minutes, since CronJobs
		// were made (2016).
		m, _ := strconv.ParseInt(last, 10, 64)
		t := time.Unix(m*60, 0)
		return t.Year() >= 2016 && t.Before(kubeNow().Add(-24*time.Hour))
	}
	return false
}

// stampTime reads YYYYMMDD, YYYYMMDDHHMM or YYYYMMDDHHMMSS as a day of
// this century.
func stampTime(s string) (time.Time, bool) {
	if len(s) != 8 && len(s) != 12 && len(s) != 14 || !allDigits(s) || !strings.HasPrefix(s, "20") {
		return time.Time{}, false
	}
	t, err := time.Parse("20060102", s[:8])
	return t, err == nil
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// restartInProd reports whether a kubectl delete marked as production
// only restarts or clears what a controller makes again: one pod a
// Deployment made (controllerPod), or jobs dated at least a day ago
// (datedJob), by name, with no selector.
func restartInProd(kinds []string, names []parse.Word, k kubeDelete) bool {
	if k.selected || k.finished || len(names) == 0 || len(kinds) == 0 {
		return false
	}
	pods, jobs := true, true
	for _, kind := range kinds {
		pods = pods && podKinds.Get()[kind]
		jobs = jobs && jobKinds.Get()[kind]
	}
	switch {
	case pods:
		// One pod: deleting every pod of a Deployment by name is an outage.
		return len(names) == 1 && controllerPod(names[0].Value)
	case jobs:
		for _, n := range names {
			if !datedJob(n.Value) {
				return false
			}
		}
		return true
	}
	return false
}

// jobKinds are the spellings of the job resource.
var jobKinds = lazy.Value[map[string]bool]{Make: func() map[string]bool {
	return map[string]bool{"job": true, "jobs": true, "job.batch": true, "jobs.batch": true}
}}

// manifestKinds are the kinds a manifest given to kubectl delete -f may
// hold and still be everyday: what runs once or is made again.
var manifestKinds = lazy.Value[map[string]bool]{Make: func() map[string]bool {
	return map[string]bool{"pod": true, "job": true}
}}

// manifestDelete reports whether kubectl delete -f removes only pods and
// jobs outside production and kube-system. Each file is read as the
// command wrote it, from its stdin, or from the disk; a file that is not
// there (and that nothing earlier in the command may write) deletes
// nothing, as kubectl stops on it. When guard does not read the disk
// (guard audit, the examples), a file named for a pod or a job
// (debug-pod.yaml, k8s/migrate-job.yml) is judged by its name, and one
// named otherwise, a directory, a URL or a list keep asking.
func manifestDelete(inv *parse.Invocation, ctx *Context, k kubeDelete, ops []parse.Word) bool {
	if len(ops) != 1 || ops[0].Value != "delete" || k.selected || k.finished || prodMarker(inv, ctx) != "" {
		return false
	}
	var files []string
	for _, f := range k.files {
		// kubectl reads -f a.yaml,b.yaml as two manifests.
		files = append(files, strings.Split(f, ",")...)
	}
	for _, f := range files {
		if f == "" || strings.ContainsAny(f, "$`*?[{") || strings.Contains(f, "://") {
			return false
		}
		text, ok := "", false
		switch {
		case f == "-":
			text, ok = inv.Stdin.Text, inv.Stdin.Kind == parse.Known
		default:
			text, ok = writtenText(inv, f)
		}
		if ok {
			if !podsAndJobs(text) {
				return false
			}
			continue
		}
		if f == "-" {
			return false
		}
		if ctx.State == nil {
			if !manifestNamed(f) {
				return false
			}
			continue
		}
		if ctx.probe(inv) == nil || ctx.stale() {
			return false
		}
		p := f
		if !path.IsAbs(p) {
			p = path.Join(inv.Dir, p)
		}
		st, err := os.Stat(p)
		if errors.Is(err, fs.ErrNotExist) {
			// kubectl stops at a file that is not there.
			continue
		}
		if err != nil || !st.Mode().IsRegular() {
			return false
		}
		text, err = parse.ReadScript(p)
		if err != nil || !podsAndJobs(text) {
			return false
		}
	}
	return len(k.files) > 0
}

// manifestNamed reports whether a manifest's file name says it holds a
// pod or a job, and nothing else: a segment pod, pods, job or jobs in its
// base name, a YAML or JSON extension, and no production word in the
// path.
func manifestNamed(f string) bool {
	base := strings.ToLower(path.Base(f))
	stem := strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(base, ".yaml"), ".yml"), ".json")
	if stem == base || stem == "" || hasProdWord(f) || strings.Contains(f, "..") {
		return false
	}
	kind := false
	for _, seg := range strings.FieldsFunc(stem, func(r rune) bool { return r == '-' || r == '_' || r == '.' }) {
		switch seg {
		case "pod", "pods", "job", "jobs":
			kind = true
		case "deployment", "deploy", "statefulset", "sts", "namespace", "ns", "pvc", "pv", "volume",
			"secret", "secrets", "crd", "crds", "all", "cronjob", "service", "svc", "configmap", "cm":
			return false
		}
	}
	return kind
}

// podsAndJobs reports whether a manifest holds only pods and jobs (by
// each document's top-level kind), none in production or kube-system.
// A document with no kind, a List, another kind or JSON gives false.
func podsAndJobs(text string) bool {
	docs, kind, content := 0, "", false
	end := func() bool {
		if content && kind == "" {
			return false
		}
		if kind != "" {
			docs++
		}
		kind, content = "", false
		return true
	}
	for _, raw := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		line := stripYAMLComment(raw)
		body := strings.TrimSpace(line)
		switch {
		case body == "---" || body == "...":
			if !end() {
				return false
			}
			continue
		case body == "":
			continue
		case strings.HasPrefix(body, "{") || strings.HasPrefix(body, "["):
			// JSON manifests are not read here.
			return false
		}
		content = true
		key, val, ok := splitYAMLKey(body)
		if !ok {
			continue
		}
		val = strings.Trim(strings.TrimSpace(val), `"'`)
		switch {
		case key == "kind" && line == strings.TrimLeft(line, " \t"):
			if kind != "" || !manifestKinds.Get()[strings.ToLower(val)] {
				return false
			}
			kind = val
		case key == "namespace":
			if val == "" || hasProdWord(val) || strings.HasPrefix(val, "kube-") || strings.ContainsAny(val, "$`{") {
				return false
			}
		}
	}
	return end() && docs > 0
}
