package httpreq

import "testing"

func TestHostOf(t *testing.T) {
	tests := []struct{ in, want string }{
		{"https://API.example.com/x", "api.example.com"},
		{"example.com/x", "example.com"},
		{"http://[::1]:8080/", "::1"},
		{"localhost:3000", "localhost"},
		{"https://u:p@h.io", "h.io"},
		{"http://%zz/", "%zz"},
		{"HTTPS://Example.COM.", "example.com"},
		{"$API/v1/x", ""},
		{"https://$HOST/x", ""},
	}
	for _, tt := range tests {
		if got := HostOf(tt.in); got != tt.want {
			t.Errorf("HostOf(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	for _, h := range []string{"localhost", "app.localhost", "127.0.0.1", "127.1.2.3", "::1", "[::1]", "0.0.0.0", "::ffff:127.0.0.1"} {
		if !IsLoopback(h) {
			t.Errorf("IsLoopback(%q) = false", h)
		}
	}
	for _, h := range []string{"example.com", "10.0.0.1", "localhost.example.com", "", "192.168.1.5"} {
		if IsLoopback(h) {
			t.Errorf("IsLoopback(%q) = true", h)
		}
	}
}
