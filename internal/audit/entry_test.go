package audit

import (
	"bytes"
	"strings"
	"testing"

	"github.com/guardsh/guard/internal/rules"
)

// TestEntries checks that a command is one entry with all its findings,
// however many rules it triggers and however often it was run, and that
// the summary counts the flagged commands by severity.
func TestEntries(t *testing.T) {
	a := New(Options{Rules: testRules(t), Context: testContext})
	in := strings.Join([]string{
		"kubectl delete ns prod",
		"ls",
		"kubectl delete ns prod",
		"bash -c 'git reset --hard'",
		"git stash clear",
	}, "\n") + "\n"
	a.ReadSource(&Source{Name: "h", Format: Plain}, strings.NewReader(in))
	r := a.Report()
	if len(r.Entries) != 3 {
		t.Fatalf("%d entries, want 3: %+v", len(r.Entries), r.Entries)
	}
	k := r.Entries[0]
	if k.Command != "kubectl delete ns prod" || k.Count != 2 || k.Severity != rules.Critical {
		t.Errorf("first entry: %q seen %d times, %s; want kubectl delete ns prod, 2, critical", k.Command, k.Count, k.Severity)
	}
	if len(k.Hits) < 2 || k.Hits[0].Rule.ID != "k8s.delete-namespace" {
		t.Errorf("kubectl's findings: %+v, want k8s.delete-namespace first and more", k.Hits)
	}
	if r.Entries[1].Hits[0].Via == "" {
		t.Errorf("a command nested in bash -c has no via: %+v", r.Entries[1].Hits[0])
	}
	if got := r.severityCounts(); got != "2 critical, 1 high, 1 medium" {
		t.Errorf("severity counts %q", got)
	}
	var txt bytes.Buffer
	r.WriteText(&txt, RenderOptions{})
	out := txt.String()
	if n := strings.Count(out, "$ kubectl delete ns prod"); n != 1 {
		t.Errorf("kubectl delete ns prod is listed %d times:\n%s", n, out)
	}
	for _, want := range []string{
		"guard audit: 4 of 5 commands would have been stopped (2 critical, 1 high, 1 medium); nothing was executed.\n",
		"  4 to confirm, 0 denied; 3 distinct commands.\n",
		"  2 times: first at h:1, last at h:3\n",
		"      matched: git reset --hard, via 'bash -c'\n",
		"      instead: ",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the report does not hold %q:\n%s", want, out)
		}
	}
}
