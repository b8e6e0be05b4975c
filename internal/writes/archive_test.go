package writes

import (
	gotar "archive/tar"
	gozip "archive/zip"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/guardsh/guard/internal/parse"
)

// TestMemberTargets: where each member of an archive lands, and which
// members may land elsewhere than their names say.
func TestMemberTargets(t *testing.T) {
	c := testChecker(testDir)
	for _, tc := range []struct {
		name    string
		archive Archive
		members []Member
		hit     string // the protected path a member lands on, or ""
		unsafe  string // part of the description of an unsafe member, or ""
	}{
		{"plain", Archive{}, []Member{{Name: "tool-1.0/", Type: 'd', Mode: 0o755}, {Name: "tool-1.0/bin/tool", Type: 'f'}}, "", ""},
		{"dot slash", Archive{}, []Member{{Name: "./", Type: 'd', Mode: 0o755}, {Name: "./src/a.go", Type: 'f'}}, "", ""},
		{"settings", Archive{}, []Member{{Name: ".claude/settings.json", Type: 'f'}}, testDir + "/.claude/settings.json", ""},
		{"dot slash settings", Archive{}, []Member{{Name: "./.claude/settings.local.json", Type: 'f'}}, testDir + "/.claude/settings.local.json", ""},
		{"codex dir", Archive{}, []Member{{Name: ".codex/", Type: 'd', Mode: 0o755}}, testDir + "/.codex", ""},
		{"strip", Archive{Strip: 1}, []Member{{Name: "pkg/.claude/settings.json", Type: 'f'}}, testDir + "/.claude/settings.json", ""},
		{"strip all", Archive{Strip: 3}, []Member{{Name: "pkg/.claude/settings.json", Type: 'f'}}, "", ""},
		{"flat", Archive{Flat: true}, []Member{{Name: "a/.claude/settings.json", Type: 'f'}}, "", ""},
		{"flat into .claude", Archive{Flat: true, Roots: []parse.Word{word(".claude")}}, []Member{{Name: "x/settings.json", Type: 'f'}}, testDir + "/.claude/settings.json", ""},
		{"absolute", Archive{}, []Member{{Name: "/etc/x", Type: 'f'}}, "", "absolute path"},
		{"absolute -P", Archive{Absolute: true}, []Member{{Name: "/home/user/.claude/settings.json", Type: 'f'}}, "/home/user/.claude/settings.json", ""},
		{"dotdot", Archive{}, []Member{{Name: "a/../../x", Type: 'f'}}, "", "climbs out"},
		{"link out", Archive{}, []Member{{Name: "v", Type: 'l', Link: "/opt/v"}}, "", "outside the directory"},
		{"link up", Archive{}, []Member{{Name: "a/v", Type: 'l', Link: "../../v"}}, "", "outside the directory"},
		{"link inside", Archive{}, []Member{{Name: "lib/a.so", Type: 'l', Link: "a.so.1"}}, "", ""},
		{"link to settings", Archive{}, []Member{{Name: "x", Type: 'l', Link: "/home/user/.claude/settings.json"}}, "/home/user/.claude/settings.json", "outside"},
		{"link to project settings", Archive{}, []Member{{Name: "x", Type: 'l', Link: ".claude/settings.json"}}, testDir + "/.claude/settings.json", ""},
		{"through a link", Archive{}, []Member{{Name: "d", Type: 'l', Link: "."}, {Name: "d/x", Type: 'f'}}, "", "goes through the link"},
		{"hard link", Archive{}, []Member{{Name: "x", Type: 'h', Link: ".claude/settings.json"}}, testDir + "/.claude/settings.json", ""},
		{"hard link out", Archive{}, []Member{{Name: "x", Type: 'h', Link: "../../etc/passwd"}}, "", "hard link"},
		{"locked root", Archive{}, []Member{{Name: "./", Type: 'd', Mode: 0}}, "", "mode 0000"},
		{"locked .claude", Archive{}, []Member{{Name: ".claude/", Type: 'd', Mode: 0o000}}, testDir + "/.claude/settings.json", ""},
		{"fifo", Archive{}, []Member{{Name: ".claude/settings.json", Type: 'o'}}, testDir + "/.claude/settings.json", ""},
	} {
		a := tc.archive
		a.What = "tar -x"
		if a.Roots == nil {
			a.Roots = []parse.Word{word(".")}
		}
		targets, unsafe := a.MemberTargets(tc.members)
		hit := ""
		for _, tg := range targets {
			if h, ok := c.Lands(tg, testDir); ok {
				hit = h.Protected
				break
			}
		}
		if hit != tc.hit {
			t.Errorf("%s: lands on %q, want %q (%+v)", tc.name, hit, tc.hit, targets)
		}
		if tc.unsafe == "" && unsafe != "" || !strings.Contains(unsafe, tc.unsafe) {
			t.Errorf("%s: unsafe %q, want %q", tc.name, unsafe, tc.unsafe)
		}
	}
}

// TestReadTar: guard's own tar reader lists what archive/tar writes, in
// each format, long names and links included, plain and compressed.
func TestReadTar(t *testing.T) {
	long := strings.Repeat("d/", 70) + "file"
	entries := []*gotar.Header{
		{Name: "a/", Typeflag: gotar.TypeDir, Mode: 0o755},
		{Name: "a/b.txt", Typeflag: gotar.TypeReg, Mode: 0o644, Size: 700},
		{Name: long, Typeflag: gotar.TypeReg, Mode: 0o600, Size: 1},
		{Name: "a/link", Typeflag: gotar.TypeSymlink, Linkname: strings.Repeat("../", 40) + "x"},
		{Name: "a/hard", Typeflag: gotar.TypeLink, Linkname: "a/b.txt"},
		{Name: "a/fifo", Typeflag: gotar.TypeFifo},
	}
	for _, format := range []gotar.Format{gotar.FormatPAX, gotar.FormatGNU} {
		var b bytes.Buffer
		w := gotar.NewWriter(&b)
		for _, h := range entries {
			h := *h
			h.Format = format
			if err := w.WriteHeader(&h); err != nil {
				t.Fatal(err)
			}
			w.Write(bytes.Repeat([]byte("x"), int(h.Size)))
		}
		w.Close()
		dir := t.TempDir()
		var gz bytes.Buffer
		zw := gzip.NewWriter(&gz)
		zw.Write(b.Bytes())
		zw.Close()
		for name, data := range map[string][]byte{"a.tar": b.Bytes(), "a.tgz": gz.Bytes()} {
			p := filepath.Join(dir, name)
			os.WriteFile(p, data, 0o600)
			got, err := ReadMembers(p, "tar")
			if err != nil {
				t.Fatalf("%v %s: %v", format, name, err)
			}
			if len(got) != len(entries) {
				t.Fatalf("%v %s: %d members, want %d: %+v", format, name, len(got), len(entries), got)
			}
			for i, m := range got {
				if m.Name != entries[i].Name || m.Link != entries[i].Linkname || m.Type != "dfflho"[i] {
					t.Errorf("%v %s: member %d = %+v, want %+v", format, name, i, m, entries[i])
				}
			}
		}
	}
	// A file that is not a tar archive, and one cut short.
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "x"), bytes.Repeat([]byte("x"), 2048), 0o600)
	if _, err := ReadMembers(filepath.Join(dir, "x"), "tar"); err == nil || !strings.Contains(err.Error(), "as a tar archive") {
		t.Errorf("not a tar archive: %v", err)
	}
}

// TestReadZip: guard's own zip reader lists what archive/zip writes:
// names, directories, links stored and deflated, with data before the
// archive (a self-extracting one) and in zip64 form.
func TestReadZip(t *testing.T) {
	type ent struct {
		name, link string
		mode       os.FileMode
		method     uint16
	}
	ents := []ent{
		{name: "a/", mode: os.ModeDir | 0o755},
		{name: "a/b.txt", mode: 0o644, method: gozip.Deflate},
		{name: "a/stored", mode: 0o600, method: gozip.Store},
		{name: "a/link", link: "../../x", mode: os.ModeSymlink | 0o777, method: gozip.Store},
		{name: "a/dlink", link: strings.Repeat("d/", 30) + "target", mode: os.ModeSymlink | 0o777, method: gozip.Deflate},
		{name: strings.Repeat("long/", 60) + "name", mode: 0o644, method: gozip.Deflate},
	}
	write := func(prefix []byte, zip64 bool) []byte {
		var b bytes.Buffer
		b.Write(prefix)
		w := gozip.NewWriter(&b)
		w.SetOffset(int64(len(prefix)))
		for _, e := range ents {
			h := &gozip.FileHeader{Name: e.name, Method: e.method}
			h.SetMode(e.mode)
			if zip64 {
				h.UncompressedSize64 = 1 << 33 // makes the writer use zip64 fields
			}
			body := []byte(e.link)
			if e.link == "" && e.mode&os.ModeDir == 0 {
				body = []byte("content\n")
			}
			if e.method == gozip.Deflate {
				var z bytes.Buffer
				zw, _ := flate.NewWriter(&z, 5)
				zw.Write(body)
				zw.Close()
				body = z.Bytes()
			}
			h.CompressedSize64 = uint64(len(body))
			fw, err := w.CreateRaw(h)
			if err != nil {
				t.Fatal(err)
			}
			fw.Write(body)
		}
		w.Close()
		return b.Bytes()
	}
	dir := t.TempDir()
	for name, data := range map[string][]byte{"plain.zip": write(nil, false), "sfx.zip": write(bytes.Repeat([]byte("#!/bin/sh\n"), 100), false),
		"zip64.zip": write(nil, true)} {
		p := filepath.Join(dir, name)
		os.WriteFile(p, data, 0o600)
		got, err := ReadMembers(p, "zip")
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if len(got) != len(ents) {
			t.Errorf("%s: %d members, want %d: %+v", name, len(got), len(ents), got)
			continue
		}
		for i, m := range got {
			want := byte('f')
			switch {
			case ents[i].mode&os.ModeDir != 0:
				want = 'd'
			case ents[i].mode&os.ModeSymlink != 0:
				want = 'l'
			}
			if m.Name != ents[i].name || m.Type != want || m.Link != ents[i].link {
				t.Errorf("%s: member %d = %+v, want %+v", name, i, m, ents[i])
			}
		}
	}
	os.WriteFile(filepath.Join(dir, "x.zip"), []byte("PK\x05\x06 not really"), 0o600)
	if _, err := ReadMembers(filepath.Join(dir, "x.zip"), "zip"); err == nil {
		t.Error("a broken zip file was read")
	}
}
