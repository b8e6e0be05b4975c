package journal

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzLog feeds arbitrary bytes to Verify and Read as a log file: they
// must report a problem or succeed, never panic, and Verify must never
// accept a log that Read cannot read whole.
func FuzzLog(f *testing.F) {
	dir := f.TempDir()
	good := filepath.Join(dir, "log.jsonl")
	for i := 0; i < 3; i++ {
		if err := Append(good, &Record{Decision: "allow", Command: "ls", Channel: "shell"}); err != nil {
			f.Fatal(err)
		}
	}
	data, err := os.ReadFile(good)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	f.Add(data[:len(data)/2])
	f.Add([]byte("{}\n"))
	f.Add([]byte("\xff\xfe\n{\"hash\":1}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		p := filepath.Join(t.TempDir(), "log.jsonl")
		if err := os.WriteFile(p, data, 0o600); err != nil {
			t.Fatal(err)
		}
		n, verr := Verify(p)
		read := 0
		rerr := Read(p, func(*Record) bool { read++; return true })
		if verr == nil && rerr != nil {
			t.Errorf("Verify accepts %d records that Read fails on: %v", n, rerr)
		}
	})
}
