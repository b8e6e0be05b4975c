package passwd

import (
	"errors"
	"strconv"
	"sync"
)

// User is an account in the password database.
type User struct {
	Name string
	UID  int
	GID  int
	// Home is the home directory, as the database gives it.
	Home string
}

// ErrNotFound means the database has no such account.
var ErrNotFound = errors.New("no such account in the password database")

// An Error is a lookup that did not get an answer: the database could not
// be read, or getent failed or timed out.
type Error struct {
	Key string
	Err error
}

func (e *Error) Error() string {
	return "looking up " + e.Key + " in the password database: " + e.Err.Error()
}

func (e *Error) Unwrap() error { return e.Err }

type result struct {
	u   User
	err error
}

var (
	mu     sync.Mutex
	byUID  = map[int]result{}
	byName = map[string]result{}
)

// LookupUID returns the account with the given uid.
func LookupUID(uid int) (User, error) {
	mu.Lock()
	r, ok := byUID[uid]
	mu.Unlock()
	if ok {
		return r.u, r.err
	}
	u, err := lookup(strconv.Itoa(uid), true, func(u *User) bool { return u.UID == uid })
	if err != nil && !errors.Is(err, ErrNotFound) {
		return u, err // not kept: the next try may work
	}
	mu.Lock()
	byUID[uid] = result{u, err}
	mu.Unlock()
	return u, err
}

// Forget drops what earlier lookups found, for a process that has just
// changed the database (guard setup creating an account).
func Forget() {
	mu.Lock()
	clear(byUID)
	clear(byName)
	mu.Unlock()
}

// LookupName returns the account with the given name.
func LookupName(name string) (User, error) {
	mu.Lock()
	r, ok := byName[name]
	mu.Unlock()
	if ok {
		return r.u, r.err
	}
	var u User
	err := ErrNotFound
	if validName(name) {
		u, err = lookup(name, false, func(u *User) bool { return u.Name == name })
		if err != nil && !errors.Is(err, ErrNotFound) {
			return u, err
		}
	}
	mu.Lock()
	byName[name] = result{u, err}
	mu.Unlock()
	return u, err
}

// validName reports whether name can be an account name worth asking the
// database about: not empty, not an option, and free of the separators
// and control characters of the file format.
func validName(name string) bool {
	if name == "" || len(name) > 256 || name[0] == '-' || name[0] == '+' {
		return false
	}
	for i := 0; i < len(name); i++ {
		if c := name[i]; c < ' ' || c == ':' || c == '/' || c == 0x7f {
			return false
		}
	}
	return true
}

// parseLine parses one line of the passwd format:
// name:password:uid:gid:gecos:home:shell.
func parseLine(line string) (User, bool) {
	var f [7]string
	n := 0
	for n < 6 {
		i := indexByte(line, ':')
		if i < 0 {
			break
		}
		f[n], line = line[:i], line[i+1:]
		n++
	}
	if n < 6 {
		return User{}, false
	}
	f[6] = line
	if f[0] == "" || f[0][0] == '+' || f[0][0] == '-' {
		// NIS compatibility entries name no account of their own.
		return User{}, false
	}
	uid, err := strconv.Atoi(f[2])
	if err != nil || uid < 0 {
		return User{}, false
	}
	gid, err := strconv.Atoi(f[3])
	if err != nil || gid < 0 {
		return User{}, false
	}
	return User{Name: f[0], UID: uid, GID: gid, Home: f[5]}, true
}

func indexByte(s string, c byte) int {
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			return i
		}
	}
	return -1
}

// find returns the first account in data, the content of a passwd file,
// for which match is true.
func find(data string, match func(*User) bool) (User, bool) {
	for len(data) > 0 {
		line := data
		if i := indexByte(data, '\n'); i >= 0 {
			line, data = data[:i], data[i+1:]
		} else {
			data = ""
		}
		if u, ok := parseLine(line); ok && match(&u) {
			return u, true
		}
	}
	return User{}, false
}
