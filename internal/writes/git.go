package writes

import (
	"path"
	"strings"

	"github.com/guardsh/guard/internal/parse"
)

// git writes a clone's directory, a worktree, the files given to checkout
// and restore, and a --work-tree when it checks out there.
func git(c *collector, inv *parse.Invocation, a *args) {
	c.done = true
	words := inv.Args[1:]
	var workTree parse.Word
	hasWorkTree := false
	if w, ok := inv.Env("GIT_WORK_TREE"); ok {
		workTree, hasWorkTree = w, true
	}
	i := 0
	for ; i < len(words); i++ {
		v := words[i].Value
		switch {
		case v == "-C" || v == "-c" || v == "--git-dir" || v == "--namespace" || v == "--exec-path" || v == "--config-env":
			i++
		case v == "--work-tree":
			if i+1 < len(words) {
				workTree, hasWorkTree = words[i+1], true
			}
			i++
		case strings.HasPrefix(v, "--work-tree="):
			workTree, hasWorkTree = parse.Word{Value: strings.TrimPrefix(v, "--work-tree="), Dynamic: words[i].Dynamic}, true
		case strings.HasPrefix(v, "-"):
		default:
			goto sub
		}
	}
	return
sub:
	cmd := words[i].Value
	switch cmd {
	case "clone", "worktree", "checkout", "restore", "checkout-index", "config", "archive", "bundle", "format-patch",
		"diff", "log", "show", "apply", "init":
	case "switch", "reset", "stash", "merge", "pull", "rebase", "cherry-pick", "revert", "am", "read-tree":
		if !hasWorkTree {
			return
		}
	default:
		return
	}
	rest := words[i+1:]
	ga := (&grammar{short: "b:B:c:o:j:u:", long: "branch= origin= depth= reference= template= config= separate-git-dir= upload-pack= filter= jobs= shallow-since= shallow-exclude= recurse-submodules output= file= source= pathspec-from-file= conflict= orphan= directory= prefix= format= remote= reason= lock= object-format= initial-branch= shared= exclude= include="}).split(rest)
	switch cmd {
	case "clone":
		ops := ga.operands
		if len(ops) == 0 {
			return
		}
		var dest parse.Word
		if len(ops) > 1 {
			dest = ops[1]
		} else {
			u := strings.TrimSuffix(strings.TrimRight(ops[0].Value, "/"), ".git")
			u = u[strings.LastIndexAny(u, "/:")+1:]
			if ga.has("--bare", "--mirror") {
				u += ".git"
			}
			dest = parse.Word{Value: u, Dynamic: ops[0].Dynamic}
		}
		c.add(Target{Path: dest, Kind: Tree, Unknown: true, What: "git clone into"})
		for _, d := range ga.values("--separate-git-dir") {
			c.add(Target{Path: d, Kind: Tree, Unknown: true, What: "git clone --separate-git-dir"})
		}
	case "worktree":
		if len(ga.operands) > 1 && ga.operands[0].Value == "add" {
			c.add(Target{Path: ga.operands[1], Kind: Tree, Unknown: true, What: "git worktree add"})
		}
	case "checkout", "restore", "checkout-index":
		if cmd == "restore" && ga.has("--staged", "-S") && !ga.has("--worktree", "-W") {
			return
		}
		paths := pathspecs(rest, cmd)
		root := word(".")
		if hasWorkTree {
			root = workTree
		}
		for _, p := range paths {
			if hasWorkTree && !path.IsAbs(p.Value) {
				p = joinWord(root, p)
			}
			// The content comes from git's objects, which the command does
			// not show.
			c.add(Target{Path: p, Kind: Tree, Unknown: true, What: "git " + cmd})
		}
		if hasWorkTree && len(paths) == 0 {
			c.add(Target{Path: root, Kind: Tree, Unknown: true, What: "git " + cmd + " into --work-tree"})
		}
	case "switch", "reset", "stash", "merge", "pull", "rebase", "cherry-pick", "revert", "am", "read-tree":
		if hasWorkTree {
			c.add(Target{Path: workTree, Kind: Tree, Unknown: true, What: "git " + cmd + " into --work-tree"})
		}
	case "config":
		for _, f := range ga.values("--file", "-f") {
			c.add(Target{Path: f, Kind: Write, What: "git config --file"})
		}
	case "archive", "bundle", "format-patch", "diff", "log", "show":
		for _, f := range ga.values("--output", "-o") {
			k := Write
			if cmd == "format-patch" {
				k = Tree
			}
			c.add(Target{Path: f, Kind: k, What: "git " + cmd + " output"})
		}
		if cmd == "bundle" && len(ga.operands) > 1 && ga.operands[0].Value == "create" {
			c.add(Target{Path: ga.operands[1], Kind: Write, What: "git bundle"})
		}
	case "apply":
		if ga.has("--check", "--stat", "--numstat", "--summary", "--cached") && !ga.has("--index") {
			return
		}
		dir, hasDir := ga.last("--directory")
		if inv.Stdin.Kind == parse.Known && len(ga.operands) == 0 {
			for _, f := range DiffFiles(inv.Stdin.Text, 1) {
				w := word(f)
				if hasDir {
					w = joinWord(dir, w)
				}
				c.add(Target{Path: w, Kind: Write, What: "git apply"})
			}
		} else if hasDir {
			// The patch file names what is written, under --directory.
			c.add(Target{Path: dir, Kind: Tree, Unknown: true, What: "git apply --directory"})
		}
	case "init":
		// git init DIR makes DIR/.git, or with --bare puts the repository
		// (its hooks directory included) in DIR itself.
		dir := word(".")
		if len(ga.operands) > 0 {
			dir = ga.operands[0]
		}
		if ga.has("--bare") {
			c.add(Target{Path: dir, Kind: Tree, What: "git init --bare"})
		} else {
			c.add(Target{Path: joinWord(dir, word(".git")), Kind: Tree, What: "git init"})
		}
		for _, d := range ga.values("--separate-git-dir") {
			c.add(Target{Path: d, Kind: Tree, What: "git init --separate-git-dir"})
		}
	}
}

// pathspecs returns the paths git checkout and restore are given: those
// after --, or for restore every operand, or for checkout the operands
// after the first when there are several.
func pathspecs(words []parse.Word, cmd string) []parse.Word {
	for i, w := range words {
		if w.Value == "--" {
			return words[i+1:]
		}
	}
	var ops []parse.Word
	skip := false
	for _, w := range words {
		if skip {
			skip = false
			continue
		}
		if strings.HasPrefix(w.Value, "-") {
			switch w.Value {
			case "-b", "-B", "--orphan", "-s", "--source", "--conflict", "--pathspec-from-file":
				skip = true
			}
			continue
		}
		ops = append(ops, w)
	}
	switch cmd {
	case "restore", "checkout-index":
		return ops
	}
	if len(ops) > 1 {
		return ops[1:]
	}
	return nil
}
