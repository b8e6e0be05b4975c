package writes

import (
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
