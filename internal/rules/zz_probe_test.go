package rules

import (
	"bufio"
	"os"
	"testing"
)

func TestZZProbe(t *testing.T) {
	s := defaultSet(t)
	f, err := os.Open(os.Getenv("ZZ"))
	if err != nil {
		t.Skip()
	}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		d := s.Check(sc.Text(), ExampleContext())
		t.Logf("%-8s %-30s %s", d.Action, ids(d), sc.Text())
	}
}
