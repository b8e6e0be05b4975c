package rules

import (
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/guardsh/guard/internal/parse"
)

// Game engines write their build output and caches into the project
// itself, under names that mean other things elsewhere: Unity's Library,
// Temp, Obj and Logs beside Assets and ProjectSettings; Unreal's
// Intermediate, Binaries, DerivedDataCache and Saved beside a .uproject
// file. The engine rebuilds them, as npm does node_modules. Since the
// names alone prove nothing (a Library of documents, a Binaries of
// releases), the disk decides: only a directory whose parent holds the
// engine's markers counts, and only where the disk may be read.

// Workflow engines do the same with their work directories: Nextflow's
// work/ holds each task's intermediate files, beside its .nextflow cache
// and nextflow.config or main.nf, and the pipeline makes them again
// (without -resume's shortcut). The disk decides as it does for the game
// engines, or the command itself does when it removes the .nextflow
// cache in the same breath (rm -rf work .nextflow*), which is Nextflow's
// own advice for starting clean.

// unityOutput and unrealOutput are the directories each engine rebuilds.
var (
	unityOutput  = []string{"Library", "Temp", "Obj", "obj", "Logs", "UserSettings", "MemoryCaptures"}
	unrealOutput = []string{"Intermediate", "Binaries", "DerivedDataCache", "Saved"}
)

// engineOutput reports whether a path operand is a game engine's build
// output in the project the disk shows around it.
func engineOutput(w parse.Word, at place, ctx *Context) bool {
	if w.Dynamic {
		return false
	}
	work := strings.TrimSuffix(strings.TrimPrefix(w.Value, "./"), "/") == "work"
	if work && nextflowCleanup(ctx.text) {
		return true
	}
	if ctx.State == nil || ctx.stale() {
		return false
	}
	abs, ok := resolve(w.Value, at.dir)
	if !ok {
		return false
	}
	if dir := path.Dir(abs); path.Base(abs) == "work" && (isDir(path.Join(dir, ".nextflow")) || isFile(path.Join(dir, "nextflow.config")) || isFile(path.Join(dir, "main.nf"))) {
		return true
	}
	// Saved/Logs: the output directory may be the parent of what is named.
	for dir, k := abs, 0; k < 2 && dir != "/" && dir != "."; dir, k = path.Dir(dir), k+1 {
		name, parent := path.Base(dir), path.Dir(dir)
		for _, n := range unityOutput {
			if name == n && isDir(path.Join(parent, "ProjectSettings")) && isDir(path.Join(parent, "Assets")) {
				return true
			}
		}
		for _, n := range unrealOutput {
			if name == n {
				if m, _ := filepath.Glob(filepath.Join(parent, "*.uproject")); len(m) > 0 {
					return true
				}
			}
		}
	}
	return false
}

// isDir reports whether p is a directory on the disk.
func isDir(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.IsDir()
}

// isFile reports whether p is a regular file on the disk.
func isFile(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.Mode().IsRegular()
}

// nextflowCleanup reports whether a command's words remove Nextflow's
// cache directory (.nextflow, .nextflow*, ./.nextflow.log*) in the
// project's top directory.
func nextflowCleanup(text string) bool {
	for f := range strings.FieldsSeq(text) {
		f = strings.TrimPrefix(strings.Trim(f, `"';`), "./")
		if f == ".nextflow" || f == ".nextflow/" || f == ".nextflow*" {
			return true
		}
	}
	return false
}
