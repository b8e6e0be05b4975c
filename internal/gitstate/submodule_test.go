package gitstate

import (
	"slices"
	"testing"
)

func TestSubmodules(t *testing.T) {
	g := testGit(t)
	dir := testRepo(t, map[string]string{"a": "a"})
	r, err := g.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if subs, err := r.Submodules(); err != nil || len(subs) != 0 {
		t.Errorf("no .gitmodules: %q, %v", subs, err)
	}
	write(t, dir, map[string]string{".gitmodules": "[submodule \"x\"]\n\tpath = libs/x/\n[submodule \"y y\"]\n\tpath = \"vendor/y y\"\n\turl = ../y\n"})
	subs, err := r.Submodules()
	if err != nil || !slices.Equal(subs, []string{"libs/x", "vendor/y y"}) {
		t.Errorf("got %q, %v", subs, err)
	}
}
