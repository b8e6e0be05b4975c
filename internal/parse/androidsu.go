package parse

import "strings"

// androidSu runs the command of su on an Android device the way its su
// does: Magisk's su -c joins every word after -c into the command (adb
// shell su -c dd if=... of=...), and su UID CMD... runs CMD as that user.
// It reports whether it handled the call.
func (w *walker) androidSu(c call) bool {
	if !strings.HasPrefix(w.remote, "android") {
		return false
	}
	args := c.args[1:]
	for i, a := range args {
		if a.Value == "-c" || a.Value == "--command" {
			if i+1 >= len(args) {
				return false
			}
			w.codeWord(c, joinWords(args[i+1:]), "su -c", c.stdin)
			return true
		}
	}
	for i, a := range args {
		if strings.HasPrefix(a.Value, "-") {
			continue
		}
		if i+1 < len(args) {
			w.inner(c, args[i+1:], "su "+a.Value)
			return true
		}
		return false
	}
	return false
}
