package message

import (
	"strings"
	"testing"

	"github.com/guardsh/guard/internal/rules"
)

func decide(t *testing.T, cmd string) rules.Decision {
	t.Helper()
	set, err := rules.Default()
	if err != nil {
		t.Fatal(err)
	}
	return set.Check(cmd, rules.Context{Dir: "/home/u/src/app", Home: "/home/u"})
}

// TestOrder checks the order every channel shows a finding in: what runs,
// what matched, why, what raised the severity, what to do instead, and
// the rule last.
func TestOrder(t *testing.T) {
	d := decide(t, "cd infra && terraform -chdir=prod destroy -auto-approve")
	fs := From(d)
	if len(fs) == 0 {
		t.Fatal("no findings")
	}
	text := Text(fs, "")
	want := []string{"runs:", "why:", "raised:", "instead:", "rule:"}
	at := -1
	for _, w := range want {
		i := strings.Index(text, w)
		if i < 0 {
			t.Fatalf("no %q in:\n%s", w, text)
		}
		if i < at {
			t.Errorf("%q comes before the line above it:\n%s", w, text)
		}
		at = i
	}
	if !strings.Contains(text, "raised:    high to critical, by the production marker '-chdir=prod'") {
		t.Errorf("the raise is not explained:\n%s", text)
	}
	if !strings.HasPrefix(text, "runs:      terraform '-chdir=prod' destroy -auto-approve\n") {
		t.Errorf("the part of the command that matched is not first:\n%s", text)
	}
}

// TestOneProgramOnce checks that several rules on one program name it once,
// in the block and in the list.
func TestOneProgramOnce(t *testing.T) {
	d := decide(t, "kubectl --context prod delete namespace prod")
	fs := From(d)
	if len(fs) < 2 {
		t.Fatalf("want two findings, got %d", len(fs))
	}
	if n := strings.Count(Text(fs, ""), "runs:"); n != 1 {
		t.Errorf("the program is named %d times:\n%s", n, Text(fs, ""))
	}
	l := List(fs)
	if strings.Count(l, "\n- ") != 0 || !strings.HasPrefix(l, "- runs:") || strings.Count(l, "rule:") != len(fs) {
		t.Errorf("list:\n%s", l)
	}
}

// TestSafeToPrint checks that a command cannot put control characters on
// the screen through any field.
func TestSafeToPrint(t *testing.T) {
	f := Finding{What: "rm -rf \x1b[2J", Detail: "x\ry", Reason: "r", Hint: "h\x07", Rule: "r.x", Severity: "high"}
	for _, l := range f.Lines() {
		if strings.ContainsAny(l.Text, "\x1b\r\x07") {
			t.Errorf("%s: %q", l.Label, l.Text)
		}
	}
}

// TestSkipAndLimit checks skipped labels and the cap on findings.
func TestSkipAndLimit(t *testing.T) {
	var fs []Finding
	for i := range MaxFindings + 2 {
		fs = append(fs, Finding{What: strings.Repeat("x", i+1), Reason: "why", Rule: "r", Severity: "low"})
	}
	text := Text(fs, "> ", "why")
	if strings.Contains(text, "why:") {
		t.Errorf("skipped label shown:\n%s", text)
	}
	if !strings.HasSuffix(text, "> and 2 more") {
		t.Errorf("no count of the rest:\n%s", text)
	}
	if !strings.HasSuffix(List(fs), "- and 2 more") {
		t.Errorf("list has no count of the rest:\n%s", List(fs))
	}
}
