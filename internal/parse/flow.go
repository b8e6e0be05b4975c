package parse

import (
	"fmt"
	"slices"

	"mvdan.cc/sh/v3/syntax"
)

// withRedirs runs f with the redirections of a compound command applied to
// every invocation inside it.
func (w *walker) withRedirs(redirs []Redirect, f func()) {
	if len(redirs) == 0 {
		f()
		return
	}
	saved := w.redirs
	w.redirs = append(append([]Redirect(nil), saved...), redirs...)
	f()
	w.redirs = saved
}

// subshell runs f with the directory, variables and positional
// parameters restored afterwards.
func (w *walker) subshell(f func()) {
	s := w.snapshot()
	f()
	w.restore(s)
}

// state is what a command can change for the commands after it.
type state struct {
	dir        string
	vars       map[string]value
	params     []value
	paramsSet  bool
	paramsOpen bool
}

func (w *walker) snapshot() state {
	s := state{dir: w.dir, params: w.params, paramsSet: w.paramsSet, paramsOpen: w.paramsOpen}
	if w.vars != nil {
		s.vars = make(map[string]value, len(w.vars))
		for k, v := range w.vars {
			s.vars[k] = v
		}
	}
	return s
}

func (w *walker) restore(s state) {
	w.dir = s.dir
	w.vars = nil
	if s.vars != nil {
		// A copy, so that the same state can be restored again.
		w.vars = make(map[string]value, len(s.vars))
		for k, v := range s.vars {
			w.vars[k] = v
		}
	}
	w.params, w.paramsSet, w.paramsOpen = s.params, s.paramsSet, s.paramsOpen
}

// merge leaves the walker with what is known whichever of two paths ran:
// its own state, or other. What differs becomes unknown.
func (w *walker) merge(other state) {
	if w.dir != other.dir {
		w.dir = ""
	}
	for k, v := range w.vars {
		if o, ok := other.vars[k]; !ok || o != v {
			w.vars[k] = value{}
		}
	}
	for k := range other.vars {
		if _, ok := w.vars[k]; !ok {
			w.setVar(k, value{})
		}
	}
	if w.paramsSet != other.paramsSet || w.paramsOpen != other.paramsOpen || !slices.Equal(w.params, other.params) {
		w.params, w.paramsSet, w.paramsOpen = nil, false, false
	}
}

// andOr walks an && / || list. It leaves the walker in the state of the
// list having succeeded, and returns the states in which it may have
// failed: in cd build && make && rm -rf out, rm runs only after cd and make
// succeeded, so in build, but after the list the shell may be in either
// directory. A simple command is taken to change what it changes whether
// it succeeds or not, as guard assumes a cd works.
func (w *walker) andOr(cmd *syntax.BinaryCmd, in Input) []state {
	fails := w.andOrStmt(cmd.X, in)
	if cmd.Op == syntax.AndStmt {
		return append(fails, w.andOrStmt(cmd.Y, in)...)
	}
	// a || b: b runs where a failed.
	succeeded := w.snapshot()
	if len(fails) == 0 {
		// a cannot fail, so b never runs; it is still looked at.
		w.andOrStmt(cmd.Y, in)
		w.restore(succeeded)
		return nil
	}
	w.restore(fails[0])
	for _, f := range fails[1:] {
		w.merge(f)
	}
	fails = w.andOrStmt(cmd.Y, in)
	w.merge(succeeded)
	return fails
}

func (w *walker) andOrStmt(st *syntax.Stmt, in Input) []state {
	if b, ok := st.Cmd.(*syntax.BinaryCmd); ok && (b.Op == syntax.AndStmt || b.Op == syntax.OrStmt) &&
		!st.Negated && !st.Background && !st.Coprocess && !st.Disown && len(st.Redirs) == 0 {
		return w.andOr(b, in)
	}
	w.stmt(st, in)
	if call, ok := st.Cmd.(*syntax.CallExpr); ok && len(call.Args) == 0 && !st.Negated && !hasCmdSubst(call) {
		// Assignments alone cannot fail: X=1 && Y=2 sets both.
		return nil
	}
	return []state{w.snapshot()}
}

func hasCmdSubst(node syntax.Node) bool {
	found := false
	syntax.Walk(node, func(n syntax.Node) bool {
		switch n.(type) {
		case *syntax.CmdSubst, *syntax.ProcSubst:
			found = true
		}
		return !found
	})
	return found
}

// ifClause walks if, elif and else: the condition always runs, and then
// at most one branch.
func (w *walker) ifClause(c *syntax.IfClause, in Input) {
	if len(c.Cond) == 0 {
		// else
		w.stmts(c.Then, in)
		return
	}
	w.stmts(c.Cond, in)
	skipped := w.snapshot()
	w.stmts(c.Then, in)
	ran := w.snapshot()
	w.restore(skipped)
	if c.Else != nil {
		w.ifClause(c.Else, in)
	}
	w.merge(ran)
}

// arithmAssigns forgets the variables an arithmetic expression may assign:
// (( x = 1 )), let x++.
func (w *walker) arithmAssigns(x syntax.ArithmExpr) {
	if x == nil {
		return
	}
	syntax.Walk(x, func(n syntax.Node) bool {
		switch n := n.(type) {
		case *syntax.BinaryArithm:
			switch n.Op {
			case syntax.Assgn, syntax.AddAssgn, syntax.SubAssgn, syntax.MulAssgn, syntax.QuoAssgn,
				syntax.RemAssgn, syntax.AndAssgn, syntax.OrAssgn, syntax.XorAssgn, syntax.ShlAssgn,
				syntax.ShrAssgn, syntax.AndBoolAssgn, syntax.OrBoolAssgn, syntax.XorBoolAssgn, syntax.PowAssgn:
				w.forgetArithm(n.X)
			}
		case *syntax.UnaryArithm:
			if n.Op == syntax.Inc || n.Op == syntax.Dec {
				w.forgetArithm(n.X)
			}
		}
		return true
	})
}

func (w *walker) forgetArithm(x syntax.ArithmExpr) {
	if wd, ok := x.(*syntax.Word); ok {
		if name := wd.Lit(); name != "" {
			w.setVar(name, value{})
		}
	}
}

func (w *walker) pipe(cmd *syntax.BinaryCmd, in Input) {
	w.subshell(func() { w.stmt(cmd.X, in) })
	if *w.full {
		return
	}
	out, known, from := w.stdoutOf(cmd.X, in, 0)
	next := Input{Kind: Unknown, From: "pipe from " + from, pipeFrom: cmd.X}
	if known {
		next = Input{Kind: Known, Text: out, From: "pipe from " + from}
	} else if g, ok := w.listingOf(cmd.X, 0); ok {
		next.listed = &g
	}
	w.subshell(func() { w.stmt(cmd.Y, next) })
}

func (w *walker) forClause(cmd *syntax.ForClause, in Input) {
	switch loop := cmd.Loop.(type) {
	case *syntax.WordIter:
		name := loop.Name.Value
		var items []Word
		if loop.InPos.IsValid() {
			items = w.expandWords(loop.Items)
		} else {
			items = w.paramWords()
		}
		static := len(items) <= maxLoopItems
		for _, it := range items {
			if it.Dynamic {
				static = false
			}
		}
		if len(items) > 0 && len(items) <= maxLoopItems {
			// A glob item (*.log, or $(ls DIR)) binds the variable to
			// the files it stands for, once for all of them. An item
			// only known at run time binds it to that item's text, so
			// that the body is judged as if the item were written there;
			// such a list may also be empty, and the loop not run.
			var skipped state
			if !static {
				skipped = w.snapshot()
			}
			for _, it := range items {
				v := value{s: it.Value, known: true, glob: it.Glob}
				if it.Dynamic && loop.InPos.IsValid() {
					v = value{src: it.Value, glob: it.Glob}
				} else if it.Dynamic {
					v = value{}
				}
				w.setVar(name, v)
				w.stmts(cmd.Do, in)
			}
			if !static {
				w.merge(skipped)
			}
			return
		}
		skipped := w.snapshot()
		w.setVar(name, value{})
		w.stmts(cmd.Do, in)
		w.merge(skipped)
	case *syntax.CStyleLoop:
		w.nodeSubsts(loop.Init)
		w.arithmAssigns(loop.Init)
		w.nodeSubsts(loop.Cond)
		skipped := w.snapshot()
		w.arithmAssigns(loop.Post)
		w.stmts(cmd.Do, in)
		w.nodeSubsts(loop.Post)
		w.merge(skipped)
	}
}

// maxFuncCalls caps how many function bodies one analysis walks.
const maxFuncCalls = 256

// callFunc walks a function body as if it were called here with args, the
// call's words after the function's name; nil args means they are not
// known. The body is walked at every call, since what it does depends on
// its arguments and on the directory, but not again inside itself.
func (w *walker) callFunc(name string, def funcDef, in Input, args []Word) {
	body := def.body
	if w.funcsActive[name] {
		return
	}
	w.funcsDone[name] = true
	if *w.calls >= maxFuncCalls {
		w.problem(TooLarge, name, fmt.Sprintf("the command calls shell functions more than %d times", maxFuncCalls), w.synPos(body.Pos()))
		return
	}
	*w.calls++
	if w.funcsActive == nil {
		w.funcsActive = map[string]bool{}
	}
	w.funcsActive[name] = true
	// The function sees its own positional parameters; $0 stays.
	saved := w.snapshot()
	zero := value{}
	if len(w.params) > 0 {
		zero = w.params[0]
	}
	if args == nil {
		w.params, w.paramsSet, w.paramsOpen = nil, false, false
	} else {
		w.params = []value{zero}
		for _, a := range args {
			w.params = append(w.params, value{s: a.Value, known: !a.Dynamic, glob: a.Glob})
		}
		w.paramsSet, w.paramsOpen = true, false
	}
	w.via = append(w.via, "function "+name)
	savedSrc := w.src
	w.src = def.src
	w.stmt(body, in)
	w.src = savedSrc
	w.via = w.via[:len(w.via)-1]
	// The function shares the shell's variables and directory, but its
	// positional parameters are its own.
	w.params, w.paramsSet, w.paramsOpen = saved.params, saved.paramsSet, saved.paramsOpen
	w.funcsActive[name] = false
}
