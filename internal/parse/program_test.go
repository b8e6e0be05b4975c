package parse

import "testing"

// programCases are command names guard can or cannot know.
var programCases = []commandCase{
	// A pattern in command position runs whatever it matches first.
	{"/u*/bin/rm -rf x", []string{"'/u*/bin/rm'{G} -rf x problem=dynamic-program"}},
	{"/usr/bin/r? x", []string{"'/usr/bin/r?'{G} x problem=dynamic-program"}},
	{"/usr/bin/[r]m x", []string{"'/usr/bin/[r]m'{G} x problem=dynamic-program"}},
	{"sudo /*/rm x", []string{"'/*/rm'{G} x via=sudo problem=dynamic-program"}},
	{"bash -c './*.sh'", []string{"'./*.sh'{G} via=bash -c problem=dynamic-program"}},
	// Quoted, or [ alone, the name is a plain word.
	{"'/u*/rm' x", []string{"'/u*/rm' x"}},
	{"[ -f x ]", []string{"'['{G} -f x ]"}},
	{"/usr/bin/[ -f x ]", []string{"'/usr/bin/['{G} -f x ]"}},
}

func TestProgramNames(t *testing.T) { runCommandCases(t, programCases) }

// TestOwnArgs checks where a carrier's own arguments end and the command
// it carries begins.
func TestOwnArgs(t *testing.T) {
	tests := []struct {
		in   string
		want string // the carrier's own arguments
	}{
		{"docker run --rm -v a:/b golang:1.22 rm -rf vendor", "docker run --rm -v a:/b golang:1.22"},
		{"podman run -it --entrypoint sh alpine -c 'rm x'", "podman run -it --entrypoint sh alpine"},
		{"docker compose run --rm api rake db:drop", "docker compose run --rm api"},
		{"docker exec -w /app web rm -rf tmp", "docker exec -w /app web"},
		{"kubectl run t --image=busybox --rm -it -- rm -rf /data", "kubectl run t '--image=busybox' --rm -it"},
		{"kubectl exec -n prod api -- rm x", "kubectl exec -n prod api"},
		{"ssh -p 22 web1 rm -rf releases", "ssh -p 22 web1"},
		{"ssh web1 -- rm x", "ssh web1 --"},
		{"vagrant ssh -c 'rm x'", "vagrant ssh -c 'rm x'"},
		{"docker run --rm alpine", "docker run --rm alpine"},
		{"docker ps -a", "docker ps -a"},
	}
	for _, tt := range tests {
		invs := Command(tt.in, testOpts())
		if len(invs) == 0 {
			t.Errorf("%q: no invocations", tt.in)
			continue
		}
		own := &Invocation{Args: invs[0].Own(), Dir: testDir}
		if got := render(own); got != tt.want {
			t.Errorf("%q: own args %q, want %q", tt.in, got, tt.want)
		}
	}
}
