package httpreq

import "testing"

func TestSecretLike(t *testing.T) {
	for v, want := range map[string]bool{
		"npm-linux-prod":                           false,
		"node-cache-Linux-x64-npm":                 false,
		"refs/heads/main":                          false,
		"setup-python-Linux-22.04-pip":             false,
		"abc123":                                   false,
		"sk_live_abcdefghijklmnopqrstuvwx":         true,
		"ghp_abcdefghijklmnopqrstuvwxyz0123456789": true,
		"AIzaSyD-abcdefghijklmnopqrstuvwxyz12345":  true,
		"9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c":         true,
		"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig": true,
	} {
		if got := secretLike(v); got != want {
			t.Errorf("secretLike(%q) = %v, want %v", v, got, want)
		}
	}
}
