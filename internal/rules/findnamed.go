package rules

import (
	"io/fs"
	"path"
	"path/filepath"
	"strings"
	"time"

	"github.com/guardsh/guard/internal/blast"
	"github.com/guardsh/guard/internal/disk"
	"github.com/guardsh/guard/internal/parse"
	"github.com/guardsh/guard/internal/wordlist"
)

// A find that deletes by name alone (find data -name '*.parquet' -delete)
// deletes what rm of the same files would: with the disk, the files it
// matches are judged by what git holds of them, as rm's are, so that
// untracked data asks and ignored build output passes.

// findCleanups are the names of build output and editor leftovers that
// a find by name deletes every day (find . -name '*.pyc' -delete): a
// build or an editor makes them again, and the text alone judges them, as
// before state checks existed.
const findCleanups = "*.pyc *.pyo *.o *.a *.so *.class *.log *.tmp *.bak *.orig *.rej *~ *.swp *.swo .DS_Store ._* " +
	"__pycache__ .pytest_cache .mypy_cache .ruff_cache *.egg-info node_modules .cache *.test *.out " +
	"Thumbs.db .ipynb_checkpoints coverage *.gcda *.gcno *.crdownload *.part *.partial *.download " +
	"*.!qB"

// findNamed returns the files a find deleting by name alone removes:
// -name or -iname once, with at most -type, depth limits and output
// options beside it. ok is false for any other find, for a walk over the
// probe's limit, and for words only known at run time.
func findNamed(inv *parse.Invocation, p *blast.Probe) ([]string, bool) {
	var roots []string
	pattern, fold, kind, del, dirs := "", false, "", false, false
	args := inv.Args[1:]
	i := 0
	for ; i < len(args) && !strings.HasPrefix(args[i].Value, "-") && args[i].Value != "(" && args[i].Value != "!"; i++ {
		if args[i].Dynamic {
			return nil, false
		}
		roots = append(roots, resolvePath(args[i].Value, inv.Dir))
	}
	for ; i < len(args); i++ {
		a := args[i]
		if a.Dynamic {
			return nil, false
		}
		switch a.Value {
		case "-name", "-iname":
			if pattern != "" || i+1 >= len(args) || args[i+1].Dynamic {
				return nil, false
			}
			pattern, fold = args[i+1].Value, a.Value == "-iname"
			i++
		case "-type":
			if i+1 >= len(args) || args[i+1].Value != "f" && args[i+1].Value != "d" {
				return nil, false
			}
			kind = args[i+1].Value
			i++
		case "-maxdepth", "-mindepth":
			// A depth limit deletes fewer of the same files.
			i++
		case "-depth", "-xdev", "-mount", "-print", "-print0", "-noleaf", "-ignore_readdir_race":
		case "-delete":
			del = true
		case "-exec", "-execdir":
			if i+1 >= len(args) || !wordlist.Has(rmLike, path.Base(args[i+1].Value)) {
				return nil, false
			}
			del = true
			for i++; i < len(args) && args[i].Value != ";" && args[i].Value != "+"; i++ {
				if v := args[i].Value; strings.HasPrefix(v, "-") && strings.ContainsAny(v, "rR") || v == "--recursive" {
					dirs = true
				}
			}
		default:
			return nil, false
		}
	}
	if !del || pattern == "" || len(roots) == 0 || wordlist.Has(findCleanups, pattern) {
		return nil, false
	}
	return walkNamed(roots, pattern, fold, kind, dirs, p)
}

// walkNamed returns the files and directories under roots whose names
// match pattern (in any case with fold), of kind f or d if given; a
// directory that holds files only when dirs says the deletion takes
// trees. ok is false over the probe's walk limit.
func walkNamed(roots []string, pattern string, fold bool, kind string, dirs bool, p *blast.Probe) ([]string, bool) {
	if fold {
		pattern = strings.ToLower(pattern)
	}
	max, limit := p.WalkLimit.Entries, p.WalkLimit.Time
	if max <= 0 {
		max = disk.DefaultLimit.Entries
	}
	if limit <= 0 {
		limit = disk.DefaultLimit.Time
	}
	deadline := time.Now().Add(limit)
	var out []string
	seen := 0
	over := false
	for _, root := range roots {
		filepath.WalkDir(root, func(q string, e fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			if seen++; seen > max || seen%256 == 0 && time.Now().After(deadline) {
				over = true
				return filepath.SkipAll
			}
			name := e.Name()
			if fold {
				name = strings.ToLower(name)
			}
			if !disk.Match(pattern, name) {
				return nil
			}
			switch {
			case kind == "f" && e.IsDir(), kind == "d" && !e.IsDir():
				return nil
			case e.IsDir() && kind == "" && !dirs && q != root:
				// -delete and rm without -r leave a directory that holds
				// files; its files are judged where find reaches them.
				return nil
			}
			out = append(out, q)
			if e.IsDir() {
				return filepath.SkipDir
			}
			return nil
		})
	}
	if over {
		return nil, false
	}
	return out, true
}

// fromCode reports whether interpreter code made the invocation (python3
// code, node code): its ** patterns walk the tree (rglob, glob with
// recursive=True, globSync), where bash's ** is *.
func fromCode(inv *parse.Invocation) bool {
	return len(inv.Via) > 0 && strings.HasSuffix(inv.Via[len(inv.Via)-1], " code")
}

// codeWalks returns the words bash expands, leaving out the ** patterns
// that interpreter code walks (walkPaths adds what they match).
func codeWalks(words []parse.Word, inv *parse.Invocation) []parse.Word {
	if !fromCode(inv) {
		return words
	}
	out := words[:0:0]
	for _, w := range words {
		if !w.Glob || !strings.Contains(w.Value, "/**/") || w.Dynamic {
			out = append(out, w)
		}
	}
	return out
}

// walkPaths adds to paths what the ** patterns of interpreter code match:
// data/**/*.parquet is every .parquet file under data. Over the walk
// limit, the pattern stands for its whole directory.
func walkPaths(p *blast.Probe, paths []string, words []parse.Word, inv *parse.Invocation) ([]string, bool) {
	if !fromCode(inv) {
		return paths, true
	}
	for _, w := range words {
		if !w.Glob || w.Dynamic {
			continue
		}
		root, name, ok := strings.Cut(w.Value, "/**/")
		if !ok || strings.Contains(name, "/") || disk.HasMeta(root) {
			continue
		}
		root = resolvePath(root, inv.Dir)
		got, ok := walkNamed([]string{root}, name, false, "", true, p)
		if !ok {
			got = []string{root}
		}
		if len(got) == 0 {
			// Nothing matches: the pattern stays, as bash keeps it.
			got = []string{resolvePath(w.Value, inv.Dir)}
		}
		paths = append(paths, got...)
	}
	return paths, true
}
