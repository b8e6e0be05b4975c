//go:build !darwin

package passwd

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestParseLine(t *testing.T) {
	for _, tc := range []struct {
		line string
		want User
		ok   bool
	}{
		{"root:x:0:0:root:/root:/bin/bash", User{"root", 0, 0, "/root"}, true},
		{"ann:x:1000:100:Ann Example,,,:/home/ann:/bin/zsh", User{"ann", 1000, 100, "/home/ann"}, true},
		{"nologin:x:65534:65534::/nonexistent:", User{"nologin", 65534, 65534, "/nonexistent"}, true},
		{"odd:x:7:7:gecos:/home/odd:/bin/sh:extra", User{"odd", 7, 7, "/home/odd"}, true},
		{"short:x:1:1:g:/h", User{}, false},
		{"baduid:x:abc:1::/h:/bin/sh", User{}, false},
		{"neg:x:-1:1::/h:/bin/sh", User{}, false},
		{"+nis:x:1:1::/h:/bin/sh", User{}, false},
		{"+", User{}, false},
		{"", User{}, false},
		{"# comment", User{}, false},
	} {
		got, ok := parseLine(tc.line)
		if ok != tc.ok || (ok && got != tc.want) {
			t.Errorf("parseLine(%q) = %+v, %v; want %+v, %v", tc.line, got, ok, tc.want, tc.ok)
		}
	}
}

// setup points the package at a passwd file and a fake getent in a
// temporary directory, and empties the cache. The fake getent records its
// arguments and environment, then runs script.
func setup(t *testing.T, passwd, script string) (log string) {
	t.Helper()
	dir := t.TempDir()
	file := filepath.Join(dir, "passwd")
	if err := os.WriteFile(file, []byte(passwd), 0o644); err != nil {
		t.Fatal(err)
	}
	log = filepath.Join(dir, "getent.log")
	getent := filepath.Join(dir, "getent")
	body := "#!/bin/sh\n{ echo \"args: $*\"; echo \"env: $(/usr/bin/env | /usr/bin/tr '\\n' ' ')\"; } >> " + log + "\n" + script + "\n"
	if err := os.WriteFile(getent, []byte(body), 0o755); err != nil {
		t.Fatal(err)
	}
	oldFile, oldGetent, oldTimeout := File, Getent, Timeout
	File, Getent = file, []string{filepath.Join(dir, "missing"), getent}
	t.Cleanup(func() { File, Getent, Timeout = oldFile, oldGetent, oldTimeout; reset() })
	reset()
	return log
}

func reset() {
	mu.Lock()
	clear(byUID)
	clear(byName)
	mu.Unlock()
}

const file = `root:x:0:0:root:/root:/bin/bash
+@netgroup::::::
daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin
garbage line
ann:x:1000:1000:Ann:/home/ann:/bin/bash
ann2:x:1000:1000:second entry for uid 1000:/home/ann2:/bin/bash
`

func TestFromFile(t *testing.T) {
	log := setup(t, file, "exit 1")
	u, err := LookupUID(1000)
	if err != nil || u.Name != "ann" || u.Home != "/home/ann" {
		t.Fatalf("LookupUID(1000) = %+v, %v", u, err)
	}
	u, err = LookupName("daemon")
	if err != nil || u.UID != 1 || u.Home != "/usr/sbin" {
		t.Fatalf("LookupName(daemon) = %+v, %v", u, err)
	}
	if _, err := os.Stat(log); err == nil {
		t.Fatal("getent ran for accounts in the file")
	}
}

func TestFromGetent(t *testing.T) {
	log := setup(t, file, `case "$2" in
2000|lee) echo 'lee:*:2000:2000:Lee from LDAP:/home/lee:/bin/bash' ;;
3000) echo 'other:*:3001:3001::/home/other:/bin/sh' ;;
*) exit 2 ;;
esac`)
	u, err := LookupUID(2000)
	if err != nil || u.Name != "lee" || u.Home != "/home/lee" {
		t.Fatalf("LookupUID(2000) = %+v, %v", u, err)
	}
	u, err = LookupName("lee")
	if err != nil || u.UID != 2000 {
		t.Fatalf("LookupName(lee) = %+v, %v", u, err)
	}
	if _, err := LookupUID(4000); !errors.Is(err, ErrNotFound) {
		t.Fatalf("LookupUID(4000) = %v, want ErrNotFound", err)
	}
	// getent answering with another account is not an answer.
	if _, err := LookupUID(3000); !errors.Is(err, ErrNotFound) {
		t.Fatalf("LookupUID(3000) = %v, want ErrNotFound", err)
	}
	// A name that is a number is not a uid.
	if _, err := LookupName("2000"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("LookupName(2000) = %v, want ErrNotFound", err)
	}
	// Answers are kept: asking again runs nothing.
	before, _ := os.ReadFile(log)
	LookupUID(2000)
	LookupUID(4000)
	after, _ := os.ReadFile(log)
	if len(after) != len(before) {
		t.Fatal("getent ran again for an account already looked up")
	}
	// getent gets the key and nothing of guard's environment.
	t.Setenv("LD_PRELOAD", "/tmp/evil.so")
	LookupName("someone")
	b, _ := os.ReadFile(log)
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		if env, ok := strings.CutPrefix(line, "env: "); ok {
			for _, kv := range strings.Fields(env) {
				if k, _, _ := strings.Cut(kv, "="); k != "PWD" && k != "SHLVL" && k != "_" {
					t.Errorf("getent ran with %s in its environment", kv)
				}
			}
		}
	}
	if !strings.Contains(string(b), "args: passwd someone\n") {
		t.Errorf("getent log:\n%s", b)
	}
}

func TestBadNamesAreNotLookedUp(t *testing.T) {
	log := setup(t, file, "echo 'x:*:5:5::/x:/bin/sh'")
	for _, name := range []string{"", "-s", "--help", "+x", "a:b", "a/b", "a\nb", strings.Repeat("a", 300)} {
		if _, err := LookupName(name); !errors.Is(err, ErrNotFound) {
			t.Errorf("LookupName(%q) = %v, want ErrNotFound", name, err)
		}
	}
	if _, err := os.Stat(log); err == nil {
		t.Fatal("getent ran for a name that is not an account name")
	}
}

func TestGetentTimeout(t *testing.T) {
	setup(t, file, "exec /bin/sleep 10")
	Timeout = 100 * time.Millisecond
	start := time.Now()
	_, err := LookupUID(2000)
	var e *Error
	if !errors.As(err, &e) || errors.Is(err, ErrNotFound) {
		t.Fatalf("LookupUID = %v, want a lookup error", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Fatalf("the lookup took %v", d)
	}
	// A failure is not kept.
	Timeout = 3 * time.Second
	Getent = nil
	if _, err := LookupUID(2000); !errors.Is(err, ErrNotFound) {
		t.Fatalf("second LookupUID = %v, want ErrNotFound", err)
	}
}

func TestGetentFails(t *testing.T) {
	setup(t, file, "echo broken >&2; exit 1")
	var e *Error
	if _, err := LookupUID(2000); !errors.As(err, &e) {
		t.Fatalf("LookupUID = %v, want a lookup error", err)
	}
}

func TestNoFileNoGetent(t *testing.T) {
	setup(t, file, "exit 0")
	File = filepath.Join(t.TempDir(), "none")
	Getent = nil
	if _, err := LookupUID(0); !errors.Is(err, ErrNotFound) {
		t.Fatalf("LookupUID(0) = %v, want ErrNotFound", err)
	}
}

func TestRealDatabase(t *testing.T) {
	// The current user is in the real database, whichever source has it.
	u, err := LookupUID(os.Getuid())
	if err != nil {
		t.Skipf("the current uid has no account: %v", err)
	}
	if u.UID != os.Getuid() || !filepath.IsAbs(u.Home) {
		t.Fatalf("LookupUID(%d) = %+v", os.Getuid(), u)
	}
	v, err := LookupName(u.Name)
	if err != nil || v != u {
		t.Fatalf("LookupName(%q) = %+v, %v; want %+v", u.Name, v, err, u)
	}
}
