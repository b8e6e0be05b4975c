package program

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestFind(t *testing.T) {
	dir := t.TempDir()
	mk := func(p string, mode os.FileMode) string {
		p = filepath.Join(dir, p)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("#!/bin/sh\n"), mode); err != nil {
			t.Fatal(err)
		}
		return p
	}
	self := mk("bin/guard", 0o755)
	real := mk("real/tf", 0o755)
	mk("noexec/tf", 0o644)
	shims := filepath.Join(dir, "shims")
	if err := os.MkdirAll(shims, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(self, filepath.Join(shims, "tf")); err != nil {
		t.Fatal(err)
	}
	// Another directory holding a link to guard, and a link to the shim
	// directory itself under another name.
	if err := os.MkdirAll(filepath.Join(dir, "loop"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(shims, "tf"), filepath.Join(dir, "loop", "tf")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(shims, filepath.Join(dir, "shims-alias")); err != nil {
		t.Fatal(err)
	}
	// A relative PATH entry holding a program of that name: never used.
	wd, _ := os.Getwd()
	if err := os.Chdir(filepath.Join(dir, "real")); err != nil {
		t.Fatal(err)
	}
	defer os.Chdir(wd)

	path := strings.Join([]string{".", "", filepath.Join(dir, "shims-alias"), shims, filepath.Join(dir, "loop"), filepath.Join(dir, "noexec"), filepath.Join(dir, "real")}, string(os.PathListSeparator))
	got, err := Find("tf", path, []string{shims}, self)
	if err != nil || got != real {
		t.Errorf("Find = %q, %v; want %q", got, err, real)
	}
	if _, err := Find("tf", strings.Join([]string{shims, filepath.Join(dir, "loop")}, ":"), []string{shims}, self); err == nil {
		t.Errorf("found a program where there is only guard")
	}
	if _, err := Find(filepath.Join(shims, "tf"), path, nil, self); err == nil || !strings.Contains(err.Error(), "guard itself") {
		t.Errorf("a path to guard was accepted: %v", err)
	}
	if got, err := Find(real, "", nil, self); err != nil || got != real {
		t.Errorf("an absolute path: %q %v", got, err)
	}
	if _, err := Find(filepath.Join(dir, "noexec", "tf"), "", nil, self); err == nil {
		t.Errorf("a file without exec permission was accepted")
	}
}
