package parse

import "testing"

func TestPackageBin(t *testing.T) {
	for _, tc := range []struct {
		in, want string
		ok       bool
	}{
		{"wrangler@latest", "wrangler", true},
		{"create-vite@5.1.0", "create-vite", true},
		{"@railway/cli", "railway", true},
		{"@xata.io/cli@0.30", "xata", true},
		{"@aws-amplify/cli", "amplify", true},
		{"@cloudflare/wrangler", "wrangler", true},
		{"wrangler", "", false},
		{"/usr/bin/tool", "", false},
		{"./node_modules/.pnpm/x@1.0.0/node_modules/x/bin/x", "", false},
		{"@echo", "", false},
		{"@scope/", "", false},
	} {
		got, ok := packageBin(tc.in)
		if got != tc.want || ok != tc.ok {
			t.Errorf("packageBin(%q) = %q, %v; want %q, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}
