package audit

import "hash/maphash"

// cacheGen is one generation of the decision cache, kept free of
// pointers but for the flagged verdicts: the keys are bytes in one
// buffer, found through a map from their hash to their entry. A map of
// strings made the collector visit every key on every cycle, which for a
// history of tens of thousands of distinct commands was about a quarter
// of an audit's instructions.
type cacheGen struct {
	index    map[uint64]uint32 // a key's hash: its entry
	keys     []byte            // the keys, one after another
	ents     []cacheEnt
	verdicts []*verdict // the verdicts other than allow
	size     int        // approximate bytes, as maxCache counts them
}

// cacheEnt is a key's place in keys and its verdict: -1 for allow, or an
// index in verdicts.
type cacheEnt struct {
	off, n  uint32
	verdict int32
}

var cacheSeed = maphash.MakeSeed()

func newCacheGen(hint int) *cacheGen {
	return &cacheGen{index: make(map[uint64]uint32, hint)}
}

// get returns the verdict cached for k. The key itself is compared, so a
// hash two keys share gives a miss, never another command's verdict.
func (g *cacheGen) get(h uint64, k []byte) (*verdict, bool) {
	i, ok := g.index[h]
	if !ok {
		return nil, false
	}
	e := g.ents[i]
	if string(g.keys[e.off:e.off+e.n]) != string(k) {
		return nil, false
	}
	if e.verdict < 0 {
		return allow, true
	}
	return g.verdicts[e.verdict], true
}

// put caches v for k. A key whose hash another key has replaces it there:
// the other one is decided again when it comes back.
func (g *cacheGen) put(h uint64, k []byte, v *verdict) {
	e := cacheEnt{off: uint32(len(g.keys)), n: uint32(len(k)), verdict: -1}
	if v != allow {
		e.verdict = int32(len(g.verdicts))
		g.verdicts = append(g.verdicts, v)
	}
	g.keys = append(g.keys, k...)
	g.index[h] = uint32(len(g.ents))
	g.ents = append(g.ents, e)
	g.size += len(k) + 128
}

func hashKey(k []byte) uint64 { return maphash.Bytes(cacheSeed, k) }
