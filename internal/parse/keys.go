package parse

import "strings"

// Keystrokes typed into another terminal: tmux send-keys and screen's
// stuff command type text into a pane or window, where its shell runs each
// line that ends in Enter. The text is judged as shell code; text typed
// without an Enter is judged too, as a later command can press it.

// tmuxSendKeys returns the text that tmux send-keys types, from the
// arguments after the command name. Key names that end a line (Enter,
// C-m, C-j, KPEnter) become newlines, Space a space, and C-c or C-u start
// the line again. A key name guard does not model, such as Up or Tab,
// makes the text unknown, as does a dynamic word.
func tmuxSendKeys(args []Word) Word {
	literal, hex := false, false
	for len(args) > 0 && strings.HasPrefix(args[0].Value, "-") && len(args[0].Value) > 1 {
		o := args[0].Value
		args = args[1:]
		if o == "--" {
			break
		}
		if strings.ContainsAny(o, "XM") {
			// -X runs a copy-mode command, -M passes a mouse event.
			return Word{}
		}
		if strings.Contains(o, "l") {
			literal = true
		}
		if strings.Contains(o, "H") {
			// -H: each key is given as a hexadecimal character code.
			hex = true
		}
		if last := o[len(o)-1]; (last == 't' || last == 'N' || last == 'c') && len(args) > 0 {
			// -t target, -N count, -c client take the next word.
			args = args[1:]
		}
	}
	var b strings.Builder
	dynamic := false
	for _, a := range args {
		if a.Dynamic {
			dynamic = true
		}
		if literal {
			b.WriteString(a.Value)
			continue
		}
		switch a.Value {
		case "Enter", "C-m", "C-M", "C-j", "C-J", "KPEnter", "^M", "^J":
			b.WriteByte('\n')
		case "Space":
			b.WriteByte(' ')
		case "C-c", "C-u", "C-C", "C-U":
			b.WriteByte('\n')
		case "Tab", "Up", "Down", "Left", "Right", "Escape", "BSpace", "Home", "End", "C-r", "C-p", "C-n":
			// Completion, history and editing: what runs is not in the text.
			dynamic = true
		default:
			b.WriteString(a.Value)
		}
	}
	return Word{Value: b.String(), Dynamic: dynamic || hex}
}

// screenStuff returns the text that screen's stuff command types, with
// screen's escapes for Enter (^M, ^J, \n, \r and their octal forms) read
// as newlines.
func screenStuff(text Word) Word {
	r := strings.NewReplacer("^M", "\n", "^J", "\n", `\n`, "\n", `\r`, "\n", `\015`, "\n", `\012`, "\n", "\r", "\n")
	return Word{Value: r.Replace(text.Value), Dynamic: text.Dynamic}
}
