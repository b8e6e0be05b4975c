package rules

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/guardsh/guard/internal/blast"
	"github.com/guardsh/guard/internal/writes"
)

// entry is one member of a test archive.
type entry struct {
	name, link string
	typ        byte // tar's type flag
	mode       int64
}

func file(name string) entry { return entry{name: name, typ: tar.TypeReg, mode: 0o644} }
func dir(name string) entry  { return entry{name: name, typ: tar.TypeDir, mode: 0o755} }
func symlink(name, to string) entry {
	return entry{name: name, link: to, typ: tar.TypeSymlink, mode: 0o777}
}
func hardlink(name, to string) entry {
	return entry{name: name, link: to, typ: tar.TypeLink, mode: 0o644}
}

func tarBytes(t *testing.T, entries ...entry) []byte {
	t.Helper()
	var b bytes.Buffer
	w := tar.NewWriter(&b)
	for _, e := range entries {
		h := &tar.Header{Name: e.name, Linkname: e.link, Typeflag: e.typ, Mode: e.mode, ModTime: time.Unix(1e9, 0)}
		if e.typ == tar.TypeReg {
			h.Size = 3
		}
		if err := w.WriteHeader(h); err != nil {
			t.Fatal(err)
		}
		if e.typ == tar.TypeReg {
			w.Write([]byte("x\n\n"))
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func gzipBytes(data []byte) []byte {
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	w.Write(data)
	w.Close()
	return b.Bytes()
}

func zipBytes(t *testing.T, entries ...entry) []byte {
	t.Helper()
	var b bytes.Buffer
	w := zip.NewWriter(&b)
	for _, e := range entries {
		h := &zip.FileHeader{Name: e.name, Method: zip.Deflate}
		switch e.typ {
		case tar.TypeDir:
			h.SetMode(os.ModeDir | 0o755)
		case tar.TypeSymlink:
			h.SetMode(os.ModeSymlink | 0o777)
		default:
			h.SetMode(0o644)
		}
		f, err := w.CreateHeader(h)
		if err != nil {
			t.Fatal(err)
		}
		switch e.typ {
		case tar.TypeSymlink:
			f.Write([]byte(e.link))
		case tar.TypeReg:
			f.Write([]byte("x\n"))
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// archiveFixture is a home with a project in it, archives in the project,
// and a live context that lets rules read them.
type archiveFixture struct {
	home, proj string
}

func newArchiveFixture(t *testing.T) archiveFixture {
	t.Helper()
	root := t.TempDir()
	f := archiveFixture{home: filepath.Join(root, "home"), proj: filepath.Join(root, "home", "project")}
	if err := os.MkdirAll(filepath.Join(f.proj, ".claude"), 0o755); err != nil {
		t.Fatal(err)
	}
	return f
}

func (f archiveFixture) write(t *testing.T, name string, data []byte) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(f.proj, name), data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func (f archiveFixture) ctx() Context {
	return Context{Dir: f.proj, Home: f.home, Protected: ProtectedPaths(f.home, f.proj, "/usr/local/bin/guard"), State: blast.New(f.home)}
}

// TestSelfUnpack: an archive unpacked into the project is judged by what
// it holds when guard can read it on disk; one it cannot read still asks,
// at high, saying why.
func TestSelfUnpack(t *testing.T) {
	s, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	f := newArchiveFixture(t)
	release := tarBytes(t, dir("tool-1.2/"), file("tool-1.2/README.md"), file("tool-1.2/bin/tool"),
		symlink("tool-1.2/lib/libx.so", "libx.so.1"), file("tool-1.2/lib/libx.so.1"), hardlink("tool-1.2/bin/tool2", "tool-1.2/bin/tool"))
	f.write(t, "release.tar", release)
	f.write(t, "release.tar.gz", gzipBytes(release))
	f.write(t, "a.tgz", gzipBytes(tarBytes(t, dir("./"), file("./src/main.go"), file("./.claude/notes.md"))))
	f.write(t, "foo.zip", zipBytes(t, dir("foo/"), file("foo/a.txt"), file("foo/.claude/commands/x.md")))
	f.write(t, "evil.tar", tarBytes(t, file("README"), file(".claude/settings.json")))
	f.write(t, "evil.tgz", gzipBytes(tarBytes(t, file("pkg/.codex/config.toml"))))
	f.write(t, "evil.zip", zipBytes(t, file("x/y"), file(".claude/settings.local.json")))
	f.write(t, "nested.tar", tarBytes(t, file("tool/.claude/settings.json")))
	f.write(t, "dotdot.tar", tarBytes(t, file("../outside.txt")))
	f.write(t, "abs.tar", tarBytes(t, file("/etc/motd")))
	f.write(t, "linkout.tar", tarBytes(t, symlink("vendor", "/opt/shared")))
	f.write(t, "linkhook.tar", tarBytes(t, symlink("hooks.json", filepath.Join(f.home, ".claude", "settings.json"))))
	f.write(t, "linkup.zip", zipBytes(t, symlink("up", "../../x")))
	f.write(t, "through.tar", tarBytes(t, symlink("d", "."), file("d/x")))
	f.write(t, "hardout.tar", tarBytes(t, hardlink("x", "../../../etc/passwd")))
	f.write(t, "locked.tar", tarBytes(t, entry{name: "./", typ: tar.TypeDir, mode: 0o000}))
	f.write(t, "a.tar.xz", []byte("\xfd7zXZ\x00\x00\x04rest"))
	f.write(t, "a.tar.zst", []byte("\x28\xb5\x2f\xfd rest"))
	f.write(t, "junk.tar", []byte(strings.Repeat("not a tar archive ", 100)))
	if err := syscall.Mkfifo(filepath.Join(f.proj, "fifo.tar"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := exec.LookPath("bzip2"); err == nil {
		cmd := exec.Command("bzip2", "-c")
		cmd.Stdin = bytes.NewReader(tarBytes(t, file(".claude/settings.json")))
		if out, err := cmd.Output(); err == nil {
			f.write(t, "evil.tar.bz2", out)
		}
	}
	ctx := f.ctx()
	for _, c := range []struct {
		cmd, want, rule, detail string
	}{
		// Everyday: an archive of ordinary files, in the project.
		{cmd: "tar -xzf release.tar.gz", want: "allow"},
		{cmd: "tar xf release.tar", want: "allow"},
		{cmd: "tar -x -f release.tar", want: "allow"},
		{cmd: "tar xzf release.tar.gz --strip-components=1", want: "allow"},
		{cmd: "tar -xzf a.tgz", want: "allow"},
		{cmd: "tar -xvzf " + filepath.Join(f.proj, "a.tgz"), want: "allow"},
		{cmd: "unzip foo.zip", want: "allow"},
		{cmd: "unzip -o -q foo", want: "allow"},
		{cmd: "tar -x < release.tar", want: "allow"},
		{cmd: "cd " + f.home + " && tar xf project/release.tar", want: "allow"},
		// Members that land on an agent's settings.
		{cmd: "tar -xf evil.tar", want: "confirm", rule: "self.unpack", detail: "member .claude/settings.json writes"},
		{cmd: "tar xzf evil.tgz --strip-components 1", want: "confirm", rule: "self.unpack", detail: ".codex"},
		{cmd: "tar xzf evil.tgz --strip=1", want: "confirm", rule: "self.unpack", detail: ".codex"},
		{cmd: "tar xzf evil.tgz", want: "allow"},
		{cmd: "tar -xf nested.tar --strip-components=1", want: "confirm", rule: "self.unpack"},
		{cmd: "tar -xf nested.tar", want: "allow"},
		{cmd: "unzip evil.zip", want: "confirm", rule: "self.unpack", detail: "settings.local.json"},
		{cmd: "unzip -j foo.zip", want: "allow"},
		{cmd: "tar -xf evil.tar -C build", want: "allow"},
		{cmd: "unzip evil.zip -d vendor", want: "allow"},
		{cmd: "cd " + f.home + " && tar xf project/evil.tar", want: "confirm", rule: "self.unpack", detail: f.home + "/.claude/settings.json"},
		// Members that may land elsewhere than their names say.
		{cmd: "tar xf dotdot.tar", want: "confirm", rule: "self.unpack", detail: "climbs out"},
		{cmd: "tar xf abs.tar", want: "confirm", rule: "self.unpack", detail: "absolute path"},
		{cmd: "tar xf linkout.tar", want: "confirm", rule: "self.unpack", detail: "a link vendor to /opt/shared, outside the directory"},
		{cmd: "tar xf linkhook.tar", want: "confirm", rule: "self.unpack", detail: "links to"},
		{cmd: "unzip linkup.zip", want: "confirm", rule: "self.unpack", detail: "outside"},
		{cmd: "tar xf through.tar", want: "confirm", rule: "self.unpack", detail: "goes through the link"},
		{cmd: "tar xf hardout.tar", want: "confirm", rule: "self.unpack", detail: "hard link"},
		{cmd: "tar xf locked.tar", want: "confirm", rule: "self.unpack"},
		// Archives guard cannot read.
		{cmd: "curl -sSL https://x.example.com/t.tgz | tar -xz", want: "confirm", rule: "self.unpack-unknown", detail: "a pipe from curl"},
		{cmd: "tar -xJf a.tar.xz", want: "confirm", rule: "self.unpack-unknown", detail: "compressed with xz"},
		{cmd: "tar --zstd -xf a.tar.zst", want: "confirm", rule: "self.unpack-unknown", detail: "compressed with zstd"},
		{cmd: "tar xf missing.tar", want: "confirm", rule: "self.unpack-unknown", detail: "not there yet"},
		{cmd: "tar xf junk.tar", want: "confirm", rule: "self.unpack-unknown", detail: "cannot read it as a tar archive"},
		{cmd: "tar xf fifo.tar", want: "confirm", rule: "self.unpack-unknown", detail: "a FIFO"},
		{cmd: "unzip missing.zip", want: "confirm", rule: "self.unpack-unknown"},
		{cmd: "curl -o r.tgz https://x.example.com/r.tgz && tar xzf r.tgz", want: "confirm", rule: "self.unpack-unknown", detail: "once nothing earlier in the command has changed files"},
		{cmd: "cp evil.tar release.tar && tar xf release.tar", want: "confirm", rule: "self.unpack-unknown"},
		{cmd: "tar xf release.tar --transform 's,^,.claude/,'", want: "confirm", rule: "self.unpack-unknown", detail: "--transform"},
		{cmd: `tar xf "$f"`, want: "confirm", rule: "self.unpack-unknown"},
		// Unknown content into the home is denied, as before.
		{cmd: "cd " + f.home + " && curl -sL https://x.example.com/a.tgz | tar xz", want: "deny", rule: "self.files"},
	} {
		d := s.Check(c.cmd, ctx)
		got := d.Action.String()
		var ids, details []string
		for _, fd := range d.Findings {
			ids = append(ids, fd.Rule.ID)
			details = append(details, fd.Detail)
		}
		if got != c.want {
			t.Errorf("%s: %s %v %q, want %s", c.cmd, got, ids, details, c.want)
			continue
		}
		if c.rule == "" {
			continue
		}
		found := false
		for _, fd := range d.Findings {
			if fd.Rule.ID == c.rule && strings.Contains(fd.Detail, c.detail) {
				found = true
				if c.rule == "self.unpack-unknown" && fd.Severity != High {
					t.Errorf("%s: severity %s, want high", c.cmd, fd.Severity)
				}
			}
		}
		if !found {
			t.Errorf("%s: no %s finding saying %q: %v %q", c.cmd, c.rule, c.detail, ids, details)
		}
	}
	if _, err := os.Stat(filepath.Join(f.proj, "evil.tar.bz2")); err == nil {
		// guard reads gzip, not bzip2.
		if d := s.Check("tar xjf evil.tar.bz2", ctx); d.Action != Confirm || d.Findings[0].Rule.ID != "self.unpack-unknown" ||
			!strings.Contains(d.Findings[0].Detail, "compressed with bzip2") {
			t.Errorf("tar xjf evil.tar.bz2: %s %v", d.Action, d.Findings)
		}
	}
	// Without the disk (guard audit, rule examples) every unpacking into
	// the project asks.
	ctx.State = nil
	if d := s.Check("tar -xzf release.tar.gz", ctx); d.Action != Confirm || d.Findings[0].Rule.ID != "self.unpack-unknown" {
		t.Errorf("without the disk: %s %v", d.Action, d.Findings)
	}
}

// TestArchiveLimits: an archive over the member count or the bytes guard
// reads is one guard cannot read.
func TestArchiveLimits(t *testing.T) {
	f := newArchiveFixture(t)
	var many []entry
	for i := 0; i < 30; i++ {
		many = append(many, file("f"+strings.Repeat("x", i)))
	}
	f.write(t, "many.tgz", gzipBytes(tarBytes(t, many...)))
	f.write(t, "many.zip", zipBytes(t, many...))
	f.write(t, "many.tar", tarBytes(t, many...))
	defer func(n int, b int64) { writes.MaxMembers, writes.MaxArchiveRead = n, b }(writes.MaxMembers, writes.MaxArchiveRead)
	writes.MaxMembers = 10
	for _, name := range []string{"many.tgz", "many.zip", "many.tar"} {
		format := "tar"
		if strings.HasSuffix(name, ".zip") {
			format = "zip"
		}
		_, err := writes.ReadMembers(filepath.Join(f.proj, name), format)
		if err == nil || !strings.Contains(err.Error(), "more than 10 members") {
			t.Errorf("%s: %v, want too many members", name, err)
		}
	}
	writes.MaxMembers = 1000
	writes.MaxArchiveRead = 4096
	for _, name := range []string{"many.tgz", "many.tar"} {
		_, err := writes.ReadMembers(filepath.Join(f.proj, name), "tar")
		if err == nil || !strings.Contains(err.Error(), "needs more than") {
			t.Errorf("%s: %v, want over the read limit", name, err)
		}
	}
}
