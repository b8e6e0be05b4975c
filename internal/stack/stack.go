package stack

// frame is the size of the frame that makes the runtime grow the stack:
// more than half of the stack guard reaches, so that one copy makes it
// big enough.
const frame = 40 << 10

// probe is an index the compiler cannot know, so that the frame is kept.
var probe int

func init() { grow(probe) }

// grow has a frame of the given size. It is not inlined, so that the
// frame is its own.
//
//go:noinline
func grow(i int) byte {
	var b [frame]byte
	return b[i]
}
