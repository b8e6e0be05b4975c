package audit

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/guardsh/guard/internal/audit/auditgen"
)

// benchAudit audits n generated commands in format per iteration and
// reports commands per second.
func benchAudit(b *testing.B, format string, data []byte, n int) {
	set := testRules(b)
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for b.Loop() {
		a := New(Options{Rules: set, Context: testContext})
		src := &Source{Name: "bench"}
		if err := a.ReadSource(src, bytes.NewReader(data)); err != nil {
			b.Fatal(err)
		}
		if src.Commands != int64(n) {
			b.Fatalf("read %d commands of %d (%+v)", src.Commands, n, src.Stats)
		}
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "commands/s")
}

// BenchmarkAudit audits 200,000 commands of typical history in each
// format: see bench/audit.md.
func BenchmarkAudit(b *testing.B) {
	const n = 200000
	for _, f := range auditgen.Formats {
		b.Run(f, func(b *testing.B) { benchAudit(b, f, generated(b, f, n), n) })
	}
}

// generated returns n generated commands in format, made once: a
// benchmark's function runs more than once, and -bench may leave out the
// formats it does not name.
func generated(b *testing.B, format string, n int) []byte {
	k := fmt.Sprintf("%s/%d", format, n)
	if data, ok := generatedInputs[k]; ok {
		return data
	}
	var buf bytes.Buffer
	if err := auditgen.Write(&buf, format, n, 1); err != nil {
		b.Fatal(err)
	}
	generatedInputs[k] = buf.Bytes()
	return buf.Bytes()
}

var generatedInputs = map[string][]byte{}

// BenchmarkAuditDistinct is the worst case: every command distinct, so
// that the decision cache never helps.
func BenchmarkAuditDistinct(b *testing.B) {
	const n = 20000
	var buf bytes.Buffer
	for i := range n {
		fmt.Fprintf(&buf, "git commit -m 'change number %d' && make test-%d\n", i, i)
	}
	benchAudit(b, "plain", buf.Bytes(), n)
}

// BenchmarkRead measures the readers alone, without deciding.
func BenchmarkRead(b *testing.B) {
	const n = 200000
	for _, f := range auditgen.Formats {
		format, _ := ParseFormat(f)
		b.Run(f, func(b *testing.B) {
			data := generated(b, f, n)
			b.SetBytes(int64(len(data)))
			b.ResetTimer()
			for b.Loop() {
				src := &Source{Name: "bench", Format: format}
				if err := Read(bufioReader(data), src, func(*Command) {}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
