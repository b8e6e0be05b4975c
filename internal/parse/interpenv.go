package parse

import "strings"

// The environment an interpreter's program reads: DATA=/srv/data python3
// -c 'shutil.rmtree(os.environ["DATA"])' deletes /srv/data. A variable set
// before the interpreter, or exported earlier in the command, is read as
// its value; one guard does not know stays a part only known at run time.
// The home directory keeps its own spellings (homeExprs).

// envSpellings are how each language reads a variable: the text before
// the name, and whether the name is quoted and the read is a call whose
// parenthesis opens the text.
type envSpelling struct {
	prefix string
	quoted bool
}

func envSpellings(lang string) []envSpelling {
	switch lang {
	case "python":
		return []envSpelling{{"os.environ[", true}, {"os.environ.get(", true}, {"os.getenv(", true}, {"environ[", true}}
	case "node":
		return []envSpelling{{"process.env[", true}, {"process.env.", false}, {"Deno.env.get(", true}, {"Bun.env.", false}}
	case "ruby":
		return []envSpelling{{"ENV[", true}, {"ENV.fetch(", true}}
	case "perl":
		return []envSpelling{{"$ENV{", false}, {"$ENV{", true}}
	case "php":
		return []envSpelling{{"getenv(", true}, {"$_ENV[", true}, {"$_SERVER[", true}}
	}
	return nil
}

// envTerm reads a variable of the environment at code[i], when the
// command sets it.
func (s *codeScan) envTerm(i int) (strExpr, int, bool) {
	env := s.top().env
	if len(env) == 0 {
		return nil, i, false
	}
	c := s.code
	if i > 0 && (isWordChar(c[i-1]) || c[i-1] == '.') {
		return nil, i, false
	}
	for _, sp := range envSpellings(s.lang) {
		if !strings.HasPrefix(c[i:], sp.prefix) {
			continue
		}
		j := i + len(sp.prefix)
		var q byte
		if sp.quoted {
			if j >= len(c) || c[j] != '"' && c[j] != '\'' {
				continue
			}
			q = c[j]
			j++
		}
		k := j
		for k < len(c) && isWordChar(c[k]) {
			k++
		}
		if k == j {
			continue
		}
		name := c[j:k]
		if sp.quoted {
			if k >= len(c) || c[k] != q {
				continue
			}
			k++
		}
		end := k
		switch last := sp.prefix[len(sp.prefix)-1]; last {
		case '[':
			if end >= len(c) || c[end] != ']' {
				continue
			}
			end++
		case '{':
			if end >= len(c) || c[end] != '}' {
				continue
			}
			end++
		case '(':
			end = matching(c, j-1-btoi(sp.quoted), '(', ')') + 1
			if end <= k || end > len(c) {
				continue
			}
		}
		v, ok := envValue(env, name)
		if !ok {
			return nil, i, false
		}
		if v.Dynamic || v.Glob {
			return strExpr{{text: name}}, end, true
		}
		return strExpr{{text: v.Value, known: true}}, end, true
	}
	return nil, i, false
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// envValue returns the last value the command gives a variable.
func envValue(env []Assign, name string) (Word, bool) {
	for k := len(env) - 1; k >= 0; k-- {
		if env[k].Name == name {
			return env[k].Value, true
		}
	}
	return Word{}, false
}
