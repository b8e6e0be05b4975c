package main

import (
	"os"
	"regexp"
	"strconv"
	"testing"
)

// TestREADMEExitTable keeps the README's exit-code table and exitTable in
// agreement.
func TestREADMEExitTable(t *testing.T) {
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	rows := regexp.MustCompile(`(?m)^\| (\d+) \| (.+) \|$`).FindAllStringSubmatch(string(data), -1)
	got := map[int]string{}
	for _, r := range rows {
		code, _ := strconv.Atoi(r[1])
		got[code] = r[2]
	}
	if len(got) != len(exitTable) {
		t.Errorf("README has %d exit codes, exit.go %d", len(got), len(exitTable))
	}
	for _, e := range exitTable {
		if got[e.Code] != e.Meaning {
			t.Errorf("exit %d: README says %q, exit.go says %q", e.Code, got[e.Code], e.Meaning)
		}
	}
}
