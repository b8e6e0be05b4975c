package passwd

import (
	"errors"
	"os/user"
	"strconv"
)

// lookup asks the system's directory services through os/user, which on
// macOS calls the C library without cgo.
func lookup(key string, byUID bool, match func(*User) bool) (User, error) {
	var u *user.User
	var err error
	if byUID {
		u, err = user.LookupId(key)
	} else {
		u, err = user.Lookup(key)
	}
	if err != nil {
		var unknownID user.UnknownUserIdError
		var unknown user.UnknownUserError
		if errors.As(err, &unknownID) || errors.As(err, &unknown) {
			return User{}, ErrNotFound
		}
		return User{}, &Error{key, err}
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	r := User{Name: u.Username, UID: uid, GID: gid, Home: u.HomeDir}
	if !match(&r) {
		return User{}, ErrNotFound
	}
	return r, nil
}
