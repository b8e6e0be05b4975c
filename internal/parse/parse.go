package parse

import (
	"fmt"
	"path"
	"slices"
	"sort"
	"strings"
	"sync"

	"mvdan.cc/sh/v3/syntax"
)

// Limits that keep analysis bounded whatever the input.
const (
	// DefaultMaxSize is the largest command text analysed, in bytes.
	DefaultMaxSize = 1 << 20
	// DefaultMaxDepth is how deep code carried as text is parsed again.
	DefaultMaxDepth = 8
	// maxInvocations caps the invocations one command may produce, so that
	// loops, brace expansion and functions cannot blow up.
	maxInvocations = 4096
	// maxLoopItems is how many items of a for loop are analysed one by one.
	maxLoopItems = 8
	// maxTextLen caps the Text recorded for one invocation.
	maxTextLen = 4096
	// maxSteps caps the statements and word parts one analysis visits.
	maxSteps = 1 << 18
	// maxOutDepth is how many nested command substitutions deep the
	// output of one is worked out.
	maxOutDepth = 4
)

// Options says where the command runs.
type Options struct {
	// Dir is the working directory; empty means unknown.
	Dir string
	// Home is the user's home directory, used for ~ and $HOME.
	Home string
	// Params are the positional parameters $0, $1, ... of the shell that
	// runs the text, when they are known.
	Params []string
	// ReadFile reads a script file a command runs; nil reads it from disk
	// with ReadScript. Tests give their own.
	ReadFile func(path string) (string, error)
	// MaxSize and MaxDepth default to DefaultMaxSize and DefaultMaxDepth.
	MaxSize  int
	MaxDepth int
}

// walker holds the state of one analysis as it walks a syntax tree.
type walker struct {
	// runtime are the parts of the interpreter code being read that the
	// shell fills in at run time, inside its string literals; see
	// runtimeInLiterals.
	runtime []string
	opts    *Options
	out     *[]*Invocation
	src     string
	depth   int
	via     []string
	base    *Pos // the position of the outermost carrier, for nested code
	dir     string
	// start is the directory the shell started in: opts.Dir, or where a
	// remote shell starts; see Invocation.Start.
	start  string
	remote string
	vars   map[string]value
	params []value
	// paramsOpen reports that further positional parameters exist and are
	// not known, as when xargs appends its input.
	paramsOpen bool
	paramsSet  bool
	funcs      map[string]funcDef
	funcsDone  map[string]bool
	// shell holds the aliases, hashed commands, namerefs and integer
	// variables of the shell; nil when there are none.
	bash *shellState
	// funcsActive holds the functions being walked, so that a function
	// that calls itself is not walked again.
	funcsActive map[string]bool
	redirs      []Redirect // redirections of enclosing compound commands
	full        *bool      // set when the invocation budget is spent
	// calls counts the function bodies walked, shared by every walker of
	// one analysis, so that functions calling each other cannot blow up.
	calls *int
	// steps counts the work done, shared too; see step.
	steps *int
	// outDepth counts the command substitutions whose output is being
	// worked out around the current one.
	outDepth int
	// lines finds positions the parser cannot hold, in src.
	lines *lineIndex
	// dry is set while words are expanded again to compute output, so
	// that nothing is recorded twice.
	dry bool
	// files holds what the command itself wrote to files, when that is
	// known, by absolute path: echo 'rm -rf ~' > x.sh && bash x.sh runs
	// known code. Shared by every walker of one analysis.
	files *map[string]string
	// added holds the known text the command appended to files whose
	// content is not known, by absolute path, shared too; made when
	// first needed.
	added *map[string]string
	// disk holds the script files read from disk, shared too.
	disk *diskState
	// procs holds the process substitutions <(...) met in words, by their
	// source text, whose output a script operand may read: python3
	// <(echo CODE).
	procs map[string]*syntax.ProcSubst
	// sourcing is set while a sourced file is walked: the functions it
	// defines are walked where they are called.
	sourcing bool
}

// funcDef is a shell function: its body, and the text it was parsed from,
// which its positions refer to.
type funcDef struct {
	body *syntax.Stmt
	src  string
	// sourced reports that a file run by source defined it.
	sourced bool
}

// value is a shell variable as far as it is known.
type value struct {
	s     string
	known bool
	// glob reports that the value stands for the files a pattern matches,
	// as a positional parameter given an unquoted * or find's {} does.
	glob bool
	// arr holds an array's elements; nil for a scalar.
	arr *[]value
	// exported reports that the variable is in the environment of the
	// programs the shell starts (export, declare -x).
	exported bool
	// src is the text an unknown value stands for, shown where the
	// variable is used instead of its name: a loop variable over
	// /scratch/$USER/run_* is that pattern, as written, not just "$d".
	src string
}

// Command returns every invocation the command text would run.
func Command(text string, opts Options) []*Invocation {
	w := newWalker(opts.withDefaults())
	if w.opts.Params != nil {
		for _, p := range w.opts.Params {
			w.params = append(w.params, value{s: p, known: true})
		}
		w.paramsSet = true
	}
	w.code(text, nil)
	return *w.out
}

// Args returns every invocation an already split argument list would run,
// as guard exec sees it: no shell parsing, but wrappers such as sudo and
// env, and code they carry, are still looked through.
func Args(argv []string, opts Options) []*Invocation {
	w := newWalker(opts.withDefaults())
	words := make([]Word, len(argv))
	for i, a := range argv {
		words[i] = Word{Value: a}
	}
	text := quoteArgv(argv)
	w.src = text
	w.invoke(call{args: words, text: text, pos: Pos{Offset: 0, Line: 1, Col: 1}})
	return *w.out
}

// shared is the state every walker of one analysis shares, allocated
// once, with the first walker.
type shared struct {
	full         bool
	calls, steps int
	disk         diskState
	added        map[string]string
	files        map[string]string // made when the command first writes a known file
}

// newWalker returns the first walker of an analysis, with its options,
// its list of invocations and the shared state in one allocation.
func newWalker(opts Options) *walker {
	m := &struct {
		w    walker
		sh   shared
		opts Options
		out  []*Invocation
	}{opts: opts}
	sh := &m.sh
	m.w = walker{opts: &m.opts, out: &m.out, dir: opts.Dir, start: opts.Dir, full: &sh.full, calls: &sh.calls, steps: &sh.steps,
		files: &sh.files, added: &sh.added, disk: &sh.disk}
	return &m.w
}

func (o Options) withDefaults() Options {
	if o.MaxSize <= 0 {
		o.MaxSize = DefaultMaxSize
	}
	if o.MaxDepth <= 0 {
		o.MaxDepth = DefaultMaxDepth
	}
	if o.Dir != "" {
		o.Dir = path.Clean(o.Dir)
	}
	return o
}

// code parses text and walks it. stdin is what the code reads.
// parsers are reused: a parser is a few kilobytes of buffers, and audit
// parses hundreds of thousands of commands.
var parsers = sync.Pool{New: func() any { return syntax.NewParser(syntax.Variant(syntax.LangBash)) }}

func (w *walker) code(text string, stdin *Input) {
	if strings.TrimSpace(text) == "" {
		// eval with no words, bash -c '': nothing runs, however deep.
		return
	}
	if len(text) > w.opts.MaxSize {
		w.problem(TooLarge, truncate(text), fmt.Sprintf("the command is %d bytes, over the %d byte limit", len(text), w.opts.MaxSize), Pos{Line: 1, Col: 1})
		return
	}
	if w.depth > w.opts.MaxDepth {
		w.problem(TooDeep, truncate(text), fmt.Sprintf("code is nested more than %d levels deep", w.opts.MaxDepth), Pos{Line: 1, Col: 1})
		return
	}
	if psTopLevel(text) {
		// PowerShell code, at the top or carried (ssh winbox '...').
		w.psTop(text)
		return
	}
	f, ok := parseSimple(text)
	var err error
	if !ok {
		p := parsers.Get().(*syntax.Parser)
		f, err = p.Parse(strings.NewReader(text), "")
		parsers.Put(p) // the tree it made is the caller's; the parser holds none of it
	}
	tail := ""
	if err != nil {
		if closed, ok := closeHeredocs(text, err); ok {
			// bash reads a here-document that the input ends inside to
			// the end (with a warning), and runs its command.
			p := parsers.Get().(*syntax.Parser)
			if cf, cerr := p.Parse(strings.NewReader(closed), ""); cerr == nil {
				text, f, err = closed, cf, nil
			}
			parsers.Put(p)
		}
	}
	if err != nil {
		if prefix, ok := runsBefore(text, err); ok {
			// bash runs the complete commands before the incomplete end,
			// and nothing of that end; the end is judged as if closed
			// (closedTail).
			tail = text[len(prefix):]
			text, f, err = prefix, nil, nil
			if strings.TrimSpace(text) == "" {
				w.closedTail(tail)
				return
			}
			p := parsers.Get().(*syntax.Parser)
			f, err = p.Parse(strings.NewReader(text), "")
			parsers.Put(p)
		}
	}
	if err != nil {
		pos := Pos{Line: 1, Col: 1}
		if pe, ok := err.(syntax.ParseError); ok {
			pos = posIn(text, int(pe.Pos.Offset()), int(pe.Pos.Line()), int(pe.Pos.Col()))
		}
		w.problem(ParseError, truncate(text), "guard cannot parse this: "+err.Error(), pos)
		w.fallback(text)
		return
	}
	saved := w.src
	w.src = text
	in := Input{}
	if stdin != nil {
		in = *stdin
	}
	w.stmts(f.Stmts, in)
	// A function that is defined but never called here may still run (from
	// a trap, or exported to a child), so its body counts too.
	names := make([]string, 0, len(w.funcs))
	for name, def := range w.funcs {
		if !w.funcsDone[name] && !def.sourced {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	for _, name := range names {
		// Called from where guard cannot see: its arguments are unknown.
		w.callFunc(name, w.funcs[name], Input{}, nil)
	}
	w.src = saved
	if tail != "" {
		w.closedTail(tail)
	}
}

// fallback splits text that does not parse into words at blanks and shell
// operators and analyses each piece, so that a command that does not parse
// still shows what it seems to run. Its invocations carry the ParseError
// problem too.
func (w *walker) fallback(text string) {
	for piece := range strings.FieldsFuncSeq(text, func(r rune) bool {
		return r == ';' || r == '&' || r == '|' || r == '\n' || r == '(' || r == ')' || r == '`'
	}) {
		fields := strings.Fields(piece)
		if len(fields) == 0 {
			continue
		}
		words := make([]Word, len(fields))
		for i, f := range fields {
			words[i] = Word{Value: strings.Trim(f, `"'{}$`)}
		}
		n := len(*w.out)
		w.invoke(call{args: words, text: strings.TrimSpace(piece), pos: Pos{Line: 1, Col: 1}})
		for _, inv := range (*w.out)[n:] {
			if inv.Problem == NoProblem {
				inv.Problem = ParseError
				inv.Detail = "read from text that does not parse, split at blanks"
			}
		}
	}
}

func (w *walker) problem(p Problem, text, detail string, pos Pos) {
	if w.dry || !w.budget() {
		return
	}
	inv := &Invocation{Text: text, Problem: p, Detail: detail, Dir: w.dir, Start: w.start, Remote: w.remote, Via: w.viaCopy()}
	inv.Pos = w.position(pos)
	*w.out = append(*w.out, inv)
}

// budget reports whether another invocation may be recorded, recording a
// TooLarge problem the first time the budget runs out.
func (w *walker) budget() bool {
	if *w.full {
		return false
	}
	if len(*w.out) >= maxInvocations {
		w.exhausted(fmt.Sprintf("the command runs more than %d programs", maxInvocations))
		return false
	}
	return true
}

// exhausted stops the analysis with a TooLarge problem.
func (w *walker) exhausted(detail string) {
	if *w.full {
		return
	}
	*w.full = true
	*w.out = append(*w.out, &Invocation{Text: "", Problem: TooLarge, Pos: Pos{Line: 1, Col: 1}, Detail: detail})
}

// step counts one unit of work, and reports whether the analysis may go
// on. However the input nests, loops or calls functions, the work done
// for it is bounded, so that guard answers in time: a hook that times out
// lets the command run.
func (w *walker) step() bool {
	if *w.full {
		return false
	}
	*w.steps++
	if *w.steps > maxSteps {
		w.exhausted(fmt.Sprintf("the command is too complex to analyse in %d steps", maxSteps))
		return false
	}
	return true
}

func (w *walker) position(p Pos) Pos {
	if w.base != nil {
		return *w.base
	}
	return p
}

// maxVia caps the nesting path recorded for one invocation.
const maxVia = 64

func (w *walker) viaCopy() []string {
	if len(w.via) == 0 {
		return nil
	}
	if len(w.via) > maxVia {
		// Deep nesting: keep where it starts and what is nearest, which is
		// what messages and rules (function f, ssh prod) look at.
		out := append([]string(nil), w.via[:maxVia/2]...)
		out = append(out, "...")
		return append(out, w.via[len(w.via)-maxVia/2+1:]...)
	}
	return append([]string(nil), w.via...)
}

// synPos converts a parser position in the text being walked. The parser
// keeps lines and columns in a few bits and gives 0 past them (a column
// over 16383, say); they are counted from the offset then.
func (w *walker) synPos(p syntax.Pos) Pos {
	line, col := int(p.Line()), int(p.Col())
	if line >= 1 && col >= 1 {
		return Pos{Offset: int(p.Offset()), Line: line, Col: col}
	}
	if w.lines == nil || w.lines.src != w.src {
		w.lines = &lineIndex{src: w.src}
	}
	return w.lines.pos(int(p.Offset()))
}

// posIn returns a parser's error position in src, counting from the offset
// what the parser could not hold.
func posIn(src string, offset, line, col int) Pos {
	if line >= 1 && col >= 1 {
		return Pos{Offset: offset, Line: line, Col: col}
	}
	return (&lineIndex{src: src}).pos(offset)
}

// lineIndex finds the line and column of offsets in a text.
type lineIndex struct {
	src    string
	starts []int // offsets where lines start, found when first needed
}

func (l *lineIndex) pos(offset int) Pos {
	if offset < 0 || offset > len(l.src) {
		return Pos{Offset: max(offset, 0), Line: 1, Col: 1}
	}
	if l.starts == nil {
		l.starts = []int{0}
		for i := 0; i < len(l.src); i++ {
			if l.src[i] == '\n' {
				l.starts = append(l.starts, i+1)
			}
		}
	}
	n, _ := slices.BinarySearch(l.starts, offset+1)
	return Pos{Offset: offset, Line: n, Col: offset - l.starts[n-1] + 1}
}

// nested returns a walker for code carried as text inside the current one.
// carrier is the top-level position of the word that carries the code.
func (w *walker) nested(via string, carrier Pos) *walker {
	n := *w
	n.depth++
	n.via = append(w.viaCopy(), via)
	if w.base == nil {
		n.base = &carrier
	}
	n.vars = nil
	n.params = nil
	n.paramsSet = false
	n.paramsOpen = false
	n.funcs = nil
	n.funcsDone = nil
	n.funcsActive = nil
	n.bash = nil
	n.redirs = nil
	return &n
}

// onHost makes the walker's code run on another machine or in a container,
// named where, whose shell starts in dir (empty when not known).
func (w *walker) onHost(where, dir string) {
	w.remote, w.dir, w.start = where, dir, dir
}

func (w *walker) stmts(list []*syntax.Stmt, in Input) {
	for _, st := range list {
		w.stmt(st, in)
	}
}

func (w *walker) stmt(st *syntax.Stmt, in Input) {
	if !w.step() {
		return
	}
	if st.Background || st.Coprocess || st.Disown {
		// cmd & runs in a subshell: a cd or assignment in it does not
		// change the shell that goes on.
		w.subshell(func() { w.stmtFg(st, in) })
		return
	}
	w.stmtFg(st, in)
}

func (w *walker) stmtFg(st *syntax.Stmt, in Input) {
	in, redirs := w.redirects(st.Redirs, in)
	switch cmd := st.Cmd.(type) {
	case nil:
		// Redirections alone, such as "> file", still open their files.
		if len(redirs) > 0 {
			w.record(call{text: w.snippet(st), pos: w.synPos(st.Pos()), redirs: redirs, stdin: in})
		}
	case *syntax.CallExpr:
		w.callExpr(cmd, st, in, redirs)
		w.noteWrites(st, in, redirs)
	case *syntax.BinaryCmd:
		switch cmd.Op {
		case syntax.Pipe, syntax.PipeAll:
			w.withRedirs(redirs, func() { w.pipe(cmd, in) })
		default:
			// a && b, a || b: b may not run, so what it changes is only
			// known after the list if running it changes nothing.
			w.withRedirs(redirs, func() {
				for _, f := range w.andOr(cmd, in) {
					w.merge(f)
				}
			})
		}
	case *syntax.Subshell:
		w.subshell(func() { w.withRedirs(redirs, func() { w.stmts(cmd.Stmts, in) }) })
	case *syntax.Block:
		w.withRedirs(redirs, func() { w.stmts(cmd.Stmts, in) })
	case *syntax.IfClause:
		w.withRedirs(redirs, func() { w.ifClause(cmd, in) })
	case *syntax.WhileClause:
		w.withRedirs(redirs, func() {
			w.stmts(cmd.Cond, in)
			// The body may run no times, or many.
			skipped := w.snapshot()
			w.stmts(cmd.Do, in)
			w.merge(skipped)
		})
	case *syntax.ForClause:
		w.withRedirs(redirs, func() { w.forClause(cmd, in) })
	case *syntax.CaseClause:
		w.withRedirs(redirs, func() {
			w.expandOne(cmd.Word)
			for _, item := range cmd.Items {
				for _, p := range item.Patterns {
					w.expandOne(p)
				}
			}
			// At most one item runs, or none.
			start := w.snapshot()
			ends := []state{start}
			for _, item := range cmd.Items {
				w.restore(start)
				w.stmts(item.Stmts, in)
				ends = append(ends, w.snapshot())
			}
			w.restore(start)
			for _, e := range ends[1:] {
				w.merge(e)
			}
		})
	case *syntax.FuncDecl:
		if w.funcs == nil {
			w.funcs = map[string]funcDef{}
			w.funcsDone = map[string]bool{}
		}
		var names []string
		if cmd.Name != nil {
			names = append(names, cmd.Name.Value)
		}
		for _, n := range cmd.Names {
			names = append(names, n.Value)
		}
		for _, n := range names {
			w.funcs[n] = funcDef{body: cmd.Body, src: w.src, sourced: w.sourcing}
			// A new body has not been looked at yet.
			w.funcsDone[n] = false
		}
	case *syntax.ArithmCmd:
		w.nodeSubsts(cmd.X)
		w.arithNode(cmd.X)
		w.arithmAssigns(cmd.X)
	case *syntax.TestClause:
		w.nodeSubsts(cmd.X)
		w.testArith(cmd.X)
	case *syntax.LetClause:
		for _, x := range cmd.Exprs {
			w.nodeSubsts(x)
			w.arithNode(x)
			w.arithmAssigns(x)
		}
	case *syntax.DeclClause:
		w.declClause(cmd, st, in, redirs)
	case *syntax.TimeClause:
		if cmd.Stmt != nil {
			w.withRedirs(redirs, func() { w.stmt(cmd.Stmt, in) })
		}
	case *syntax.CoprocClause:
		w.via = append(w.via, "coproc")
		w.subshell(func() { w.withRedirs(redirs, func() { w.stmt(cmd.Stmt, in) }) })
		w.via = w.via[:len(w.via)-1]
	case *syntax.TestDecl:
		w.stmt(cmd.Body, in)
	default:
		w.problem(ParseError, w.snippet(st), fmt.Sprintf("guard does not know the shell construct %T", cmd), w.synPos(st.Pos()))
	}
}

// nodeSubsts walks the command and process substitutions anywhere inside
// node, such as in arithmetic or [[ ]] tests.
func (w *walker) nodeSubsts(node syntax.Node) {
	if node == nil {
		return
	}
	syntax.Walk(node, func(n syntax.Node) bool {
		switch n := n.(type) {
		case *syntax.CmdSubst:
			w.cmdSubst(n.Stmts, "$(...)")
			return false
		case *syntax.ProcSubst:
			w.cmdSubst(n.Stmts, n.Op.String()+"...)")
			return false
		}
		return true
	})
}

func (w *walker) cmdSubst(stmts []*syntax.Stmt, via string) {
	if w.dry {
		// Expanding again to compute output: the commands inside were
		// walked already, and walking them at every level of nesting
		// again would take time exponential in the depth.
		return
	}
	w.via = append(w.via, via)
	w.subshell(func() { w.stmts(stmts, Input{}) })
	w.via = w.via[:len(w.via)-1]
}

// snippet returns the source text of a statement, without its terminator.
func (w *walker) snippet(st *syntax.Stmt) string {
	start := int(st.Pos().Offset())
	end := start
	if st.Cmd != nil {
		// coproc NAME ARGS puts NAME in the command but starts the
		// statement after it.
		start = min(start, int(st.Cmd.Pos().Offset()))
		end = int(st.Cmd.End().Offset())
	}
	for _, r := range st.Redirs {
		end = max(end, int(r.End().Offset()))
	}
	if start < 0 || end > len(w.src) || start > end {
		return ""
	}
	return truncate(strings.TrimRight(w.src[start:end], " \t\n"))
}

func truncate(s string) string {
	if len(s) > maxTextLen {
		return s[:maxTextLen] + "..."
	}
	return s
}

func (w *walker) callExpr(cmd *syntax.CallExpr, st *syntax.Stmt, in Input, redirs []Redirect) {
	var assigns []Assign
	var srcs []*syntax.Assign
	for _, a := range cmd.Assigns {
		if a.Name == nil {
			continue
		}
		srcs = append(srcs, a)
		var v Word
		if a.Value != nil {
			v = w.expandOne(a.Value)
		} else if a.Array != nil {
			for _, el := range a.Array.Elems {
				if el.Value != nil {
					w.expandOne(el.Value)
				}
			}
			v = Word{Value: "(...)", Dynamic: true}
		}
		if a.Index != nil {
			w.nodeSubsts(a.Index)
		}
		if a.Append {
			// x+=y appends to x's value, when that is known.
			if old, ok := w.variable(a.Name.Value); ok && !v.Dynamic && a.Index == nil {
				v.Value = old + v.Value
			} else {
				v.Dynamic = true
			}
		}
		assigns = append(assigns, Assign{Name: a.Name.Value, Value: v})
	}
	args := w.expandWords(cmd.Args)
	if len(assigns) > 0 && !w.dry {
		// Variables whose value a program runs: GIT_SSH_COMMAND='...' git.
		ac := call{text: w.snippet(st), pos: w.synPos(st.Pos())}
		for _, a := range assigns {
			w.assigned(ac, a.Name, a.Value)
		}
		w.gitConfigEnv(ac, assigns)
	}
	if len(cmd.Args) == 0 {
		for i, a := range assigns {
			src := srcs[i]
			switch {
			case src.Array != nil && src.Index == nil:
				w.assignArray(a.Name, src.Array, src.Append)
			case src.Index != nil:
				w.assignElement(a.Name, src.Index, a.Value, src.Append)
			default:
				if w.bash != nil && w.bash.integers[a.Name] {
					w.arithWords(a.Value)
				}
				w.setVar(a.Name, value{s: a.Value.Value, known: !a.Value.Dynamic})
			}
			if src.Index != nil {
				w.arithNode(src.Index)
			}
		}
		if len(redirs) > 0 {
			w.record(call{assigns: assigns, text: w.snippet(st), pos: w.synPos(st.Pos()), redirs: redirs, stdin: in})
		}
		return
	}
	if len(args) == 0 {
		// Every word expanded to nothing, such as "$empty": nothing runs.
		return
	}
	// coproc NAME ARGS starts the statement after NAME.
	pos := w.synPos(st.Pos())
	if cp := cmd.Pos(); cp.IsValid() && cp.Offset() < st.Pos().Offset() {
		pos = w.synPos(cp)
	}
	w.invoke(call{args: args, assigns: w.inherited(assigns), redirs: redirs, stdin: in, text: w.snippet(st), pos: pos})
}

// noteWrites remembers what a simple command writes to files with > or
// >>, when its output is known, so that a script the command writes and
// then runs is analysed. Output to a file that is not known makes the
// file's content unknown again.
func (w *walker) noteWrites(st *syntax.Stmt, in Input, redirs []Redirect) {
	if w.dry || len(*w.files) > 64 {
		return
	}
	for _, rd := range redirs {
		if !rd.Writes() || rd.Target.Dynamic || rd.Target.Value == "" || strings.HasPrefix(rd.Target.Value, "/dev/") {
			continue
		}
		abs, ok := w.resolve(rd.Target.Value)
		if !ok {
			continue
		}
		out, known, _ := w.stdoutOf(st, in, 0)
		if cronFile(abs) != "" {
			text := out
			if !known {
				text = w.printed(st, 0)
			}
			w.cronWrite(call{text: w.snippet(st), pos: w.synPos(st.Pos())}, abs, text)
		}
		if !known {
			delete(*w.files, abs)
			if rd.Truncates() && w.added != nil {
				delete(*w.added, abs)
			}
			continue
		}
		if *w.files == nil {
			*w.files = map[string]string{}
		}
		if rd.Truncates() {
			(*w.files)[abs] = out
			if w.added != nil {
				delete(*w.added, abs)
			}
		} else if old, ok := (*w.files)[abs]; ok {
			(*w.files)[abs] = old + out
		} else if w.added != nil && len(*w.added) < 64 {
			// Lines added to a file whose content is not known:
			// crontab -l > f; echo JOB >> f; crontab f.
			if *w.added == nil {
				*w.added = map[string]string{}
			}
			(*w.added)[abs] += out
		}
	}
}

// writtenScript returns what the command wrote to the file named by a
// word, if it did.
func (w *walker) writtenScript(file Word) (string, bool) {
	if file.Dynamic || len(*w.files) == 0 {
		return "", false
	}
	abs, ok := w.resolve(file.Value)
	if !ok {
		return "", false
	}
	text, ok := (*w.files)[abs]
	return text, ok
}
