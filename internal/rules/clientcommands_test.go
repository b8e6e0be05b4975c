package rules

import "testing"

// TestClientCommand splits a client's text into commands and matches
// their first words, not text inside them.
func TestClientCommand(t *testing.T) {
	want := [][]string{{"rm"}, {"mdel"}, {"mirror", "-r", "--delete"}}
	tests := []struct {
		text string
		ok   bool
	}{
		{"recurse ON; prompt OFF; MDEL *", true},
		{"cd x\nrm a.txt\nbye", true},
		{"mirror -R --delete ./site /www; quit", true},
		{"get form.pdf; put alarm.txt", false},
		{"mirror -R ./site /www", false},
		{"ls; mget *", false},
	}
	for _, tt := range tests {
		if _, ok := clientCommand(tt.text, want); ok != tt.ok {
			t.Errorf("clientCommand(%q) = %v, want %v", tt.text, ok, tt.ok)
		}
	}
}
