package disk

import (
	"os"
	"path/filepath"
	"testing"
)

func TestCount(t *testing.T) {
	root := tree(t, "a/1", "a/2", "a/b/3", "c")
	os.WriteFile(filepath.Join(root, "a/big"), make([]byte, 1000), 0o644)
	os.Symlink("/", filepath.Join(root, "a/root-link"))
	u := Count([]string{filepath.Join(root, "a"), filepath.Join(root, "c"), filepath.Join(root, "missing")}, Limit{})
	if u.Files != 6 || u.Dirs != 2 || u.Truncated {
		t.Errorf("got %+v, want 6 files (the link counts as one) and 2 dirs", u)
	}
	if u.Bytes < 1004 {
		t.Errorf("got %d bytes, want at least 1004", u.Bytes)
	}
	os.MkdirAll(filepath.Join(root, "a/repo/.git/objects"), 0o755)
	os.WriteFile(filepath.Join(root, "a/repo/.git/objects/x"), nil, 0o644)
	u = Count([]string{filepath.Join(root, "a")}, Limit{})
	if len(u.Repos) != 1 || u.Repos[0] != filepath.Join(root, "a/repo") || u.Files != 5 {
		t.Errorf("a repository inside: got %+v", u)
	}
	u = Count([]string{root}, Limit{Entries: 3})
	if !u.Truncated || u.Files+u.Dirs != 3 {
		t.Errorf("limit 3: got %+v", u)
	}
}
