package main

import (
	"bytes"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestAuditExecutesNothing audits every fixture in testdata/audit with
// fake programs on PATH that record any call: guard audit must call none.
func TestAuditExecutesNothing(t *testing.T) {
	if _, err := os.Stat("/bin/sh"); err != nil {
		t.Skip("needs /bin/sh for the fake programs")
	}
	bin := t.TempDir()
	calls := filepath.Join(t.TempDir(), "calls.log")
	fake := "#!/bin/sh\necho \"$0 $*\" >> \"$CALLS\"\n"
	for _, p := range strings.Fields("rm git terraform kubectl psql mysql docker curl aws gcloud az helm find sudo ssh xargs env bash sh zsh dash fish python3 node make dd shred mkfs tee mv chmod rsync eval atuin claude codex gh") {
		if err := os.WriteFile(filepath.Join(bin, p), []byte(fake), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	t.Setenv("CALLS", calls)
	t.Setenv("PATH", bin)
	home := t.TempDir()
	old := homeDir
	homeDir = func() (string, error) { return home, nil }
	t.Cleanup(func() { homeDir = old })

	// The fakes record a call when one is made.
	if err := exec.Command(filepath.Join(bin, "rm"), "-rf", "probe").Run(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(calls); err != nil {
		t.Fatalf("the fake did not record its call: %v", err)
	}
	os.Remove(calls)

	all, err := filepath.Glob("../../testdata/audit/*")
	var fixtures []string
	for _, f := range all {
		if filepath.Base(f) != "golden" {
			fixtures = append(fixtures, f)
		}
	}
	if err != nil || len(fixtures) < 8 {
		t.Fatalf("fixtures: %v %v", fixtures, err)
	}
	for _, mode := range [][]string{{}, {"--json"}, {"--markdown"}, {"--format", "plain"}, {"--fail-on", "low", "--since", "2000-01-01"}} {
		var out, errb bytes.Buffer
		args := append([]string{"guard", "audit"}, mode...)
		args = append(args, fixtures...)
		code := run(args, strings.NewReader(""), &out, &errb)
		if code != exitOK && code != exitFindings {
			t.Fatalf("%v: exit %d\n%s", mode, code, errb.String())
		}
		if out.Len() == 0 {
			t.Fatalf("%v: no report", mode)
		}
		if b, err := os.ReadFile(calls); err == nil {
			t.Fatalf("%v: guard audit ran programs:\n%s", mode, b)
		}
	}
}

func TestParseSince(t *testing.T) {
	now := time.Date(2026, 1, 15, 12, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		in   string
		want time.Time
	}{
		{"2026-01-01T10:00:00Z", time.Date(2026, 1, 1, 10, 0, 0, 0, time.UTC)},
		{"36h", now.Add(-36 * time.Hour)},
		{"7d", now.AddDate(0, 0, -7)},
		{"2w", now.AddDate(0, 0, -14)},
		{"90m", now.Add(-90 * time.Minute)},
	} {
		got, err := parseSince(tc.in, now)
		if err != nil || !got.Equal(tc.want) {
			t.Errorf("parseSince(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
		}
	}
	d, err := parseSince("2026-01-02", now)
	if err != nil || d.Year() != 2026 || d.Day() != 2 || d.Hour() != 0 {
		t.Errorf("parseSince(2026-01-02) = %v, %v", d, err)
	}
	for _, bad := range []string{"", "yesterday", "-3d", "7x", "2026-13-01"} {
		if _, err := parseSince(bad, now); err == nil {
			t.Errorf("parseSince(%q) took it", bad)
		}
	}
}

func TestParseInterleaved(t *testing.T) {
	for _, tc := range []struct {
		args  []string
		files []string
		json  bool
	}{
		{[]string{"a", "--json", "b"}, []string{"a", "b"}, true},
		{[]string{"--json", "-", "b"}, []string{"-", "b"}, true},
		{[]string{"a", "--", "--json", "-x"}, []string{"a", "--json", "-x"}, false},
		{nil, nil, false},
	} {
		fs := flag.NewFlagSet("t", flag.ContinueOnError)
		j := fs.Bool("json", false, "")
		files, err := parseInterleaved(fs, tc.args)
		if err != nil || strings.Join(files, "|") != strings.Join(tc.files, "|") || *j != tc.json {
			t.Errorf("parseInterleaved(%q) = %q, json %v, %v", tc.args, files, *j, err)
		}
	}
}
