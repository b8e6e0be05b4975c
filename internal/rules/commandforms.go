package rules

import (
	"errors"
	"path"
	"strings"

	"github.com/guardsh/guard/internal/parse"
)

// A command form is one program's subcommand and the words that make it
// destroy, written as data in a rule's with table:
//
//	"qm stop"                          the operands start with stop
//	"vboxmanage controlvm ? poweroff"  ? is any one operand (a name)
//	"ipmitool chassis power off|cycle" | separates the words a place accepts
//	"racadm storage resetconfig*"      * is a glob (path.Match), so that
//	"pvesh create /nodes/*/*/*/status/stop"  a segment of an API path is one
//	"govc vm.power -off|-reset"        a word with a dash is an option the
//	                                   command must hold anywhere
//	"cmdlet set-vmhost -state=maintenance"  with this value, attached
//	                                   (=, :) or the next word
//
// Words compare without case, except one-letter options (vmkfstools -U is
// not -u). An option given a false value (-TurnOff:$false, -off=false)
// does not count.
type commandForm struct {
	program string
	places  [][]string // the operands, in order, from the first
	options [][]string // options, each place one of its spellings
	text    string
}

// newForms builds the forms matcher: the command matches one of the
// forms in `forms`.
func newForms(with map[string]any) (matchFunc, error) {
	p := newParams(with)
	list := p.strings("forms")
	if err := p.done(); err != nil {
		return nil, err
	}
	if len(list) == 0 {
		return nil, errors.New("forms: forms must list at least one command form")
	}
	forms := make([]commandForm, 0, len(list))
	for _, s := range list {
		words := strings.Fields(s)
		if len(words) < 2 {
			return nil, errors.New("forms: a form is a program and at least one word: " + s)
		}
		f := commandForm{program: strings.ToLower(words[0]), text: s}
		for _, w := range words[1:] {
			alts := strings.Split(w, "|")
			for i, a := range alts {
				if !shortOption(a) {
					alts[i] = strings.ToLower(a)
				}
			}
			if strings.HasPrefix(w, "-") {
				f.options = append(f.options, alts)
			} else {
				f.places = append(f.places, alts)
			}
		}
		forms = append(forms, f)
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		name := strings.ToLower(v.name)
		for i := range forms {
			f := &forms[i]
			if f.program == name && f.matches(inv, v) {
				return "the command is " + f.text, true
			}
		}
		return "", false
	}, nil
}

// shortOption reports whether a word is a one-letter option (-U).
func shortOption(s string) bool {
	return len(s) == 2 && s[0] == '-' && s[1] != '-'
}

// matches reports whether the view's operands and options fit the form.
func (f *commandForm) matches(inv *parse.Invocation, v *view) bool {
	if len(v.operands) < len(f.places) {
		return false
	}
	for i, alts := range f.places {
		w := v.operands[i]
		if len(alts) == 1 && alts[0] == "?" {
			continue // any operand, a password only known at run time too
		}
		if w.Dynamic || !formWord(alts, strings.ToLower(w.Value)) {
			return false
		}
	}
	for _, alts := range f.options {
		found := false
		for i := range inv.Args {
			if formOption(alts, inv.Args, i) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// formWord reports whether an operand is one of a place's words.
func formWord(alts []string, w string) bool {
	for _, a := range alts {
		if a == "?" || a == w {
			return true
		}
		if strings.ContainsAny(a, "*[") {
			if ok, _ := path.Match(a, w); ok {
				return true
			}
		}
	}
	return false
}

// formOption reports whether argument i is an option that is one of a
// place's spellings, with a value that does not turn it off, or with the
// value the spelling names (-state=maintenance).
func formOption(alts []string, args []parse.Word, i int) bool {
	a := args[i]
	if a.Dynamic || !strings.HasPrefix(a.Value, "-") || i == 0 {
		return false
	}
	name, val, has := strings.Cut(a.Value, "=")
	if !has {
		name, val, has = strings.Cut(a.Value, ":") // PowerShell's -Kill:$true
	}
	for _, alt := range alts {
		want, wantVal, valued := strings.Cut(alt, "=")
		if shortOption(want) && name != want || !shortOption(want) && !strings.EqualFold(name, want) {
			continue
		}
		if !valued {
			if !has {
				return true
			}
			switch strings.ToLower(strings.TrimPrefix(val, "$")) {
			case "false", "0", "no", "off":
				continue
			}
			return true
		}
		got := val
		if !has {
			if i+1 >= len(args) || args[i+1].Dynamic {
				continue
			}
			got = args[i+1].Value
		}
		if strings.EqualFold(strings.Trim(got, "'\""), wantVal) {
			return true
		}
	}
	return false
}
