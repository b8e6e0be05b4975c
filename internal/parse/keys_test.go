package parse

import "testing"

func TestTmuxSendKeys(t *testing.T) {
	w := func(s ...string) []Word {
		out := make([]Word, len(s))
		for i, v := range s {
			out[i] = Word{Value: v}
		}
		return out
	}
	tests := []struct {
		args    []Word
		want    string
		dynamic bool
	}{
		{w("-t", "x:0", "ls", "Enter"), "ls\n", false},
		{w("-tx:0", "make", "Space", "test", "C-m"), "make test\n", false},
		{w("-lt", "x", "Enter"), "Enter", false},
		{w("-l", "rm", "-rf"), "rm-rf", false},
		{w("-X", "cancel"), "", false},
		{w("Up", "Enter"), "\n", true},
		{append(w("-t", "0"), Word{Value: "$C", Dynamic: true}), "$C", true},
	}
	for _, tt := range tests {
		got := tmuxSendKeys(tt.args)
		if got.Value != tt.want || got.Dynamic != tt.dynamic {
			t.Errorf("tmuxSendKeys(%v) = %q, %v; want %q, %v", tt.args, got.Value, got.Dynamic, tt.want, tt.dynamic)
		}
	}
}

func TestScreenStuff(t *testing.T) {
	for in, want := range map[string]string{
		"ls^M":       "ls\n",
		`make\n`:     "make\n",
		`rm x\015`:   "rm x\n",
		"plain text": "plain text",
	} {
		if got := screenStuff(Word{Value: in}); got.Value != want {
			t.Errorf("screenStuff(%q) = %q, want %q", in, got.Value, want)
		}
	}
}
