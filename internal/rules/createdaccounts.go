package rules

import (
	"strings"

	"github.com/guardsh/guard/internal/wordlist"
)

// Objects made and deleted in one command by a pair of programs:
// useradd -m tmpuser && ... && userdel -r tmpuser deletes only the
// account the command made, since useradd fails on a name that is taken,
// and createdb "ci_$CI_JOB_ID" && ... && dropdb "ci_$CI_JOB_ID" drops only
// the database createdb made. The creating and the deleting programs
// differ, so they are paired here for created.go.

// accountDeleters returns, for a program that creates an account, a
// group, a database or a cluster, the programs that delete what it
// made, or "".
func accountDeleters(name string) string {
	switch name {
	case "useradd", "adduser":
		return "userdel deluser"
	case "groupadd", "addgroup":
		return "groupdel delgroup"
	case "createdb":
		// PostgreSQL's client programs.
		return "dropdb"
	case "createuser":
		return "dropuser"
	case "pg_createcluster":
		return "pg_dropcluster"
	case "lxc-create":
		return "lxc-destroy"
	}
	return ""
}

// accountCreator reports whether name creates an account or a group, or
// another object a paired program deletes (accountDeleters).
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
