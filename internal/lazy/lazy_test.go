package lazy

import (
	"sync"
	"testing"
)

var counted = Value[map[string]int]{Make: func() map[string]int {
	calls++
	return map[string]int{"a": 1}
}}

var calls int

func TestGetMakesOnce(t *testing.T) {
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			if counted.Get()["a"] != 1 {
				t.Error("wrong value")
			}
		})
	}
	wg.Wait()
	if calls != 1 {
		t.Fatalf("Make called %d times, want 1", calls)
	}
}

var word = Regexp{Expr: `^[a-z]+$`}

func TestRegexp(t *testing.T) {
	if !word.Get().MatchString("guard") || word.Get().MatchString("Guard") {
		t.Fatal("wrong match")
	}
	if word.Get() != word.Get() {
		t.Fatal("compiled twice")
	}
}
