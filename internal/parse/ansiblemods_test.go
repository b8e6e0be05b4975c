package parse

import (
	"reflect"
	"testing"
)

func TestAnsibleModuleArgs(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want map[string]string
	}{
		{`path=/srv/app state=absent`, map[string]string{"path": "/srv/app", "state": "absent"}},
		{`path='/srv/my app' state="absent"`, map[string]string{"path": "/srv/my app", "state": "absent"}},
		{`lines=['no router bgp 1', "no vlan 20"] parents=x`, map[string]string{"lines": "no router bgp 1\nno vlan 20", "parents": "x"}},
		{`{"lines": ["delete protocols bgp"], "confirm": 5, "Force": true}`, map[string]string{"lines": "delete protocols bgp", "confirm": "5", "force": "true"}},
		{`{"lines": `, map[string]string{}},
		{`free form words`, map[string]string{}},
	} {
		if got := ansibleModuleArgs(tc.in); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("ansibleModuleArgs(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// FuzzAnsibleModuleArgs checks that any module arguments are read without
// a panic, and that what they stand for parses.
func FuzzAnsibleModuleArgs(f *testing.F) {
	for _, s := range []string{`path=/srv state=absent`, `lines=['a', "b"]`, `{"lines": ["x"]}`, `name='a b' state=absent`, `[[['`, `"unterminated`} {
		f.Add("file", s)
		f.Add("ios_config", s)
	}
	f.Fuzz(func(t *testing.T, module, args string) {
		code := ansibleModuleCode(module, ansibleModuleArgs(args))
		if len(code) > 1<<16 {
			return
		}
		Command(code, Options{})
	})
}
