package parse

import "strings"

// Where values only known at run time come from. A rule that judges a
// credential by its source (a token dug out of .env by the same command is
// worse than one the environment holds) needs more than the word $TOKEN:
// it needs what the command set TOKEN to, and which files it loaded
// variables from.

// loadedKey holds, among the variables, what loaded variables from files
// guard cannot read (source .env), one a line. No shell variable can have
// this name, and keeping it with the variables scopes it as they are: a
// source inside ( ... ) is forgotten after it.
const loadedKey = "\x00loaded"

// noteLoaded remembers that text, such as source .env, set variables to
// values guard cannot know.
func (w *walker) noteLoaded(text string) {
	if w.dry {
		return
	}
	old := w.vars[loadedKey].s
	if len(old) > 4096 {
		return
	}
	if old != "" {
		old += "\n"
	}
	w.setVar(loadedKey, value{s: old + truncate(text)})
}

// origins fills in the invocation's Origins and Loaded from the variables
// its dynamic words use.
func (w *walker) origins(inv *Invocation) {
	if len(w.vars) == 0 {
		return
	}
	unset := false
	for _, a := range inv.Args {
		if a.Dynamic {
			unset = w.addOrigins(inv, a.Value, 0) || unset
		}
	}
	for _, a := range inv.Assigns {
		if a.Value.Dynamic {
			unset = w.addOrigins(inv, a.Value.Value, 0) || unset
		}
	}
	if l := w.vars[loadedKey].s; unset && l != "" {
		inv.Loaded = strings.Split(l, "\n")
	}
}

// addOrigins records what the command set the variables used in text to,
// following variables set from other variables a few levels deep. It
// reports whether text uses a variable the command did not set.
func (w *walker) addOrigins(inv *Invocation, text string, depth int) bool {
	unset := false
	for i := 0; i < len(text); i++ {
		if text[i] != '$' || i+1 >= len(text) {
			continue
		}
		j := i + 1
		if text[j] == '{' {
			j++
		}
		k := j
		for k < len(text) && (text[k] == '_' || isAlnumByte(text[k])) {
			k++
		}
		if k == j || text[j] >= '0' && text[j] <= '9' {
			continue
		}
		name := text[j:k]
		i = k - 1
		v, ok := w.vars[name]
		if !ok {
			switch name {
			case "HOME", "PWD", "IFS":
			default:
				unset = true
			}
			continue
		}
		if v.known || v.s == "" {
			continue
		}
		if _, seen := inv.Origins[name]; seen {
			continue
		}
		if inv.Origins == nil {
			inv.Origins = map[string]string{}
		}
		inv.Origins[name] = v.s
		if depth < 4 {
			unset = w.addOrigins(inv, v.s, depth+1) || unset
		}
	}
	return unset
}

func isAlnumByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// loadsDotenv reports whether word is a command substitution that only
// prints a dotenv file's lines, such as $(cat .env | xargs) or
// $(grep -v '^#' .env.local | xargs -d '\n'): its words are the file's
// assignments. The substitution's own command is analysed where it runs.
func loadsDotenv(word Word) bool {
	if !word.Dynamic {
		return false
	}
	text, ok := strings.CutPrefix(word.Value, "$(")
	if ok {
		text, ok = strings.CutSuffix(text, ")")
	} else if text, ok = strings.CutPrefix(word.Value, "`"); ok {
		text, ok = strings.CutSuffix(text, "`")
	}
	if !ok || strings.ContainsAny(text, "$`;&<>(){}") {
		return false
	}
	file := false
	for seg := range strings.SplitSeq(text, "|") {
		f := strings.Fields(seg)
		if len(f) == 0 {
			return false
		}
		switch f[0] {
		case "cat", "grep", "egrep", "sed", "tr", "cut", "sort":
			for _, a := range f[1:] {
				file = file || isDotenvName(strings.Trim(a, `'"`))
			}
		case "xargs":
			// xargs with no command echoes its input as one line.
			for i := 1; i < len(f); i++ {
				switch {
				case f[i] == "-d" || f[i] == "-E":
					i++
				case !strings.HasPrefix(f[i], "-"):
					return false
				}
			}
		default:
			return false
		}
	}
	return file
}

// isDotenvName reports whether name is a dotenv file's: .env, .env.local,
// config/.env.test, prod.env.
func isDotenvName(name string) bool {
	if i := strings.LastIndexByte(name, '/'); i >= 0 {
		name = name[i+1:]
	}
	return name == ".env" || strings.HasPrefix(name, ".env.") || len(name) > 4 && strings.HasSuffix(name, ".env")
}
