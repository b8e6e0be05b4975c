package disk

import (
	"os"
	"testing"
)

func TestKindOf(t *testing.T) {
	dir := t.TempDir()
	file := dir + "/disk.img"
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("/dev/null", dir+"/null"); err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]Kind{file: Regular, dir: Directory, dir + "/none": Missing, dir + "/null": CharDevice} {
		if got := KindOf(path); got != want {
			t.Errorf("KindOf(%s) = %d, want %d", path, got, want)
		}
	}
}
