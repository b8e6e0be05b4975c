package rules

import (
	"path"
	"strings"

	"github.com/guardsh/guard/internal/parse"
)

// This file reads in-place editors whose script deletes every line, so
// that the edit only empties its files: sed -i '1,$d' f, sed -n -i '' f,
// perl -i -ne 'print if 0' f.

// inPlaceEmpties returns the files an in-place edit empties, and how it
// does so, or nil when the edit keeps some of their content.
func inPlaceEmpties(inv *parse.Invocation) ([]parse.Word, string) {
	switch path.Base(inv.Name) {
	case "sed", "gsed":
		return sedEmpties(inv)
	case "perl":
		return perlEmpties(inv)
	}
	return nil, ""
}

// squeeze drops the blanks and the trailing semicolons of a script.
func squeeze(s string) string {
	s = strings.Join(strings.Fields(s), "")
	return strings.TrimRight(s, ";")
}

// sedEmpties reads sed -i with a script that deletes every line (d,
// 1,$d), or prints none (-n with an empty script).
func sedEmpties(inv *parse.Invocation) ([]parse.Word, string) {
	args := inv.Args[1:]
	inPlace, quiet, given := false, false, false
	var scripts, files []parse.Word
	for i := 0; i < len(args); i++ {
		f := args[i].Value
		switch {
		case f == "--in-place" || strings.HasPrefix(f, "--in-place="):
			inPlace = true
		case f == "-n" || f == "--quiet" || f == "--silent":
			quiet = true
		case f == "-e" || f == "--expression":
			if i+1 < len(args) {
				i++
				scripts, given = append(scripts, args[i]), true
			}
		case strings.HasPrefix(f, "--expression="):
			scripts, given = append(scripts, parse.Word{Value: f[len("--expression="):], Dynamic: args[i].Dynamic}), true
		case f == "-f" || f == "--file" || strings.HasPrefix(f, "--file="):
			return nil, "" // a script in a file: not read here
		case f == "-l" || f == "--line-length":
			i++
		case strings.HasPrefix(f, "--"):
		case len(f) > 1 && f[0] == '-':
		cluster:
			for j := 1; j < len(f); j++ {
				switch f[j] {
				case 'i':
					inPlace = true
					break cluster // the rest is a backup suffix
				case 'n':
					quiet = true
				case 'e':
					if rest := f[j+1:]; rest != "" {
						scripts = append(scripts, parse.Word{Value: rest})
					} else if i+1 < len(args) {
						i++
						scripts = append(scripts, args[i])
					}
					given = true
					break cluster
				case 'f':
					return nil, ""
				}
			}
		case !given:
			scripts, given = append(scripts, args[i]), true
		default:
			files = append(files, args[i])
		}
	}
	if !inPlace || len(files) == 0 || len(scripts) == 0 {
		return nil, ""
	}
	for _, s := range scripts {
		if s.Dynamic {
			return nil, ""
		}
		switch squeeze(s.Value) {
		case "d", "1,$d", "0,$d", ",$d":
		default:
			if !(quiet && squeeze(s.Value) == "") {
				return nil, ""
			}
		}
	}
	return files, "sed -i deletes every line of"
}

// perlEmpties reads perl -i -n with code that prints nothing, or -p with
// code that blanks every line.
func perlEmpties(inv *parse.Invocation) ([]parse.Word, string) {
	args := inv.Args[1:]
	inPlace, loop, printing := false, false, false
	var code []string
	var files []parse.Word
	for i := 0; i < len(args); i++ {
		f := args[i].Value
		if len(code) > 0 && !strings.HasPrefix(f, "-") {
			files = append(files, args[i])
			continue
		}
		if len(f) < 2 || f[0] != '-' || strings.HasPrefix(f, "--") {
			if f == "--" {
				continue
			}
			return nil, "" // a script file
		}
	cluster:
		for j := 1; j < len(f); j++ {
			switch f[j] {
			case 'i':
				inPlace = true
				break cluster
			case 'n':
				loop = true
			case 'p':
				loop, printing = true, true
			case 'e', 'E':
				if rest := f[j+1:]; rest != "" {
					code = append(code, rest)
				} else if i+1 < len(args) {
					i++
					if args[i].Dynamic {
						return nil, ""
					}
					code = append(code, args[i].Value)
				}
				break cluster
			case 'M', 'm', 'I', 'x', 'C', 'd', 'D', '0':
				break cluster
			}
		}
	}
	if !inPlace || !loop || len(code) == 0 || len(files) == 0 {
		return nil, ""
	}
	body := squeeze(strings.Join(code, ";"))
	if printing {
		switch body {
		case `$_=""`, `$_=''`, `$_=undef`, `undef$_`, `$_=q()`, `$_=q{}`:
			return files, "perl -i -p blanks every line of"
		}
		return nil, ""
	}
	switch body {
	case "", "0", "1", "printif0", "printunless1", "next", "printif0==1":
		return files, "perl -i -n prints no line of"
	}
	if printsOnlyBlank(body) {
		return files, "perl -i -n prints only the blank lines of"
	}
	for _, w := range []string{"print", "say", "write", "printf", "syswrite", "$_", "open", "system", "exec", "`"} {
		if strings.Contains(body, w) {
			return nil, ""
		}
	}
	return files, "perl -i -n prints no line of"
}

// printsOnlyBlank reports whether a squeezed perl -n body prints only the
// lines with no text, which empties a file of its content: print unless
// /./ (a pattern every line with text matches), print if /^\s*$/.
func printsOnlyBlank(body string) bool {
	for _, p := range []string{"printunless", "printif!", "printifnot"} {
		if re, ok := strings.CutPrefix(body, p); ok {
			switch strings.TrimPrefix(re, "$_=~") {
			case "/./", "/.+/", "/.*/", "/^/", "/$/", "/^.*/", "/^.*$/", "/\\S/", "/\\S|\\s/", "/[^\\n]/", "m/./", "m{.}":
				return true
			}
		}
	}
	if re, ok := strings.CutPrefix(body, "printif"); ok {
		switch strings.TrimPrefix(re, "$_=~") {
		case "/^$/", "/^\\s*$/", "/^\\s+$/", "/^\\n$/", "/^\\s*\\n?$/":
			return true
		}
	}
	return false
}
