package writes

import (
	"strings"

	"github.com/guardsh/guard/internal/parse"
)

// interpreterLang returns the language of an interpreter by its program
// name: python3.12 is python, nodejs is node.
func interpreterLang(name string) string {
	base := name
	if n := len(name); n > 0 && name[n-1] >= '0' && name[n-1] <= '9' {
		base = strings.TrimRight(name, "0123456789.")
	}
	switch base {
	case "python", "pypy", "python-dbg":
		return "python"
	case "node", "nodejs", "bun", "deno":
		return "node"
	case "ruby", "jruby":
		return "ruby"
	case "perl":
		return "perl"
	case "php":
		return "php"
	case "awk", "gawk", "mawk", "nawk":
		return "awk"
	}
	return ""
}

// langFlags are a language's short options whose value is code and those
// whose value is something else, and its long options whose value is code.
type langFlags struct {
	code, value string
	long        []string
}

// codeFlags returns lang's options. It is a switch, not a map, so that no
// table is built when guard starts.
func codeFlags(lang string) langFlags {
	switch lang {
	case "python":
		return langFlags{code: "c", value: "mWXQ"}
	case "node":
		return langFlags{code: "ep", value: "rC", long: nodeCodeLong}
	case "ruby":
		return langFlags{code: "e", value: "rIECFx"}
	case "perl":
		return langFlags{code: "eE", value: "MmIdDxC"}
	case "php":
		return langFlags{code: "r", value: "cdfz"}
	case "awk":
		return langFlags{code: "", value: "Fvf", long: awkCodeLong}
	}
	return langFlags{}
}

var (
	nodeCodeLong = []string{"--eval", "--print"}
	awkCodeLong  = []string{"--source"}
)

// inline is interpreter code as an invocation carries it.
type inline struct {
	Lang, Text string
	// Files are the operands after the code: the files perl -i and awk -i
	// inplace edit in place.
	Files []parse.Word
	// InPlace reports perl -i, ruby -i or awk -i inplace.
	InPlace bool
}

// codeOf returns the code an interpreter invocation runs, when the command
// line or a known stdin gives it.
func codeOf(inv *parse.Invocation) (inline, bool) {
	lang := interpreterLang(inv.Name)
	if lang == "" || len(inv.Args) == 0 {
		return inline{}, false
	}
	fl := codeFlags(lang)
	out := inline{Lang: lang}
	var code []string
	words := inv.Args[1:]
	script := false
	i := 0
loop:
	for ; i < len(words); i++ {
		v := words[i].Value
		switch {
		case v == "--":
			i++
			break loop
		case v == "-":
			script = true
			i++
			break loop
		case strings.HasPrefix(v, "--"):
			name, val, eq := strings.Cut(v, "=")
			isCode := false
			for _, l := range fl.long {
				if l == name {
					isCode = true
				}
			}
			if lang == "awk" && (name == "--file" || name == "--include") {
				script = true
			}
			if isCode {
				if !eq && i+1 < len(words) {
					i++
					val = words[i].Value
				}
				code = append(code, val)
				if lang == "python" {
					i++
					break loop
				}
			} else if lang == "awk" && !eq && (name == "--assign" || name == "--field-separator" || name == "--file" || name == "--include" || name == "--load") {
				i++
			}
		case len(v) > 1 && v[0] == '-':
			for j := 1; j < len(v); j++ {
				ch := v[j]
				if ch == 'i' && (lang == "perl" || lang == "ruby") {
					out.InPlace = true
					// The rest is the backup suffix.
					break
				}
				if lang == "awk" && ch == 'i' {
					val := v[j+1:]
					if val == "" && i+1 < len(words) {
						i++
						val = words[i].Value
					}
					if val == "inplace" || val == "inplace.awk" {
						out.InPlace = true
					}
					break
				}
				if lang == "awk" && ch == 'f' {
					script = true
				}
				if strings.IndexByte(fl.code, ch) >= 0 {
					val := v[j+1:]
					if val == "" && i+1 < len(words) {
						i++
						val = words[i].Value
					}
					code = append(code, val)
					if lang == "python" {
						i++
						break loop
					}
					break
				}
				if strings.IndexByte(fl.value, ch) >= 0 {
					if j+1 == len(v) {
						i++
					}
					break
				}
			}
		default:
			if len(code) == 0 && !script {
				if lang == "awk" {
					code = append(code, v)
					i++
				}
				// Otherwise a script file: its code is not on the line.
				script = lang != "awk"
			}
			break loop
		}
	}
	if i < len(words) {
		out.Files = words[i:]
	}
	switch {
	case len(code) > 0:
		out.Text = strings.Join(code, "\n")
	case inv.Stdin.Kind == parse.Known && (!script || len(words) > 0 && words[0].Value == "-" || script && i > 0 && words[i-1].Value == "-"):
		out.Text = inv.Stdin.Text
		out.Files = nil
	default:
		if !out.InPlace {
			return inline{}, false
		}
	}
	return out, true
}

// interpreter models python, node, ruby, perl, php and awk: the file calls
// of their code, and the files perl -i and awk -i inplace edit. The code
// is the invocation's Code, which the parser finds (-c and -e, heredocs,
// known pipes, a script the command wrote), or else what the command line
// gives.
func interpreter(c *collector, inv *parse.Invocation, a *args) {
	c.done = true
	if pythonModuleExtract(c, inv) {
		return
	}
	code, ok := codeOf(inv)
	lang, text := code.Lang, code.Text
	if inv.Code != nil {
		lang, text = inv.Code.Lang, inv.Code.Text
	} else if !ok {
		return
	}
	for _, t := range FromCode(lang, text) {
		c.add(t)
	}
	if code.InPlace {
		for _, f := range code.Files {
			c.add(Target{Path: f, Kind: Write, What: inv.Name + " -i"})
		}
	}
}

// pythonModuleExtract covers python -m zipfile -e ARCHIVE DIR and python
// -m tarfile -e ARCHIVE [DIR], which unpack as unzip and tar -x do.
func pythonModuleExtract(c *collector, inv *parse.Invocation) bool {
	if interpreterLang(inv.Name) != "python" {
		return false
	}
	args := inv.Args[1:]
	for i := 0; i+1 < len(args); i++ {
		v := args[i].Value
		if !strings.HasPrefix(v, "-") {
			return false
		}
		module := ""
		switch {
		case v == "-m":
			module = args[i+1].Value
			i++
		case strings.HasPrefix(v, "-m"):
			module = v[2:]
		default:
			continue
		}
		if module != "zipfile" && module != "tarfile" {
			return false
		}
		rest := args[i+1:]
		for k, w := range rest {
			if w.Value != "-e" && w.Value != "--extract" || k+1 >= len(rest) {
				continue
			}
			root := word(".")
			if k+2 < len(rest) {
				root = rest[k+2]
			}
			format := "tar"
			if module == "zipfile" {
				format = "zip"
			}
			ar := &Archive{File: rest[k+1], Format: format, Roots: []parse.Word{root}, What: "python -m " + module + " -e"}
			c.add(Target{Path: root, Kind: Tree, Unknown: true, What: ar.What + " into", Archive: ar})
			return true
		}
		return true
	}
	return false
}
