package parse

import (
	"strings"
	"testing"
)

// TestInterpreterArgv checks that code reading its arguments (sys.argv[1],
// process.argv[1], ARGV[0], $ARGV[0], $argv[1]) deletes the path the shell
// passes.
func TestInterpreterArgv(t *testing.T) {
	tests := []struct {
		cmd, want string
	}{
		{`python3 -c 'import shutil,sys; shutil.rmtree(sys.argv[1])' /srv/data`, "rm -rf /srv/data"},
		{`python3 -c 'import shutil,sys; shutil.rmtree(sys.argv[2])' a /srv/b`, "rm -rf /srv/b"},
		{`python3 -c 'import shutil,sys; shutil.rmtree(sys.argv[3])' a`, "rm -rf $EXPR"},
		{`python3 - /srv/x <<'E'` + "\nimport shutil, sys\nshutil.rmtree(sys.argv[1])\nE", "rm -rf /srv/x"},
		{`node -e 'require("fs").rmSync(process.argv[1], {recursive: true})' /srv/n`, "rm -rf /srv/n"},
		{`node -e 'require("fs").rmSync(process.argv[1], {recursive: true})' -- /srv/n`, "rm -rf /srv/n"},
		{`ruby -rfileutils -e 'FileUtils.rm_rf(ARGV[0])' /srv/r`, "rm -rf /srv/r"},
		{`perl -MFile::Path=rmtree -e 'rmtree($ARGV[0])' /srv/p`, "rm -rf /srv/p"},
		{`php -r 'unlink($argv[1]);' /srv/f.txt`, "rm -f /srv/f.txt"},
		{`perl -MFile::Path=rmtree -e 'rmtree shift' /srv/s`, "rm -rf /srv/s"},
		{`python3 -c 'from sys import argv; import shutil; shutil.rmtree(argv[1])' /srv/w`, "rm -rf /srv/w"},
		{`perl -MFile::Path=rmtree -e 'my $a = shift; my $b = shift; rmtree($b)' x /srv/t`, "rm -rf /srv/t"},
		{`perl -MFile::Path=rmtree -e 'sub w { my $d = shift; rmtree($d) } w("/srv/u")' /srv/v`, "rm -rf /srv/u"},
		{`python3 -c 'import os,sys; [os.remove(f) for f in sys.argv[1:]]' /srv/one`, "rm -f /srv/one"},
		{`python3 -c 'import os,sys; [os.remove(f) for f in sys.argv[1:]]' /srv/a /srv/b`, "rm -f $EXPR"},
		{`python3 -c 'import os,sys; os.remove(sys.argv[2])' *.log /srv/b`, "rm -f $EXPR"},
		{`d=$(mktemp -d); python3 -c 'import shutil,sys; shutil.rmtree(sys.argv[1])' "$d"`, "rm -rf /tmp/tmp.XXXXXXXXXX"},
		{`DATA=/srv/e python3 -c 'import os,shutil; shutil.rmtree(os.environ["DATA"])'`, "rm -rf /srv/e"},
		{`export OUT=/srv/o; node -e 'require("fs").rmSync(process.env.OUT, {recursive: true})'`, "rm -rf /srv/o"},
		{`D=/srv/r ruby -rfileutils -e 'FileUtils.rm_rf(ENV.fetch("D"))'`, "rm -rf /srv/r"},
		{`D=/srv/p perl -MFile::Path=rmtree -e 'rmtree($ENV{D})'`, "rm -rf /srv/p"},
		{`D=/srv/g python3 -c 'import os,shutil; shutil.rmtree(os.getenv("D", "/tmp/x"))'`, "rm -rf /srv/g"},
		{`python3 -c 'import os,shutil; shutil.rmtree(os.environ["NOPE"])'`, "rm -rf $EXPR"},
	}
	for _, tt := range tests {
		got := ""
		for _, inv := range Command(tt.cmd, testOpts()) {
			if inv.Name == "rm" {
				words := make([]string, len(inv.Args))
				for i, a := range inv.Args {
					words[i] = a.Value
				}
				got = strings.Join(words, " ")
			}
		}
		if got != tt.want {
			t.Errorf("%s: deletes %q, want %q", tt.cmd, got, tt.want)
		}
	}
}
