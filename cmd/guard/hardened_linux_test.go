package main

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"io"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/creack/pty"
)

// TestHardened sets up the hardened set-up with two real OS users, a
// person and an agent, and checks that the approval channel holds: the
// agent's request reaches the person's approver and runs when the person
// says yes; the agent cannot stand in for the approver, and guard as the
// agent refuses an approver that does not run as the person (issue 12 §6).
// CI runs as root; elsewhere the test is skipped.
func TestHardened(t *testing.T) {
	if os.Getuid() != 0 {
		t.Skip("the hardened set-up test creates two OS users and needs root (CI runs it as root)")
	}
	for _, p := range []string{"useradd", "userdel"} {
		if _, err := exec.LookPath(p); err != nil {
			t.Skipf("no %s", p)
		}
	}
	guard, err := exec.LookPath("guard")
	if err != nil {
		t.Skip("the guard test command is not on PATH")
	}
	suffix := make([]byte, 3)
	rand.Read(suffix)
	personName, agentName := "gtp"+hex.EncodeToString(suffix), "gta"+hex.EncodeToString(suffix)
	out, err := exec.Command("useradd", "--create-home", "--user-group", "--shell", "/bin/sh", personName).CombinedOutput()
	if err != nil {
		t.Skipf("useradd: %v: %s", err, out)
	}
	t.Cleanup(func() {
		exec.Command("userdel", "--remove", personName).Run()
		exec.Command("userdel", "--remove", agentName).Run()
	})
	pu, _ := user.Lookup(personName)
	puid, _ := strconv.Atoi(pu.Uid)
	pgid, _ := strconv.Atoi(pu.Gid)

	// Everything under a root both users can reach; short, for sockets.
	root, err := os.MkdirTemp("", "gh")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		exec.Command("chattr", "-R", "-a", root).Run()
		os.RemoveAll(root)
	})
	os.Chmod(root, 0o755)
	for _, d := range []string{"etc", "bin", "work"} {
		os.MkdirAll(filepath.Join(root, d), 0o755)
	}
	os.Chmod(filepath.Join(root, "work"), 0o1777)
	bin := filepath.Join(root, "bin", "guard")
	data, err := os.ReadFile(guard)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bin, data, 0o755); err != nil {
		t.Fatal(err)
	}
	ran := filepath.Join(root, "work", "ran.txt")
	os.WriteFile(filepath.Join(root, "bin", "terraform"), []byte("#!/bin/sh\necho \"terraform $*\" >> '"+ran+"'\n"), 0o755)
	env := []string{"PATH=" + filepath.Join(root, "bin") + ":/usr/bin:/bin", "GUARD_TEST_HARDENED_ROOT=" + root, "LANG=C.UTF-8", "TERM=xterm"}
	as := func(u *user.User, args ...string) *exec.Cmd {
		cmd := exec.Command(bin, args...)
		cmd.Env = append(env, "HOME="+u.HomeDir, "USER="+u.Username)
		cmd.Dir = filepath.Join(root, "work")
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}, Setsid: true}
		return cmd
	}

	// Set it up, creating the agent's user.
	setup := exec.Command(bin, "setup", "hardened", "--person", personName, "--agent-user", agentName)
	setup.Env = env
	if out, err := setup.CombinedOutput(); err != nil {
		t.Fatalf("setup: %v\n%s", err, out)
	} else if !strings.Contains(string(out), "The hardened set-up is ready") {
		t.Fatalf("setup said:\n%s", out)
	}
	au, err := user.Lookup(agentName)
	if err != nil {
		t.Fatalf("setup did not create the agent's user: %v", err)
	}
	agid, _ := strconv.Atoi(au.Gid)
	dir := filepath.Join(root, "var", "lib", "guard", strconv.Itoa(puid))
	approveDir := filepath.Join(dir, "approve")
	for _, c := range []struct {
		path     string
		uid, gid int
		mode     os.FileMode
	}{
		{dir, puid, agid, 0o750},
		{approveDir, puid, agid, 0o750},
		{filepath.Join(dir, "log", "log.jsonl"), puid, agid, 0o660},
		{filepath.Join(dir, "config.toml"), puid, agid, 0o640},
		{filepath.Join(root, "etc", "guard", "hardened.json"), 0, 0, 0o644},
	} {
		st, err := os.Lstat(c.path)
		if err != nil {
			t.Fatal(err)
		}
		s := st.Sys().(*syscall.Stat_t)
		if int(s.Uid) != c.uid || int(s.Gid) != c.gid || st.Mode().Perm() != c.mode {
			t.Errorf("%s: uid %d gid %d mode %v, want %d %d %v", c.path, s.Uid, s.Gid, st.Mode().Perm(), c.uid, c.gid, c.mode)
		}
	}
	managed, err := os.ReadFile(filepath.Join(root, "etc", "claude-code", "managed-settings.json"))
	if err != nil || !strings.Contains(string(managed), "hook claude") {
		t.Errorf("Claude Code's managed settings: %v\n%s", err, managed)
	}

	// The agent cannot run the approver, nor put a socket where it is.
	if out, err := as(au, "approve").CombinedOutput(); err == nil {
		t.Errorf("guard approve ran as the agent:\n%s", out)
	}
	sh := func(u *user.User, script string) error {
		cmd := as(u)
		cmd.Path, cmd.Args = "/bin/sh", []string{"sh", "-c", script}
		return cmd.Run()
	}
	if sh(au, "echo x > '"+filepath.Join(approveDir, "approve.sock")+"'") == nil {
		t.Error("the agent could write in the approver's directory")
	}
	if sh(au, "echo '[settings]' > '"+filepath.Join(dir, "config.toml")+"'") == nil {
		t.Error("the agent could write guard's config")
	}

	// The person's approver, on a terminal of the person's.
	ptmx, tty, err := pty.Open()
	if err != nil {
		t.Skipf("no pseudo-terminals: %v", err)
	}
	defer ptmx.Close()
	scr := &screen{}
	go io.Copy(scr, ptmx)
	approver := as(pu, "approve")
	os.Chown(tty.Name(), puid, pgid)
	approver.Stdin, approver.Stdout, approver.Stderr = tty, tty, tty
	approver.SysProcAttr.Setctty, approver.SysProcAttr.Ctty = true, 0
	if err := approver.Start(); err != nil {
		t.Fatal(err)
	}
	tty.Close()
	defer func() { approver.Process.Signal(syscall.SIGTERM); approver.Wait() }()
	scr.waitFor(t, `waiting for requests`)

	// The agent asks; the approver shows who asks; the person says yes.
	req := as(au, "-c", "terraform destroy")
	var reqOut bytes.Buffer
	req.Stdout, req.Stderr = &reqOut, &reqOut
	if err := req.Start(); err != nil {
		t.Fatal(err)
	}
	scr.waitFor(t, `uid `+au.Uid+` \(`+agentName+`\)`)
	scr.waitFor(t, `Run it\?`)
	ptmx.WriteString("y")
	done := make(chan error, 1)
	go func() { done <- req.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("the agent's approved command: %v\n%s\nthe approver shows:\n%s", err, reqOut.String(), scr.String())
		}
	case <-time.After(60 * time.Second):
		t.Fatalf("the agent's request did not finish:\n%s", reqOut.String())
	}
	if b, _ := os.ReadFile(ran); !strings.Contains(string(b), "terraform destroy") {
		t.Fatalf("the approved command did not run: %q\n%s", b, reqOut.String())
	}

	// A request from another uid (the person's own guard) is refused by
	// the approver.
	if out, err := as(pu, "-c", "terraform destroy").CombinedOutput(); err == nil || !strings.Contains(string(out), "not accepted") {
		t.Errorf("the approver answered another uid: %v\n%s", err, out)
	}

	// An approver that does not run as the person (root here, in the
	// person's directory with the person's socket) is refused by guard
	// as the agent.
	approver.Process.Signal(syscall.SIGTERM)
	approver.Wait()
	sock := filepath.Join(approveDir, "approve.sock")
	os.Remove(sock)
	ln, err := net.Listen("unix", sock)
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	os.Chown(sock, puid, agid)
	os.Chmod(sock, 0o660)
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			c.Write([]byte(`{"status":"queued"}` + "\n" + `{"status":"answered","answer":"yes"}` + "\n"))
			c.Close()
		}
	}()
	os.Remove(ran)
	out, err = as(au, "-c", "terraform destroy").CombinedOutput()
	if err == nil || !strings.Contains(string(out), "runs as uid 0") {
		t.Errorf("guard as the agent took an answer from uid 0: %v\n%s", err, out)
	}
	if _, err := os.Stat(ran); err == nil {
		t.Error("the forged answer ran the command")
	}
	ln.Close()

	// The decision log belongs to the person and holds the agent's records.
	logData, _ := os.ReadFile(filepath.Join(dir, "log", "log.jsonl"))
	if !strings.Contains(string(logData), `"uid":`+au.Uid) || !strings.Contains(string(logData), `"how":"approver"`) {
		t.Errorf("the log:\n%s", logData)
	}
	if sh(au, ": > '"+filepath.Join(dir, "log", "log.jsonl")+"'") == nil {
		if b, _ := os.ReadFile(filepath.Join(dir, "log", "log.jsonl")); len(b) == 0 {
			t.Log("the filesystem has no append-only attribute: the agent could empty the log (anchors catch it)")
		}
	}

	// Undo: the agent's user (which setup made), the files, the record.
	undo := exec.Command(bin, "setup", "hardened", "--undo")
	undo.Env = env
	if out, err := undo.CombinedOutput(); err != nil {
		t.Fatalf("undo: %v\n%s", err, out)
	}
	if _, err := user.Lookup(agentName); err == nil {
		t.Error("undo left the agent's user")
	}
	for _, p := range []string{dir, filepath.Join(root, "etc", "guard", "hardened.json")} {
		if _, err := os.Lstat(p); err == nil {
			t.Errorf("undo left %s", p)
		}
	}
	kept, _ := filepath.Glob(filepath.Join(pu.HomeDir, ".local", "state", "guard", "hardened-log-*.jsonl"))
	if len(kept) != 1 {
		t.Errorf("undo kept the log as %v", kept)
	}
	if b, err := os.ReadFile(filepath.Join(root, "etc", "claude-code", "managed-settings.json")); err == nil && strings.Contains(string(b), "hook claude") {
		t.Errorf("undo left guard's hook in the managed settings:\n%s", b)
	}
}
