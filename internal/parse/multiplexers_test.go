package parse

import (
	"strings"
	"testing"
)

// TestMultiplexerCarriers checks that what a multiplexer or background
// runner starts or types is found as a command, with the session it
// reaches on the nesting path.
func TestMultiplexerCarriers(t *testing.T) {
	for _, tc := range []struct{ cmd, want, via string }{
		{`screen -dmS cleanup bash -c 'rm -rf /srv/x'`, "rm", "screen -S cleanup"},
		{`screen -d -m -S w rm -rf /srv/x`, "rm", "screen -S w"},
		{`screen -r ops -X stuff 'rm -rf /srv/x^M'`, "rm", "screen -S ops stuff"},
		{`screen -S ops -X eval 'stuff "rm -rf /srv/x\015"'`, "rm", "screen -S ops"},
		{`screen -S ops -X at 0 exec rm -rf /srv/x`, "rm", "screen -S ops exec"},
		{`tmux new -d -s x \; send-keys -t prod:0 'rm -rf /srv/x' Enter`, "rm", "tmux send-keys -t prod:0"},
		{`tmux -L sock new-window -t prod 'rm -rf /srv/x'`, "rm", "tmux new-window -t prod"},
		{`byobu send-keys -t 1 'rm -rf /srv/x' Enter`, "rm", "tmux send-keys -t 1"},
		{`zellij -s prod run -f -- rm -rf /srv/x`, "rm", "zellij run -s prod"},
		{`zellij action write 114 109 32 47 120 13`, "rm", "zellij action write"},
		{`dtach -A /tmp/s -r winch sh -c 'rm -rf /srv/x'`, "rm", "dtach /tmp/s"},
		{`abduco -r -n job rm -rf /srv/x`, "rm", "abduco job"},
		{`pueue add -g q -- rm -rf /srv/x`, "rm", "pueue add"},
		{`start-stop-daemon -S -b -x /bin/rm -- -rf /srv/x`, "rm", "start-stop-daemon"},
	} {
		found := false
		for _, inv := range Command(tc.cmd, Options{}) {
			if inv.Name == tc.want && strings.HasPrefix(strings.Join(inv.Via, " / "), tc.via) {
				found = true
			}
		}
		if !found {
			var got []string
			for _, inv := range Command(tc.cmd, Options{}) {
				got = append(got, inv.Name+" via "+strings.Join(inv.Via, " / "))
			}
			t.Errorf("%s: no %s via %q in %q", tc.cmd, tc.want, tc.via, got)
		}
	}
}

// TestShellLines checks that typed lines a shell rejects whole are
// dropped, and that lines left open keep the text whole.
func TestShellLines(t *testing.T) {
	for in, want := range map[string]string{
		"db.orders.find().limit(3)\n":           "",
		"ls -la\n":                              "ls -la\n",
		"db.x.find().limit(3)\nrm -rf /srv/x\n": "rm -rf /srv/x\n",
		"for f in *; do\nrm -rf \"$f\"; done\n": "for f in *; do\nrm -rf \"$f\"; done\n",
	} {
		if got := shellLines(in); got != want {
			t.Errorf("shellLines(%q) = %q, want %q", in, got, want)
		}
	}
}

// FuzzMultiplexers feeds the multiplexer and runner grammars words in any
// order: none may panic or loop.
func FuzzMultiplexers(f *testing.F) {
	for _, s := range []string{
		`screen -dmS x -X eval 'stuff "a^M"' -r`, `screen -d`, `screen -X at`, `screen -S`, `screen -X exec .!.`,
		`tmux \; \; send-keys -t`, `tmux bind-key -T`, `tmux if-shell`, `tmux set-buffer -b`, `tmux -c`,
		`zellij action write 300`, `zellij -s`, `zellij action new-pane --`, `dtach -p`, `abduco -e`,
		`kitty @ send-text`, `wezterm cli spawn --cwd`, `pueue add`, `start-stop-daemon -S -x`, `bwrap --bind a`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 400 {
			return
		}
		Command(s, Options{})
		for _, inv := range Command(s, Options{}) {
			TypedText(inv)
		}
	})
}
