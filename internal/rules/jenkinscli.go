package rules

import (
	"path"
	"strings"

	"github.com/guardsh/guard/internal/parse"
	"github.com/guardsh/guard/internal/wordlist"
)

// The Jenkins CLI carries code to the same script console as /scriptText:
// jenkins-cli groovy = reads a Groovy script on stdin (groovy FILE names
// one on the client), and groovysh reads a session's statements on stdin,
// both run on the controller with its rights. The code is judged as the
// HTTP console's is (httpscript.go): a call whose name destroys
// (it.delete(), deleteBuilds(), doDelete()) or a string run as a command
// ("rm -rf x".execute()); code guard cannot read is a finding too, since
// the console can do anything.

// jenkinsCLIValueFlags are the Jenkins CLI's own options that take a
// value, before its subcommand.
const jenkinsCLIValueFlags = "-s -auth -i -user -logger -bearer -p"

// newJenkinsScript matches a Jenkins CLI run (jenkins-cli, or java -jar
// jenkins-cli.jar) of groovy or groovysh whose code destroys or cannot
// be read.
func newJenkinsScript(with map[string]any) (matchFunc, error) {
	if err := newParams(with).done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		args := jenkinsCLIArgs(inv, v.name)
		if args == nil {
			return "", false
		}
		sub, script := "", ""
		for i := 0; i < len(args); i++ {
			a := args[i]
			if a.Dynamic {
				if sub == "" {
					return "", false
				}
				continue
			}
			if sub == "" {
				if strings.HasPrefix(a.Value, "-") {
					if wordlist.Has(jenkinsCLIValueFlags, a.Value) {
						i++
					}
					continue
				}
				sub = a.Value
				if sub != "groovy" && sub != "groovysh" {
					return "", false
				}
				continue
			}
			if sub == "groovy" && script == "" && !strings.HasPrefix(a.Value, "-") {
				script = a.Value
				break
			}
		}
		if sub == "" {
			return "", false
		}
		text, known := "", false
		switch {
		case sub == "groovy" && script != "" && script != "=":
			text, known = clientFile(inv, script)
			if !known {
				return "the Jenkins CLI runs the Groovy script " + parse.Quote(script) + " on the controller, and guard cannot read it", true
			}
		case inv.Stdin.Kind == parse.Known:
			text, known = inv.Stdin.Text, true
		case inv.Stdin.File() != "":
			text, known = clientFile(inv, inv.Stdin.File())
		case inv.Stdin.Kind == parse.Inherited:
			// Whatever the person at the terminal types.
			return "", false
		}
		if !known {
			return "the Jenkins CLI runs Groovy code from stdin on the controller, and guard cannot read it", true
		}
		if why := groovyDestroys(text); why != "" {
			return "the Jenkins CLI's " + sub + " runs " + why + " on the controller", true
		}
		return "", false
	}, nil
}

// newJenkinsCommand matches a Jenkins CLI run (jenkins-cli, or java -jar
// jenkins-cli.jar) whose subcommand, the first word after the CLI's own
// options, is one of with.commands: restart and shutdown, which stop the
// controller at once and abort every running build, where safe-restart
// waits for them.
func newJenkinsCommand(with map[string]any) (matchFunc, error) {
	p := newParams(with)
	commands := p.strings("commands")
	if err := p.done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		args := jenkinsCLIArgs(inv, v.name)
		for i := 0; i < len(args); i++ {
			a := args[i]
			if a.Dynamic {
				return "", false
			}
			if strings.HasPrefix(a.Value, "-") {
				if wordlist.Has(jenkinsCLIValueFlags, a.Value) {
					i++
				}
				continue
			}
			for _, c := range commands {
				if a.Value == c {
					return "the Jenkins CLI runs " + c + " on the controller", true
				}
			}
			return "", false
		}
		return "", false
	}, nil
}

// jenkinsCLIArgs returns the arguments after the Jenkins CLI's program:
// after jenkins-cli itself, or after -jar jenkins-cli.jar for java; nil
// for another program.
func jenkinsCLIArgs(inv *parse.Invocation, name string) []parse.Word {
	args := inv.Own()
	switch name {
	case "jenkins-cli", "jenkins":
		return args[1:]
	case "java":
	default:
		return nil
	}
	for i := 1; i+1 < len(args); i++ {
		if args[i].Value != "-jar" || args[i+1].Dynamic {
			continue
		}
		base := path.Base(args[i+1].Value)
		if strings.HasPrefix(base, "jenkins-cli") && strings.HasSuffix(base, ".jar") {
			return args[i+2:]
		}
		return nil
	}
	return nil
}
