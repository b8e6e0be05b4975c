package parse

import "strings"

// Code is program text an interpreter runs, when guard knows it: the
// argument of python -c or perl -e, a heredoc or a known pipe into an
// interpreter, or a script file guard read.
type Code struct {
	// Lang names the language: python, node, ruby, perl, php, lua, r,
	// julia, osascript, awk, tcl, jvm (groovy, jshell, scala).
	Lang string `json:"lang"`
	// Text is the program text.
	Text string `json:"text"`
	// From says where the text comes from, for messages: "-c", "-e",
	// "heredoc", "pipe from echo", "file x.py".
	From string `json:"from"`
	// argv are the program's arguments as the language lays them out
	// (sys.argv, process.argv, ARGV), for the code that reads them; nil
	// when they are not known.
	argv []Word
	// env are the variables the command sets for the program.
	env []Assign
	// calls are the calls in Text, read by Calls when first needed.
	calls     []CodeCall
	callsRead bool
}

// interpreter describes how a language's interpreter takes its program.
type interpreter struct {
	lang string
	// code are the short options whose value is program text: c for
	// python, e for perl.
	code string
	// value are the short options that take a value, attached or in the
	// next word; attached those whose value can only be attached (perl
	// -i.bak), and digits those that take attached digits (perl -l, -0).
	value, attached, digits string
	// longCode are the long options whose value is program text, and
	// longValue those that take some other value.
	longCode, longValue []string
	// module are the options after which a module runs, not a file:
	// python -m.
	module string
	// operand reports that the program is the first operand, as awk's
	// is, unless a file option names it: fileOpt are the short options and
	// longFile the long ones whose value is the program file.
	operand  bool
	fileOpt  string
	longFile []string
	// separate reports that option values are never attached: node -pe
	// CODE is -p -e CODE.
	separate bool
	// wordValue are the options written as words after one dash that
	// take a value: tclsh -encoding NAME.
	wordValue []string
	// noStdin reports that, given nothing to run, the interpreter does not
	// read its program from stdin (it starts a prompt, or errs).
	noStdin bool
}

var (
	pythonInterp = &interpreter{lang: "python", code: "c", value: "WXQ", module: "m",
		longValue: []string{"--check-hash-based-pycs"}}
	nodeInterp = &interpreter{lang: "node", code: "ep", value: "rC", separate: true,
		longCode: []string{"--eval", "--print"}, longValue: []string{"--require", "--import", "--loader",
			"--experimental-loader", "--input-type", "--conditions", "--env-file", "--title", "--inspect-port",
			"--max-old-space-size", "--stack-size", "--redirect-warnings", "--trace-event-categories", "--unhandled-rejections"}}
	perlInterp = &interpreter{lang: "perl", code: "eE", attached: "IMmixdDCV", digits: "l0"}
	rubyInterp = &interpreter{lang: "ruby", code: "e", value: "IrCEF", attached: "ixWTK", digits: "0",
		longValue: []string{"--encoding", "--external-encoding", "--internal-encoding", "--enable", "--disable", "--dump"}}
	phpInterp = &interpreter{lang: "php", code: "rBRE", value: "dczt", fileOpt: "fF",
		longValue: []string{"--define", "--php-ini", "--zend-extension"}, longFile: []string{"--file"}}
	luaInterp   = &interpreter{lang: "lua", code: "e", value: "l"}
	juliaInterp = &interpreter{lang: "julia", code: "eE", value: "ptJLCOg", separate: true,
		longCode: []string{"--eval", "--print"}, longValue: []string{"--load", "--sysimage", "--threads", "--procs", "--machine-file", "--cpu-target"}}
	rInterp         = &interpreter{lang: "r", code: "e", noStdin: true}
	tclInterp       = &interpreter{lang: "tcl", wordValue: []string{"-encoding"}}
	expectInterp    = &interpreter{lang: "tcl", code: "c", fileOpt: "f", value: "D"}
	osascriptInterp = &interpreter{lang: "osascript", code: "e", value: "ls"}
	// irb reads its program from stdin, or a file.
	irbInterp = &interpreter{lang: "ruby", value: "Ir", longValue: []string{"--prompt", "--context-mode", "--back-trace-limit"}}
	awkInterp = &interpreter{lang: "awk", code: "e", value: "vFil", operand: true, fileOpt: "fE",
		longCode: []string{"--source"}, longValue: []string{"--assign", "--field-separator", "--include", "--load"},
		longFile: []string{"--file", "--exec"}}
	bunInterp = &interpreter{lang: "node", code: "ep", value: "r", separate: true,
		longCode: []string{"--eval", "--print"}, longValue: []string{"--require", "--preload", "--env-file", "--cwd", "--config", "--tsconfig-override"}, noStdin: true}
	// deno eval CODE and deno run FILE.
	denoEval = &interpreter{lang: "node", operand: true, longValue: []string{"--ext", "--config", "--import-map", "--location", "--seed", "--v8-flags"}}
	// pyspark: Spark's Python shell, which reads its program from stdin
	// and takes spark-submit's options.
	pysparkInterp = &interpreter{lang: "python", longValue: []string{"--master", "--deploy-mode", "--conf", "-c", "--name",
		"--jars", "--packages", "--py-files", "--files", "--archives", "--driver-memory", "--executor-memory",
		"--num-executors", "--executor-cores", "--total-executor-cores", "--queue", "--properties-file",
		"--driver-class-path", "--driver-java-options", "--repositories", "--exclude-packages", "--keytab", "--principal"}}
	denoRun = &interpreter{lang: "node", noStdin: true, longValue: []string{"--config", "--import-map", "--location", "--seed", "--v8-flags", "--env-file", "--inspect", "--watch"}}
)

// interpreterOf returns how the named program takes code, or nil if it is
// not an interpreter guard looks into. args are its arguments, without the
// program name.
func interpreterOf(name string, args []Word) *interpreter {
	switch {
	case name == "deno" && len(args) > 0 && args[0].Value == "eval":
		return denoEval
	case name == "deno" && len(args) > 0 && args[0].Value == "run":
		return denoRun
	case strings.HasPrefix(name, "python") && versionSuffix(name[len("python"):]),
		strings.HasPrefix(name, "pypy") && versionSuffix(name[len("pypy"):]):
		return pythonInterp
	case name == "pyspark":
		return pysparkInterp
	case name == "node" || name == "nodejs" || name == "tsx" || name == "ts-node":
		return nodeInterp
	case name == "bun":
		return bunInterp
	case strings.HasPrefix(name, "perl") && versionSuffix(name[len("perl"):]):
		return perlInterp
	case strings.HasPrefix(name, "ruby") && versionSuffix(name[len("ruby"):]):
		return rubyInterp
	case strings.HasPrefix(name, "php") && versionSuffix(name[len("php"):]):
		return phpInterp
	case name == "lua" || name == "luajit" || strings.HasPrefix(name, "lua5"):
		return luaInterp
	case name == "julia":
		return juliaInterp
	case name == "Rscript":
		return rInterp
	case name == "osascript":
		return osascriptInterp
	case name == "groovy" || name == "groovysh":
		return groovyInterp
	case name == "jshell":
		return jshellInterp
	case name == "scala" || name == "amm":
		return scalaInterp
	case name == "irb":
		return irbInterp
	case strings.HasPrefix(name, "tclsh") && versionSuffix(name[len("tclsh"):]),
		strings.HasPrefix(name, "wish") && versionSuffix(name[len("wish"):]), name == "jimsh":
		return tclInterp
	case name == "expect":
		return expectInterp
	case name == "awk" || name == "gawk" || name == "mawk" || name == "nawk":
		return awkInterp
	case isPowerShell(name):
		return psInterp
	case (name == "cmd.exe" || name == "cmd" || name == "CMD.EXE") && isCmdExe(name, args):
		return cmdInterp
	}
	return nil
}

// versionSuffix reports whether s is empty or a version such as 3, 3.12
// or -3.12, as in python3.12.
func versionSuffix(s string) bool {
	s = strings.TrimPrefix(s, "-")
	for i := 0; i < len(s); i++ {
		if (s[i] < '0' || s[i] > '9') && s[i] != '.' {
			return false
		}
	}
	return true
}

// interpArgs is what an interpreter's arguments say it runs.
type interpArgs struct {
	// code holds the program text given on the command line, one word
	// per option; flag is the first option that gave it.
	code []Word
	flag string
	// script is the program file, when one is named; scriptAt is its
	// index in the arguments.
	script   Word
	scriptAt int
	// module reports that a module runs (python -m), stdin that the
	// program is read from stdin.
	module, stdin bool
	// rest is the index in the arguments of the first one the program
	// itself receives.
	rest int
}

// readArgs reads an interpreter's arguments, without the program name.
// Short options may be clustered (perl -lne CODE, python -Bc CODE); the
// word after a cluster that ends in a code option is code.
func (ip *interpreter) readArgs(args []Word) interpArgs {
	var r interpArgs
	addCode := func(w Word, flag string) {
		r.code = append(r.code, w)
		if r.flag == "" {
			r.flag = flag
		}
	}
	i := 0
	for ; i < len(args); i++ {
		a := args[i]
		v := a.Value
		if v == "--" {
			i++
			break
		}
		if v == "-" {
			r.stdin = len(r.code) == 0 && !ip.operand
			r.rest = i + 1
			return r
		}
		if len(v) < 2 || v[0] != '-' || a.Dynamic {
			break
		}
		if contains(ip.wordValue, v) {
			i++
			continue
		}
		if strings.HasPrefix(v, "--") {
			name, val, eq := strings.Cut(v, "=")
			switch {
			case contains(ip.longCode, name):
				if !eq && i+1 < len(args) {
					i++
					addCode(args[i], name)
				} else if eq {
					addCode(Word{Value: val, Dynamic: a.Dynamic}, name)
				}
			case contains(ip.longFile, name):
				if !eq && i+1 < len(args) {
					i++
					r.script, r.scriptAt = args[i], i
				} else if eq {
					r.script, r.scriptAt = Word{Value: val, Dynamic: a.Dynamic}, i
				}
			case contains(ip.longValue, name) && !eq:
				i++
			}
			continue
		}
		// A cluster of short options.
		for j := 1; j < len(v); j++ {
			ch := v[j]
			switch {
			case strings.IndexByte(ip.code, ch) >= 0:
				flag := "-" + string(ch)
				if ip.separate && j+1 < len(v) {
					continue
				}
				if j+1 < len(v) {
					addCode(Word{Value: v[j+1:], Dynamic: a.Dynamic}, flag)
				} else if i+1 < len(args) {
					i++
					addCode(args[i], flag)
				} else {
					addCode(Word{}, flag)
				}
				j = len(v)
			case strings.IndexByte(ip.module, ch) >= 0:
				r.module = true
				return r
			case strings.IndexByte(ip.fileOpt, ch) >= 0:
				// awk -f PROG: the program is a file.
				r.script = Word{Value: v[j+1:]}
				r.scriptAt = i
				if j+1 == len(v) && i+1 < len(args) {
					i++
					r.script, r.scriptAt = args[i], i
				}
				j = len(v)
			case strings.IndexByte(ip.value, ch) >= 0:
				if j+1 == len(v) {
					i++
				}
				j = len(v)
			case strings.IndexByte(ip.attached, ch) >= 0:
				if j+2 == len(v) && strings.IndexByte(ip.code, v[j+1]) >= 0 && i+1 < len(args) {
					// perl -Ie CODE is an include directory "e" to perl, but
					// reads as code to a person: take the next word as
					// code too, which can only make guard stricter.
					addCode(args[i+1], "-"+v[len(v)-1:])
				}
				j = len(v)
			case strings.IndexByte(ip.digits, ch) >= 0:
				for j+1 < len(v) && (v[j+1] >= '0' && v[j+1] <= '9' || ip == perlInterp && ch == '0' && (v[j+1] == 'x' || isHex(v[j+1]))) {
					j++
				}
			}
		}
	}
	r.rest = i
	if r.script.Value != "" {
		r.rest = r.scriptAt + 1
	}
	if len(r.code) > 0 || r.script.Value != "" {
		return r
	}
	if i < len(args) {
		if ip.operand {
			// awk 'PROGRAM' files...
			addCode(args[i], "program")
			r.rest = i + 1
			return r
		}
		r.script, r.scriptAt, r.rest = args[i], i, i+1
		if r.script.Value == "/dev/stdin" || r.script.Value == "/proc/self/fd/0" || r.script.Value == "-" {
			r.script = Word{}
			r.stdin = true
		}
		return r
	}
	r.stdin = !ip.operand && !ip.noStdin
	return r
}

// text returns the code given on the command line as one program, and
// whether any of it is only known at run time.
func (r *interpArgs) text() (Word, bool) {
	if len(r.code) == 1 {
		return r.code[0], true
	}
	return joinLines(r.code), len(r.code) > 0
}

func joinLines(words []Word) Word {
	var b strings.Builder
	dyn := false
	for i, w := range words {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(w.Value)
		dyn = dyn || w.Dynamic
	}
	return Word{Value: b.String(), Dynamic: dyn}
}

// interpreted records an interpreter and analyses the code it runs: code
// on its command line, on its stdin, or in a script file.
func (w *walker) interpreted(c call, name string, ip *interpreter) {
	if ip == psInterp {
		w.powershell(c, name)
		return
	}
	if ip == cmdInterp {
		w.cmdExe(c)
		return
	}
	args := c.args[1:]
	if ip == denoEval || ip == denoRun {
		args = args[1:]
	}
	r := ip.readArgs(args)
	switch text, ok := r.text(); {
	case ok:
		w.recordCode(c, name, ip.lang, text, r.flag, langArgv(ip.lang, r, args))
	case r.stdin:
		w.stdinInterp(c, name, ip.lang, langArgv(ip.lang, r, args))
	case r.script.Value != "":
		at := len(c.args) - len(args) + r.scriptAt
		if rr, key, n := lookupRunner(c.args[at:]); rr != nil {
			// python manage.py shell -c CODE: the script is a runner.
			w.record(c)
			cc := c
			cc.args = c.args[at:]
			w.via = append(w.via, name)
			w.run(cc, rr, key, n)
			w.via = w.via[:len(w.via)-1]
			return
		}
		w.scriptRun(c, name, ip.lang, r.script, langArgv(ip.lang, r, args))
	default:
		w.record(c)
	}
}

// recordCode records an invocation that runs code in a language, and
// analyses the code; code only known at run time is a problem.
func (w *walker) recordCode(c call, name, lang string, text Word, from string, argv []Word) {
	var runtime []string
	if text.Dynamic {
		runtime = runtimeInLiterals(text.Value, lang)
	}
	if text.Dynamic && runtime == nil {
		c.problem = DynamicCode
		c.detail = name + " runs code that is only known at run time: " + Quote(text.Value)
		w.record(c)
		return
	}
	code := &Code{Lang: lang, Text: text.Value, From: from, argv: argv, env: c.assigns}
	c.code = code
	w.record(c)
	c.code = nil
	saved := w.runtime
	w.runtime = append(w.runtime[:len(w.runtime):len(w.runtime)], runtime...)
	w.interpreterCode(c, name, code)
	w.runtime = saved
}

// stdinInterp records an interpreter that reads its program from stdin.
func (w *walker) stdinInterp(c call, name, lang string, argv []Word) {
	w.stdinFile(&c)
	switch c.stdin.Kind {
	case Unknown:
		c.problem = UnknownInput
		c.detail = name + " runs code from a " + c.stdin.From + " that guard cannot see"
		w.record(c)
	case Known:
		w.recordCode(c, name, lang, Word{Value: c.stdin.Text}, c.stdin.From, argv)
	default:
		w.record(c)
	}
}

// scriptRun records an interpreter that runs a script file, and analyses
// the script when guard knows it.
func (w *walker) scriptRun(c call, name, lang string, script Word, argv []Word) {
	if text, ok := w.script(script, w.callDir(c)); ok {
		w.recordCode(c, name, lang, Word{Value: text}, "file "+script.Value, argv)
		return
	}
	w.record(c)
}

// shebang returns the program a script's #! line names, and its
// arguments.
func shebang(text string) (string, []string) {
	line, _, _ := strings.Cut(text, "\n")
	if !strings.HasPrefix(line, "#!") {
		return "", nil
	}
	fields := strings.Fields(strings.TrimPrefix(line, "#!"))
	if len(fields) == 0 {
		return "", nil
	}
	prog, args := programName(fields[0]), fields[1:]
	if prog == "env" {
		for len(args) > 0 && strings.HasPrefix(args[0], "-") {
			args = args[1:]
		}
		if len(args) == 0 {
			return "", nil
		}
		prog, args = programName(args[0]), args[1:]
	}
	return prog, args
}
