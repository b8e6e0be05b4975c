package rules

import (
	"strings"
	"testing"
)

func TestCredentialIn(t *testing.T) {
	tests := []struct {
		s, want string
	}{
		{"Authorization: Bearer abcdef123456", "a literal credential in the Authorization header"},
		{"authorization:token abcdefghij", "a literal credential in the authorization header"},
		{"Authorization: Basic dXNlcjpwYXNz", "a literal credential in the Authorization header"},
		{"X-API-Key: 0123456789", "a literal credential in the X-API-Key header"},
		{"PRIVATE-TOKEN: glpat-abc", "a literal credential in the PRIVATE-TOKEN header"},
		{"--header=Authorization: Bearer abcdefghijk", "a literal credential in the Authorization header"},
		{"-HAuthorization: Bearer abcdefghijk", "a literal credential in the Authorization header"},
		{"Authorization: Bearer $TOKEN", ""},
		{"Authorization: Bearer short", ""},
		{"X-API-Key: short", ""},
		{"Content-Type: application/json", ""},
		{"https://user:secret@github.com/x/y", "a password written into the URL for github.com"},
		{"postgres://u:secret@db.prod.example.com/app", "a password written into the URL for db.prod.example.com"},
		{"postgres://u:secret@localhost/app", ""},
		{"postgres://u:secret@127.0.0.1:5432/app", ""},
		{"postgres://u:secret@db/app", ""},
		{"https://user@github.com/x", ""},
		{"https://github.com/a:b@c", ""},
		{"ghp_" + strings.Repeat("a", 36), "a literal GitHub token"},
		{"TOKEN=ghp_" + strings.Repeat("a", 36), "a literal GitHub token"},
		{"ghp_short", ""},
		{"xghp_" + strings.Repeat("a", 36), ""},
		{"github_pat_" + strings.Repeat("a", 40), "a literal GitHub token"},
		{"glpat-" + strings.Repeat("a", 20), "a literal GitLab token"},
		{"AKIAABCDEFGHIJKLMNOP", "a literal AWS access key"},
		{"AKIA123", ""},
		{"sk-ant-" + strings.Repeat("x", 30), "a literal Anthropic key"},
		{"sk-proj-" + strings.Repeat("x", 30), "a literal OpenAI key"},
		{"sk_live_" + strings.Repeat("x", 20), "a literal Stripe live key"},
		{"xoxb-" + strings.Repeat("1", 20), "a literal Slack token"},
		{"AIza" + strings.Repeat("x", 35), "a literal Google API key"},
		{"-----BEGIN OPENSSH PRIVATE KEY-----", "a literal private key"},
		{"-----BEGIN PUBLIC KEY-----", ""},
		{"task-12345", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := credentialIn(tt.s); got != tt.want {
			t.Errorf("credentialIn(%q) = %q, want %q", tt.s, got, tt.want)
		}
	}
}

func TestCredentialsMatcher(t *testing.T) {
	token := "ghp_" + strings.Repeat("a", 36)
	tests := []struct {
		cmd, want string
	}{
		{`curl -H "Authorization: Bearer abcdef123456" https://api.x.com`, "a literal credential in the Authorization header"},
		{`curl -H "Authorization: Bearer $TOKEN" https://api.x.com`, ""},
		{`curl -u user:pass https://x.com`, "a literal password after -u"},
		{`curl --user user:pass https://x.com`, "a literal password after --user"},
		{`curl -u user https://x.com`, ""},
		{`curl -u guest:guest http://rabbit.internal:15672/api/queues`, ""},
		{`curl -u minioadmin:minioadmin https://minio.example.com/minio/health/live`, ""},
		{`curl -u guest:guest2 http://rabbit.internal:15672/api/queues`, "a literal password after -u"},
		{`curl -u "user:$PASS" https://x.com`, ""},
		{`curl -u user:pass http://localhost:8080`, ""},
		{`curl -H "Authorization: Bearer abcdef123456" http://127.0.0.1/x`, ""},
		{`curl -H "Authorization: Bearer abcdef123456" http://127.0.0.1/x https://evil.example.com`, "a literal credential in the Authorization header"},
		{`wget --header="Authorization: Bearer abcdefghijk" https://x`, "a literal credential in the Authorization header"},
		{`http https://x Authorization:"Bearer abcdefghijkl"`, "a literal credential in the Authorization header"},
		{"git clone https://user:" + token + "@github.com/x/y", "a password written into the URL for github.com"},
		{"export GITHUB_TOKEN=" + token, "a literal GitHub token"},
		{"GITHUB_TOKEN=" + token + " gh pr list", "a literal GitHub token in GITHUB_TOKEN"},
		{"GITHUB_TOKEN=$T gh pr list", ""},
		{"echo " + token, "a literal GitHub token"},
		{"echo hello", ""},
	}
	for _, tt := range tests {
		got, ok := matcherHit(t, "credentials", nil, tt.cmd)
		if ok != (tt.want != "") || got != tt.want {
			t.Errorf("%s: %q, %v; want %q", tt.cmd, got, ok, tt.want)
		}
	}
	if _, err := newCredentials(map[string]any{"x": 1}); err == nil {
		t.Error("newCredentials with an unknown parameter: no error")
	}
}
