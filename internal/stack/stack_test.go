package stack

import "testing"

// TestGrow checks that the frame is still there after compilation: a
// call needs that much stack.
func TestGrow(t *testing.T) {
	if got := grow(frame - 1); got != 0 {
		t.Fatalf("grow = %d, want 0", got)
	}
}
