package parse

import "testing"

func TestCallListing(t *testing.T) {
	cases := []struct {
		lang, code, name, want string
	}{
		{"node", "const kv = await Deno.openKv();\nfor await (const e of kv.list({ prefix: [] })) await kv.delete(e.key);", "delete", "kv.list({ prefix: [] })"},
		{"python", "import redis\nr = redis.Redis()\nfor k in r.scan_iter(\"*\"):\n    r.delete(k)", "delete", `r.scan_iter("*")`},
		{"python", "import redis\nr = redis.Redis()\nr.delete(*r.keys(\"*\"))", "delete", `r.keys("*")`},
		{"node", "const Redis = require('ioredis'); const r = new Redis(); r.keys('*').then(ks => ks.map(k => r.del(k)))", "del", "ks"},
		// One item, named: no listing.
		{"python", "import redis\nr = redis.Redis()\nr.delete('session:1')", "delete", ""},
		// A loop over a local list.
		{"python", "import redis\nr = redis.Redis()\nfor k in ['a', 'b']:\n    r.delete(k)", "delete", ""},
		// A Map is a class too: the rules leave it alone by its root.
		{"node", "const m = new Map(); for (const k of m.keys()) m.delete(k)", "delete", "m.keys()"},
	}
	for _, c := range cases {
		got, found := "", false
		for _, call := range readCalls(c.lang, c.code) {
			if call.Name == c.name && call.Receiver != "" {
				got, found = call.Listing, true
			}
		}
		if !found {
			t.Errorf("%q: no call %s", c.code, c.name)
			continue
		}
		if got != c.want {
			t.Errorf("%q: listing %q, want %q", c.code, got, c.want)
		}
	}
}
