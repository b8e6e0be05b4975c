// Package stack grows the main goroutine's stack once, at the start of
// guard, while it is still shallow.
//
// A goroutine starts with a small stack, and each time a call needs more,
// the runtime copies the whole stack to one twice the size, walking every
// frame on it to adjust pointers. guard's package initialisation (regexp
// compilation in its dependencies) and its analysis of a command grow the
// stack of the main goroutine three times, at depths where the walk costs
// about 100,000 instructions in all, more than a tenth of what guard
// executes for a command. Growing it once here, where the stack holds a
// frame or two, costs a few thousand; the stack stays grown (no garbage
// collection runs in a process that lives for one command, and only the
// collector shrinks stacks).
//
// The package has no imports, so that it is initialised before every
// package that is not the runtime's own: the initialisation order puts
// it ahead of the packages whose import paths sort after its own, which
// include all those that grow the stack.
package stack
