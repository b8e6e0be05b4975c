package rules

import (
	"strings"

	"github.com/guardsh/guard/internal/wordlist"
)

// Accounts made and deleted in one command: useradd -m tmpuser && ... &&
// userdel -r tmpuser deletes only the account the command made, since
// useradd fails on a name that is taken. The creating and the deleting
// programs differ, so they are paired here for created.go.

// accountDeleters returns, for a program that creates an account or a
// group, the programs that delete what it made, or "".
func accountDeleters(name string) string {
	switch name {
	case "useradd", "adduser":
		return "userdel deluser"
	case "groupadd", "addgroup":
		return "groupdel delgroup"
	}
	return ""
}

// accountCreator reports whether name creates an account or a group.
func accountCreator(name string) bool { return accountDeleters(name) != "" }

// accountPair reports whether del deletes what create made.
func accountPair(create, del string) bool {
	dels := accountDeleters(create)
	return dels != "" && wordlist.Has(dels, del)
}

// privilegeOnly reports whether a nesting path holds only programs that
// run the command as another user on this machine (sudo useradd ... &&
// sudo userdel ...), which leave it at the top level of the command.
func privilegeOnly(via []string) bool {
	for _, v := range via {
		name, _, _ := strings.Cut(v, " ")
		switch name {
		case "sudo", "doas", "run0", "pkexec":
		default:
			return false
		}
	}
	return true
}
