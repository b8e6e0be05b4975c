package rules

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/guardsh/guard/internal/blast"
	"github.com/guardsh/guard/internal/disk"
	"github.com/guardsh/guard/internal/parse"
)

// TestDiskTargetState checks that, when guard may read the disk, a path
// that is a block device counts as a disk whatever its name, and an image
// file in the project does not.
func TestDiskTargetState(t *testing.T) {
	home := t.TempDir()
	proj := filepath.Join(home, "project")
	if err := os.MkdirAll(proj, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(proj, "real.img"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	dev := ""
	for _, d := range []string{"/dev/loop0", "/dev/vda", "/dev/sda", "/dev/nvme0n1", "/dev/disk0"} {
		if disk.KindOf(d) == disk.BlockDevice {
			dev = d
			break
		}
	}
	s := defaultSet(t)
	ctx := Context{Dir: proj, Home: home, State: blast.New(home)}
	check := func(cmd string, want Action, sev Severity) {
		t.Helper()
		d := s.Check(cmd, ctx)
		if d.Action != want || want != Allow && d.Severity() != sev {
			t.Errorf("%s: got %s (%s) %s, want %s (%s)", cmd, d.Action, d.Severity(), ids(d), want, sev)
		}
	}
	check("mkfs.ext4 real.img", Allow, 0)
	check("mkfs.ext4 /tmp/new.img", Allow, 0)
	check("mkfs.ext4 /dev/sdz9", Confirm, Critical)
	check("mkfs.ext4 /srv/vm.img", Confirm, High)
	check("dd if=/dev/zero of=real.img bs=1M count=1", Allow, 0)
	check(`cd "$X" && mkfs.ext4 sda`, Confirm, High)
	check("cd /dev && mkfs.ext4 sda", Confirm, Critical)
	old := loopBacking
	defer func() { loopBacking = old }()
	loopBacking = func(name string) string {
		switch name {
		case "loop3":
			return filepath.Join(proj, "real.img")
		case "loop4":
			return "/srv/vm.img"
		}
		return ""
	}
	check("mkfs.ext4 /dev/loop3", Allow, 0)
	check("mkfs.ext4 /dev/loop3p1", Allow, 0)
	check("mkfs.ext4 /dev/loop4", Confirm, Critical)
	check("mkfs.ext4 /dev/loop5", Confirm, Critical)
	check("losetup -d /dev/loop3 && losetup /dev/loop3 /dev/sda && mkfs.ext4 /dev/loop3", Confirm, Critical)
	if dev == "" {
		t.Skip("no block device to link to")
	}
	if err := os.Symlink(dev, filepath.Join(proj, "disk.img")); err != nil {
		t.Fatal(err)
	}
	check("mkfs.ext4 disk.img", Confirm, Critical)
	check("dd if=/dev/zero of=disk.img bs=1M", Confirm, Critical)
	check("wipefs -a ./disk.img", Confirm, Critical)
}

// TestJudgeTargetDev checks which paths under /dev count as disks.
func TestJudgeTargetDev(t *testing.T) {
	ctx := ExampleContext()
	for p, want := range map[string]targetKind{
		"/dev/null": targetSafe, "/dev/fd/3": targetSafe, "/dev/shm/x.img": targetSafe, "/dev/pts/1": targetSafe,
		"/dev/sda": targetDevice, "/dev/vg0/data": targetDevice, "/dev/zd0": targetDevice, "/dev/loop3": targetDevice,
		"/dev/../dev/sda": targetDevice, "build/x.img": targetSafe, "/tmp/x.img": targetSafe, "/etc/fstab": targetFile,
	} {
		inv := parse.Command("mkfs.ext4 "+p, parse.Options{Dir: ctx.Dir, Home: ctx.Home})[0]
		if got, _ := judgeTarget(inv.Args[1], false, inv, &ctx); got != want {
			t.Errorf("%s: got %d, want %d", p, got, want)
		}
	}
}

// TestPackagesOldKernel checks that removing a kernel other than the
// running one passes on this machine, and the running one asks.
func TestPackagesOldKernel(t *testing.T) {
	old := runningKernel
	defer func() { runningKernel = old }()
	home := t.TempDir()
	s := defaultSet(t)
	ctx := Context{Dir: home, Home: home, State: blast.New(home)}
	for _, c := range []struct {
		running, cmd string
		want         Action
	}{
		{"6.8.0-45-generic", "sudo apt-get remove -y linux-image-6.5.0-14-generic", Allow},
		{"6.8.0-45-generic", "sudo apt-get remove -y linux-image-6.8.0-45-generic", Confirm},
		{"6.8.0-45-generic", "sudo apt-get remove -y linux-image-generic", Confirm},
		{"6.8.0-45.fc40.x86_64", "sudo dnf remove kernel-core-6.8.0-45.fc40.x86_64", Confirm},
		{"6.8.0-45.fc40.x86_64", "sudo dnf remove kernel-core-6.2.9-300.fc38.x86_64", Allow},
		{"", "sudo apt-get remove -y linux-image-6.5.0-14-generic", Confirm},
		{"6.8.0-45-generic", "sudo apt-get update && sudo apt-get remove -y linux-image-6.5.0-14-generic", Allow},
	} {
		runningKernel = func() string { return c.running }
		if d := s.Check(c.cmd, ctx); d.Action != c.want {
			t.Errorf("%s (running %s): got %s %s, want %s", c.cmd, c.running, d.Action, ids(d), c.want)
		}
	}
	// Without the disk, as in guard audit, any kernel asks.
	runningKernel = func() string { return "6.8.0-45-generic" }
	ctx.State = nil
	if d := s.Check("sudo apt-get remove -y linux-image-6.5.0-14-generic", ctx); d.Action != Confirm {
		t.Errorf("without state: got %s", d.Action)
	}
}

func TestSystemdSpan(t *testing.T) {
	for s, want := range map[string]float64{"1s": 1, "2weeks": 14 * 86400, "10min": 600, "1h 30min": 5400, "3": 3, "1y": 365 * 86400} {
		d, ok := systemdSpan(s)
		if !ok || d.Seconds() != want {
			t.Errorf("%s: got %v %v, want %vs", s, d, ok, want)
		}
	}
	if _, ok := systemdSpan("soon"); ok {
		t.Error("soon read as a span")
	}
}

// TestPackagesOtherPython checks that a python3.N beside the system's own
// passes on this machine, and the system's own asks.
func TestPackagesOtherPython(t *testing.T) {
	old := systemPython
	systemPython = func() string { return "3.12" }
	defer func() { systemPython = old }()
	home := t.TempDir()
	s := defaultSet(t)
	ctx := Context{Dir: home, Home: home, State: blast.New(home)}
	for cmd, want := range map[string]Action{
		"sudo apt remove -y python3.9 python3.9-minimal":      Allow,
		"sudo apt remove -y python3.12":                       Confirm,
		"sudo apt remove -y python3":                          Confirm,
		"mkdir -p build && sudo apt remove -y python3.9":      Confirm,
		"sudo apt-get update && sudo apt remove -y python3.9": Allow,
	} {
		if d := s.Check(cmd, ctx); d.Action != want {
			t.Errorf("%s: got %s %s, want %s", cmd, d.Action, ids(d), want)
		}
	}
}
