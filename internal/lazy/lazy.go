package lazy

import (
	"regexp"
	"sync"
)

// A Value is made by Make the first time Get is called. Declare it at
// package level with a composite literal, so that the compiler lays it
// out as data:
//
//	var keywords = lazy.Value[map[string]bool]{Make: func() map[string]bool {
//		return map[string]bool{"SELECT": true}
//	}}
//
// A Value must not be copied after first use.
type Value[T any] struct {
	once sync.Once
	v    T
	// Make returns the value. It is called once, by the first Get.
	Make func() T
}

// Get returns the value, making it on the first call. It is safe for
// concurrent use.
func (l *Value[T]) Get() T {
	l.once.Do(l.make)
	return l.v
}

func (l *Value[T]) make() { l.v = l.Make() }

// A Regexp is a regular expression compiled the first time it is used.
// Expr must compile: Get panics otherwise, as regexp.MustCompile does.
type Regexp struct {
	// Expr is the expression.
	Expr string
	once sync.Once
	re   *regexp.Regexp
}

// Get returns the compiled expression. It is safe for concurrent use.
func (r *Regexp) Get() *regexp.Regexp {
	r.once.Do(r.compile)
	return r.re
}

func (r *Regexp) compile() { r.re = regexp.MustCompile(r.Expr) }
