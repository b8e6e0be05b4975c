package parse

// A table is a small map written as data: key and value pairs searched in
// place. The compiler lays a table out in the binary, where a map literal
// at package level is built by code on every start of guard, whether the
// command needs it or not.
type table[V any] []struct {
	key string
	val V
}

// get returns the value for key, and whether the table holds key.
func (t table[V]) get(key string) (V, bool) {
	for i := range t {
		if t[i].key == key {
			return t[i].val, true
		}
	}
	var zero V
	return zero, false
}
